/** Python regexes for names (python/compat/regex.ts): translation, refusals, linear time, agreement with re.match. */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { compileNameRegex } from '../../../server/src/python/compat/regex';
import { UNICODE_VERSION } from '../../../server/src/python/compat/regexClasses';
import { bestMs } from '../../helpers/timing';
import { Prng } from '../../helpers/prng';
import { randomName, randomPattern } from './regexGen';
import { fuzzRegex } from './regexFuzz';

const compiled = (pattern: string): RegExp => {
  const re = compileNameRegex(pattern);
  if (!(re instanceof RegExp)) throw new Error(re.error);
  return re;
};
const matches = (pattern: string, name: string): boolean => compiled(pattern).test(name);
const refusal = (pattern: string): string => {
  const re = compileNameRegex(pattern);
  assert.ok(!(re instanceof RegExp), `${pattern} should be refused`);
  return re.error;
};

/**
 * CPython's verdict on each pattern: its re.error (or other compile error) text, re.match per name, or null
 * when Python's backtracking takes over half a second on the names (random patterns do that now and then).
 */
function python(patterns: string[], names: string[]): Array<string | boolean[] | null> {
  const script = [
    'import json, re, signal, sys, warnings',
    'warnings.simplefilter("ignore")',
    'class Slow(Exception): pass',
    'def alarm(*_): raise Slow()',
    'signal.signal(signal.SIGALRM, alarm)',
    'patterns, names = json.load(sys.stdin)',
    'out = []',
    'for p in patterns:',
    '    try:',
    '        r = re.compile(p)',
    '    except (re.error, OverflowError, ValueError, RecursionError) as e:',
    '        out.append(str(e)); continue',
    '    signal.setitimer(signal.ITIMER_REAL, 0.5)',
    '    try:',
    '        out.append([r.match(n) is not None for n in names])',
    '    except Slow:',
    '        out.append(None)',
    '    signal.setitimer(signal.ITIMER_REAL, 0)',
    'print(json.dumps(out))',
  ].join('\n');
  const input = JSON.stringify([patterns, names]);
  return JSON.parse(execFileSync('python3', ['-c', script], { input, maxBuffer: 1 << 26, timeout: 120_000 }).toString());
}

