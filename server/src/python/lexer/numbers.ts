/** Number literals as tokenize's regexes take them: ints in any base with underscores, floats, imaginary. */
import { CH_0, CH_9, CH_DOT, CH_UNDERSCORE, isDigit } from './chars';

/** The end of the number literal that starts at `pos` (a digit, or a `.` before a digit). */
export function scanNumber(text: string, pos: number): number {
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
  let end = scanDigits(text, pos);
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
    end = isDigit(text.charCodeAt(end + 1)) ? scanDigits(text, end + 1) : end + 1;
  }
  const e = text.charCodeAt(end) | 0x20;
  if (e === 0x65) {
    let p = end + 1;
    const sign = text.charCodeAt(p);
    if (sign === 43 || sign === 45) p++;
    if (isDigit(text.charCodeAt(p))) end = scanDigits(text, p);
  }
  if ((text.charCodeAt(end) | 0x20) === 0x6a) end++;
  return end;
}

/** Decimal digits from `pos`, single underscores between them allowed. */
function scanDigits(text: string, pos: number): number {
  for (;;) {
    const d = text.charCodeAt(pos);
    if (isDigit(d)) pos++;
    else if (d === CH_UNDERSCORE && isDigit(text.charCodeAt(pos + 1))) pos += 2;
    else return pos;
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
