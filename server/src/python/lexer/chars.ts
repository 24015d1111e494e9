/**
 * Python's lexical facts at the level of characters and words: character codes, identifier characters,
 * operators, keywords and string prefixes. The one home of each in the project; the cursor, the skim, the
 * structural parser and bits/ read them from here.
 */

export const CH_TAB = 9, CH_LF = 10, CH_VT = 11, CH_FF = 12, CH_CR = 13, CH_SPACE = 32, CH_BANG = 33,
  CH_DQUOTE = 34, CH_HASH = 35, CH_SQUOTE = 39, CH_LPAREN = 40, CH_RPAREN = 41, CH_DOT = 46, CH_0 = 48,
  CH_9 = 57, CH_COLON = 58, CH_EQ = 61, CH_AT = 64, CH_LBRACKET = 91, CH_BACKSLASH = 92, CH_RBRACKET = 93,
  CH_UNDERSCORE = 95, CH_LBRACE = 123, CH_RBRACE = 125;

/** Identifier characters among ASCII, indexed by char code (1: yes). */
export const IDENT_START = new Uint8Array(128);
export const IDENT_PART = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const isLetter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === CH_UNDERSCORE;
  IDENT_START[c] = isLetter ? 1 : 0;
  IDENT_PART[c] = isLetter || (c >= CH_0 && c <= CH_9) ? 1 : 0;
}
/** Identifier characters beyond ASCII (PEP 3131). */
const NON_ASCII_ID_START = /[\p{ID_Start}]/u;
const NON_ASCII_ID_CONTINUE = /[\p{ID_Continue}\u00B7\u0387\u1369-\u1371\u19DA]/u;

export function isIdentifierStart(code: number, text: string, pos: number): boolean {
  if (code < 128) return IDENT_START[code] === 1;
  return NON_ASCII_ID_START.test(charAt(text, pos));
}

export function isIdentifierPart(code: number, text: string, pos: number): boolean {
  if (code < 128) return IDENT_PART[code] === 1;
  return NON_ASCII_ID_CONTINUE.test(charAt(text, pos));
}

export function isAsciiIdentifierPart(code: number): boolean {
  return code < 128 && IDENT_PART[code] === 1;
}

export function isDigit(code: number): boolean {
  return code >= CH_0 && code <= CH_9;
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
export function codeAt(text: string, pos: number): number {
  return pos < text.length ? text.charCodeAt(pos) : -1;
}

/** Whether `word` (ASCII) is at `pos`; a plain loop, not startsWith: it runs on every line before V8 optimises. */
export function asciiWordAt(text: string, pos: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) if (text.charCodeAt(pos + i) !== word.charCodeAt(i)) return false;
  return true;
}

/** The offset where the line after the one holding `pos` starts (\n, \r\n and a lone \r end lines), or the end. */
export function nextLineStart(text: string, pos: number): number {
  while (pos < text.length) {
    const c = text.charCodeAt(pos);
    if (c === CH_LF) return pos + 1;
    if (c === CH_CR) return text.charCodeAt(pos + 1) === CH_LF ? pos + 2 : pos + 1;
    pos++;
  }
  return text.length;
}

/**
 * Length of the operator at pos (0 if none), longest match among Python 3.11's operators:
 * ( ) [ ] { } , ; ~ . ... : := = == ! != + += - -= -> % %= & &= | |= ^ ^= @ @= * ** *= **= / // /= //=
 * < << <= <<= > >> >= >>=
 */
export function operatorLength(text: string, pos: number, c: number): number {
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

/** Python's keywords (`keyword.kwlist`, the same from 3.7 to 3.13). */
export const KEYWORDS: readonly string[] = [
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del',
  'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
  'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
];
/**
 * Soft keywords (`keyword.softkwlist` of 3.12: `type` joined in 3.12 with PEP 695): keywords only in some
 * positions (`match x:`), names everywhere else; the tokenizer makes NAME tokens of them as of all keywords.
 */
export const SOFT_KEYWORDS: readonly string[] = ['_', 'case', 'match', 'type'];
const KEYWORD_SET: ReadonlySet<string> = new Set(KEYWORDS);

/** Whether `name` is one of Python's (hard) keywords; soft keywords are names. */
export function isKeyword(name: string): boolean {
  return KEYWORD_SET.has(name);
}

/** What each string prefix letter (either case) makes of a literal, as bits; 0 for other characters. */
export const PREFIX_RAW = 1, PREFIX_BYTES = 2, PREFIX_FORMAT = 4;
const PREFIX_UNICODE = 8;
const PREFIX_LETTER = new Uint8Array(128);
PREFIX_LETTER[0x72] = PREFIX_LETTER[0x52] = PREFIX_RAW;
PREFIX_LETTER[0x62] = PREFIX_LETTER[0x42] = PREFIX_BYTES;
PREFIX_LETTER[0x66] = PREFIX_LETTER[0x46] = PREFIX_FORMAT;
PREFIX_LETTER[0x75] = PREFIX_LETTER[0x55] = PREFIX_UNICODE;

/** The PREFIX_* bit of the string prefix letter `code`, or 0. */
export function prefixLetter(code: number): number {
  return code < 128 ? PREFIX_LETTER[code] : 0;
}

/**
 * Whether text[start, end) is a string prefix: one of r u f b, or a pair of them making br or fr (in either
 * order, in any case). u combines with nothing; b and f do not combine.
 */
export function isStringPrefix(text: string, start: number, end: number): boolean {
  const a = prefixLetter(text.charCodeAt(start));
  if (end - start === 1) return a !== 0;
  if (end - start !== 2) return false;
  const both = a | prefixLetter(text.charCodeAt(start + 1));
  return both === (PREFIX_RAW | PREFIX_BYTES) || both === (PREFIX_RAW | PREFIX_FORMAT);
}

/** Whether the string prefix text[start, end) makes an f-string. */
export function hasFPrefix(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (prefixLetter(text.charCodeAt(i)) === PREFIX_FORMAT) return true;
  return false;
}
