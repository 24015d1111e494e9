/**
 * Python's string ordering: `str` compares code point by code point, JS `<` compares UTF-16 units, and the two
 * differ when a string holds characters past U+FFFF (a surrogate pair sorts below U+E000..U+FFFF in JS).
 */

/** Python's string order (code points), not JS's (UTF-16 units): they differ past U+FFFF. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i), y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** Surrogates (0xD800-0xDFFF) stand for code points above every other BMP unit. */
function codePointRank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}
