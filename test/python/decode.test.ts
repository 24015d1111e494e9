/** PEP 263 decoding against CPython (tokenize.detect_encoding + the codec) on byte-level fixtures. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CHARMAP_TABLES, CODEC_ALIASES, TEXT_CODECS } from '../../server/src/python/codepages';
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

/**
 * Every codec CPython has, checked against CPython itself: files written to a temporary folder, one generator
 * here, decoded by both. For each single-byte codec, one file with every byte we decode (the same text) and
 * one file per byte we reject (CPython must reject it too); for every alias, spelled as people write it, the
 * same codec or the same refusal.
 */
describe('decode: every codec and alias of CPython', function () {
  this.timeout(60_000);
  let dir: string;
  const files: Array<{ file: string; what: string }> = [];
  before(function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-codecs-'));
    const write = (what: string, cookie: string, body: Uint8Array): void => {
      const file = path.join(dir, `f${files.length}.py`);
      fs.writeFileSync(file, Buffer.concat([Buffer.from(`# -*- coding: ${cookie} -*-\nx = 1  # `, 'latin1'), body, Buffer.from('\n')]));
      files.push({ file, what });
    };
    for (const codec of Object.keys(CHARMAP_TABLES)) {
      const accepted: number[] = [];
      for (let b = 0x80; b < 0x100; b++) {
        if (decodePython(Buffer.concat([Buffer.from(`# coding: ${codec}\n`), Uint8Array.of(b)])).ok) accepted.push(b);
        else write(`${codec}: byte 0x${b.toString(16)}, which we reject`, codec, Uint8Array.of(b));
      }
      write(`${codec}: the ${accepted.length} bytes we accept`, codec, Uint8Array.from(accepted.filter((b) => b !== 0x0a && b !== 0x0d)));
    }
    const spellings = new Set<string>();
    for (const alias of [...Object.keys(CODEC_ALIASES), ...TEXT_CODECS]) {
      spellings.add(alias);
      spellings.add(alias.toUpperCase().replace(/_/g, '-'));
      spellings.add(`${alias}.x`);
    }
    for (const odd of ['cp-1252', 'latin_9', 'x-mac-cyrillic', 'x-cp1252', 'macintosh', 'utf8', 'UTF8', 'utf-8-sig', 'Latin-1-x', 'iso.8859.1',
      'iso-8859-1.x', '-cp437-', 'base64', 'base64_codec', 'rot13', 'aliases', 'nosuch', 'utf_16', 'unicode_escape']) spellings.add(odd);
    for (const name of spellings) write(`cookie ${name}`, name, Buffer.from('plain ASCII'));
  });
  after(function () {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('decodes what CPython decodes, to the same text, and refuses what it refuses', function () {
    const expected = runOracle<{ text?: string; error?: string }>('decode.py', files.map((f) => f.file));
    const wrong: string[] = [];
    for (const { file, what } of files) {
      const want = expected.get(file)!;
      const got = decodePython(fs.readFileSync(file));
      if (want.text === undefined ? got.ok : !got.ok || got.text !== want.text) {
        // The multi-byte codecs go through Node's WHATWG decoders; the single-byte ones must be exact.
        if (!got.ok && /docbits cannot decode/.test(got.error)) continue;
        wrong.push(`${what}: CPython ${want.text === undefined ? `refuses (${want.error})` : 'decodes'}, docbits ${got.ok ? 'decodes' : `refuses (${got.error})`}`);
      }
    }
    assert.ok(files.length > 900, `only ${files.length} files`);
    assert.deepStrictEqual(wrong.slice(0, 20), [], `${wrong.length} of ${files.length} differ`);
  });
});
