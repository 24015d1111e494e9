/**
 * Sets of code points as sorted, disjoint, non-adjacent ranges `[lo, hi]` (inclusive), for translating Python
 * character classes: Python's `\w`, `\d`, `\s` and `[...]` become explicit sets, so the matcher sees exactly
 * the characters Python's `re` would, whatever its own Unicode tables say.
 */
import { DIGIT, SPACE, WORD } from './regexClasses';

export type CharSet = ReadonlyArray<readonly [number, number]>;

const MAX_CODE_POINT = 0x10ffff;

/** The set holding every code point of the given ranges (in any order, overlapping or not). */
export function setOf(ranges: Iterable<readonly [number, number]>): CharSet {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

export function union(...sets: CharSet[]): CharSet {
  return setOf(sets.flat());
}

export function complement(set: CharSet): CharSet {
  const out: Array<[number, number]> = [];
  let next = 0;
  for (const [lo, hi] of set) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

export function intersect(a: CharSet, b: CharSet): CharSet {
  return complement(union(complement(a), complement(b)));
}

/** A - B. */
export function minus(a: CharSet, b: CharSet): CharSet {
  return complement(union(complement(a), b));
}

export function has(set: CharSet, cp: number): boolean {
  let lo = 0, hi = set.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < set[mid][0]) hi = mid - 1;
    else if (cp > set[mid][1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** The set written as hex runs `lo-hi,lo,...` (regexClasses.ts). */
export function parseRuns(runs: string): CharSet {
  return runs.split(',').map((run) => {
    const [lo, hi] = run.split('-').map((h) => parseInt(h, 16));
    return [lo, hi ?? lo] as const;
  });
}

const intersectAscii = (set: CharSet): CharSet =>
  set.filter(([lo]) => lo <= 0x7f).map(([lo, hi]) => [lo, Math.min(hi, 0x7f)] as const);

let unicodeCategories: Record<'d' | 's' | 'w', CharSet> | undefined;

/**
 * Python's `\d`, `\s`, `\w` (and, upper case, their complements): Unicode sets for str patterns, ASCII
 * ones under `(?a)`: the Unicode set's ASCII part, except `\s`, which is C's isspace `[ \t\n\r\f\v]` (no
 * \x1c-\x1f).
 */
export function category(letter: 'd' | 'D' | 's' | 'S' | 'w' | 'W', ascii: boolean): CharSet {
  unicodeCategories ??= { d: parseRuns(DIGIT), s: parseRuns(SPACE), w: parseRuns(WORD) };
  const lower = letter.toLowerCase() as 'd' | 's' | 'w';
  const asciiSet = (): CharSet => (lower === 's' ? [[0x09, 0x0d], [0x20, 0x20]] : intersectAscii(unicodeCategories![lower]));
  const positive = ascii ? asciiSet() : unicodeCategories[lower];
  return letter === lower ? positive : complement(positive);
}

/**
 * The set as an RE2 character class (negated if asked); one code point alone as itself. Code points are
 * written as `\x{...}` except ASCII letters and digits, and ASCII punctuation escaped (a short RE2 pattern
 * compiles faster: hostile configs hold patterns of 100,000 characters).
 */
export function re2Class(set: CharSet, negate: boolean): string {
  if (set.length === 0) return negate ? '(?s:.)' : '[^\\x00-\\x{10ffff}]';
  if (!negate && set.length === 1 && set[0][0] === set[0][1]) return re2Char(set[0][0]);
  const body = set.map(([lo, hi]) => (lo === hi ? re2Char(lo) : `${re2Char(lo)}-${re2Char(hi)}`)).join('');
  return `[${negate ? '^' : ''}${body}]`;
}

export function re2Char(cp: number): string {
  if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)) return String.fromCharCode(cp);
  if (cp > 0x20 && cp < 0x7f) return `${'\\.+*?()|[]{}^$-'.includes(String.fromCharCode(cp)) ? '\\' : ''}${String.fromCharCode(cp)}`;
  return `\\x{${cp.toString(16)}}`;
}

