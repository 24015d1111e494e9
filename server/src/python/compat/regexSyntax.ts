/**
 * Python's regex syntax (re/_parser.py, 3.11) translated to RE2 syntax, for a linear-time matcher (regex.ts).
 *
 * A port of CPython's parser, so that a pattern Python refuses is refused here in Python's words, and one it
 * accepts means the same: every character class (`\w`, `\d`, `\s`, `[...]`, literals) becomes an explicit set
 * of code points from Python's own tables (charSet.ts), flags (`(?aimsux)` global or scoped) are applied
 * while translating, so the RE2 pattern needs none. Constructs that need backtracking (backreferences,
 * lookaround, conditionals, atomic groups, possessive repeats) are refused by name.
 *
 * Only truthiness is asked of a match (re.match(...) is not None), so greedy and lazy repeats are the same
 * and groups need not capture.
 *
 * Two anchors cannot be said exactly in RE2 and are translated for the subjects docbits has, names without
 * newlines: Python's `$` (end, or before a final newline) becomes RE2's multi-line `$`, which is the same
 * unless a newline comes earlier; `\b` and `\B` know ASCII word characters only, as with `(?a)`.
 */
import { category, CharSet, re2Char, re2Class, union } from './charSet';
import { ignoreCase } from './ignoreCase';

/** A pattern refused, in Python's words (with its position) or docbits's. */
export class PatternError extends Error {}

const LINEAR = 'docbits matches regexes in linear time';
/** RE2's limit on a repeat count ({m,n}). */
const MAX_COUNT = 1000;
/** The most ranges all of a pattern's classes may hold (charClass). */
const MAX_RANGES = 30_000;
/** How deep groups may nest. */
const MAX_NESTING = 200;
/** Python's MAXREPEAT on 64-bit builds. */
const MAXREPEAT = 4294967295;

const DIGITS = '0123456789';
const OCTDIGITS = '01234567';
const HEXDIGITS = '0123456789abcdefABCDEF';
const isAsciiLetter = (c: string): boolean => /^[A-Za-z]$/.test(c);
const WHITESPACE = ' \t\n\r\v\f';
const SPECIAL_CHARS = '.\\[{()*+?^$|';
const ESCAPES: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };
const FLAG_LETTERS = 'iLmsxatu';

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  x: boolean;
  /** (?a); Unicode otherwise (str patterns). */
  ascii: boolean;
}

/** re/_parser.py's Tokenizer over code points: `next` is one code point, or a backslash and the one after. */
class Tokenizer {
  private readonly cps: string[];
  private index = 0;
  next: string | undefined;
  private nextLength = 0;

  constructor(pattern: string) {
    this.cps = Array.from(pattern);
    this.advance();
  }

  private advance(): void {
    let index = this.index;
    if (index >= this.cps.length) {
      this.next = undefined;
      this.nextLength = 0;
      return;
    }
    let char = this.cps[index];
    if (char === '\\') {
      index += 1;
      if (index >= this.cps.length) throw this.errorAt('bad escape (end of pattern)', this.cps.length - 1);
      char += this.cps[index];
    }
    this.nextLength = index + 1 - this.index;
    this.index = index + 1;
    this.next = char;
  }

  match(char: string): boolean {
    if (char !== this.next) return false;
    this.advance();
    return true;
  }

  get(): string | undefined {
    const t = this.next;
    this.advance();
    return t;
  }

  getwhile(n: number, charset: string): string {
    let result = '';
    for (let k = 0; k < n; k++) {
      const c = this.next;
      if (c === undefined || c.length !== 1 || !charset.includes(c)) break;
      result += c;
      this.advance();
    }
    return result;
  }

  getuntil(terminator: string, name: string): string {
    let result = '';
    for (;;) {
      const c = this.next;
      this.advance();
      if (c === undefined) {
        if (!result) throw this.error(`missing ${name}`);
        throw this.error(`missing ${terminator}, unterminated name`, Array.from(result).length);
      }
      if (c === terminator) {
        if (!result) throw this.error(`missing ${name}`, 1);
        return result;
      }
      result += c;
    }
  }

  /** The pattern's code points from `from` to `to`, for messages. */
  text(from: number, to: number): string {
    return this.cps.slice(from, to).join('');
  }

  tell(): number {
    return this.index - this.nextLength;
  }

  seek(index: number): void {
    this.index = index;
    this.advance();
  }

  error(msg: string, offset = 0): PatternError {
    return this.errorAt(msg, this.tell() - offset);
  }

