/**
 * Differential test (issue: "the CLI's --json inventory is identical, node for node"): `docbits --json` over
 * the whole stdlib that python3 ships against CPython's ast walked as interrogate walks it
 * (test/oracles/inventory.py), for every file CPython can parse. Needs dist/ (npm test builds first).
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { runOracle, stdlibFiles, stdlibRoot } from '../oracles/stdlib';

type OracleNode = [string, string, number | null, number | null, boolean];
interface OracleRecord { nodes?: OracleNode[]; error?: string }
interface JsonNode { kind: string; qualname: string; line: number; column: number; status: string }
interface JsonFile { path: string; error: string | null; nodes: JsonNode[] }

const CLI = path.join(__dirname, '..', '..', '..', 'dist', 'cli.js');

describe('docbits --json vs CPython ast (whole stdlib)', function () {
  const root = stdlibRoot();
  let oracle: Map<string, OracleRecord>;
  let report: { files: JsonFile[] };

  before(function () {
    oracle = runOracle<OracleRecord>('inventory.py', stdlibFiles(root));
    // --no-markers: the stdlib has `# noqa` comments, which would excuse nodes CPython knows nothing about.
    const out = execFileSync(process.execPath, [CLI, root, '-e', path.join(root, 'site-packages'), '--json', '--no-markers', '-f', '0'],
      { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
    report = JSON.parse(out);
  });

  it('lists the same nodes (kind, qualname, line, column, documented) for every file CPython parses', function () {
    let compared = 0, nodesCompared = 0;
    const mismatches: string[] = [];
    for (const file of report.files) {
      const expected = oracle.get(path.join(root, file.path));
      assert.ok(expected, `${file.path} is not a stdlib file`);
      if (!expected.nodes) continue;
      if (file.error) {
        mismatches.push(`${file.path}: CPython parses it, docbits says: ${file.error}`);
        continue;
      }
      const ours = file.nodes.map((n): OracleNode => n.kind === 'module'
        ? [n.kind, n.qualname, null, null, n.status === 'covered']
        : [n.kind, n.qualname, n.line, n.column, n.status === 'covered']);
      compared++;
      nodesCompared += ours.length;
      const n = Math.max(ours.length, expected.nodes.length);
      for (let i = 0; i < n; i++) {
        if (JSON.stringify(ours[i]) !== JSON.stringify(expected.nodes[i])) {
          mismatches.push(`${file.path} node ${i}: docbits ${JSON.stringify(ours[i])} ast ${JSON.stringify(expected.nodes[i])}`);
          break;
        }
      }
    }
    console.log(`      compared ${compared} files, ${nodesCompared} nodes`);
    // interrogate always excludes <root>/venv*, which removes the stdlib's venv package (2 files).
    assert.ok(compared > 1700, `compared only ${compared} files`);
    assert.deepStrictEqual(mismatches.slice(0, 15), [], `${mismatches.length} files differ`);
  });

  it('lists files CPython rejects with an error or best-effort nodes, and reports every .py file but venv/', function () {
    const listed = new Set(report.files.map((f) => f.path));
    const missing = stdlibFiles(root).map((f) => path.relative(root, f)).filter((f) => !listed.has(f));
    assert.deepStrictEqual(missing, ['venv/__init__.py', 'venv/__main__.py']);
    const rejected = [...oracle.entries()].filter(([, r]) => r.error).map(([f]) => path.relative(root, f));
    assert.ok(rejected.length >= 5, 'the stdlib ships some files CPython rejects');
    for (const file of report.files.filter((f) => rejected.includes(f.path))) {
      assert.ok(file.error !== null || file.nodes.length >= 1, `${file.path} has neither an error nor nodes`);
    }
  });
});
