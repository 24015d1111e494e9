/**
 * Python's lexical rules, as one cursor over decoded text.
 *
 * The cursor (`next()`) fills public fields instead of allocating a token object per token, because the
 * workspace scan tokenizes tens of megabytes and allocation would dominate. `tokenize()` gives plain objects
 * for callers that want them.
 *
 * Output follows Python 3.11's `tokenize` module (token kinds, boundaries, INDENT/DEDENT placement), with
 * f-strings scanned as in 3.12 (PEP 701: nested quotes of the same kind) and returned as one STRING token.
 * Positions are 0-based lines and UTF-16 columns. Lone `\r` and `\r\n` end lines, as in CPython's parser.
 *
 * Broken code never swallows the rest of the file: an unclosed bracket, or a triple-quoted string that is
 * still open at the end of the file, is closed at the next line that starts a definition (`def`, `class`,
 * `async def`; for strings also `@`) at an indentation lower than or equal to that of the line it was
 * opened on. Nothing here recurses per nesting level except f-strings inside f-strings (capped).
 */
import { SyntaxProblem, Token, TokenKind } from './tokens';

const TAB_SIZE = 8;
const MAX_FSTRING_NESTING = 32;

const CH_TAB = 9, CH_LF = 10, CH_FF = 12, CH_CR = 13, CH_SPACE = 32, CH_BANG = 33, CH_DQUOTE = 34, CH_HASH = 35,
  CH_SQUOTE = 39, CH_LPAREN = 40, CH_RPAREN = 41, CH_DOT = 46, CH_0 = 48, CH_9 = 57, CH_COLON = 58, CH_EQ = 61,
  CH_LBRACKET = 91, CH_BACKSLASH = 92, CH_RBRACKET = 93, CH_UNDERSCORE = 95, CH_LBRACE = 123,
  CH_RBRACE = 125, CH_VT = 11;

/** Character classes for ASCII, indexed by char code. */
const IDENT_START = new Uint8Array(128);
const IDENT_PART = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const isLetter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === CH_UNDERSCORE;
  IDENT_START[c] = isLetter ? 1 : 0;
  IDENT_PART[c] = isLetter || (c >= CH_0 && c <= CH_9) ? 1 : 0;
}
const NON_ASCII_ID_START = /[\p{ID_Start}]/u;
const NON_ASCII_ID_CONTINUE = /[\p{ID_Continue}\u00B7\u0387\u1369-\u1371\u19DA]/u;

/**
 * Length of the operator at pos (0 if none), longest match among Python 3.11's operators:
 * ( ) [ ] { } , ; ~ . ... : := = == ! != + += - -= -> % %= & &= | |= ^ ^= @ @= * ** *= **= / // /= //=
 * < << <= <<= > >> >= >>=
 */
function operatorLength(text: string, pos: number, c: number): number {
  const d = text.charCodeAt(pos + 1);
  switch (c) {
    case 40: case 41: case 91: case 93: case 123: case 125: case 44: case 59: case 126:
      return 1;
    case 46: // .
      return d === 46 && text.charCodeAt(pos + 2) === 46 ? 3 : 1;
    case 58: case 61: case 43: case 37: case 38: case 124: case 94: case 64: // : = + % & | ^ @
      return d === CH_EQ ? 2 : 1;
    case 33: // !
      return d === CH_EQ ? 2 : 0;
    case 45: // -
      return d === CH_EQ || d === 62 ? 2 : 1;
    case 42: case 47: case 60: case 62: // * / < >  (doubled forms ** // << >>, each with an = form)
      if (d === c) return text.charCodeAt(pos + 2) === CH_EQ ? 3 : 2;
      return d === CH_EQ ? 2 : 1;
    default:
      return 0;
  }
}

/** What skipLine needs to know of an ASCII character. */
const SKIM_CODE = 0, SKIM_BLANK = 1, SKIM_OPEN = 2, SKIM_CLOSE = 3, SKIM_LINE_BREAK = 4, SKIM_HASH = 5,
  SKIM_BACKSLASH = 6, SKIM_QUOTE = 7, SKIM_COLON = 8, SKIM_STOP = 9;
const SKIM_CLASS = new Uint8Array(128).fill(SKIM_STOP);
for (let c = 0; c < 128; c++) {
  if (IDENT_PART[c] === 1 || operatorLength(String.fromCharCode(c, 0), 0, c) > 0) SKIM_CLASS[c] = SKIM_CODE;
}
SKIM_CLASS[CH_SPACE] = SKIM_CLASS[CH_TAB] = SKIM_CLASS[CH_FF] = SKIM_CLASS[CH_VT] = SKIM_BLANK;
SKIM_CLASS[CH_LPAREN] = SKIM_CLASS[CH_LBRACKET] = SKIM_CLASS[CH_LBRACE] = SKIM_OPEN;
SKIM_CLASS[CH_RPAREN] = SKIM_CLASS[CH_RBRACKET] = SKIM_CLASS[CH_RBRACE] = SKIM_CLOSE;
SKIM_CLASS[CH_LF] = SKIM_CLASS[CH_CR] = SKIM_LINE_BREAK;
SKIM_CLASS[CH_HASH] = SKIM_HASH;
SKIM_CLASS[CH_COLON] = SKIM_COLON;
SKIM_CLASS[CH_BACKSLASH] = SKIM_BACKSLASH;
SKIM_CLASS[CH_DQUOTE] = SKIM_CLASS[CH_SQUOTE] = SKIM_QUOTE;

/** Whether text[start, end) is a string prefix: r u f b br rb fr rf, in any case. */
function isStringPrefix(text: string, start: number, end: number): boolean {
  const a = text.charCodeAt(start) | 0x20;
  if (end - start === 1) return a === 0x72 || a === 0x75 || a === 0x66 || a === 0x62;
  if (end - start !== 2) return false;
  const b = text.charCodeAt(start + 1) | 0x20;
  return (a === 0x62 && b === 0x72) || (a === 0x72 && (b === 0x62 || b === 0x66)) || (a === 0x66 && b === 0x72);
}

