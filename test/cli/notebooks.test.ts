/** Notebooks through `docbits` as users run it (dist/cli.js in a child process; npm test builds it first). */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const REPO = path.join(__dirname, '..', '..', '..');
const CLI = path.join(REPO, 'dist', 'cli.js');
const NOTEBOOKS = path.join(REPO, 'test', 'fixtures', 'notebooks');

function docbits(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, COLUMNS: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonNode { kind: string; qualname: string; cell?: number; line: number; column: number; status: string }
interface JsonFile { path: string; error: string | null; total: number; nodes: JsonNode[] }

describe('docbits CLI on notebooks', function () {
  let project: string;

  beforeEach(() => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-nb-cli-'));
    fs.cpSync(NOTEBOOKS, path.join(project, 'notebooks'), { recursive: true });
    fs.writeFileSync(path.join(project, 'mod.py'), '"""A module."""\n\n\ndef f():\n    pass\n');
  });
  afterEach(() => fs.rmSync(project, { recursive: true, force: true }));

  it('measures .ipynb files by default: --json gives each node its cell (1-based) and the line inside it', () => {
    const r = docbits(['--json', '.'], project);
    const report = JSON.parse(r.stdout) as { files: JsonFile[] };
    const byPath = new Map(report.files.map((f) => [f.path, f]));
    assert.deepStrictEqual(byPath.get('notebooks/analysis.ipynb')!.nodes.filter((n) => n.status === 'missed').map((n) => [n.qualname, n.cell, n.line, n.column]), [
      ['analysis.ipynb', 2, 1, 0], ['load', 3, 1, 0], ['Report.__init__', 8, 4, 4], ['Report.render', 8, 7, 4], ['timed', 12, 2, 0],
    ]);
    // A .py file's nodes have no "cell" key at all: its output is interrogate's shape, unchanged.
    assert.ok(!/"cell"/.test(JSON.stringify(byPath.get('mod.py'))));
    assert.match(r.stdout, /\{"kind": "function", "qualname": "load", "cell": 3, "line": 1, "column": 0, "status": "missed"\}/);
  });

  it('gives a file that is not a notebook an error, and goes on with the others', () => {
    const r = docbits(['--json', '-f', '0', '.'], project);
    assert.strictEqual(r.code, 0);
    const files = (JSON.parse(r.stdout) as { files: JsonFile[] }).files;
    const errors = Object.fromEntries(files.filter((f) => f.error).map((f) => [f.path, f.error]));
    assert.deepStrictEqual(errors, {
      'notebooks/nbformat3.ipynb': 'not supported: nbformat 3 notebook (save it as nbformat 4)',
      'notebooks/not_a_notebook.ipynb': 'not a notebook: the JSON is not an object',
      'notebooks/truncated.ipynb': 'not a notebook: the file is not valid JSON',
      'notebooks/wrong_types.ipynb': 'not a notebook: cell 1: "source" is neither a string nor a list of strings',
    });
    assert.ok(!files.some((f) => f.path === 'notebooks/r_kernel.ipynb'), 'an R notebook is not measured');
    assert.ok(files.some((f) => f.path === 'mod.py' && f.total === 2));
    assert.match(r.stderr, /docbits: notebooks\/truncated\.ipynb: not a notebook: the file is not valid JSON\n/);
  });

  it('prints notebook places as ruff does in --format concise, and cell and line in the -vv table', () => {
    const concise = docbits(['--format', 'concise', 'notebooks/analysis.ipynb'], project);
    assert.deepStrictEqual(concise.stdout.split('\n').slice(0, 2), [
      'notebooks/analysis.ipynb:cell 2:1:1: D100 Missing docstring in module notebooks/analysis.ipynb',
      'notebooks/analysis.ipynb:cell 3:1:1: D103 Missing docstring in function load',
    ]);
    const table = docbits(['-vv', 'notebooks/broken.ipynb'], project).stdout;
    assert.match(table, /\| {3}before \(cell 1, L1\) +\| +COVERED \|/);
    assert.match(table, /\| {3}after \(cell 4, L1\) +\| +MISSED \|/, 'a cell that does not parse leaves the next ones in place');
  });

  it('leaves notebooks out with --ignore-notebooks or `ignore-notebooks = true` in [tool.interrogate]', () => {
    const paths = (args: string[]): string[] => (JSON.parse(docbits(['--json', ...args, '.'], project).stdout) as { files: JsonFile[] }).files.map((f) => f.path);
    assert.deepStrictEqual(paths(['--ignore-notebooks']), ['mod.py']);
    fs.writeFileSync(path.join(project, 'pyproject.toml'), '[tool.interrogate]\nignore-notebooks = true\n');
    assert.deepStrictEqual(paths([]), ['mod.py']);
    fs.writeFileSync(path.join(project, 'pyproject.toml'), '[tool.interrogate]\nignore-notebooks = false\n');
    assert.ok(paths([]).includes('notebooks/vscode.ipynb'));
  });

  it('measures a notebook named on the command line; one over the size limit is an error, not a read', () => {
    const r = docbits(['--json', 'notebooks/vscode.ipynb'], project);
    assert.deepStrictEqual((JSON.parse(r.stdout) as { files: JsonFile[] }).files.map((f) => [f.path, f.total]), [['vscode.ipynb', 4]]);
    const cell = { cell_type: 'code', metadata: {}, source: 'x = 1\n'.repeat(2_000_000) };
    fs.writeFileSync(path.join(project, 'huge.ipynb'), JSON.stringify({ cells: [cell], metadata: {}, nbformat: 4 }));
    const huge = (JSON.parse(docbits(['--json', 'huge.ipynb'], project).stdout) as { files: JsonFile[] }).files[0];
    assert.match(huge.error ?? '', /^file is 1[0-9.]+ MB, larger than the 10 MB limit/);
  });
});