  /** re.error's text: the message, its position, and the line and column in a pattern with newlines. */
  private errorAt(msg: string, pos: number): PatternError {
    let text = `${msg} at position ${pos}`;
    const before = this.cps.slice(0, pos);
    if (this.cps.includes('\n')) {
      const line = before.filter((c) => c === '\n').length + 1;
      text += ` (line ${line}, column ${pos - before.lastIndexOf('\n')})`;
    }
    return new PatternError(text);
  }
}

/** One parsed item of a sequence, already in RE2 syntax; `kind` is what Python's repeat checks look at. */
interface Item {
  kind: 'at' | 'repeat' | 'unit' | 'group';
  re2: string;
}

interface State {
  /** The global flags, read at the start of the pattern. */
  flags: Flags;
  /** A global (?u) was given: (?a) with it is an error. */
  unicode: boolean;
  /** Ranges in the classes so far (charClass). */
  ranges: number;
  groupNames: Set<string>;
}

/** The pattern in RE2 syntax, to be matched anchored at the start (re.match); throws PatternError. */
export function toRe2(pattern: string): string {
  const source = new Tokenizer(pattern);
  const state: State = { flags: { i: false, m: false, s: false, x: false, ascii: false }, unicode: false, ranges: 0, groupNames: new Set() };
  const re2 = parseSub(source, state, state.flags, false, 0);
  if (source.next !== undefined) throw source.error('unbalanced parenthesis');
  return re2;
}

/** An alternation a|b|c (re/_parser.py's _parse_sub). */
function parseSub(source: Tokenizer, state: State, flags: Flags, verbose: boolean, nested: number): string {
  const branches: string[] = [];
  for (;;) {
    branches.push(parse(source, state, flags, verbose, nested + 1, nested === 0 && branches.length === 0));
    if (!source.match('|')) break;
    if (nested === 0) verbose = state.flags.x;
  }
  return branches.join('|');
}

/** A sequence (re/_parser.py's _parse): items up to the next `|` or `)`. */
function parse(source: Tokenizer, state: State, flags: Flags, verbose: boolean, nested: number, first: boolean): string {
  const items: Item[] = [];
  const unit: Unit = (literals, categories = []) => ({ kind: 'unit', re2: charClass(literals, categories, false, flags, state) });
  for (;;) {
    let self = source.next;
    if (self === undefined || self === '|' || self === ')') break;
    source.get();
    if (verbose) {
      if (WHITESPACE.includes(self)) continue;
      if (self === '#') {
        do self = source.get();
        while (self !== undefined && self !== '\n');
        continue;
      }
    }
    if (self[0] === '\\') {
      items.push(escape(source, self, flags, unit));
    } else if (!SPECIAL_CHARS.includes(self)) {
      items.push(unit(single(self)));
    } else if (self === '[') {
      items.push(charSetItem(source, flags, state));
    } else if ('*+?{'.includes(self)) {
      const here = source.tell();
      let min = 0, max = MAXREPEAT;
      if (self === '?') max = 1;
      else if (self === '+') min = 1;
      else if (self === '{') {
        if (source.next === '}') {
          items.push(unit(single('{')));
          continue;
        }
        let lo = '', hi = '';
        while (source.next !== undefined && DIGITS.includes(source.next)) lo += source.get();
        if (source.match(',')) {
          while (source.next !== undefined && DIGITS.includes(source.next)) hi += source.get();
        } else hi = lo;
        if (!source.match('}')) {
          items.push(unit(single('{')));
          source.seek(here);
          continue;
        }
        if (lo) min = Number(lo);
        if (hi) max = Number(hi);
        if (min >= MAXREPEAT || (hi && max >= MAXREPEAT)) throw new PatternError('the repetition number is too large');
        if (hi && max < min) throw source.error('min repeat greater than max repeat', source.tell() - here);
      }
      const item = items[items.length - 1];
      if (!item || item.kind === 'at') throw source.error('nothing to repeat', source.tell() - here + self.length);
      if (item.kind === 'repeat') throw source.error('multiple repeat', source.tell() - here + self.length);
      const written = source.text(here - 1, source.tell());
      if (source.match('+')) throw new PatternError(`possessive repeats (${written}+) are not supported: ${LINEAR}`);
      source.match('?'); // lazy: the same truth value
      if (min > MAX_COUNT || (max !== MAXREPEAT && max > MAX_COUNT)) {
        throw new PatternError(`repeat counts above ${MAX_COUNT} are not supported (${written})`);
      }
      items[items.length - 1] = { kind: 'repeat', re2: `(?:${item.re2})${quantifier(min, max)}` };
    } else if (self === '.') {
      items.push({ kind: 'unit', re2: flags.s ? '(?s:.)' : '[^\\n]' });
    } else if (self === '(') {
      const group = groupItem(source, state, flags, verbose, nested, first && items.length === 0);
      if (group) items.push(group);
      else if (first && items.length === 0) verbose = state.flags.x; // global flags were read
    } else if (self === '^') {
      items.push({ kind: 'at', re2: flags.m ? '(?m:^)' : '\\A' });
    } else {
      // `$`: the end, or before a newline at the end ("(?m:$)" is that for a subject with no earlier newline).
      items.push({ kind: 'at', re2: '(?m:$)' });
    }
  }
  return items.map((item) => item.re2).join('');
}

