/** Python regexes for names (python/compat/regex.ts): translation, refusals, agreement with re.match. */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { compileNameRegex } from '../../../server/src/python/compat/regex';

describe('python/compat/regex: Python regexes for names', () => {
  const matches = (pattern: string, name: string): boolean => {
    const re = compileNameRegex(pattern);
    if (!(re instanceof RegExp)) throw new Error(re.error);
    return re.test(name);
  };

  it('matches from the start only, like re.match', () => {
    assert.strictEqual(matches('test', 'test_x'), true);
    assert.strictEqual(matches('test', 'a_test'), false);
    assert.strictEqual(matches('a|test', 'xtest'), false);
    assert.strictEqual(matches('.*_test', 'a_test'), true);
  });

  it('translates Python-only syntax', () => {
    assert.strictEqual(matches('(?P<x>ab)_(?P=x)', 'ab_ab'), true);
    assert.strictEqual(matches('(?P<x>ab)_(?P=x)', 'ab_cd'), false);
    assert.strictEqual(matches('(?i)GET', 'get_x'), true);
    assert.strictEqual(matches('\\Aget\\Z', 'get'), true);
    assert.strictEqual(matches('\\Aget\\Z', 'getx'), false);
    assert.strictEqual(matches('a{,2}b', 'aab'), true);
    assert.strictEqual(matches('[]a]+$', ']a]'), true);
    assert.strictEqual(matches('x(?#comment)y', 'xy'), true);
  });

  it('refuses what it cannot translate, and nested quantifiers, with a message', () => {
    for (const [pattern, why] of [
      ['(', /never closed|Unterminated/],
      ['(?x) a b', /verbose/],
      ['a(?i:b)', /inline flags/],
      ['(a+)+$', /exponential/],
      ['(?:\\w*_)*x', /exponential/],
      ['((ab)*c)+', /exponential/],
      ['\\N{DASH}', /not supported/],
      ['a**', /Nothing to repeat/],
    ] as [string, RegExp][]) {
      const r = compileNameRegex(pattern);
      assert.ok(!(r instanceof RegExp), pattern);
      assert.match((r as { error: string }).error, why, pattern);
    }
    // Bounded repetition of a repeating group is fine.
    assert.ok(compileNameRegex('(a+){2}') instanceof RegExp);
    assert.ok(compileNameRegex('(a|b)+') instanceof RegExp);
  });

  it('agrees with Python\'s re.match on sample patterns', function () {
    const patterns = ['^get$', 'test_.*', '_', '(?i)Mock', '^(?!_)', '.*Error$', '[A-Z][a-z]+', '(?P<w>x)y(?P=w)', '\\w+_v\\d', 'a{,2}b', '__\\w+__'];
    const names = ['get', 'get_x', 'test_a', '_private', 'MockThing', 'mock', 'ValueError', 'Foo', 'xyx', 'xyz', 'api_v2', 'ab', 'aaab', '__init__'];
    const script = 'import json, re, sys\np, n = json.load(sys.stdin)\nprint(json.dumps([[bool(re.match(a, b)) for b in n] for a in p]))';
    const want = JSON.parse(execFileSync('python3', ['-c', script], { input: JSON.stringify([patterns, names]) }).toString()) as boolean[][];
    patterns.forEach((p, i) => assert.deepStrictEqual(names.map((n) => matches(p, n)), want[i], p));
  });
});
