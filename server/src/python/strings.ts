/**
 * The value of a Python string literal token, decoded as CPython decodes it (escapes, raw strings, line
 * continuations). Used to tell a real docstring from a blank one (`"""   """`, `"\x20"`).
 */
import { PREFIX_BYTES, PREFIX_FORMAT, PREFIX_RAW, prefixLetter } from './lexer/chars';

export type LiteralKind = 'str' | 'bytes' | 'fstring';

export interface LiteralValue {
  kind: LiteralKind;
  /** Decoded value (str literals only; for bytes and f-strings the raw body). */
  value: string;
}

/** Names accepted by `\N{...}` for the characters Python counts as whitespace, with their aliases. */
const WHITESPACE_NAMES = new Map<string, string>([
  ['CHARACTER TABULATION', '\t'], ['HORIZONTAL TABULATION', '\t'], ['TAB', '\t'], ['HT', '\t'],
  ['LINE FEED', '\n'], ['NEW LINE', '\n'], ['END OF LINE', '\n'], ['LF', '\n'], ['NL', '\n'], ['EOL', '\n'],
  ['LINE TABULATION', '\v'], ['VERTICAL TABULATION', '\v'], ['VT', '\v'],
  ['FORM FEED', '\f'], ['FF', '\f'],
  ['CARRIAGE RETURN', '\r'], ['CR', '\r'],
  ['INFORMATION SEPARATOR FOUR', '\x1c'], ['FILE SEPARATOR', '\x1c'], ['FS', '\x1c'],
  ['INFORMATION SEPARATOR THREE', '\x1d'], ['GROUP SEPARATOR', '\x1d'], ['GS', '\x1d'],
  ['INFORMATION SEPARATOR TWO', '\x1e'], ['RECORD SEPARATOR', '\x1e'], ['RS', '\x1e'],
  ['INFORMATION SEPARATOR ONE', '\x1f'], ['UNIT SEPARATOR', '\x1f'], ['US', '\x1f'],
  ['SPACE', ' '], ['SP', ' '],
  ['NEXT LINE', '\x85'], ['NEXT LINE (NEL)', '\x85'], ['NEL', '\x85'],
  ['NO-BREAK SPACE', '\xa0'], ['NBSP', '\xa0'],
  ['OGHAM SPACE MARK', '\u1680'],
  ['EN QUAD', '\u2000'], ['EM QUAD', '\u2001'], ['EN SPACE', '\u2002'], ['EM SPACE', '\u2003'],
  ['THREE-PER-EM SPACE', '\u2004'], ['FOUR-PER-EM SPACE', '\u2005'], ['SIX-PER-EM SPACE', '\u2006'],
  ['FIGURE SPACE', '\u2007'], ['PUNCTUATION SPACE', '\u2008'], ['THIN SPACE', '\u2009'], ['HAIR SPACE', '\u200a'],
  ['LINE SEPARATOR', '\u2028'], ['PARAGRAPH SEPARATOR', '\u2029'], ['NARROW NO-BREAK SPACE', '\u202f'],
  ['NNBSP', '\u202f'], ['MEDIUM MATHEMATICAL SPACE', '\u205f'], ['MMSP', '\u205f'], ['IDEOGRAPHIC SPACE', '\u3000'],
]);