/** The RE2 repeat operator; bounds are at most MAX_COUNT except an open upper one. */
function quantifier(min: number, max: number): string {
  if (max === MAXREPEAT) return min === 0 ? '*' : min === 1 ? '+' : `{${min},}`;
  return min === max ? `{${min}}` : `{${min},${max}}`;
}

const single = (c: string): CharSet => [[c.codePointAt(0)!, c.codePointAt(0)!]];

/**
 * A literal, category or class under the flags, case folded as Python folds it, as an RE2 class. The ranges
 * of all classes count against MAX_RANGES: re2js takes some 5 ms to compile a class as big as `\w` (734
 * ranges), so `\w+` written 3,000 times would take 10 s.
 */
function charClass(literals: CharSet, categories: CharSet, negate: boolean, flags: Flags, state: State): string {
  if (!flags.i && !negate && categories.length === 0 && literals.length === 1 && literals[0][0] === literals[0][1]) {
    return re2Char(literals[0][0]); // the common case, kept cheap for long patterns
  }
  const set = flags.i ? ignoreCase(literals, categories, flags.ascii) : union(literals, categories);
  state.ranges += set.length;
  if (state.ranges > MAX_RANGES) {
    throw new PatternError(`its character classes are too large for docbits's linear-time matcher (over ${MAX_RANGES} ranges; \\w alone is 734)`);
  }
  return re2Class(set, negate);
}

/** A one-character item: literal characters and categories (\w...), which IGNORECASE treats differently. */
type Unit = (literals: CharSet, categories?: CharSet) => Item;

