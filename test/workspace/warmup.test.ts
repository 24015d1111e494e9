/**
 * The warm-up samples analysed before big scans (server/src/workspace/warmup.ts): they must be valid Python
 * that we read exactly as CPython does (otherwise priming would train V8 on paths real code does not take,
 * or hide a bug in a sample nobody looks at), and priming must not change any result.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyzeBytes } from '../../server/src/docs/inventory';
import { DEFAULT_OPTIONS } from '../../server/src/docs/types';
import { primeAnalyzer, WARMUP_SAMPLE, WARMUP_SAMPLE_NON_ASCII } from '../../server/src/workspace/warmup';
import { runOracle } from '../oracles/stdlib';
import { OracleToken, tokensLikeTokenize } from '../oracles/tokens';

type OracleNode = [string, string, number | null, number | null, boolean];

describe('workspace/warmup', function () {
  this.timeout(20_000);
  let dir: string;
  let files: string[];

  before(function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-warmup-'));
    files = [WARMUP_SAMPLE, WARMUP_SAMPLE_NON_ASCII].map((text, i) => {
      const file = path.join(dir, `sample${i}.py`);
      fs.writeFileSync(file, text, 'utf8');
      return file;
    });
  });
  after(function () {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('samples: the same inventory as CPython ast (kind, qualname, line, column, documented)', function () {
    const oracle = runOracle<{ nodes?: OracleNode[]; error?: string }>('inventory.py', files);
    for (const file of files) {
      const expected = oracle.get(file);
      assert.ok(expected?.nodes, `CPython cannot parse ${path.basename(file)}: ${expected?.error}`);
      const coverage = analyzeBytes(fs.readFileSync(file), path.basename(file), { ...DEFAULT_OPTIONS, markers: { nodocqa: false, noqa: false, pylint: false, docstrCoverage: false } });
      assert.strictEqual(coverage.error, null);
      const ours = coverage.nodes.map((n): OracleNode => n.kind === 'module'
        ? [n.kind, n.qualname, null, null, n.status === 'covered']
        : [n.kind, n.qualname, n.line, n.column, n.status === 'covered']);
      assert.deepStrictEqual(ours, expected.nodes);
    }
    // The main sample has what it is there for: definitions of every kind, nested, decorated, documented or not.
    assert.ok(oracle.get(files[0])!.nodes!.length >= 15);
  });

  it('samples: the same tokens as CPython tokenize', function () {
    const oracle = runOracle<{ tokens?: OracleToken[] }>('tokens.py', files);
    for (const [i, text] of [WARMUP_SAMPLE, WARMUP_SAMPLE_NON_ASCII].entries()) {
      const expected = oracle.get(files[i])?.tokens;
      assert.ok(expected, `tokenize failed on sample ${i}`);
      assert.deepStrictEqual(tokensLikeTokenize(text), expected);
    }
  });

  it('priming changes no result', function () {
    const fixture = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'markers', 'skip_markers.py'));
    const before = analyzeBytes(fixture, 'skip_markers.py', DEFAULT_OPTIONS);
    primeAnalyzer(DEFAULT_OPTIONS);
    assert.deepStrictEqual(analyzeBytes(fixture, 'skip_markers.py', DEFAULT_OPTIONS), before);
  });
});
