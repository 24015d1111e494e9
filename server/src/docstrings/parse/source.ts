/**
 * A docstring's value as lines, with the way back to the file: the literal(s) of the docstring statement are
 * decoded piece by piece (python/strings.ts literalPieces), so any offset in the value maps to the file text.
 * Indentation is measured as `inspect.cleandoc` measures it (tabs expanded to 8 columns), because that is
 * the text pydoclint's parser reads.
 */
import { Tokenizer } from '../../python/lexer/cursor';
import { literalPieces } from '../../python/strings';
import { TokenKind } from '../../python/tokens';
import { LiteralInfo, Span } from './types';

export interface DocLine {
  /** Value offsets of the line, without its `\n`. */
  start: number;
  end: number;
  /** Value offset of the first non-whitespace character (`end` for a blank line). */
  contentStart: number;
  /** Width of the leading whitespace in columns (tabs to multiples of 8). */
  indent: number;
  blank: boolean;
}

export interface DocSource {
  value: string;
  lines: DocLine[];
  /**
   * cleandoc's margin: the smallest indentation of the non-blank lines after the first. A line's indentation
   * as pydoclint sees it is `relIndent(i)`.
   */
  margin: number;
  literals: LiteralInfo[];
  /** The docstring statement in the file. */
  span: Span;
  /** Maps a value offset to a file offset. `end` maps to the end of an escape, else to its start. */
  toFile(valueOffset: number, end?: boolean): number;
}

/** Pieces of the value: [valueStart, fileStart, fileEnd, verbatim]. */
interface MappedPiece {
  valueStart: number;
  length: number;
  fileStart: number;
  fileEnd: number;
  verbatim: boolean;
}

/** Whitespace as Python's str.lstrip() strips it. */
function isPySpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c >= 0x1c && c <= 0x1f) || c === 0x85 || c === 0xa0 || c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/**
 * Reads the docstring statement `text[start, end)` (the span python/structure.ts reports: from the first
 * literal to the last, parentheses around it excluded).
 */
export function readDocSource(text: string, start: number, end: number): DocSource {
  const pieces: MappedPiece[] = [];
  const literals: LiteralInfo[] = [];
  const chunks: string[] = [];
  let valueLength = 0;
  for (const [token, offset] of statementLiterals(text, start, end)) {
    const decoded = literalPieces(token);
    if (decoded.kind !== 'str') continue;
    const quoteLength = decoded.bodyStart - prefixLength(token);
    literals.push({
      span: { start: offset, end: offset + token.length }, bodyStart: offset + decoded.bodyStart,
      bodyEnd: offset + decoded.bodyEnd, quote: token.slice(decoded.bodyStart - quoteLength, decoded.bodyStart),
      raw: decoded.raw,
    });
    for (const piece of decoded.pieces) {
      pieces.push({
        valueStart: valueLength, length: piece.value.length, fileStart: offset + piece.start,
        fileEnd: offset + piece.end, verbatim: piece.verbatim,
      });
      chunks.push(piece.value);
      valueLength += piece.value.length;
    }
  }
  const value = chunks.join('');
  const lines = splitLines(value);
  let margin = Infinity;
  for (let i = 1; i < lines.length; i++) if (!lines[i].blank && lines[i].indent < margin) margin = lines[i].indent;
  const fallback = literals.length > 0 ? literals[0].bodyStart : start;
  const toFile = (valueOffset: number, atEnd = false): number => {
    // The last piece starting at or before the offset (an end offset belongs to the piece before it).
    let lo = 0, hi = pieces.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const p = pieces[mid];
      if (atEnd ? p.valueStart < valueOffset : p.valueStart <= valueOffset) lo = mid + 1;
      else hi = mid;
    }
    const p = pieces[lo - 1];
    if (!p) return fallback;
    if (p.verbatim) return p.fileStart + Math.min(valueOffset - p.valueStart, p.length);
    return atEnd || valueOffset > p.valueStart ? p.fileEnd : p.fileStart;
  };
  return { value, lines, margin: margin === Infinity ? 0 : margin, literals, span: { start, end }, toFile };
}

/** The string tokens of the statement `text[start, end)` and their offsets in the text. */
function statementLiterals(text: string, start: number, end: number): Array<[string, number]> {
  const statement = text.slice(start, end);
  // Most docstrings are one literal: no tokenizer needed to know it.
  if (isOneLiteral(statement)) return [[statement, start]];
  const literals: Array<[string, number]> = [];
  const tk = new Tokenizer(statement);
  for (let kind = tk.next(); kind !== TokenKind.EndMarker; kind = tk.next()) {
    if (kind === TokenKind.String) literals.push([tk.value, start + tk.start]);
  }
  return literals;
}

/**
 * Whether `statement` (which starts with a string literal: structure.ts found a docstring there) is that one
 * literal and nothing else. Without backslashes, the first closing quote(s) after the opening ones end it.
 */
export function isOneLiteral(statement: string): boolean {
  if (statement.indexOf('\\') >= 0) return false;
  const open = prefixLength(statement);
  const quote = statement.charAt(open);
  if (quote !== '"' && quote !== "'") return false;
  const triple = quote.repeat(3);
  if (statement.startsWith(triple, open)) return statement.indexOf(triple, open + 3) === statement.length - 3;
  const close = statement.indexOf(quote, open + 1);
  return close === statement.length - 1 && statement.indexOf('\n') < 0 && statement.indexOf('\r') < 0;
}

function prefixLength(token: string): number {
  let i = 0;
  while (i < token.length && token[i] !== '"' && token[i] !== "'") i++;
  return i;
}

function splitLines(value: string): DocLine[] {
  const lines: DocLine[] = [];
  let start = 0;
  for (;;) {
    let end = value.indexOf('\n', start);
    if (end < 0) end = value.length;
    let i = start, indent = 0;
    for (; i < end; i++) {
      const c = value.charCodeAt(i);
      if (!isPySpace(c)) break;
      indent = c === 9 ? indent + 8 - (indent % 8) : indent + 1;
    }
    lines.push({ start, end, contentStart: i, indent, blank: i === end });
    if (end === value.length) break;
    start = end + 1;
  }
  return lines;
}

/** A line's indentation as cleandoc leaves it: the first line's is dropped, the others lose the margin. */
export function relIndent(source: DocSource, line: number): number {
  return line === 0 ? 0 : Math.max(0, source.lines[line].indent - source.margin);
}

/** The text of a line from its first non-blank character, trailing whitespace removed. */
export function lineContent(source: DocSource, line: number): string {
  const l = source.lines[line];
  return source.value.slice(l.contentStart, l.end).trimEnd();
}

/** End (value offset) of a line's text without trailing whitespace. */
export function contentEnd(source: DocSource, line: number): number {
  const l = source.lines[line];
  let end = l.end;
  while (end > l.contentStart && isPySpace(source.value.charCodeAt(end - 1))) end--;
  return end;
}
