/** PEP 263 decoding against CPython (tokenize.detect_encoding + the codec) on byte-level fixtures. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { decodePython } from '../../server/src/python/decode';
import { runOracle } from '../oracles/stdlib';

const DIR = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'encodings');

describe('decode: PEP 263 as CPython reads it', () => {
  it('every fixture: the same text, or undecodable for both', () => {
    const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.py')).map((f) => path.join(DIR, f));
    assert.ok(files.length >= 12);
    const expected = runOracle<{ text?: string; error?: string }>('decode.py', files);
    let errors = 0;
    for (const file of files) {
      const want = expected.get(file)!;
      const got = decodePython(fs.readFileSync(file));
      const name = path.basename(file);
      if (want.text === undefined) {
        errors++;
        assert.strictEqual(got.ok, false, `${name}: CPython cannot decode it (${want.error}), we did`);
        if (!got.ok) assert.ok(got.error.length > 0, `${name}: an error needs a message`);
      } else {
        assert.ok(got.ok, `${name}: CPython decodes it, we said ${got.ok ? '' : got.error}`);
        assert.strictEqual(got.ok && got.text, want.text, name);
      }
    }
    // Both outcomes are exercised.
    assert.ok(errors >= 4 && files.length - errors >= 8, `${errors} of ${files.length} undecodable`);
  });
});