/** Whether the string prefix text[start, end) makes an f-string. */
function hasFPrefix(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if ((text.charCodeAt(i) | 0x20) === 0x66) return true;
  return false;
}

/** A line that starts a definition; used to recover from unclosed brackets and strings. */
const DEFINITION_LINE = /^[ \t\f]*(?:(?:async[ \t\f]+)?def|class)(?![\p{ID_Continue}])/u;
const DEFINITION_OR_DECORATOR_LINE = /^[ \t\f]*(?:(?:(?:async[ \t\f]+)?def|class)(?![\p{ID_Continue}])|@)/u;

function isIdentifierStart(code: number, text: string, pos: number): boolean {
  if (code < 128) return IDENT_START[code] === 1;
  return NON_ASCII_ID_START.test(charAt(text, pos));
}

function isIdentifierPart(code: number, text: string, pos: number): boolean {
  if (code < 128) return IDENT_PART[code] === 1;
  return NON_ASCII_ID_CONTINUE.test(charAt(text, pos));
}

/** The code point at pos as a string (a surrogate pair counts as one character). */
function charAt(text: string, pos: number): string {
  const cp = text.codePointAt(pos);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

/**
 * The character code at `pos`, or -1 at the end of the text. For reads that reach the end on every file
 * (the indentation of the empty last line): optimised code that reads past the end is thrown away and
 * compiled again, once per function per run, which a CLI run over a tree pays in full.
 */
function codeAt(text: string, pos: number): number {
  return pos < text.length ? text.charCodeAt(pos) : -1;
}

function isAsciiIdentifierPart(code: number): boolean {
  return code < 128 && IDENT_PART[code] === 1;
}

function isDigit(code: number): boolean {
  return code >= CH_0 && code <= CH_9;
}

/** Whether `word` (ASCII) is at `pos`; a plain loop, not startsWith: it runs on every line before V8 optimises. */
function asciiWordAt(text: string, pos: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) if (text.charCodeAt(pos + i) !== word.charCodeAt(i)) return false;
  return true;
}

const ORDINARY_LINE = 0;
const SLOW_LINE = -1;

/**
 * What the fast path makes of a line whose first non-blank character is at `pos` (code `c`): ORDINARY_LINE (it
 * surely starts no definition or decorator), the length of its first token when that is `def`, `class`,
 * `async` (keywords when no identifier character follows) or `@`, or SLOW_LINE for what next() must see (a
 * non-ASCII character, a backslash, a vertical tab, `@=`, a keyword followed by a non-ASCII character).
 */
function lineStartKind(text: string, pos: number, c: number): number {
  // A vertical tab is no indentation but a blank: what follows it may be a comment alone on its line.
  if (c >= 128 || c === CH_BACKSLASH || c === CH_HASH || c === CH_LF || c === CH_CR || c === CH_VT) return SLOW_LINE;
  if (c === 0x40) return text.charCodeAt(pos + 1) === CH_EQ ? SLOW_LINE : 1; // @
  const keyword = c === 0x64 ? 'def' : c === 0x63 ? 'class' : c === 0x61 ? 'async' : '';
  if (keyword === '' || !asciiWordAt(text, pos, keyword)) return ORDINARY_LINE;
  const length = keyword.length;
  const after = text.charCodeAt(pos + length);
  if (after >= 128) return SLOW_LINE; // `defé` is a name; next() decides
  return isAsciiIdentifierPart(after) ? ORDINARY_LINE : length;
}

/**
 * indexOf for a cursor that moves forward: it remembers its last answer, so asking again from any offset up
 * to that answer costs nothing. Searching afresh from each string or comment would read the rest of a long
 * line (or file) each time: quadratic.
 */
class ForwardSearch {
  private searchedFrom = Infinity;
  private found = -1;

  constructor(private readonly text: string, private readonly needle: string) {}

  /** The first occurrence at or after `pos`, or the text's length. */
  at(pos: number): number {
    if (pos < this.searchedFrom || pos > this.found) {
      const index = this.text.indexOf(this.needle, pos);
      this.searchedFrom = pos;
      this.found = index < 0 ? this.text.length : index;
    }
    return this.found;
  }
}

/** Where the skipping methods hand the comments they pass (`ownLine`: nothing but blanks before it). */
export type CommentSink = (start: number, end: number, line: number, column: number, ownLine: boolean) => void;

export interface TokenizerOptions {
  /**
   * Cut any triple-quoted string before a line that starts a definition at the string's indentation or
   * less. Only for files known to hold an unmatched triple quote: valid strings may contain such lines.
   */
  recoverStrings?: boolean;
}

export class Tokenizer {
  /** The current token: kind, UTF-16 offsets and 0-based positions. */
  kind: TokenKind = TokenKind.EndMarker;
  start = 0;
  end = 0;
  startLine = 0;
  startCol = 0;
  endLine = 0;
  endCol = 0;
  /** Problems found so far (unclosed brackets and strings, bad dedents, stray characters). */
  readonly problems: SyntaxProblem[] = [];

  private pos = 0;
  private line = 0;
  private lineStart = 0;
  private atLineStart = true;
  private continued = false;
  private parenDepth = 0;
  /** Indent column of the line where the outermost open bracket was opened (for recovery). */
  private bracketLineIndent = 0;
  private bracketLine = 0;
  private bracketColumn = 0;
  private readonly indents: number[] = [0];
  private pendingDedents = 0;
  private currentLineIndent = 0;
  /** Whether the current physical line has produced a token other than INDENT/DEDENT. */
  private lineHasContent = false;
  private finished = false;
  private reachedEnd = false;
  /** Triple-quote delimiters known to have no closing occurrence at or after the given offset. */
  private readonly unterminatedFrom = new Map<string, number>();

