/**
 * Python's `fnmatch`, exactly: interrogate excludes a file when `fnmatch.fnmatch(path, exclude + "*")`, so the
 * same patterns must select the same files here, including the odd corners of `fnmatch.translate` (3.11):
 * `*` matches `/` too, `?` is one code point, `[seq]` / `[!seq]` with ranges, empty ranges such as `[z-a]`
 * dropped, an unclosed `[` literal, everything else literal, case-sensitive on POSIX.
 *
 * Instead of translating to a JS regex (whose classes and escapes differ from Python's), the pattern is parsed
 * into tokens and matched over code points by a small glob matcher with `*` backtracking (O(n*m) worst case);
 * patterns whose only wildcard is `*` (all of interrogate's excludes) are matched with native string searches.
 */
import * as path from 'path';

type Token =
  | { kind: 'star' }
  | { kind: 'any' }
  | { kind: 'never' }
  | { kind: 'literal'; cp: number }
  | { kind: 'class'; negate: boolean; singles: Set<number>; ranges: Array<[number, number]> };

export interface CompiledPattern {
  readonly source: string;
  /** True when `name` matches the whole pattern (fnmatchcase semantics: no case folding). */
  matches(name: string): boolean;
}

const STAR: Token = { kind: 'star' };
const ANY: Token = { kind: 'any' };
const NEVER: Token = { kind: 'never' };

