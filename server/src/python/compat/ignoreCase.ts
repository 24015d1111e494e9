/**
 * Python's IGNORECASE (re/_compiler.py, 3.11) as explicit sets, so that the matcher needs no case folding of
 * its own (RE2's follows Unicode's case folding, of another Unicode version, and differs: Python makes i, I,
 * ı and İ one class and keeps \w unfolded).
 *
 * Python compiles a literal or a class under IGNORECASE like this: if none of its characters is cased, it
 * matches as is; otherwise the subject character is lower-cased and looked up in a set made of the
 * lower-cased literal characters, their extra cases (re._casefix) and the class's categories (\w, \d, \s),
 * which are not lower-cased. The set of characters that pass is computed here.
 */
import { CharSet, has, intersect, minus, parseRuns, setOf, union } from './charSet';
import { CASED, EXTRA_CASES, LOWER } from './regexClasses';

interface Tables {
  /** _sre.unicode_tolower where it changes the code point. */
  lower: Map<number, number>;
  /** The code points in `lower`, as a set. */
  lowered: CharSet;
  cased: CharSet;
  extra: Map<number, number[]>;
}

let tables: Tables | undefined;

function load(): Tables {
  const lower = new Map<number, number>();
  for (const run of LOWER.split(',')) {
    const [start, count, stride] = run.split(':').slice(0, 3).map((h) => parseInt(h, 16));
    const delta = Number(run.split(':')[3]);
    for (let k = 0; k < count; k++) lower.set(start + k * stride, start + k * stride + delta);
  }
  const extra = new Map<number, number[]>();
  for (const entry of EXTRA_CASES.split(',')) {
    const [key, values] = entry.split(':');
    extra.set(parseInt(key, 16), values.split(' ').map((h) => parseInt(h, 16)));
  }
  return { lower, lowered: setOf([...lower.keys()].map((cp) => [cp, cp] as const)), cased: parseRuns(CASED), extra };
}

const ASCII_UPPER: CharSet = [[0x41, 0x5a]];
const ASCII_LOWER: CharSet = [[0x61, 0x7a]];
const intersects = (a: CharSet, b: CharSet): boolean => intersect(a, b).length > 0;
const shift = (set: CharSet, by: number): CharSet => set.map(([lo, hi]) => [lo + by, hi + by] as const);

/**
 * The characters that match, case-insensitively, a literal or class whose characters and ranges are
 * `literals` and whose categories are `categories` (before any negation).
 */
export function ignoreCase(literals: CharSet, categories: CharSet, ascii: boolean): CharSet {
  if (ascii) {
    // ascii_iscased / ascii_tolower: ASCII letters only, no extra cases.
    if (!intersects(literals, union(ASCII_UPPER, ASCII_LOWER))) return union(literals, categories);
    const wanted = union(minus(literals, ASCII_UPPER), shift(intersect(literals, ASCII_UPPER), 0x20), categories);
    // Upper-case letters pass when their lower case is wanted; everything else as it is.
    return union(minus(wanted, ASCII_UPPER), shift(intersect(wanted, ASCII_LOWER), -0x20));
  }
  const t = (tables ??= load());
  if (!intersects(literals, t.cased)) return union(literals, categories);
  const lowerOf: Array<readonly [number, number]> = [];
  for (const [from, to] of t.lower) if (has(literals, from)) lowerOf.push([to, to]);
  const lowered = union(minus(literals, t.lowered), lowerOf);
  const extras: Array<readonly [number, number]> = [];
  for (const [key, values] of t.extra) if (has(lowered, key)) for (const v of values) extras.push([v, v]);
  const wanted = union(lowered, extras, categories);
  // The characters whose lower case is wanted: those lower-casing leaves alone, and those it maps into it.
  const mapped: Array<readonly [number, number]> = [];
  for (const [from, to] of t.lower) if (has(wanted, to)) mapped.push([from, from]);
  return union(minus(wanted, t.lowered), mapped);
}