  /** Set by skipToCodeLine: the first non-blank character of the line it stopped at. */
  private codeLineFirst = 0;
  /** Set by measureIndent: the offset just after the indentation it measured. */
  private indentStop = 0;
  /** Set by skipLine when it consumed the line break that ends the logical line. */
  endedLine = false;
  /** Set by skipOrdinaryLines when it stopped on the first token of a definition or decorator line. */
  startedLine = false;
  /** Set by skipLine: the offset just after the last token it skipped (valid when it returned a line). */
  skippedTokenEnd = 0;
  /** Set when a triple-quoted string was still open at the end of the input. */
  sawUnterminatedString = false;

  private readonly hasCarriageReturn: boolean;
  private readonly lineFeeds: ForwardSearch;
  private readonly backslashes: ForwardSearch;

  constructor(readonly text: string, private readonly options: TokenizerOptions = {}) {
    this.hasCarriageReturn = text.indexOf('\r') >= 0;
    this.lineFeeds = new ForwardSearch(text, '\n');
    this.backslashes = new ForwardSearch(text, '\\');
    // A BOM left in the text is not part of the first line's indentation.
    if (codeAt(text, 0) === 0xfeff) this.pos = this.lineStart = 1;
  }

  /** The current token's text. */
  get value(): string {
    return this.text.slice(this.start, this.end);
  }

  /** Bracket depth after the current token. */
  get depth(): number {
    return this.parenDepth;
  }

  /** A snapshot of the current token. */
  token(): Token {
    return {
      kind: this.kind, start: this.start, end: this.end,
      startLine: this.startLine, startCol: this.startCol, endLine: this.endLine, endCol: this.endCol,
    };
  }

  /** Advances to the next token and returns its kind; ENDMARKER repeats at the end. */
  next(): TokenKind {
    if (this.pendingDedents > 0) {
      this.pendingDedents--;
      return this.emitHere(TokenKind.Dedent);
    }
    if (this.finished) return this.kind;
    const text = this.text;
    for (;;) {
      if (this.atLineStart) {
        const kind = this.startLine_();
        if (kind !== undefined) return kind;
      }
      let pos = this.pos;
      // Skip blanks between tokens.
      let c = codeAt(text, pos);
      while (c === CH_SPACE || c === CH_TAB || c === CH_FF || c === CH_VT) c = codeAt(text, ++pos);
      this.pos = pos;
      if (pos >= text.length) return this.endOfInput();
      if (c === CH_LF || c === CH_CR) return this.newlineToken();
      if (c === CH_HASH) return this.emit(TokenKind.Comment, pos, this.lineEndFrom(pos));
      if (c === CH_BACKSLASH) {
        const d = text.charCodeAt(pos + 1);
        if (d === CH_LF || d === CH_CR) {
          // Explicit line joining: no token; the next line continues this logical line.
          this.pos = pos + (d === CH_CR && text.charCodeAt(pos + 2) === CH_LF ? 3 : 2);
          this.newLine(this.pos);
          this.continued = true;
          this.atLineStart = true;
          continue;
        }
        if (pos + 1 >= text.length) {
          // A backslash at the very end of the file: CPython says "unexpected EOF"; drop it.
          this.pos = pos + 1;
          continue;
        }
        this.problem(pos, 'unexpected character after line continuation character');
        return this.emit(TokenKind.ErrorToken, pos, pos + 1);
      }
      this.lineHasContent = true;
      if (isDigit(c) || (c === CH_DOT && isDigit(text.charCodeAt(pos + 1)))) {
        return this.emit(TokenKind.Number, pos, this.scanNumber(pos));
      }
      if (c === CH_DQUOTE || c === CH_SQUOTE) return this.stringToken(pos, pos);
      if (isIdentifierStart(c, text, pos)) {
        // ASCII fast path first; the slow path handles non-ASCII identifier characters.
        let end = pos + (c >= 0xd800 && c <= 0xdbff ? 2 : 1);
        let d = text.charCodeAt(end);
        for (;;) {
          while (d < 128 && IDENT_PART[d] === 1) d = text.charCodeAt(++end);
          if (!(d >= 128) || !isIdentifierPart(d, text, end)) break;
          end += d >= 0xd800 && d <= 0xdbff ? 2 : 1;
          d = text.charCodeAt(end);
        }
        if ((d === CH_DQUOTE || d === CH_SQUOTE) && end - pos <= 2 && isStringPrefix(text, pos, end)) {
          return this.stringToken(pos, end);
        }
        return this.emit(TokenKind.Name, pos, end);
      }
      return this.operatorToken(pos, c);
    }
  }

  /**
   * Whether the line starting at `lineBegin` (its first non-blank character at `first`, indented `column`)
   * starts a definition at or left of the line that opened the current brackets: recovery point.
   */
  private definitionInsideBrackets(lineBegin: number, first: number, column: number): boolean {
    const c = this.text.charCodeAt(first);
    return column <= this.bracketLineIndent && (c === 0x64 || c === 0x63 || c === 0x61) &&
      DEFINITION_LINE.test(this.text.slice(lineBegin, lineBegin + 200));
  }

  /**
   * The indentation column of the line starting at `pos`, as CPython measures it: tabs to the next multiple
   * of 8, form feeds reset the column. Leaves the offset just after the indentation in `indentStop`.
   */
  private measureIndent(pos: number): number {
    const text = this.text;
    let column = 0;
    for (const end = text.length; pos < end; pos++) {
      const c = text.charCodeAt(pos);
      if (c === CH_SPACE) column++;
      else if (c === CH_TAB) column = (Math.floor(column / TAB_SIZE) + 1) * TAB_SIZE;
      else if (c === CH_FF) column = 0;
      else break;
    }
    this.indentStop = pos;
    return column;
  }

  /** Whether the line starting at `lineBegin`, inside brackets, is where next() recovers from them. */
  private recoversAt(lineBegin: number): boolean {
    const column = this.measureIndent(lineBegin);
    const first = this.indentStop;
    const d = this.text.charCodeAt(first);
    return d !== CH_HASH && d !== CH_LF && d !== CH_CR && first < this.text.length &&
      this.definitionInsideBrackets(lineBegin, first, column);
  }

