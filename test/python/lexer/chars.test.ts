/** The lexical facts of chars.ts against the python3 that runs the tests. */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import {
  KEYWORDS, PREFIX_BYTES, PREFIX_FORMAT, PREFIX_RAW, SOFT_KEYWORDS, hasFPrefix, isKeyword, isStringPrefix, prefixLetter,
} from '../../../server/src/python/lexer/chars';
import { literalValue } from '../../../server/src/python/strings';

function python<T>(script: string): T {
  return JSON.parse(execFileSync('python3', ['-c', script], { encoding: 'utf8' })) as T;
}

describe('lexer/chars', function () {
  it("keywords are python3's keyword.kwlist; soft keywords its softkwlist (with 3.12's `type`)", function () {
    const py = python<{ kw: string[]; soft: string[]; version: number[] }>(
      'import json, keyword, sys; print(json.dumps({"kw": keyword.kwlist, "soft": keyword.softkwlist, "version": sys.version_info[:2]}))');
    assert.deepStrictEqual([...KEYWORDS].sort(), [...py.kw].sort());
    // `type` is a soft keyword from 3.12 (PEP 695); docbits reads code as 3.12 does where they differ.
    const soft = py.version[0] === 3 && py.version[1] < 12 ? [...py.soft, 'type'] : py.soft;
    assert.deepStrictEqual([...SOFT_KEYWORDS].sort(), [...soft].sort());
    for (const k of KEYWORDS) assert.ok(isKeyword(k), k);
    for (const k of [...SOFT_KEYWORDS, 'print', 'self', 'Def', 'none', 'exec']) assert.ok(!isKeyword(k), k);
  });

  it('string prefixes are those CPython accepts, with their meaning (raw, bytes, f)', function () {
    // Every word of up to 3 letters from the prefix letters in both cases, and a few letters that are none.
    const letters = 'rRbBfFuUtxz';
    const words: string[] = [];
    for (const a of letters) {
      words.push(a);
      for (const b of letters) {
        words.push(a + b);
        for (const c of 'rRbBfFu') words.push(a + b + c);
      }
    }
    const script = `
import ast, json, sys
out = {}
for w in json.loads(sys.stdin.read()):
    try:
        tree = ast.parse(w + "'\\\\n'", mode='eval')
    except SyntaxError:
        out[w] = None
        continue
    node = tree.body
    if isinstance(node, ast.JoinedStr):
        value, f = node.values[0].value, True
    elif isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)):
        value, f = node.value, False
    else:
        out[w] = None
        continue
    out[w] = {'raw': len(value) == 2, 'bytes': isinstance(value, bytes), 'f': f}
print(json.dumps(out))`;
    const cpython = JSON.parse(execFileSync('python3', ['-c', script], { input: JSON.stringify(words), encoding: 'utf8' })) as
      Record<string, { raw: boolean; bytes: boolean; f: boolean } | null>;
    let accepted = 0;
    for (const w of words) {
      const expected = cpython[w];
      assert.strictEqual(isStringPrefix(w, 0, w.length), expected !== null, `isStringPrefix(${w})`);
      if (expected === null) continue;
      accepted++;
      let flags = 0;
      for (let i = 0; i < w.length; i++) flags |= prefixLetter(w.charCodeAt(i));
      assert.deepStrictEqual({
        raw: (flags & PREFIX_RAW) !== 0, bytes: (flags & PREFIX_BYTES) !== 0, f: (flags & PREFIX_FORMAT) !== 0,
      }, expected, w);
      assert.strictEqual(hasFPrefix(w, 0, w.length), expected.f, `hasFPrefix(${w})`);
      assert.strictEqual(literalValue(w + "'\\n'").kind, expected.bytes ? 'bytes' : expected.f ? 'fstring' : 'str', w);
    }
    // r u f b in two cases, br rb fr rf in four cases each.
    assert.strictEqual(accepted, 8 + 16);
  });
});