/** `(`...: a group, a comment, global flags (null), or a refusal. */
function groupItem(source: Tokenizer, state: State, flags: Flags, verbose: boolean, nested: number, atStart: boolean): Item | null {
  const start = source.tell() - 1;
  // Python's own parser gives up (RecursionError) at some 900 levels; parsing here recurses too.
  if (nested > 2 * MAX_NESTING) throw new PatternError(`groups nested more than ${MAX_NESTING} deep are not supported`);
  let innerFlags = flags;
  let innerVerbose = verbose;
  if (source.match('?')) {
    const char = source.get();
    if (char === undefined) throw source.error('unexpected end of pattern');
    if (char === 'P') {
      if (source.match('<')) {
        const name = source.getuntil('>', 'group name');
        checkGroupName(source, name, 1);
        if (state.groupNames.has(name)) throw source.error(`redefinition of group name '${name}'`, Array.from(name).length + 1);
        state.groupNames.add(name);
      } else if (source.match('=')) {
        const name = source.getuntil(')', 'group name');
        checkGroupName(source, name, 1);
        throw new PatternError(`backreferences ((?P=${name})) are not supported: ${LINEAR}`);
      } else {
        const c = source.get();
        if (c === undefined) throw source.error('unexpected end of pattern');
        throw source.error(`unknown extension ?P${c}`, c.length + 2);
      }
    } else if (char === ':') {
      // non-capturing group
    } else if (char === '#') {
      for (;;) {
        if (source.next === undefined) throw source.error('missing ), unterminated comment', source.tell() - start);
        if (source.get() === ')') return null;
      }
    } else if (char === '=' || char === '!') {
      throw new PatternError(`${char === '=' ? 'lookahead' : 'negative lookahead'} (?${char}...) is not supported: ${LINEAR}`);
    } else if (char === '<') {
      const c = source.get();
      if (c === undefined) throw source.error('unexpected end of pattern');
      if (c !== '=' && c !== '!') throw source.error(`unknown extension ?<${c}`, c.length + 2);
      throw new PatternError(`${c === '=' ? 'lookbehind' : 'negative lookbehind'} (?<${c}...) is not supported: ${LINEAR}`);
    } else if (char === '(') {
      throw new PatternError(`conditional groups (?(...)...) are not supported: ${LINEAR}`);
    } else if (char === '>') {
      throw new PatternError(`atomic groups (?>...) are not supported: ${LINEAR}`);
    } else if (FLAG_LETTERS.includes(char) || char === '-') {
      const scoped = parseFlags(source, char);
      if (scoped === null) {
        if (!atStart) throw source.error('global flags not at the start of the expression', source.tell() - start);
        return null;
      }
      innerFlags = scoped(flags);
      innerVerbose = (verbose || scoped.addsVerbose) && !scoped.removesVerbose;
    } else {
      throw source.error(`unknown extension ?${char}`, char.length + 1);
    }
  }
  const body = parseSub(source, state, innerFlags, innerVerbose, nested + 1);
  if (!source.match(')')) throw source.error('missing ), unterminated subpattern', source.tell() - start);
  return { kind: 'group', re2: `(?:${body})` };

  /** Global flags `(?imsx...)` set state.flags and return null; scoped ones return how they change flags. */
  function parseFlags(src: Tokenizer, first: string): null | (((f: Flags) => Flags) & { addsVerbose: boolean; removesVerbose: boolean }) {
    const add = new Set<string>();
    const del = new Set<string>();
    let c: string | undefined = first;
    if (c !== '-') {
      for (;;) {
        if (c === 'L') throw src.error("bad inline flags: cannot use 'L' flag with a str pattern");
        if (c === 't') throw new PatternError('the template flag (?t) is not supported');
        add.add(c!);
        if (add.has('a') && add.has('u')) throw src.error("bad inline flags: flags 'a', 'u' and 'L' are incompatible");
        c = src.get();
        if (c === undefined) throw src.error('missing -, : or )');
        if (')-:'.includes(c)) break;
        if (!FLAG_LETTERS.includes(c)) throw src.error(/^\p{L}$/u.test(c) ? 'unknown flag' : 'missing -, : or )', c.length);
      }
    }
    if (c === ')') {
      const f = state.flags;
      f.i ||= add.has('i');
      f.m ||= add.has('m');
      f.s ||= add.has('s');
      f.x ||= add.has('x');
      f.ascii ||= add.has('a');
      state.unicode ||= add.has('u');
      if (f.ascii && state.unicode) throw new PatternError('ASCII and UNICODE flags are incompatible');
      return null;
    }
    if (c === '-') {
      c = src.get();
      if (c === undefined) throw src.error('missing flag');
      if (!FLAG_LETTERS.includes(c)) throw src.error(/^\p{L}$/u.test(c) ? 'unknown flag' : 'missing flag', c.length);
      for (;;) {
        if ('aLu'.includes(c)) throw src.error("bad inline flags: cannot turn off flags 'a', 'u' and 'L'");
        if (c === 't') throw src.error('bad inline flags: cannot turn off global flag', 1);
        del.add(c);
        c = src.get();
        if (c === undefined) throw src.error('missing :');
        if (c === ':') break;
        if (!FLAG_LETTERS.includes(c)) throw src.error(/^\p{L}$/u.test(c) ? 'unknown flag' : 'missing :', c.length);
      }
    }
    if ([...add].some((f) => del.has(f))) throw src.error('bad inline flags: flag turned on and off', 1);
    const on = (f: Flags, k: 'i' | 'm' | 's' | 'x'): boolean => (f[k] || add.has(k)) && !del.has(k);
    const change = (f: Flags): Flags => ({
      i: on(f, 'i'), m: on(f, 'm'), s: on(f, 's'), x: on(f, 'x'),
      ascii: add.has('a') ? true : add.has('u') ? false : f.ascii,
    });
    return Object.assign(change, { addsVerbose: add.has('x'), removesVerbose: del.has('x') });
  }
}

function checkGroupName(source: Tokenizer, name: string, offset: number): void {
  // str.isidentifier(), near enough: XID_Start or "_", then XID_Continue.
  if (!/^[\p{XID_Start}_]\p{XID_Continue}*$/u.test(name)) {
    throw source.error(`bad character in group name '${name}'`, Array.from(name).length + offset);
  }
}