  /**
   * Moves past the rest of the current logical line without producing tokens, for callers that only need
   * a line's first tokens (the structural parser skips most of a file this way). Brackets, strings, line
   * joins and comments are followed exactly as next() follows them; comments are passed to `onComment`.
   * It consumes the line break that ends the logical line (then `endedLine` is true and no NEWLINE token
   * follows), or stops before anything that needs next()'s slow path (the end of input, indentation after a
   * recovery, errors); the caller carries on with next(). With `stopAtColon` it also stops before a `:` at
   * bracket depth 0 (the end of a `def` / `class` header; not `:=`), for next() to read.
   * Returns the last line that held a token (for the caller's bookkeeping), or -1 if it skipped none.
   */
  skipLine(onComment: CommentSink,
    stopAtColon = false): number {
    this.endedLine = false;
    if (this.pendingDedents > 0 || this.finished || this.atLineStart) return -1;
    const text = this.text;
    const from = this.pos;
    let pos = from;
    let lastTokenLine = -1;
    let lastTokenEnd = 0;
    let tokenOnLine = true; // the caller has just read a token on this line, or is at its first one
    for (;;) {
      const c = text.charCodeAt(pos);
      // One table lookup per character: only quotes, comments, brackets, line breaks and backslashes matter.
      const k = c < 128 ? SKIM_CLASS[c] : SKIM_STOP;
      if (k === SKIM_CODE) {
        // A run of plain code (names, numbers, operators): the innermost loop, kept as small as it gets.
        let d: number;
        do d = text.charCodeAt(++pos); while (d < 128 && SKIM_CLASS[d] === SKIM_CODE);
        tokenOnLine = true;
        lastTokenLine = this.line;
        lastTokenEnd = pos;
        continue;
      }
      if (k === SKIM_BLANK) {
        let d: number;
        do d = text.charCodeAt(++pos); while (d < 128 && SKIM_CLASS[d] === SKIM_BLANK);
        continue;
      }
      if (k === SKIM_OPEN || k === SKIM_CLOSE) {
        this.trackBracket(c, pos);
        tokenOnLine = true;
        lastTokenLine = this.line;
        lastTokenEnd = ++pos;
        continue;
      }
      if (k === SKIM_COLON) {
        if (stopAtColon && this.parenDepth === 0 && text.charCodeAt(pos + 1) !== CH_EQ) break;
        tokenOnLine = true;
        lastTokenLine = this.line;
        lastTokenEnd = ++pos;
        continue;
      }
      if (k === SKIM_LINE_BREAK) {
        pos += c === CH_CR && text.charCodeAt(pos + 1) === CH_LF ? 2 : 1;
        this.newLine(pos);
        if (this.parenDepth === 0) {
          // The logical line's NEWLINE, consumed without a token: the caller asked to skip to here.
          this.atLineStart = true;
          this.endedLine = true;
          break;
        }
        tokenOnLine = false;
        if (this.recoversAt(pos)) {
          this.atLineStart = true; // next() recovers here
          break;
        }
        continue;
      }
      if (k === SKIM_HASH) {
        const end = this.lineEndFrom(pos);
        onComment(pos, end, this.line, pos - this.lineStart, !tokenOnLine);
        pos = end;
        continue;
      }
      if (k === SKIM_BACKSLASH) {
        const d = text.charCodeAt(pos + 1);
        if (d !== CH_LF && d !== CH_CR) break; // an error token: next() reports it
        pos += d === CH_CR && text.charCodeAt(pos + 2) === CH_LF ? 3 : 2;
        this.newLine(pos);
        tokenOnLine = false;
        if (this.parenDepth > 0 && this.recoversAt(pos)) {
          this.atLineStart = true; // next() recovers here, as after any line break inside brackets
          break;
        }
        continue;
      }
      if (k === SKIM_QUOTE) {
        // The identifier characters just before the quote are its prefix if they form one (`rb"`).
        let prefixStart = pos;
        while (prefixStart > from && isAsciiIdentifierPart(text.charCodeAt(prefixStart - 1))) prefixStart--;
        if (prefixStart < pos && isDigit(text.charCodeAt(prefixStart))) {
          pos = prefixStart; // a number right before a quote: broken code, next() takes it
          break;
        }
        if (!(pos - prefixStart <= 2 && isStringPrefix(text, prefixStart, pos))) prefixStart = pos;
        const triple = text.charCodeAt(pos + 1) === c && text.charCodeAt(pos + 2) === c;
        if (triple && this.options.recoverStrings) {
          pos = prefixStart; // cutting strings is next()'s job
          break;
        }
        const close = this.scanBody(pos + (triple ? 3 : 1), c, triple, hasFPrefix(text, prefixStart, pos), 0);
        if (close < 0) {
          pos = prefixStart; // unterminated: next() reports and recovers
          break;
        }
        this.advanceLinesTo(pos, close); // triple quotes and backslash-newlines span lines
        tokenOnLine = true;
        lastTokenLine = this.line;
        lastTokenEnd = pos = close;
        continue;
      }
      if (c === CH_BANG && text.charCodeAt(pos + 1) === CH_EQ) {
        tokenOnLine = true;
        lastTokenLine = this.line;
        lastTokenEnd = pos += 2;
        continue;
      }
      // SKIM_STOP: the end of input, a character that is not Python (next() reports it), or a non-ASCII
      // character, maybe inside an identifier: next() takes that identifier from its start.
      if (c >= 128) while (pos > from && isAsciiIdentifierPart(text.charCodeAt(pos - 1))) pos--;
      break;
    }
    if (lastTokenLine >= 0) this.lineHasContent = true;
    this.skippedTokenEnd = lastTokenEnd;
    this.pos = pos;
    return lastTokenLine;
  }

