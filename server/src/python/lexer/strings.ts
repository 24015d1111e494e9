/**
 * Where string literals end: quotes, escapes, and f-strings as in Python 3.12 (PEP 701: replacement fields
 * are scanned as code, so a nested string may reuse the outer quote). What a literal's value is, once its
 * token is known, is ../strings.ts; which prefixes there are, chars.ts.
 */
import {
  CH_BACKSLASH, CH_BANG, CH_COLON, CH_CR, CH_DQUOTE, CH_EQ, CH_HASH, CH_LBRACE, CH_LBRACKET, CH_LF, CH_LPAREN,
  CH_RBRACE, CH_RBRACKET, CH_RPAREN, CH_SQUOTE, IDENT_START, hasFPrefix, isAsciiIdentifierPart, isStringPrefix,
} from './chars';
import { ForwardSearch } from './search';

/** f-strings inside f-strings recurse; deeper than this, the string counts as unterminated. */
const MAX_FSTRING_NESTING = 32;

/**
 * Scans a string body from `pos` (just after the opening quote(s)); returns the offset after the closing
 * quote(s), or -1 if the string is not closed (single-quoted: before its line ends; triple: before EOF).
 * `backslashes` finds the text's backslashes (one search per cursor, see ForwardSearch).
 */
export function scanStringBody(text: string, pos: number, quote: number, triple: boolean, isF: boolean,
  nesting: number, backslashes: ForwardSearch): number {
  const length = text.length;
  if (triple && !isF) {
    // Docstrings are a good part of most files: let native searches find the closing quotes. Only a
    // backslash before them (it may escape a quote) needs the character loop, from that backslash on.
    const close = text.indexOf(quote === CH_DQUOTE ? '"""' : "'''", pos);
    const backslash = backslashes.at(pos);
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
        pos = scanReplacementField(text, pos + 1, triple, nesting, backslashes);
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
function scanReplacementField(text: string, pos: number, outerTriple: boolean, nesting: number,
  backslashes: ForwardSearch): number {
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
      const end = scanStringBody(text, pos + (triple ? 3 : 1), c, triple, false, nesting + 1, backslashes);
      if (end < 0) return -1;
      pos = end;
    } else if (c < 128 && IDENT_START[c] === 1) {
      let end = pos + 1;
      while (end < length && isAsciiIdentifierPart(text.charCodeAt(end))) end++;
      const q = text.charCodeAt(end);
      if ((q === CH_DQUOTE || q === CH_SQUOTE) && isStringPrefix(text, pos, end)) {
        const triple = text.charCodeAt(end + 1) === q && text.charCodeAt(end + 2) === q;
        const close = scanStringBody(text, end + (triple ? 3 : 1), q, triple, hasFPrefix(text, pos, end), nesting + 1,
          backslashes);
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
      return scanFormatSpec(text, pos + 1, outerTriple, nesting, backslashes);
    } else if (c === CH_BANG && depth === 0 && text.charCodeAt(pos + 1) !== CH_EQ) {
      pos++; // conversion (!r, !s, !a); the spec or the closing brace follows
    } else if (c === CH_HASH && outerTriple) {
      while (pos < length && text.charCodeAt(pos) !== CH_LF && text.charCodeAt(pos) !== CH_CR) pos++;
    } else pos++;
  }
  return -1;
}

/** Scans a format spec up to and including the `}` that closes its field. */
function scanFormatSpec(text: string, pos: number, outerTriple: boolean, nesting: number,
  backslashes: ForwardSearch): number {
  while (pos < text.length) {
    const c = text.charCodeAt(pos);
    if (c === CH_RBRACE) return pos + 1;
    if (c === CH_LBRACE) {
      pos = scanReplacementField(text, pos + 1, outerTriple, nesting + 1, backslashes);
      if (pos < 0) return -1;
    } else if ((c === CH_LF || c === CH_CR) && !outerTriple) {
      return -1;
    } else pos++;
  }
  return -1;
}
