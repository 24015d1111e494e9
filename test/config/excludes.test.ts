/**
 * A relative `exclude` means the same from every source: `exclude = ["tests"]` in pyproject.toml (relative to
 * its folder), `docbits.exclude: ["tests"]` in the editor (relative to the workspace folder), and `-e tests` on
 * the command line (relative to the current folder) leave out the same files of test/fixtures/exclude, in the
 * server's per-document check (isCheckedFile), the workspace scan's file selection, and the CLI.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DEFAULT_EDITOR_SETTINGS, effectiveCoverageOptions, readEditorSettings } from '../../server/src/config/editorSettings';
import { loadConfig } from '../../server/src/config/loader';
import { CoverageOptions } from '../../server/src/coverage/types';
import { isCheckedFile } from '../../server/src/workspace/checkedFiles';
import { walkPathsSync } from '../../server/src/workspace/walk';

const REPO = path.join(__dirname, '..', '..', '..');
const ROOT = fs.realpathSync(path.join(REPO, 'test', 'fixtures', 'exclude'));
const CLI = path.join(REPO, 'dist', 'cli.js');

function pythonFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? pythonFiles(full) : e.name.endsWith('.py') ? [full] : [];
  }).sort();
}

const rel = (files: string[]): string[] => files.map((f) => path.relative(ROOT, f)).sort();

/** What interrogate keeps of the fixture with `exclude = ["tests"]` (`<root>/tests*` excluded). */
const KEPT = ['pkg/__init__.py', 'pkg/core.py', 'pkg/tests/test_inner.py', 'setup.py'];

function checked(options: CoverageOptions): string[] {
  return rel(pythonFiles(ROOT).filter((f) => isCheckedFile(f, options, [ROOT])));
}

function scanned(options: CoverageOptions): string[] {
  return rel(walkPathsSync([ROOT], options).files);
}

function cli(args: string[], cwd: string): string[] {
  const r = spawnSync(process.execPath, [CLI, '--json', '-f', '0', ...args], { cwd, encoding: 'utf8' });
  assert.strictEqual(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { root: string; files: { path: string }[] };
  return rel(report.files.map((f) => path.join(report.root, f.path)));
}

describe('config: a relative exclude means the same from every source', () => {
  const fromFile = effectiveCoverageOptions(DEFAULT_EDITOR_SETTINGS, loadConfig([ROOT]), ROOT);
  const editor = readEditorSettings({ exclude: ['tests'] });
  const fromEditor = effectiveCoverageOptions(editor.settings, undefined, ROOT);

  it('the fixture has something to exclude', () => {
    assert.deepStrictEqual(editor.problems, []);
    assert.ok(rel(pythonFiles(ROOT)).length > KEPT.length);
  });

  it('pyproject.toml: relative to the config file\'s folder, in the server\'s check and the scan', () => {
    assert.deepStrictEqual(fromFile.exclude, [path.join(ROOT, 'tests')]);
    assert.deepStrictEqual(checked(fromFile), KEPT);
    assert.deepStrictEqual(scanned(fromFile), KEPT);
  });

  it('docbits.exclude: relative to the workspace folder, the same files', () => {
    assert.deepStrictEqual(checked(fromEditor), KEPT);
    assert.deepStrictEqual(scanned(fromEditor), KEPT);
    // Key by key over a project file as well (configPrecedence: editorSettings).
    const over = effectiveCoverageOptions({ ...editor.settings, configPrecedence: 'editorSettings' }, { found: true, options: { exclude: [] } }, ROOT);
    assert.deepStrictEqual(checked(over), KEPT);
    // Without a workspace folder a relative entry has nothing to be relative to, and matches nothing.
    assert.deepStrictEqual(checked(effectiveCoverageOptions(editor.settings, undefined)), rel(pythonFiles(ROOT)));
  });

  it('the CLI: the config file\'s excludes from any current folder, -e relative to the current folder', () => {
    assert.deepStrictEqual(cli([ROOT], REPO), KEPT);
    assert.deepStrictEqual(cli(['.'], ROOT), KEPT);
    const noExclude = path.join(ROOT, 'no-exclude.toml');
    assert.deepStrictEqual(cli(['-c', noExclude, '-e', 'tests', '.'], ROOT), KEPT);
    // From pkg/, `-e tests` is pkg/tests, as in interrogate.
    assert.deepStrictEqual(cli(['-c', noExclude, '-e', 'tests', '..'], path.join(ROOT, 'pkg')), rel(pythonFiles(ROOT)).filter((f) => f !== 'pkg/tests/test_inner.py'));
  });
});

describe('config: paths through a symlinked folder resolve as click\'s resolve_path (pathlib) resolves them', () => {
  // <tmp>/link -> the fixture, <tmp>/sub/p -> its pkg/, made here (git keeps no symlinks on every machine).
  let tmp = '';
  const all = () => rel(pythonFiles(ROOT));
  const noExclude = path.join(ROOT, 'no-exclude.toml');
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-symlinked-'));
    fs.symlinkSync(ROOT, path.join(tmp, 'link'));
    fs.mkdirSync(path.join(tmp, 'sub'));
    fs.symlinkSync(path.join(ROOT, 'pkg'), path.join(tmp, 'sub', 'p'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('an exclude that does not exist (a prefix or a pattern) has the symlinks before it resolved', () => {
    assert.deepStrictEqual(cli(['-c', noExclude, '-e', 'link/pkg/co', 'link'], tmp), all().filter((f) => f !== 'pkg/core.py'));
    assert.deepStrictEqual(cli(['-c', noExclude, '-e', 'link/tests_', 'link'], tmp), all().filter((f) => f !== 'tests_extra.py'));
    assert.deepStrictEqual(cli(['-c', noExclude, '-e', 'link/*/tests', 'link'], tmp), all().filter((f) => f !== 'pkg/tests/test_inner.py'));
  });

  it('a `..` after a symlink is the parent of where it leads, in a path and in an exclude', () => {
    assert.deepStrictEqual(cli(['-c', noExclude, 'sub/p/..'], tmp), all());
    // There only: <tmp>/sub/setup.py does not exist, the fixture's setup.py does.
    assert.deepStrictEqual(cli(['-c', noExclude, 'sub/p/../setup.py'], tmp), ['setup.py']);
    assert.deepStrictEqual(cli(['-c', noExclude, '-e', 'sub/p/../setup', 'link'], tmp), all().filter((f) => f !== 'setup.py'));
  });
});