  /**
   * At the start of a line outside brackets, moves past blank and comment-only lines without producing their
   * COMMENT and NL tokens (the comments go to `onComment`, as own-line comments). They never change the
   * indentation, so next() carries on exactly as if it had read them.
   */
  skipBlankLines(onComment: CommentSink): void {
    if (!this.atLineStart || this.continued || this.parenDepth > 0 || this.pendingDedents > 0) return;
    this.skipToCodeLine(onComment);
  }

  /**
   * skipBlankLines' loop. Also measures the indentation of the line it stops at (tabs to multiples of 8, form
   * feeds resetting, as startLine_): returns its column and leaves its first character's offset in
   * `codeLineFirst`, so that skipOrdinaryLines need not read the indentation twice.
   */
  private skipToCodeLine(onComment: CommentSink): number {
    const text = this.text;
    const length = text.length;
    let pos = this.pos;
    for (;;) {
      const column = this.measureIndent(pos);
      let first = this.indentStop;
      let c = codeAt(text, first);
      if (c === CH_HASH) {
        const end = this.lineEndFrom(first);
        onComment(first, end, this.line, first - this.lineStart, true);
        this.kind = TokenKind.Comment; // as if next() had produced it (the end-of-input logic looks)
        this.start = first;
        this.end = end;
        c = codeAt(text, end);
        first = end;
      }
      if (c !== CH_LF && c !== CH_CR) {
        // A line with code, or the end of input: next() takes it from its start.
        if (first >= length) this.pos = first;
        this.codeLineFirst = first;
        return column;
      }
      pos = first + (c === CH_CR && text.charCodeAt(first + 1) === CH_LF ? 2 : 1);
      this.pos = pos;
      this.newLine(pos);
    }
  }

  /**
   * The structural parser's fast path. At the start of a logical line, moves past whole logical lines whose
   * first token cannot start a definition or a decorator, producing no tokens: indentation is tracked as
   * next() tracks it (each change of depth goes to `onDepth`, with the last line that held a token before
   * it), the rest of each line is skipped as skipLine skips it, comments go to `onComment`.
   * Stops on the first token of a definition or decorator line, made the current token as next() would make
   * it (`startedLine`); at the start of a line it leaves to next() (one that starts with a backslash or a
   * non-ASCII character, the end of input); or in the middle of a line that skipLine could not finish
   * (`endedLine` false). Returns the last line that held a token before it, or -1 if it skipped none.
   */
  skipOrdinaryLines(onComment: CommentSink,
    onDepth: (depth: number, lastTokenLine: number) => void): number {
    const text = this.text;
    const indents = this.indents;
    let lastTokenLine = -1;
    this.endedLine = true;
    this.startedLine = false;
    while (this.atLineStart && !this.continued && this.parenDepth === 0 && this.pendingDedents === 0 && !this.finished) {
      const column = this.skipToCodeLine(onComment);
      const pos = this.codeLineFirst;
      if (pos >= text.length) break;
      const c = text.charCodeAt(pos);
      const start = lineStartKind(text, pos, c);
      if (start === SLOW_LINE) break;
      // What startLine_ does, without INDENT / DEDENT tokens.
      this.atLineStart = false;
      this.lineHasContent = false;
      this.currentLineIndent = column;
      const depth = indents.length;
      if (column > indents[depth - 1]) indents.push(column);
      else if (column < indents[depth - 1]) this.dedentTo(column, pos);
      if (indents.length !== depth) onDepth(indents.length - 1, lastTokenLine);
      this.pos = pos;
      if (start !== ORDINARY_LINE) {
        // A definition or decorator: its first token becomes the current one, as next() would have made it.
        this.lineHasContent = true;
        this.emit(c === 0x40 ? TokenKind.Op : TokenKind.Name, pos, pos + start);
        this.endedLine = false;
        this.startedLine = true;
        break;
      }
      lastTokenLine = this.line;
      const last = this.skipLine(onComment);
      if (last > lastTokenLine) lastTokenLine = last;
      if (!this.endedLine) break;
    }
    return lastTokenLine;
  }

  /** Handles the start of a physical line: indentation, blank and comment-only lines, recovery. */
  private startLine_(): TokenKind | undefined {
    const text = this.text;
    this.atLineStart = false;
    const continuation = this.continued || this.parenDepth > 0;
    // A line joined by a backslash continues its logical line: a line break right after it ends that line
    // with a NEWLINE (as in CPython), not an NL.
    if (!continuation) this.lineHasContent = false;
    this.continued = false;
    const column = this.measureIndent(this.pos);
    let pos = this.indentStop;
    const c = codeAt(text, pos);
    const blank = pos >= text.length || c === CH_HASH || c === CH_LF || c === CH_CR;
    if (continuation) {
      if (this.parenDepth > 0 && !blank && this.definitionInsideBrackets(this.pos, pos, column)) {
        // Recovery: a definition can never appear inside brackets; close them and start afresh.
        this.problem(this.bracketLine, 'unclosed bracket', this.bracketColumn);
        this.parenDepth = 0;
        this.atLineStart = true;
        return this.emit(TokenKind.Newline, this.pos, this.pos);
      }
      return undefined;
    }
    if (blank) return undefined; // tokens of the line (COMMENT, NL) come from the main loop
    this.currentLineIndent = column;
    const indents = this.indents;
    if (column > indents[indents.length - 1]) {
      indents.push(column);
      this.pos = pos;
      return this.emit(TokenKind.Indent, this.lineStart, pos);
    }
    if (column < indents[indents.length - 1]) {
      const count = this.dedentTo(column, pos);
      this.pos = pos;
      if (count > 0) {
        this.pendingDedents = count - 1;
        return this.emit(TokenKind.Dedent, pos, pos);
      }
    }
    this.pos = pos;
    return undefined;
  }

  /** Pops the indentation levels deeper than `column`; returns how many DEDENTs that makes. */
  private dedentTo(column: number, pos: number): number {
    const indents = this.indents;
    let count = 0;
    while (column < indents[indents.length - 1]) {
      indents.pop();
      count++;
    }
    if (column !== indents[indents.length - 1]) {
      this.problem(pos, 'unindent does not match any outer indentation level');
      indents.push(column); // treat the odd level as a level of its own, so the next dedent works
      count--;
    }
    return count;
  }

