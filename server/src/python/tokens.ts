/**
 * Token kinds, named after Python's `tokenize` module (which is our reference in the tests).
 * ENCODING is not produced: decoding happens before tokenizing (see decode.ts).
 */
export enum TokenKind {
  EndMarker = 0,
  Name = 1,
  Number = 2,
  String = 3,
  Newline = 4,
  Indent = 5,
  Dedent = 6,
  Op = 7,
  Comment = 8,
  NL = 9,
  ErrorToken = 10,
}

/** tokenize's names for the kinds, indexed by TokenKind (used by tests and debugging output). */
export const TOKEN_KIND_NAMES = [
  'ENDMARKER', 'NAME', 'NUMBER', 'STRING', 'NEWLINE', 'INDENT', 'DEDENT', 'OP', 'COMMENT', 'NL', 'ERRORTOKEN',
] as const;

/**
 * Whether tokens of this kind are part of a statement's text: NAME, NUMBER, STRING, OP and ERRORTOKEN; not
 * layout (NEWLINE, NL, INDENT, DEDENT, ENDMARKER) nor comments.
 */
export function isCodeKind(kind: TokenKind): boolean {
  switch (kind) {
    case TokenKind.Name: case TokenKind.Number: case TokenKind.String: case TokenKind.Op: case TokenKind.ErrorToken:
      return true;
    default:
      return false;
  }
}

/** A token as a plain object; the tokenizer itself hands tokens out through a cursor without allocating. */
export interface Token {
  kind: TokenKind;
  /** UTF-16 offsets into the decoded text, end exclusive. */
  start: number;
  end: number;
  /** 0-based line and UTF-16 column, like LSP positions. */
  startLine: number;
  startCol: number;
  endLine: number;
  endCol: number;
}

/** A problem the tokenizer recovered from (the file would not compile, but we keep going). */
export interface SyntaxProblem {
  line: number;
  column: number;
  message: string;
}