describe('python/compat/regex: Python regexes for names', () => {
  it('matches from the start only, like re.match', () => {
    assert.strictEqual(matches('test', 'test_x'), true);
    assert.strictEqual(matches('test', 'a_test'), false);
    assert.strictEqual(matches('a|test', 'xtest'), false);
    assert.strictEqual(matches('.*_test', 'a_test'), true);
    assert.ok(compiled('x') instanceof RegExp);
    assert.deepStrictEqual([...(compiled('te').exec('test') ?? [])], ['']);
    assert.strictEqual(compiled('te').exec('xtest'), null);
  });

  it('translates Python-only syntax', () => {
    assert.strictEqual(matches('(?P<x>ab)_(?P<y>cd)', 'ab_cd'), true);
    assert.strictEqual(matches('(?i)GET', 'get_x'), true);
    assert.strictEqual(matches('\\Aget\\Z', 'get'), true);
    assert.strictEqual(matches('\\Aget\\Z', 'getx'), false);
    assert.strictEqual(matches('\\Aget\\Z', 'get\n'), false);
    assert.strictEqual(matches('get$', 'get\n'), true, '$ matches before a trailing newline');
    assert.strictEqual(matches('a{,2}b', 'aab'), true);
    assert.strictEqual(matches('[]a]+$', ']a]'), true);
    assert.strictEqual(matches('[[:alpha:]]', ':]'), true, 'no POSIX classes in Python');
    assert.strictEqual(matches('[[:alpha:]]', 'a'), false);
    assert.strictEqual(matches('x(?#comment)y', 'xy'), true);
    assert.strictEqual(matches('(?x) a b  # spaces and comments', 'ab'), true);
    assert.strictEqual(matches('a(?i:b)c', 'aBc'), true);
    assert.strictEqual(matches('a(?i:b)c', 'aBC'), false);
    assert.strictEqual(matches('x{', 'x{'), true);
    assert.strictEqual(matches('\\x41\\u00e9\\101', 'AéA'), true);
  });

  it("uses Python 3's Unicode \\w, \\d and \\s, and ASCII ones under (?a)", () => {
    assert.strictEqual(matches('\\w+$', 'naïve_Σ2'), true);
    assert.strictEqual(matches('\\d', '٣'), true);
    assert.strictEqual(matches('(?a)\\d', '٣'), false);
    assert.strictEqual(matches('\\w', '\u0301'), false, 'combining marks are not \\w in Python');
    assert.strictEqual(matches('\\s', '\u00a0'), true);
    assert.strictEqual(matches('(?a)\\s', '\x1c'), false);
    assert.strictEqual(matches('(?i)i', 'İ'), true, 'Python folds İ to i');
    assert.strictEqual(matches('(?i)k', '\u212a'), true);
    assert.strictEqual(matches('(?ai)k', '\u212a'), false);
    // The documented difference (README): \b knows ASCII word characters only; Python's is Unicode.
    assert.strictEqual(matches('a\\b', 'aé'), true);
    assert.strictEqual(matches('(?a)a\\b', 'aé'), true);
  });

  it('refuses constructs that need backtracking, by name', () => {
    for (const [pattern, why] of [
      ['(a)\\1', /^regex "\(a\)\\\\1": backreferences \(\\1\) are not supported: docbits matches regexes in linear time$/],
      ['(?P<x>a)(?P=x)', /backreferences \(\(\?P=x\)\)/],
      ['a(?=b)', /lookahead \(\?=\.\.\.\)/],
      ['a(?!b)', /negative lookahead/],
      ['(?<=a)b', /lookbehind \(\?<=/],
      ['(?<!a)b', /negative lookbehind/],
      ['(a)?(?(1)b|c)', /conditional groups/],
      ['(?>a+)b', /atomic groups/],
      ['a++', /possessive repeats \(\+\+\)/],
      ['a{1,3}+', /possessive repeats \(\{1,3\}\+\)/],
      ['\\N{EM DASH}', /named characters/],
      ['a{1001}', /repeat counts above 1000/],
      ['(a{1,40}){1,40}b', /nested repeats allow more than 1000 repetitions/],
      [`${'('.repeat(300)}a${')'.repeat(300)}`, /groups nested more than 200 deep are not supported$/],
      ['\\w+'.repeat(50), /character classes are too large for docbits's linear-time matcher/],
      ['a'.repeat(5_001), /^regex "a{40}"\.\.\. \(5001 characters\): patterns longer than 5000 characters are not supported$/],
      ['(a|aa)+'.repeat(700), /compiles to \d+ instructions, over the 2000/],
    ] as [string, RegExp][]) {
      assert.match(refusal(pattern), why, pattern.slice(0, 50));
    }
    // Hostile sizes are refused or compiled quickly, never minutes.
    for (const pattern of ['\\w+'.repeat(1600), `${'('.repeat(2400)}a${')'.repeat(2400)}`, '%'.repeat(4_999), '(a|aa)+'.repeat(700), 'a*'.repeat(2499)]) {
      assert.ok(bestMs(() => compileNameRegex(`${pattern}#`), 1) < 5000, pattern.slice(0, 20));
    }
  });

  it("refuses what Python refuses, in Python's words", () => {
    for (const [pattern, why] of [
      ['(', 'missing ), unterminated subpattern at position 0'],
      ['a)', 'unbalanced parenthesis at position 1'],
      ['a**', 'multiple repeat at position 2'],
      ['*a', 'nothing to repeat at position 0'],
      ['^*', 'nothing to repeat at position 1'],
      ['[a', 'unterminated character set at position 0'],
      ['[z-a]', 'bad character range z-a at position 1'],
      ['\\q', 'bad escape \\q at position 0'],
      ['a(?i)', 'global flags not at the start of the expression at position 1'],
      ['(?P<1>x)', "bad character in group name '1' at position 4"],
      ['(?P<a>x)(?P<a>y)', "redefinition of group name 'a' at position 12"],
      ['x{3,2}', 'min repeat greater than max repeat at position 2'],
      ['(?L)x', "bad inline flags: cannot use 'L' flag with a str pattern at position 3"],
      ['\\', 'bad escape (end of pattern) at position 0'],
    ]) {
      assert.strictEqual(refusal(pattern), `regex ${JSON.stringify(pattern)}: ${why}`);
    }
  });

  it('matches the catastrophic patterns in linear time', function () {
    // Each of these takes a backtracking engine (Python's or JavaScript's) past 10 s on a 41-character name.
    const long = 'a'.repeat(1000);
    for (const [pattern, subject, want] of [
      ['(a|a)*b', long, false],
      ['(a|a)*b', `${long}b`, true],
      ['(a|aa)+b', long, false],
      ['(a|aa)+b', `${long}b`, true],
      ['(.*a){20}x', long, false],
      ['(.*a){20}x', `${long}x`, true],
      ['(a{1,20}){1,40}b', long, false],
      ['(a{1,20}){1,40}b', `${'a'.repeat(799)}b`, true],
      ['(a+)+$', `${long}!`, false],
      ['(\\w*_)*x', `${'a_'.repeat(500)}!`, false],
    ] as [string, string, boolean][]) {
      const re = compiled(pattern);
      let got: boolean | undefined;
      const ms = bestMs(() => (got = re.test(subject)));
      assert.strictEqual(got, want, `${pattern} on ${subject.length} characters`);
      // A hang guard, generous for a loaded machine; they take 1-60 ms.
      assert.ok(ms < 1000, `${pattern}: ${ms.toFixed(1)} ms`);
    }
  });

  it("agrees with CPython's re.match on random patterns and names", () => {
    const rng = new Prng(20261201);
    const patterns = Array.from({ length: 1500 }, () => randomPattern(rng));
    const names = Array.from({ length: 60 }, () => randomName(rng));
    const want = python(patterns, names);
    let compiledCount = 0;
    patterns.forEach((pattern, i) => {
      const re = compileNameRegex(pattern);
      const expected = want[i];
      if (expected === null) return;
      if (typeof expected === 'string') {
        assert.ok(!(re instanceof RegExp), `${JSON.stringify(pattern)}: Python refuses it (${expected})`);
        return;
      }
      assert.ok(re instanceof RegExp, `${JSON.stringify(pattern)}: ${(re as { error: string }).error}`);
      compiledCount++;
      names.forEach((name, j) => {
        assert.strictEqual(re.test(name), expected[j], `${JSON.stringify(pattern)} on ${JSON.stringify(name)}`);
      });
    });
    assert.ok(compiledCount > 1000, `only ${compiledCount} patterns compiled`);
  });

  it("has Python's \\w, \\d and \\s for this python3's Unicode version", function () {
    const version = execFileSync('python3', ['-c', 'import unicodedata; print(unicodedata.unidata_version)']).toString().trim();
    if (version !== UNICODE_VERSION) this.skip(); // regexClasses.ts was generated from another Unicode version
    // Every code point against re in one call: the runs where Python's answer changes.
    const script = [
      'import re',
      'for p in (r"\\w", r"\\d", r"\\s", r"(?i)[^\\W\\d]"):',
      '    r = re.compile(p); edges = []; prev = False',
      '    for cp in range(0x110000):',
      '        hit = r.match(chr(cp)) is not None',
      '        if hit != prev: edges.append(cp); prev = hit',
      '    print(",".join(map(str, edges)))',
    ].join('\n');
    const lines = execFileSync('python3', ['-c', script], { maxBuffer: 1 << 24 }).toString().trim().split('\n');
    ['\\w', '\\d', '\\s', '(?i)[^\\W\\d]'].forEach((pattern, k) => {
      const re = compiled(pattern);
      const edges: number[] = [];
      let prev = false;
      for (let cp = 0; cp < 0x110000; cp++) {
        if (cp >= 0xd800 && cp <= 0xdfff) continue; // lone surrogates: not in any name, nor in these sets
        const hit = re.test(String.fromCodePoint(cp));
        if (hit !== prev) edges.push(cp);
        prev = hit;
      }
      const pythonEdges = lines[k].split(',').map(Number).filter((cp) => cp < 0xd800 || cp > 0xdfff);
      assert.deepStrictEqual(edges, pythonEdges, pattern);
    });
  });

  it('never throws nor hangs on random or mutated patterns (fixed-seed fuzz slice)', () => {
    const stats = fuzzRegex({ seed: 7, cases: 3000 });
    assert.ok(stats.maxMs < 1000, `slowest case ${stats.maxMs.toFixed(0)} ms: ${JSON.stringify(stats.slowest)}`);
  });
});