  private newlineToken(): TokenKind {
    const text = this.text;
    const pos = this.pos;
    const end = text.charCodeAt(pos) === CH_CR && text.charCodeAt(pos + 1) === CH_LF ? pos + 2 : pos + 1;
    const kind = this.parenDepth > 0 || !this.lineHasContent ? TokenKind.NL : TokenKind.Newline;
    this.emit(kind, pos, end);
    this.newLine(end);
    this.atLineStart = true;
    return kind;
  }

  private endOfInput(): TokenKind {
    const end = this.text.length;
    if (this.parenDepth > 0) {
      this.problem(this.bracketLine, 'unclosed bracket', this.bracketColumn);
      this.parenDepth = 0;
    }
    if (this.lineHasContent) {
      // The last line has no line break: like tokenize, end the logical line anyway (zero-width here).
      this.lineHasContent = false;
      return this.emit(TokenKind.Newline, end, end);
    }
    if (this.kind === TokenKind.Comment && this.end === end) return this.emit(TokenKind.NL, end, end);
    if (!this.reachedEnd) {
      // DEDENTs and ENDMARKER sit at the start of the line after the last one.
      this.reachedEnd = true;
      if (end > this.lineStart) this.newLine(end);
    }
    if (this.indents.length > 1) {
      this.pendingDedents = this.indents.length - 2;
      this.indents.length = 1;
      return this.emit(TokenKind.Dedent, end, end);
    }
    this.finished = true;
    return this.emit(TokenKind.EndMarker, end, end);
  }

  /** Another DEDENT at the position of the previous one. */
  private emitHere(kind: TokenKind): TokenKind {
    this.kind = kind;
    return kind;
  }

  /** Scans a string literal whose prefix starts at `start` and whose quote is at `quotePos`. */
  private stringToken(start: number, quotePos: number): TokenKind {
    this.lineHasContent = true;
    const text = this.text;
    const isF = hasFPrefix(text, start, quotePos);
    const quote = text.charCodeAt(quotePos);
    const triple = text.charCodeAt(quotePos + 1) === quote && text.charCodeAt(quotePos + 2) === quote;
    const bodyStart = quotePos + (triple ? 3 : 1);
    const startLine = this.line, startCol = start - this.lineStart;
    let end: number;
    if (triple) {
      const delimiter = quote === CH_DQUOTE ? '"""' : "'''";
      const known = this.unterminatedFrom.get(delimiter);
      end = known !== undefined && bodyStart >= known ? -1 : this.scanBody(bodyStart, quote, true, isF, 0);
      if (end < 0) {
        if (known === undefined || bodyStart < known) this.unterminatedFrom.set(delimiter, bodyStart);
        return this.unterminatedTripleQuoted(start, startLine, startCol);
      }
      if (this.options.recoverStrings) {
        // The file has an unmatched triple quote somewhere: a string that runs over a definition line is
        // more likely the unclosed one (e.g. a docstring being typed) than a string holding code.
        const cut = this.recoveryLineBefore(start, end);
        if (cut >= 0) {
          this.problem(start, 'unterminated triple-quoted string literal');
          return this.spanToken(TokenKind.ErrorToken, start, cut, startLine, startCol);
        }
      }
    } else {
      end = this.scanBody(bodyStart, quote, false, isF, 0);
      if (end < 0) {
        // Unterminated single-quoted string: it ends with its line.
        const stop = this.lineEndFrom(start);
        this.problem(start, 'unterminated string literal');
        return this.spanToken(TokenKind.ErrorToken, start, stop, startLine, startCol);
      }
    }
    // The string may span lines (triple quotes or backslash-newline).
    return this.spanToken(TokenKind.String, start, end, startLine, startCol);
  }

