/** Names as reports show them (python/printable.ts). */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { printable, pyRepr } from '../../server/src/python/printable';

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

  it('writes repr() as Python does, for the texts click quotes', () => {
    const texts = ['--fail-under', "it's", 'say "hi"', 'both \' and "', 'a\tb\\c', 'x\ny', '\x1b[0m', 'été', '\u202e', '', '\\\''];
    const r = spawnSync('python3', ['-c', 'import json, sys\nfor t in json.load(sys.stdin): print(repr(t))'], { input: JSON.stringify(texts), encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
    assert.deepStrictEqual(texts.map(pyRepr), r.stdout.trimEnd().split('\n'));
  });
});
