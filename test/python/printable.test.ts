/** Names as reports show them (python/printable.ts). */
import * as assert from 'assert';
import { printable } from '../../server/src/python/printable';

describe('python/printable', () => {
  it('leaves ordinary names alone, backslashes and non-ASCII letters included', () => {
    for (const name of ['pkg/mod.py', 'données/été.py', 'a\\b.py', '日本語.py', 'x y.py', '\u{1F600}.py']) assert.strictEqual(printable(name), name);
  });

  it('escapes controls, separators and bidi overrides as Python repr() writes them', () => {
    assert.strictEqual(printable('x\nRESULT: PASSED\n.py'), 'x\\nRESULT: PASSED\\n.py');
    assert.strictEqual(printable('a\tb\rc'), 'a\\tb\\rc');
    assert.strictEqual(printable('\x1b[2J\x00\x7f\x85'), '\\x1b[2J\\x00\\x7f\\x85');
    assert.strictEqual(printable('abc\u202edcba\u2066\u2028'), 'abc\\u202edcba\\u2066\\u2028');
  });
});