  /** Offset of the first line break at or after `pos`, or the text's length. */
  private lineEndFrom(pos: number): number {
    if (!this.hasCarriageReturn) return this.lineFeeds.at(pos);
    const text = this.text;
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === CH_LF || c === CH_CR) break;
      pos++;
    }
    return pos;
  }

  /** Counts line breaks in text[from, to) into the line bookkeeping. */
  private advanceLinesTo(from: number, to: number): void {
    const text = this.text;
    if (!this.hasCarriageReturn) {
      // Most tokens are on one line: a native search for the next \n usually settles it.
      for (let lf = this.lineFeeds.at(from); lf < to; lf = this.lineFeeds.at(lf + 1)) this.newLine(lf + 1);
      return;
    }
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === CH_LF) this.newLine(i + 1);
      else if (c === CH_CR) {
        if (text.charCodeAt(i + 1) === CH_LF) i++;
        this.newLine(i + 1);
      }
    }
  }

  /**
   * A triple-quoted string open at the end of input. Rather than swallow the rest of the file, end it
   * before the first later line that starts a definition at an indentation no deeper than the string's line.
   */
  private unterminatedTripleQuoted(start: number, startLine: number, startCol: number): TokenKind {
    this.problem(start, 'unterminated triple-quoted string literal');
    this.sawUnterminatedString = true;
    const cut = this.recoveryLineBefore(start, this.text.length);
    return this.spanToken(TokenKind.ErrorToken, start, cut < 0 ? this.text.length : cut, startLine, startCol);
  }

  /**
   * The first line in (from, to) that starts a definition or decorator at an indentation no deeper than the
   * current logical line's, as the offset where the string should be cut (before the preceding line break);
   * -1 if none.
   */
  private recoveryLineBefore(from: number, to: number): number {
    const text = this.text;
    let lineBegin = this.nextLineStart(from);
    while (lineBegin < to) {
      const column = this.measureIndent(lineBegin);
      const c = text.charCodeAt(this.indentStop);
      if ((c === 0x64 || c === 0x63 || c === 0x61 || c === 0x40) &&
          DEFINITION_OR_DECORATOR_LINE.test(text.slice(lineBegin, lineBegin + 200)) && column <= this.currentLineIndent) {
        let stop = lineBegin;
        while (stop > from && (text.charCodeAt(stop - 1) === CH_LF || text.charCodeAt(stop - 1) === CH_CR)) stop--;
        return stop;
      }
      lineBegin = this.nextLineStart(lineBegin);
    }
    return -1;
  }

  /** Emits a token that may span lines (strings, error tokens), moving the line bookkeeping over it. */
  private spanToken(kind: TokenKind, start: number, end: number, startLine: number, startCol: number): TokenKind {
    this.kind = kind;
    this.start = start;
    this.end = end;
    this.startLine = startLine;
    this.startCol = startCol;
    this.advanceLinesTo(start, end);
    this.endLine = this.line;
    this.endCol = end - this.lineStart;
    this.pos = end;
    return kind;
  }

  private nextLineStart(pos: number): number {
    const text = this.text;
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === CH_LF) return pos + 1;
      if (c === CH_CR) return text.charCodeAt(pos + 1) === CH_LF ? pos + 2 : pos + 1;
      pos++;
    }
    return text.length;
  }

  /**
   * Scans a string body from `pos` (just after the opening quote(s)); returns the offset after the closing
   * quote(s), or -1 if the string is not closed (single-quoted: before its line ends; triple: before EOF).
   * For f-strings, replacement fields are scanned as code, so nested strings may reuse the outer quote (3.12).
   */
  private scanBody(pos: number, quote: number, triple: boolean, isF: boolean, nesting: number): number {
    const text = this.text;
    const length = text.length;
    if (triple && !isF) {
      // Docstrings are a good part of most files: let native searches find the closing quotes. Only a
      // backslash before them (it may escape a quote) needs the character loop, from that backslash on.
      const close = text.indexOf(quote === CH_DQUOTE ? '"""' : "'''", pos);
      const backslash = this.backslashes.at(pos);
      if (backslash >= length || (close >= 0 && backslash > close)) return close < 0 ? -1 : close + 3;
      pos = backslash;
    }
    while (pos < length) {
      const c = text.charCodeAt(pos);
      if (c === quote) {
        if (!triple) return pos + 1;
        if (text.charCodeAt(pos + 1) === quote && text.charCodeAt(pos + 2) === quote) return pos + 3;
        pos++;
      } else if (c === CH_BACKSLASH) {
        const d = text.charCodeAt(pos + 1);
        if (isF && (d === CH_LBRACE || d === CH_RBRACE)) pos++;
        else if (d === CH_CR && text.charCodeAt(pos + 2) === CH_LF) pos += 3;
        else pos += 2;
      } else if (c === CH_LF || c === CH_CR) {
        if (!triple) return -1;
        pos++;
      } else if (isF && c === CH_LBRACE) {
        if (text.charCodeAt(pos + 1) === CH_LBRACE) pos += 2;
        else {
          if (nesting >= MAX_FSTRING_NESTING) return -1;
          pos = this.scanReplacementField(pos + 1, triple, nesting);
          if (pos < 0) return -1;
        }
      } else pos++;
    }
    return -1;
  }

  /**
   * Scans an f-string replacement field from just after its `{`; returns the offset after its `}`, or -1.
   * Inside the field: brackets nest, strings are scanned as strings, a `:` at depth 0 starts the format
   * spec (literal text with nested fields), a `!` not followed by `=` starts the conversion.
   */
  private scanReplacementField(pos: number, outerTriple: boolean, nesting: number): number {
    const text = this.text;
    const length = text.length;
    let depth = 0;
    while (pos < length) {
      const c = text.charCodeAt(pos);
      if (c === CH_LF || c === CH_CR) {
        if (!outerTriple) return -1;
        pos++;
      } else if (c === CH_DQUOTE || c === CH_SQUOTE) {
        // 3.12 allows even the outer quote here: it starts a nested string.
        const triple = text.charCodeAt(pos + 1) === c && text.charCodeAt(pos + 2) === c;
        const end = this.scanBody(pos + (triple ? 3 : 1), c, triple, false, nesting + 1);
        if (end < 0) return -1;
        pos = end;
      } else if (c < 128 && IDENT_START[c] === 1) {
        let end = pos + 1;
        while (end < length && isAsciiIdentifierPart(text.charCodeAt(end))) end++;
        const q = text.charCodeAt(end);
        if ((q === CH_DQUOTE || q === CH_SQUOTE) && isStringPrefix(text, pos, end)) {
          const triple = text.charCodeAt(end + 1) === q && text.charCodeAt(end + 2) === q;
          const close = this.scanBody(end + (triple ? 3 : 1), q, triple, hasFPrefix(text, pos, end), nesting + 1);
          if (close < 0) return -1;
          pos = close;
        } else pos = end;
      } else if (c === CH_LPAREN || c === CH_LBRACKET || c === CH_LBRACE) {
        depth++;
        pos++;
      } else if (c === CH_RPAREN || c === CH_RBRACKET) {
        depth--;
        pos++;
      } else if (c === CH_RBRACE) {
        if (depth === 0) return pos + 1;
        depth--;
        pos++;
      } else if (c === CH_COLON && depth === 0) {
        return this.scanFormatSpec(pos + 1, outerTriple, nesting);
      } else if (c === CH_BANG && depth === 0 && text.charCodeAt(pos + 1) !== CH_EQ) {
        pos++; // conversion (!r, !s, !a); the spec or the closing brace follows
      } else if (c === CH_HASH && outerTriple) {
        while (pos < length && text.charCodeAt(pos) !== CH_LF && text.charCodeAt(pos) !== CH_CR) pos++;
      } else pos++;
    }
    return -1;
  }

  /** Scans a format spec up to and including the `}` that closes its field. */
  private scanFormatSpec(pos: number, outerTriple: boolean, nesting: number): number {
    const text = this.text;
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === CH_RBRACE) return pos + 1;
      if (c === CH_LBRACE) {
        pos = this.scanReplacementField(pos + 1, outerTriple, nesting + 1);
        if (pos < 0) return -1;
      } else if ((c === CH_LF || c === CH_CR) && !outerTriple) {
        return -1;
      } else pos++;
    }
    return -1;
  }

  /** Numbers as tokenize's regexes take them: ints in any base with underscores, floats, imaginary. */
  private scanNumber(pos: number): number {
    const text = this.text;
    const c = text.charCodeAt(pos);
    const x = text.charCodeAt(pos + 1) | 0x20;
    if (c === CH_0 && (x === 0x78 || x === 0x6f || x === 0x62)) {
      const isDigitOf = x === 0x78 ? isHexDigit : x === 0x6f ? isOctDigit : isBinDigit;
      let end = pos + 2;
      let any = false;
      for (;;) {
        const d = text.charCodeAt(end);
        if (isDigitOf(d)) { end++; any = true; continue; }
        if (d === CH_UNDERSCORE && isDigitOf(text.charCodeAt(end + 1))) { end += 2; any = true; continue; }
        break;
      }
      return any ? end : pos + 1;
    }
    let end = this.scanDigits(pos);
    const after = text.charCodeAt(end) | 0x20;
    if (c === CH_0 && text.charCodeAt(end) !== CH_DOT && after !== 0x65 && after !== 0x6a) {
      // An integer may not start with 0 unless all its digits are 0 (Python 2's 0777): like tokenize,
      // end the number after the zeros.
      let zeros = pos + 1;
      while (text.charCodeAt(zeros) === CH_0 || (text.charCodeAt(zeros) === CH_UNDERSCORE && text.charCodeAt(zeros + 1) === CH_0)) {
        zeros += text.charCodeAt(zeros) === CH_UNDERSCORE ? 2 : 1;
      }
      return zeros;
    }
    if (text.charCodeAt(end) === CH_DOT) {
      end = isDigit(text.charCodeAt(end + 1)) ? this.scanDigits(end + 1) : end + 1;
    }
    const e = text.charCodeAt(end) | 0x20;
    if (e === 0x65) {
      let p = end + 1;
      const sign = text.charCodeAt(p);
      if (sign === 43 || sign === 45) p++;
      if (isDigit(text.charCodeAt(p))) end = this.scanDigits(p);
    }
    if ((text.charCodeAt(end) | 0x20) === 0x6a) end++;
    return end;
  }

  private scanDigits(pos: number): number {
    const text = this.text;
    for (;;) {
      const d = text.charCodeAt(pos);
      if (isDigit(d)) pos++;
      else if (d === CH_UNDERSCORE && isDigit(text.charCodeAt(pos + 1))) pos += 2;
      else return pos;
    }
  }

  private operatorToken(pos: number, c: number): TokenKind {
    const text = this.text;
    const len = operatorLength(text, pos, c);
    if (len === 0) {
      // Not part of Python's syntax (`$`, `?`, a stray `!`, a non-identifier character...).
      const next = text.charCodeAt(pos + 1);
      const width = c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1; // a pair, or a lone half
      this.problem(pos, `invalid character '${text.slice(pos, pos + width)}'`);
      return this.emit(TokenKind.ErrorToken, pos, pos + width);
    }
    if (len === 1) this.trackBracket(c, pos);
    return this.emit(TokenKind.Op, pos, pos + len);
  }

  /** Bracket depth, and where the outermost open bracket was opened (for recovery and its message). */
  private trackBracket(c: number, pos: number): void {
    if (c === CH_LPAREN || c === CH_LBRACKET || c === CH_LBRACE) {
      if (this.parenDepth === 0) {
        this.bracketLineIndent = this.currentLineIndent;
        this.bracketLine = this.line;
        this.bracketColumn = pos - this.lineStart;
      }
      this.parenDepth++;
    } else if ((c === CH_RPAREN || c === CH_RBRACKET || c === CH_RBRACE) && this.parenDepth > 0) {
      this.parenDepth--;
    }
  }

  private emit(kind: TokenKind, start: number, end: number): TokenKind {
    this.kind = kind;
    this.start = start;
    this.end = end;
    this.startLine = this.endLine = this.line;
    this.startCol = start - this.lineStart;
    this.endCol = end - this.lineStart;
    if (end > this.pos) this.pos = end;
    return kind;
  }

  private newLine(lineStart: number): void {
    this.line++;
    this.lineStart = lineStart;
  }

  private problem(posOrLine: number, message: string, column?: number): void {
    if (this.problems.length >= 100) return;
    if (column !== undefined) this.problems.push({ line: posOrLine, column, message });
    else this.problems.push({ line: this.line, column: Math.max(0, posOrLine - this.lineStart), message });
  }
}