/** Compile a pattern once; `matches` is then cheap to call for many names. */
export function compileFnmatch(pattern: string): CompiledPattern {
  if (!/[*?[]/.test(pattern)) {
    // No wildcard at all: a plain comparison, the common case (excludes given as paths).
    return { source: pattern, matches: (name) => name === pattern };
  }
  if (!/[?[]/.test(pattern)) {
    // Only `*` wildcards (every exclude: interrogate appends one): literal pieces found in order, natively.
    const pieces = pattern.split('*');
    return { source: pattern, matches: (name) => matchStars(pieces, name) };
  }
  const tokens = parsePattern(Array.from(pattern));
  return { source: pattern, matches: (name) => matchTokens(tokens, Array.from(name)) };
}

/**
 * Whether `name` is the literal `pieces` with anything between them (a pattern whose only wildcard is `*`).
 * The first piece anchors the start, the last the end; the leftmost place of each middle piece is always a
 * right choice, since a `*` on each side of it can take whatever the others leave.
 */
function matchStars(pieces: string[], name: string): boolean {
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  if (name.length < first.length + last.length || !name.startsWith(first) || !name.endsWith(last)) return false;
  const end = name.length - last.length;
  let pos = first.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const at = name.indexOf(pieces[i], pos);
    if (at < 0 || at + pieces[i].length > end) return false;
    pos = at + pieces[i].length;
  }
  return true;
}

/** `fnmatch.fnmatchcase(name, pattern)`. */
export function fnmatchcase(name: string, pattern: string): boolean {
  return compileFnmatch(pattern).matches(name);
}

/** `os.path.normcase`: identity on POSIX; on Windows lower case and backslashes. */
export function normcase(p: string): string {
  return path.sep === '\\' ? p.toLowerCase().replace(/\//g, '\\') : p;
}

/** The token form of `fnmatch.translate` (CPython 3.11), over code points. */
function parsePattern(pat: string[]): Token[] {
  const tokens: Token[] = [];
  const n = pat.length;
  let i = 0;
  while (i < n) {
    const c = pat[i++];
    if (c === '*') {
      if (tokens.length === 0 || tokens[tokens.length - 1].kind !== 'star') tokens.push(STAR);
    } else if (c === '?') {
      tokens.push(ANY);
    } else if (c === '[') {
      let j = i;
      if (j < n && pat[j] === '!') j++;
      if (j < n && pat[j] === ']') j++;
      while (j < n && pat[j] !== ']') j++;
      if (j >= n) {
        tokens.push({ kind: 'literal', cp: cp('[') });
      } else {
        tokens.push(parseClass(pat, i, j));
        i = j + 1;
      }
    } else {
      tokens.push({ kind: 'literal', cp: cp(c) });
    }
  }
  return tokens;
}

/**
 * The class between `[` (exclusive, at i) and `]` (at j). Mirrors translate(): the text is cut at the hyphens
 * that form ranges ("chunks"), empty ranges are removed by merging chunks, and the regex `[c0-c1-c2]` that
 * Python builds means: every character of every chunk literally, plus a range from the last character of each
 * chunk to the first of the next. A leading `!` negates.
 */
function parseClass(pat: string[], i: number, j: number): Token {
  let chunks: string[][];
  const stuff = pat.slice(i, j);
  if (!stuff.includes('-')) {
    chunks = [stuff];
  } else {
    chunks = [];
    let k = pat[i] === '!' ? i + 2 : i + 1;
    for (;;) {
      k = indexOf(pat, '-', k, j);
      if (k < 0) break;
      chunks.push(pat.slice(i, k));
      i = k + 1;
      k = k + 3;
    }
    const last = pat.slice(i, j);
    if (last.length > 0) chunks.push(last);
    else chunks[chunks.length - 1].push('-');
    for (let m = chunks.length - 1; m > 0; m--) {
      const prev = chunks[m - 1];
      if (cp(prev[prev.length - 1]) > cp(chunks[m][0])) {
        chunks[m - 1] = prev.slice(0, -1).concat(chunks[m].slice(1));
        chunks.splice(m, 1);
      }
    }
  }
  const total = chunks.reduce((sum, ch) => sum + ch.length, 0);
  if (total === 0) return NEVER; // '(?!)'
  let negate = false;
  if (chunks[0][0] === '!') {
    if (total === 1) return ANY; // '[!]' after merging: Python emits '.'
    negate = true;
    chunks[0] = chunks[0].slice(1);
  }
  const singles = new Set<number>();
  const ranges: Array<[number, number]> = [];
  for (let m = 0; m < chunks.length; m++) {
    const chunk = chunks[m];
    // Chunk m's first character is the end of a range when a chunk precedes it; its last one starts a range
    // when a chunk follows it. Middle chunks always hold at least two characters (translate skips 3 ahead).
    const from = m > 0 ? 1 : 0;
    const to = m < chunks.length - 1 ? chunk.length - 1 : chunk.length;
    for (let q = from; q < to; q++) singles.add(cp(chunk[q]));
    if (m > 0) {
      const prev = chunks[m - 1];
      if (prev.length === 0 || chunk.length === 0) continue; // cannot happen after merging; be safe
      ranges.push([cp(prev[prev.length - 1]), cp(chunk[0])]);
    }
  }
  return { kind: 'class', negate, singles, ranges };
}

function indexOf(arr: string[], value: string, from: number, end: number): number {
  for (let k = from; k < end; k++) if (arr[k] === value) return k;
  return -1;
}

function cp(ch: string): number {
  return ch.codePointAt(0)!;
}

function matchOne(token: Token, ch: string): boolean {
  switch (token.kind) {
    case 'any':
      return true;
    case 'never':
      return false;
    case 'literal':
      return cp(ch) === token.cp;
    case 'class': {
      const c = cp(ch);
      let hit = token.singles.has(c);
      for (let r = 0; !hit && r < token.ranges.length; r++) hit = c >= token.ranges[r][0] && c <= token.ranges[r][1];
      return hit !== token.negate;
    }
    default:
      return false;
  }
}

/** Whole-string glob match; `*` backtracks to the last star only, which is exact for single-character tokens. */
function matchTokens(tokens: Token[], name: string[]): boolean {
  let p = 0, s = 0, starP = -1, starS = 0;
  while (s < name.length) {
    if (p < tokens.length && tokens[p].kind === 'star') {
      starP = p++;
      starS = s;
    } else if (p < tokens.length && matchOne(tokens[p], name[s])) {
      p++;
      s++;
    } else if (starP >= 0) {
      p = starP + 1;
      s = ++starS;
    } else {
      return false;
    }
  }
  while (p < tokens.length && tokens[p].kind === 'star') p++;
  return p === tokens.length;
}
