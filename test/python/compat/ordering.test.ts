/** Python's string ordering (python/compat/ordering.ts), checked against python3's sorted(). */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { compareCodePoints } from '../../../server/src/python/compat/ordering';

describe('python/compat/ordering', () => {
  it('orders by code point, not by UTF-16 unit: astral characters sort after U+E000..U+FFFF', () => {
    assert.ok(compareCodePoints('\u{1F600}', '\uFFFD') > 0); // JS '<' says the opposite
    assert.ok('\u{1F600}' < '\uFFFD');
    assert.ok(compareCodePoints('ab', 'abc') < 0);
    assert.strictEqual(compareCodePoints('same', 'same'), 0);
  });

  it('sorts like python3 sorted()', () => {
    const strings = ['b', 'a', 'ab', 'a\u{10000}', 'a\uE000', 'a\uFFFF', 'a\uD7FF', '\u{1F600}x', '\uFB01', 'Z', '', 'a/b', 'a-b', '\u00e9', '\u{10FFFF}'];
    const want = JSON.parse(execFileSync('python3', ['-c', 'import json, sys; print(json.dumps(sorted(json.load(sys.stdin))))'],
      { input: JSON.stringify(strings) }).toString()) as string[];
    assert.deepStrictEqual([...strings].sort(compareCodePoints), want);
  });
});
