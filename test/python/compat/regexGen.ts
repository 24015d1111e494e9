/**
 * Random Python regexes from a grammar of what docbits supports, and random identifier-like names, for the
 * differential test against CPython's re (regex.test.ts) and the translator's fuzzer (regexFuzz.ts).
 */
import { Prng } from '../../helpers/prng';

/** Name characters: ASCII, letters whose case Python and Unicode fold differently, digits, spaces, astral. */
export const NAME_CHARS = [
  'a', 'b', 'k', 's', 'i', 'A', 'B', 'K', 'S', 'I', 'x', '_', '1', '0', '.',
  'é', 'É', 'ß', 'ẞ', '\u212a', 'ſ', 'İ', 'ı', 'Σ', 'σ', 'ς', 'µ', 'ǅ', 'ǆ', '٣', '½', '\u00a0', '\u0301', '𝔘', '😀',
];

const LITERALS = ['a', 'b', 'k', 's', 'i', 'A', 'K', 'S', 'I', '_', '1', 'é', 'ß', 'ſ', 'İ', 'ı', 'σ', 'Σ', 'ǅ', '𝔘', '\\.', '-', '\\-', '\\x5f', '\\u00e9', '\\U0001d518', '\\101', '\\0', '\\t', '\\n'];
const CATEGORIES = ['\\w', '\\W', '\\d', '\\D', '\\s', '\\S'];
const CLASS_ITEMS = [...LITERALS.filter((l) => l !== '-' && l !== '\\0'), 'a-z', 'A-Z', '0-9', '\\x00-\\x7f', 'à-ÿ', 'ß-ſ', ...CATEGORIES, '.', '^x', '_-'];
const QUANTIFIERS = ['*', '+', '?', '{2}', '{0,3}', '{,2}', '{1,}', '{2,4}', '{,}', '{0}', '*?', '+?', '??', '{1,2}?'];

/** A random name: 1 to 10 characters, now and then a qualname with dots, now and then a trailing newline. */
export function randomName(rng: Prng): string {
  let name = '';
  const length = rng.int(1, 10);
  for (let i = 0; i < length; i++) name += rng.pick(NAME_CHARS);
  if (rng.chance(0.1)) name += '.' + randomName(rng).replace(/\n$/, '');
  if (rng.chance(0.1)) name += '\n';
  return name;
}

/**
 * A random pattern Python accepts, from the supported constructs: literals and escapes, `.`, classes with
 * ranges and categories, groups (capturing, named, non-capturing, scoped flags), alternation, repeats (greedy
 * and lazy), anchors, and leading global flags. `\b`/`\B` only under a global `(?a)`, where Python's meaning
 * is RE2's (docbits's are ASCII, Python's Unicode otherwise: README).
 */
export function randomPattern(rng: Prng): string {
  const globals = rng.chance(0.4) ? rng.pick(['(?i)', '(?s)', '(?m)', '(?a)', '(?ai)', '(?x)', '(?im)', '(?is)', '(?u)', '(?ax)']) : '';
  const ascii = globals.includes('a');
  const verbose = globals.includes('x');
  let groupCount = 0;
  const atom = (depth: number): string => {
    const roll = rng.next();
    if (roll < 0.35) return rng.pick(LITERALS);
    if (roll < 0.45) return '.';
    if (roll < 0.55) return rng.pick(CATEGORIES);
    if (roll < 0.7) {
      const items = Array.from({ length: rng.int(1, 3) }, () => rng.pick(CLASS_ITEMS));
      return `[${rng.chance(0.3) ? '^' : ''}${items.join('')}]`;
    }
    if (roll < 0.8) return rng.pick(ascii ? ['^', '$', '\\A', '\\Z', '\\b', '\\B'] : ['^', '$', '\\A', '\\Z']);
    if (depth > 2) return rng.pick(LITERALS);
    // No (?u:...) under (?a): a \b inside would be Unicode in Python.
    const open = rng.pick(['(', '(?:', '(?P<g>', '(?i:', '(?-i:', '(?s:', '(?m:', '(?a:', '(?x:', ...(ascii ? [] : ['(?u:'])]);
    const inner = alternation(depth + 1);
    return `${open === '(?P<g>' ? `(?P<g${groupCount++}>` : open}${inner})`;
  };
  const isAnchor = (a: string): boolean => ['^', '$', '\\A', '\\Z', '\\b', '\\B'].includes(a);
  const sequence = (depth: number): string => {
    let out = '';
    const length = rng.int(0, 4);
    for (let i = 0; i < length; i++) {
      const a = atom(depth);
      out += a;
      if (!isAnchor(a) && rng.chance(0.3)) out += rng.pick(QUANTIFIERS);
      if (verbose && rng.chance(0.2)) out += rng.pick([' ', '  ', '\t', ' # note\n']);
    }
    return out;
  };
  const alternation = (depth: number): string => {
    const branches = [sequence(depth)];
    while (rng.chance(0.25)) branches.push(sequence(depth));
    return branches.join('|');
  };
  return globals + alternation(0);
}
