/**
 * Differential test (issue 16, "Must show"): a notebook's inventory equals CPython's `ast` over the notebook's
 * code cells as IPython reads them (test/oracles/notebooks.py: ruff's choice of cells, IPython's own magic
 * transforms, then ast, walked as interrogate walks a file), node for node, each node in the right cell at the
 * right line. Over the realistic fixtures (test/fixtures/notebooks) and over notebooks generated from stdlib
 * modules cut into cells, with markdown, raw, empty and magic cells and magic lines mixed in.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { notebookTextCoverage } from '../../server/src/coverage/notebookCoverage';
import { CoverageOptions, DEFAULT_MARKERS, DEFAULT_OPTIONS } from '../../server/src/coverage/types';
import { pythonWith, runOracle } from '../oracles/stdlib';

type Row = [string, string, number | null, number, number, boolean];
interface OracleRecord { nodes?: Row[]; skipped?: boolean; error?: string }

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'notebooks');
const ORACLE = path.join(__dirname, '..', '..', '..', 'test', 'oracles', 'notebooks.py');
/** Markers off: CPython knows nothing of `# noqa` comments in stdlib code. */
const OPTIONS: CoverageOptions = { ...DEFAULT_OPTIONS, markers: { ...DEFAULT_MARKERS, nodocqa: false, noqa: false, pylint: false, docstrCoverage: false } };
const GENERATED = Number(process.env.DOCBITS_NOTEBOOK_DIFF_COUNT ?? 120);
/** The oracle needs IPython (its own magic transforms); found when the tests run. */
let python: string | undefined;
const PYTHON = (): string => (python ??= pythonWith('IPython'));

function ours(file: string): { rows: Row[]; skipped: boolean; error: string | null } {
  const coverage = notebookTextCoverage(fs.readFileSync(file, 'utf8'), path.basename(file), OPTIONS);
  const rows = coverage.nodes.map((n): Row => [n.kind, n.qualname, n.cell ?? null, n.line, n.column, n.status === 'covered']);
  return { rows, skipped: coverage.skipped === true, error: coverage.error };
}

/** The first difference of each notebook, as a line to read. */
function compare(files: string[]): { mismatches: string[]; nodes: number; parsed: number } {
  const oracle = runOracle<OracleRecord>('notebooks.py', files, [], PYTHON());
  const mismatches: string[] = [];
  let nodes = 0, parsed = 0;
  for (const file of files) {
    const expected = oracle.get(file)!;
    const got = ours(file);
    const name = path.basename(file);
    if (expected.skipped) {
      if (!got.skipped) mismatches.push(`${name}: not Python, but measured`);
      continue;
    }
    if (!expected.nodes) continue;
    parsed++;
    if (got.error) {
      mismatches.push(`${name}: CPython parses it, docbits says ${got.error}`);
      continue;
    }
    nodes += got.rows.length;
    for (let i = 0; i < Math.max(got.rows.length, expected.nodes.length); i++) {
      if (JSON.stringify(got.rows[i]) !== JSON.stringify(expected.nodes[i])) {
        mismatches.push(`${name} node ${i}: docbits ${JSON.stringify(got.rows[i])} ast ${JSON.stringify(expected.nodes[i])}`);
        break;
      }
    }
  }
  return { mismatches, nodes, parsed };
}

describe('notebooks vs IPython + CPython ast', function () {
  it('the fixture notebooks: the same nodes, cells and lines', function () {
    const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.ipynb')).sort().map((f) => path.join(FIXTURES, f));
    const { mismatches, nodes, parsed } = compare(files);
    console.log(`      ${parsed} fixture notebooks, ${nodes} nodes`);
    assert.ok(parsed >= 4, `only ${parsed} fixtures parsed`);
    assert.deepStrictEqual(mismatches, []);
  });

  it(`${GENERATED} notebooks cut from stdlib modules: the same nodes, cells and lines`, function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-nb-'));
    try {
      execFileSync(PYTHON(), [ORACLE, 'generate', dir, '16', String(GENERATED)]);
      const files = fs.readdirSync(dir).sort().map((f) => path.join(dir, f));
      assert.strictEqual(files.length, GENERATED);
      const { mismatches, nodes, parsed } = compare(files);
      console.log(`      ${parsed} generated notebooks, ${nodes} nodes`);
      assert.ok(parsed >= GENERATED * 0.95, `the oracle parsed only ${parsed}`);
      assert.deepStrictEqual(mismatches.slice(0, 10), [], `${mismatches.length} notebooks differ`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
