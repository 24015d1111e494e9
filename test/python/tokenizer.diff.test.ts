/**
 * Differential test: our tokenizer against CPython's `tokenize` over the stdlib that python3 ships.
 * CI runs every 4th file; DOCBITS_FULL_DIFF=1 runs all of them.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import { decodePython } from '../../server/src/python/decode';
import { runOracle, stdlibFiles } from '../oracles/stdlib';
import { OracleToken, tokensLikeTokenize } from '../oracles/tokens';

/**
 * Files where tokenize.py (regex based) and CPython's real tokenizer disagree, and we follow the real one.
 * test_unicode_identifiers.py: an identifier with a variation selector (XID_Continue, but not matched by \w).
 * py2_test_grammar.py: Python 2 backticks, which CPython rejects; tokenize.py also reports the blank before an
 * invalid character as an ERRORTOKEN of its own.
 */
const TOKENIZE_PY_QUIRKS = new Set(['test_unicode_identifiers.py', 'py2_test_grammar.py']);

interface OracleRecord { tokens?: OracleToken[]; error?: string }

/** tokenize.py quirks that carry no information: its end-of-file NEWLINE is '' but one column wide. */
function normalizeOracle(tokens: OracleToken[]): OracleToken[] {
  return tokens.map((t) => (t[0] === 'NEWLINE' && t[1] === '' ? [t[0], t[1], t[2], t[3], t[2], t[3]] : t));
}

describe('tokenizer vs CPython tokenize (stdlib)', function () {
  const full = process.env.DOCBITS_FULL_DIFF === '1';
  const files = stdlibFiles().filter((_, i) => full || i % 4 === 0);
  let oracle: Map<string, OracleRecord>;

  before(function () {
    oracle = runOracle<OracleRecord>('tokens.py', files);
  });

  it(`agrees on kinds, strings and positions for ${full ? 'all' : 'a quarter of the'} stdlib files`, function () {
    let compared = 0, tokens = 0;
    const mismatches: string[] = [];
    for (const file of files) {
      const expected = oracle.get(file);
      if (TOKENIZE_PY_QUIRKS.has(file.slice(file.lastIndexOf('/') + 1))) continue;
      if (!expected?.tokens) continue; // tokenize rejects it: covered by the robustness tests instead
      const bytes = fs.readFileSync(file);
      if (bytes.includes(13)) continue; // tokenize.py splits only at \n; CPython's parser (our model) also at \r
      const decoded = decodePython(bytes);
      assert.ok(decoded.ok, `${file}: could not decode`);
      const ours = tokensLikeTokenize(decoded.text);
      const theirs = normalizeOracle(expected.tokens);
      compared++;
      tokens += theirs.length;
      const n = Math.max(ours.length, theirs.length);
      for (let i = 0; i < n; i++) {
        if (JSON.stringify(ours[i]) !== JSON.stringify(theirs[i])) {
          mismatches.push(`${file} token ${i}: ours ${JSON.stringify(ours[i])} tokenize ${JSON.stringify(theirs[i])}`);
          break;
        }
      }
    }
    console.log(`      compared ${compared} files, ${tokens} tokens`);
    assert.ok(compared > (full ? 1500 : 350), `compared only ${compared} files`);
    assert.deepStrictEqual(mismatches.slice(0, 10), [], `${mismatches.length} files differ`);
  });
});