function isHexDigit(d: number): boolean {
  return (d >= CH_0 && d <= CH_9) || ((d | 0x20) >= 0x61 && (d | 0x20) <= 0x66);
}
function isOctDigit(d: number): boolean {
  return d >= CH_0 && d <= 55;
}
function isBinDigit(d: number): boolean {
  return d === CH_0 || d === 49;
}

/** All tokens of a text, ENDMARKER included, as plain objects. */
export function tokenize(text: string): Token[] {
  return tokenizeThrough(text, Infinity)!;
}

/**
 * The tokens from the start of the text through the end of the logical line that holds `line` (its NEWLINE
 * token), or through ENDMARKER: what a feature about one line needs, without tokenizing a huge file's rest.
 * null when that would mean a token starting past `maxOffset` (a logical line of megabytes: give up).
 */
export function tokenizeThrough(text: string, line: number, maxOffset = Infinity): Token[] | null {
  const tokenizer = new Tokenizer(text);
  const tokens: Token[] = [];
  for (;;) {
    const kind = tokenizer.next();
    if (tokenizer.start > maxOffset) return null;
    tokens.push(tokenizer.token());
    if (kind === TokenKind.EndMarker || (kind === TokenKind.Newline && tokenizer.endLine >= line)) return tokens;
  }
}