/** Python's str.isspace() characters (what str.strip() removes). */
const PY_WHITESPACE = /^[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;

export function isPythonBlank(value: string): boolean {
  return PY_WHITESPACE.test(value);
}

/** Splits the string token text[start, end) into prefix flags and body bounds (offsets into text). */
function parts(text: string, start: number, end: number): { raw: boolean; kind: LiteralKind; bodyStart: number; bodyEnd: number } {
  let i = start;
  let prefix = 0;
  for (; i < end; i++) {
    const letter = prefixLetter(text.charCodeAt(i));
    if (letter === 0) break;
    prefix |= letter;
  }
  const raw = (prefix & PREFIX_RAW) !== 0, bytes = (prefix & PREFIX_BYTES) !== 0, f = (prefix & PREFIX_FORMAT) !== 0;
  const quote = text.charCodeAt(i);
  const triple = end - i >= 6 && text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote;
  const q = triple ? 3 : 1;
  return { raw, kind: bytes ? 'bytes' : f ? 'fstring' : 'str', bodyStart: i + q, bodyEnd: Math.max(i + q, end - q) };
}

/**
 * Whether the str literal token text[start, end) has a blank value (isPythonBlank of literalValue's), or null
 * for bytes and f-strings. Without decoding when the body's first character that is not a space, tab or line
 * break is printable ASCII and no escape: it stands in the value as written (most docstrings).
 */
export function strLiteralIsBlank(text: string, start: number, end: number): boolean | null {
  const { raw, kind, bodyStart, bodyEnd } = parts(text, start, end);
  if (kind !== 'str') return null;
  for (let i = bodyStart; i < bodyEnd; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    if (c > 32 && c < 127 && (c !== 92 || raw)) return false;
    return isPythonBlank(literalValue(text.slice(start, end)).value);
  }
  return true;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

/** Decodes a string literal token (prefix and quotes included). */
export function literalValue(token: string): LiteralValue {
  const { raw, kind, bodyStart, bodyEnd } = parts(token, 0, token.length);
  const body = token.slice(bodyStart, bodyEnd);
  if (kind !== 'str' || raw || !body.includes('\\')) return { kind, value: normalizeNewlines(body) };
  return { kind, value: decodeEscapes(normalizeNewlines(body)) };
}

/** CPython reads source with universal newlines: \r\n and \r inside literals are \n. */
function normalizeNewlines(s: string): string {
  return s.includes('\r') ? s.replace(/\r\n?/g, '\n') : s;
}

function decodeEscapes(body: string): string {
  const chunks: string[] = [];
  let last = 0;
  let i = body.indexOf('\\');
  while (i >= 0 && i < body.length) {
    chunks.push(body.slice(last, i));
    const escape = decodeEscapeAt(body, i);
    chunks.push(escape.text);
    last = i + escape.consumed;
    i = body.indexOf('\\', last);
  }
  chunks.push(body.slice(last));
  return chunks.join('');
}

/** The escape sequence starting with the backslash at body[i] (newlines already normalised): its value and length. */
function decodeEscapeAt(body: string, i: number): { text: string; consumed: number } {
  const c = body[i + 1];
  if (c === undefined) return { text: '\\', consumed: 1 };
  // A backslash before a line break is a line continuation inside the literal: both characters vanish.
  if (c === '\n') return { text: '', consumed: 2 };
  if (c in SIMPLE_ESCAPES) return { text: SIMPLE_ESCAPES[c], consumed: 2 };
  if (c >= '0' && c <= '7') {
    let j = i + 1;
    while (j < i + 4 && body[j] >= '0' && body[j] <= '7') j++;
    return { text: String.fromCodePoint(parseInt(body.slice(i + 1, j), 8)), consumed: j - i };
  }
  if (c === 'x' || c === 'u' || c === 'U') {
    const width = c === 'x' ? 2 : c === 'u' ? 4 : 8;
    const hex = body.slice(i + 2, i + 2 + width);
    const code = /^[0-9a-fA-F]+$/.test(hex) && hex.length === width ? parseInt(hex, 16) : NaN;
    // Invalid escapes are a SyntaxError in CPython; keep the text (non-blank) for best effort.
    return { text: code <= 0x10ffff ? String.fromCodePoint(code) : body.slice(i, i + 2 + width), consumed: 2 + width };
  }
  if (c === 'N' && body[i + 2] === '{') {
    const close = body.indexOf('}', i + 3);
    const name = close < 0 ? '' : body.slice(i + 3, close).toUpperCase();
    // Only whitespace matters here; any other named character is represented by a placeholder.
    return { text: WHITESPACE_NAMES.get(name) ?? '\ufffd', consumed: close < 0 ? body.length - i : close + 1 - i };
  }
  return { text: '\\' + c, consumed: 2 }; // unknown escape: kept as written
}

/**
 * A piece of a literal's value and the characters of the token it comes from: `verbatim` pieces are the
 * token's text unchanged (one character each); the others are one escape sequence or one line break.
 */
export interface LiteralPiece {
  value: string;
  /** Offsets into the token, end exclusive. */
  start: number;
  end: number;
  verbatim: boolean;
}

/**
 * A str literal's value as pieces, so that a position in the value maps back to the token (docstring
 * parsing reports spans in the file). Joining the pieces' values gives literalValue(token).value.
 */
export interface LiteralPieces {
  kind: LiteralKind;
  raw: boolean;
  /** Offsets into the token of the text between the quotes. */
  bodyStart: number;
  bodyEnd: number;
  pieces: LiteralPiece[];
}

export function literalPieces(token: string): LiteralPieces {
  const { raw, kind, bodyStart, bodyEnd } = parts(token, 0, token.length);
  const pieces: LiteralPiece[] = [];
  const escapes = kind === 'str' && !raw;
  // Most literals have no `\r` and no escape: the body is one verbatim piece, found by native scans instead
  // of the loop below (closing quotes are neither character, so scanning to the token's end is the same).
  if (token.indexOf('\r', bodyStart) < 0 && (!escapes || token.indexOf('\\', bodyStart) < 0)) {
    if (bodyEnd > bodyStart) pieces.push({ value: token.slice(bodyStart, bodyEnd), start: bodyStart, end: bodyEnd, verbatim: true });
    return { kind, raw, bodyStart, bodyEnd, pieces };
  }
  // The token without its closing quotes: an escape never reads into them.
  const body = token.slice(0, bodyEnd);
  let run = bodyStart;
  const flush = (to: number): void => {
    if (to > run) pieces.push({ value: token.slice(run, to), start: run, end: to, verbatim: true });
  };
  for (let i = bodyStart; i < bodyEnd;) {
    const c = token.charCodeAt(i);
    if (c === 13) {
      flush(i);
      const end = token.charCodeAt(i + 1) === 10 && i + 1 < bodyEnd ? i + 2 : i + 1;
      pieces.push({ value: '\n', start: i, end, verbatim: false });
      i = run = end;
    } else if (c === 92 && escapes) {
      flush(i);
      let end: number;
      let value: string;
      if (token.charCodeAt(i + 1) === 13) {
        // Continuation over \r\n or a lone \r (normalised to \n before decoding, as CPython reads it).
        end = token.charCodeAt(i + 2) === 10 && i + 2 < bodyEnd ? i + 3 : i + 2;
        value = '';
      } else {
        const escape = decodeEscapeAt(body, i);
        end = i + escape.consumed;
        value = escape.text;
      }
      pieces.push({ value, start: i, end, verbatim: false });
      i = run = end;
    } else i++;
  }
  flush(bodyEnd);
  return { kind, raw, bodyStart, bodyEnd, pieces };
}
