/**
 * The warm-up samples analysed before big scans (server/src/workspace/warmup.ts): the valid ones must be read
 * exactly as CPython reads them (otherwise priming would train V8 on paths real code does not take, or hide a
 * bug in a sample nobody looks at), the broken one must go through recovery, and priming must not change any
 * result.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyzeBytes } from '../../server/src/coverage/inventory';
import { DEFAULT_OPTIONS } from '../../server/src/coverage/types';
import { decodePython } from '../../server/src/python/decode';
import { primeAnalyzer, WARMUP_SAMPLES } from '../../server/src/workspace/warmup';
import { runOracle } from '../oracles/stdlib';
import { OracleToken, tokensLikeTokenize } from '../oracles/tokens';

type OracleNode = [string, string, number | null, number | null, boolean];

const NO_MARKERS = { ...DEFAULT_OPTIONS, markers: { nodocqa: false, noqa: false, pylint: false, docstrCoverage: false } };

describe('workspace/warmup', function () {
  this.timeout(20_000);
  let dir: string;
  const valid = WARMUP_SAMPLES.filter((s) => s.valid);
  const fileOf = (name: string): string => path.join(dir, name);

  before(function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-warmup-'));
    for (const sample of WARMUP_SAMPLES) fs.writeFileSync(fileOf(sample.name), sample.bytes);
  });
  after(function () {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('valid samples: the same inventory as CPython ast (kind, qualname, line, column, documented)', function () {
    const oracle = runOracle<{ nodes?: OracleNode[]; error?: string }>('inventory.py', valid.map((s) => fileOf(s.name)));
    for (const sample of valid) {
      const expected = oracle.get(fileOf(sample.name));
      assert.ok(expected?.nodes, `CPython cannot parse ${sample.name}: ${expected?.error}`);
      const coverage = analyzeBytes(sample.bytes, sample.name, NO_MARKERS);
      assert.strictEqual(coverage.error, null);
      const ours = coverage.nodes.map((n): OracleNode => n.kind === 'module'
        ? [n.kind, n.qualname, null, null, n.status === 'covered']
        : [n.kind, n.qualname, n.line, n.column, n.status === 'covered']);
      assert.deepStrictEqual(ours, expected.nodes, sample.name);
    }
    // The main sample has what it is there for: definitions of every kind, nested, decorated, documented or not.
    assert.ok(oracle.get(fileOf('ascii.py'))!.nodes!.length >= 20);
  });

  it('valid samples: the same tokens as CPython tokenize', function () {
    const oracle = runOracle<{ tokens?: OracleToken[]; error?: string }>('tokens.py', valid.map((s) => fileOf(s.name)));
    for (const sample of valid) {
      const expected = oracle.get(fileOf(sample.name));
      assert.ok(expected?.tokens, `tokenize failed on ${sample.name}: ${expected?.error}`);
      const decoded = decodePython(sample.bytes);
      assert.ok(decoded.ok, sample.name);
      assert.deepStrictEqual(tokensLikeTokenize(decoded.text), expected.tokens, sample.name);
    }
  });

  it('broken sample: CPython rejects it; we recover every definition after the damage', function () {
    const broken = WARMUP_SAMPLES.find((s) => !s.valid)!;
    const oracle = runOracle<{ nodes?: OracleNode[]; error?: string }>('inventory.py', [fileOf(broken.name)]);
    assert.ok(oracle.get(fileOf(broken.name))?.error, 'CPython parses the broken sample');
    const coverage = analyzeBytes(broken.bytes, broken.name, NO_MARKERS);
    assert.strictEqual(coverage.error, null);
    assert.deepStrictEqual(coverage.nodes.map((n) => [n.qualname, n.status]),
      [['broken.py', 'covered'], ['recovered', 'covered'], ['after_string', 'missed'], ['last', 'missed']]);
  });

  it('priming changes no result', function () {
    const fixture = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'markers', 'skip_markers.py'));
    const before = analyzeBytes(fixture, 'skip_markers.py', DEFAULT_OPTIONS);
    primeAnalyzer(DEFAULT_OPTIONS);
    assert.deepStrictEqual(analyzeBytes(fixture, 'skip_markers.py', DEFAULT_OPTIONS), before);
  });
});
