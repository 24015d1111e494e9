/** Strings as Python's json.dumps writes them (server/src/python/compat/jsonString.ts), python3 as the oracle. */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { pythonJsonString } from '../../../server/src/python/compat/jsonString';

describe('python/compat/jsonString', () => {
  it('writes strings as python3 json.dumps does, with ensure_ascii and without', () => {
    const values = ['plain', 'quote " back \\ slash /', 'tab\t nl\n cr\r ff\f bs\b nul\0 esc\x1b del\x7f', 'é ü — « ➜ 🦆 \u2028 \u0085', '\\u00e9 \\n'];
    const python = spawnSync('python3', ['-c', 'import json,sys\nfor v in json.load(sys.stdin):\n print(json.dumps(v, ensure_ascii=True)); print(json.dumps(v, ensure_ascii=False))'],
      { input: JSON.stringify(values), encoding: 'utf8' });
    assert.strictEqual(python.status, 0, python.stderr);
    const want = python.stdout.split('\n').slice(0, -1);
    const ours = values.flatMap((v) => [pythonJsonString(v, { asciiOnly: true, upperHex: false }), pythonJsonString(v, { asciiOnly: false, upperHex: false })]);
    assert.deepStrictEqual(ours, want);
    assert.strictEqual(pythonJsonString('é \\u00e9 \n', { asciiOnly: true, upperHex: true }), '"\\u00E9 \\\\u00e9 \\n"');
  });

  it('writes plain ASCII as it is, and ensure_ascii by default, as the --json report needs', () => {
    assert.strictEqual(pythonJsonString('Parser.feed'), '"Parser.feed"');
    assert.strictEqual(pythonJsonString('caf\u00e9 "q" \\'), '"caf\\u00e9 \\"q\\" \\\\"');
  });
});
