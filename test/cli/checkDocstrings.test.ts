/** `docbits --check-docstrings`: pydoclint's output shape, concise lines, --json findings, exit codes, [tool.pydoclint]. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { DOCBITS_CLI, runDocbits } from '../oracles/interrogate';

const BAD = [
  'def area(width: int, height: int) -> int:',
  '    """Area.',
  '',
  '    Args:',
  '        width (int): Width.',
  '',
  '    Returns:',
  '        int: The area.',
  '    """',
  '    return width * height',
  '',
].join('\n');
const GOOD = 'def double(x: int) -> int:\n    """Double.\n\n    Args:\n        x (int): X.\n\n    Returns:\n        int: Twice x.\n    """\n    return 2 * x\n';

describe('docbits --check-docstrings', function () {
  this.timeout(60000);
  let project: string;

  before(() => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-quality-'));
    fs.writeFileSync(path.join(project, 'pyproject.toml'), '[tool.pydoclint]\nstyle = "google"\n');
    fs.mkdirSync(path.join(project, 'pkg'));
    fs.writeFileSync(path.join(project, 'pkg', 'bad.py'), BAD);
    fs.writeFileSync(path.join(project, 'pkg', 'good.py'), GOOD);
  });
  after(() => fs.rmSync(project, { recursive: true, force: true }));

  it('prints pydoclint\'s shape and exits 1 when anything is found', () => {
    const r = runDocbits(['--check-docstrings', 'pkg'], { cwd: project });
    assert.strictEqual(r.code, 1, r.stderr);
    assert.strictEqual(r.stdout, [
      'pkg/bad.py',
      '    1: DOC101: Argument `height` is missing from the docstring of `area`',
      '    1: DOC103: The docstring\'s arguments differ from those of `area` (not documented: `height`)',
      '2 docstring findings in 1 of 2 files.',
      '',
    ].join('\n'));
  });

  it('checks notebooks: each finding placed in its cell (cell 3:2), as coverage places nodes', () => {
    const notebookDir = path.join(project, 'notebooks');
    fs.mkdirSync(notebookDir, { recursive: true });
    const code = (source: string) => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source });
    const cells = [{ cell_type: 'markdown', metadata: {}, source: '# Areas' }, code('%matplotlib inline\nimport math\n'), code(`# Sizes\n${BAD}`)];
    fs.writeFileSync(path.join(notebookDir, 'explore.ipynb'), JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 }));
    fs.writeFileSync(path.join(notebookDir, 'good.py'), GOOD);
    const r = runDocbits(['--check-docstrings', 'notebooks'], { cwd: project });
    assert.strictEqual(r.code, 1, r.stderr);
    assert.strictEqual(r.stderr, '');
    assert.strictEqual(r.stdout, [
      'notebooks/explore.ipynb',
      '    cell 3:2: DOC101: Argument `height` is missing from the docstring of `area`',
      '    cell 3:2: DOC103: The docstring\'s arguments differ from those of `area` (not documented: `height`)',
      '2 docstring findings in 1 of 2 files.',
      '',
    ].join('\n'));
    const concise = runDocbits(['--check-docstrings', '--format', 'concise', 'notebooks'], { cwd: project });
    assert.strictEqual(concise.stdout.split('\n')[0], 'notebooks/explore.ipynb:cell 3:2:1: DOC101 Argument `height` is missing from the docstring of `area`');
    const json = JSON.parse(runDocbits(['--check-docstrings', '--json', 'notebooks'], { cwd: project }).stdout) as { files: Array<{ path: string; findings: unknown[] }> };
    assert.deepStrictEqual(json.files.find((f) => f.path === 'explore.ipynb')!.findings[0],
      { code: 'DOC101', cell: 3, line: 2, column: 0, qualname: 'area', message: 'Argument `height` is missing from the docstring of `area`' });
    // A notebook in another language has no findings, as it has no coverage.
    fs.writeFileSync(path.join(notebookDir, 'explore.ipynb'), JSON.stringify({ cells, metadata: { kernelspec: { language: 'R', name: 'ir' } }, nbformat: 4, nbformat_minor: 5 }));
    assert.strictEqual(runDocbits(['--check-docstrings', 'notebooks'], { cwd: project }).code, 0);
    fs.rmSync(notebookDir, { recursive: true, force: true });
  });

  it('--format concise: path:line:col: CODE message', () => {
    const r = runDocbits(['--check-docstrings', '--format', 'concise', 'pkg/bad.py'], { cwd: project });
    assert.strictEqual(r.code, 1);
    assert.strictEqual(r.stdout.split('\n')[0], 'pkg/bad.py:1:1: DOC101 Argument `height` is missing from the docstring of `area`');
  });

  it('--json adds findings to each file, keeping the coverage fields', () => {
    const r = runDocbits(['--check-docstrings', '--json', 'pkg'], { cwd: project });
    const report = JSON.parse(r.stdout) as { version: number; files: Array<{ path: string; total: number; findings: Array<Record<string, unknown>> }> };
    assert.strictEqual(report.version, 1);
    const bad = report.files.find((f) => f.path.endsWith('bad.py'))!;
    assert.deepStrictEqual(Object.keys(bad.findings[0]), ['code', 'line', 'column', 'qualname', 'message']);
    assert.deepStrictEqual(bad.findings.map((f) => [f.code, f.line, f.qualname]), [['DOC101', 1, 'area'], ['DOC103', 1, 'area']]);
    assert.deepStrictEqual(report.files.find((f) => f.path.endsWith('good.py'))!.findings, []);
    assert.strictEqual(r.code, 1);
  });

  it('--json counts the docstrings with findings per file; scan workers (-j 2) find the same', () => {
    const r = runDocbits(['--check-docstrings', '--json', 'pkg'], { cwd: project });
    type Report = { files: Array<{ path: string; docstringsWithFindings: number; findings: unknown[] }> };
    const count = (report: Report) => report.files.map((f) => [f.path, f.docstringsWithFindings]);
    const report = JSON.parse(r.stdout) as Report;
    assert.deepStrictEqual(count(report), [['bad.py', 1], ['good.py', 0]], 'two findings, one docstring');
    const workers = runDocbits(['--check-docstrings', '--json', '-j', '2', 'pkg'], { cwd: project });
    assert.deepStrictEqual(JSON.parse(workers.stdout), report);
    const coverageOnly = JSON.parse(runDocbits(['--json', 'pkg'], { cwd: project }).stdout) as Report;
    assert.ok(coverageOnly.files.every((f) => !('docstringsWithFindings' in f) && !('findings' in f)));
  });

  it('# nodocqa follows the coverage marker settings: --no-markers and nodocqa-markers without nodocqa turn it off', () => {
    const dir = path.join(project, 'marked');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'area.py'), BAD.replace('-> int:', '-> int:  # nodocqa'));
    const codes = (args: string[]) => {
      const r = runDocbits(['--check-docstrings', '--json', ...args, 'marked'], { cwd: project });
      return (JSON.parse(r.stdout) as { files: Array<{ findings: Array<{ code: string }> }> }).files[0].findings.map((f) => f.code);
    };
    assert.deepStrictEqual(codes([]), []);
    assert.deepStrictEqual(codes(['--no-markers']), ['DOC101', 'DOC103']);
    fs.writeFileSync(path.join(project, 'pyproject.toml'), '[tool.interrogate]\nnodocqa-markers = ["noqa"]\n\n[tool.pydoclint]\nstyle = "google"\n');
    try {
      assert.deepStrictEqual(codes([]), ['DOC101', 'DOC103']);
    } finally {
      fs.writeFileSync(path.join(project, 'pyproject.toml'), '[tool.pydoclint]\nstyle = "google"\n');
    }
  });

  it('a reader that leaves early (`| head -1`) ends the run quietly: no stack trace, the findings\' exit code', () => {
    // Enough findings that the output outgrows the pipe's buffer after head has gone.
    const many = path.join(project, 'many');
    fs.mkdirSync(many, { recursive: true });
    for (let i = 0; i < 40; i++) fs.writeFileSync(path.join(many, `m${i}.py`), BAD.repeat(60));
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${DOCBITS_CLI}" --check-docstrings many | head -1`], { cwd: project, encoding: 'utf8' });
    assert.strictEqual(r.stdout, 'many/m0.py\n');
    assert.strictEqual(r.stderr, '');
    assert.strictEqual(r.status, 1);
  });

  it('exits 0 when nothing is found; a bad [tool.pydoclint] value is reported and the default used', () => {
    fs.writeFileSync(path.join(project, 'pyproject.toml'), '[tool.pydoclint]\nstyle = "google"\ncheck-arg-order = "sometimes"\n');
    try {
      const r = runDocbits(['--check-docstrings', 'pkg/good.py'], { cwd: project });
      assert.strictEqual(r.code, 0, r.stdout);
      assert.strictEqual(r.stdout, 'No docstring findings in 1 file.\n');
      assert.match(r.stderr, /check-arg-order/);
    } finally {
      fs.writeFileSync(path.join(project, 'pyproject.toml'), '[tool.pydoclint]\nstyle = "google"\n');
    }
  });
});