/** An escape outside a class (re/_parser.py's _escape). */
function escape(source: Tokenizer, esc: string, flags: Flags, unit: Unit): Item {
  const c = esc.slice(1);
  switch (c) {
    case 'A': return { kind: 'at', re2: '\\A' };
    case 'Z': return { kind: 'at', re2: '\\z' };
    case 'b': return { kind: 'at', re2: '\\b' };
    case 'B': return { kind: 'at', re2: '\\B' };
    case 'd': case 'D': case 's': case 'S': case 'w': case 'W':
      return unit([], category(c, flags.ascii));
  }
  if (c in ESCAPES) return unit([[ESCAPES[c], ESCAPES[c]]]);
  const numeric = numericEscape(source, esc);
  if (numeric !== undefined) return unit([[numeric, numeric]]);
  if (c === '0') {
    const value = parseInt(source.getwhile(2, OCTDIGITS) || '0', 8);
    return unit([[value, value]]);
  }
  if (DIGITS.includes(c)) {
    // An octal escape (three octal digits) or a group reference.
    let digits = c;
    if (source.next !== undefined && DIGITS.includes(source.next)) {
      digits += source.get();
      if (OCTDIGITS.includes(digits[0]) && OCTDIGITS.includes(digits[1]) && source.next !== undefined && OCTDIGITS.includes(source.next)) {
        digits += source.get();
        const value = parseInt(digits, 8);
        if (value > 0o377) throw source.error(`octal escape value \\${digits} outside of range 0-0o377`, digits.length + 1);
        return unit([[value, value]]);
      }
    }
    throw new PatternError(`backreferences (\\${digits}) are not supported: ${LINEAR}`);
  }
  if (isAsciiLetter(c)) throw source.error(`bad escape ${esc}`, esc.length);
  return unit(single(c));
}

/**
 * `\x..`, `\u....`, `\U........` and `\N{...}` (the same in and out of classes): the code point, or undefined
 * if the escape is none of them.
 */
function numericEscape(source: Tokenizer, esc: string): number | undefined {
  const c = esc.slice(1);
  const digits = ({ x: 2, u: 4, U: 8 } as Record<string, number>)[c];
  if (digits !== undefined) {
    const hex = source.getwhile(digits, HEXDIGITS);
    if (hex.length !== digits) throw source.error(`incomplete escape ${esc}${hex}`, hex.length + 2);
    const value = parseInt(hex, 16);
    if (value > 0x10ffff) throw source.error(`bad escape ${esc}${hex}`, hex.length + 2);
    return value;
  }
  if (c === 'N') {
    if (!source.match('{')) throw source.error('missing {');
    source.getuntil('}', 'character name');
    throw new PatternError('named characters (\\N{...}) are not supported: write the character itself or \\uXXXX');
  }
  return undefined;
}

/** `[...]` (the class branch of re/_parser.py's _parse). */
function charSetItem(source: Tokenizer, flags: Flags, state: State): Item {
  const here = source.tell() - 1;
  const literals: CharSet[] = [];
  const categories: CharSet[] = [];
  const negate = source.match('^');
  for (;;) {
    const self = source.get();
    if (self === undefined) throw source.error('unterminated character set', source.tell() - here);
    if (self === ']' && literals.length + categories.length > 0) break;
    const code1 = classAtom(source, self, flags);
    if (source.match('-')) {
      const that = source.get();
      if (that === undefined) throw source.error('unterminated character set', source.tell() - here);
      if (that === ']') {
        (code1.literal ? literals : categories).push(code1.set);
        literals.push(single('-'));
        break;
      }
      const code2 = classAtom(source, that, flags);
      const lo = code1.set[0][0], hi = code2.set[0][0];
      if (!code1.literal || !code2.literal || hi < lo) {
        throw source.error(`bad character range ${self}-${that}`, Array.from(self).length + 1 + Array.from(that).length);
      }
      literals.push([[lo, hi]]);
    } else {
      (code1.literal ? literals : categories).push(code1.set);
    }
  }
  return { kind: 'unit', re2: charClass(union(...literals), union(...categories), negate, flags, state) };
}

/** One member of a class: a character (which may bound a range) or `\d \D \s \S \w \W` (which may not). */
function classAtom(source: Tokenizer, token: string, flags: Flags): { set: CharSet; literal: boolean } {
  if (token[0] !== '\\') return { set: single(token), literal: true };
  const c = token.slice(1);
  if ('dDsSwW'.includes(c)) return { set: category(c as 'd', flags.ascii), literal: false };
  return { set: classEscape(source, token), literal: true };
}

/** A character escape inside a class (re/_parser.py's _class_escape): `\b` is a backspace, anchors are errors. */
function classEscape(source: Tokenizer, esc: string): CharSet {
  const c = esc.slice(1);
  if (c in ESCAPES) return [[ESCAPES[c], ESCAPES[c]]];
  const numeric = numericEscape(source, esc);
  if (numeric !== undefined) return [[numeric, numeric]];
  if (OCTDIGITS.includes(c)) {
    const digits = c + source.getwhile(2, OCTDIGITS);
    const value = parseInt(digits, 8);
    if (value > 0o377) throw source.error(`octal escape value \\${digits} outside of range 0-0o377`, digits.length + 1);
    return [[value, value]];
  }
  if (DIGITS.includes(c) || isAsciiLetter(c)) throw source.error(`bad escape ${esc}`, esc.length);
  return single(c);
}
