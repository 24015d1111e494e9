/** --diff over real git repositories (workspace/changedScan.ts, workspace/git.ts). */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DEFAULT_OPTIONS } from '../../server/src/coverage/types';
import { scanChanges } from '../../server/src/workspace/changedScan';
import { DiffBase } from '../../server/src/workspace/git';
import { WorkspaceScan } from '../../server/src/workspace/scan';
import { GATED_SINCE_BASE, GATED_STAGED, git, historyRepo } from './helpers/gitRepo';
import { makeTree, TempTree } from './helpers/tree';

async function gated(paths: string[], base: DiffBase, options = DEFAULT_OPTIONS): Promise<Record<string, string[]>> {
  const scan = await scanChanges(paths, options, base);
  assert.ok('files' in scan, 'error' in scan ? String(scan.error) : '');
  const result: Record<string, string[]> = {};
  for (const file of (scan as WorkspaceScan).files) result[file.path] = file.nodes.map((n) => `${n.qualname}:${n.status}`);
  return result;
}

describe('workspace/changedScan: --diff on a real repository', function () {
  this.timeout(60000);
  let repo: TempTree;
  before(() => { repo = historyRepo(); });
  after(() => repo.remove());

  it('since a tag: body-only changes, renames followed, deleted files left out, new and untracked files whole', async () => {
    const result = await gated([repo.root], { ref: 'base' });
    // The root is the scanned folder, as in a normal run, so paths read the same.
    assert.deepStrictEqual(result, GATED_SINCE_BASE);
  });

  it('a changed notebook counts whole, its nodes in their cells (git compares its JSON, not its cells)', async () => {
    const cell = (source: string) => ({ cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source: [source] });
    const notebook = (body: string) => JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [cell('"""Nb."""\n'), cell(`def f():\n    return ${body}\n`)] });
    const nb = makeTree({ 'nb.ipynb': notebook('1') });
    try {
      git(nb, 'init', '-q', '-b', 'main');
      git(nb, 'add', '-A');
      git(nb, 'commit', '-qm', 'base');
      nb.write('nb.ipynb', notebook('2'));
      const scan = await scanChanges([nb.root], DEFAULT_OPTIONS, { ref: 'HEAD' });
      assert.ok('files' in scan);
      assert.deepStrictEqual((scan as WorkspaceScan).files.map((f) => f.nodes.map((n) => `${n.qualname}:${n.status}:${n.cell}`)), [['nb.ipynb:covered:1', 'f:missed:2']]);
    } finally {
      nb.remove();
    }
  });

  it('since a commit id, and under a sub-folder given as the path', async () => {
    const id = git(repo, 'rev-parse', 'base').trim();
    const result = await gated([repo.abs('pkg')], { ref: id });
    assert.deepStrictEqual(Object.keys(result), Object.keys(GATED_SINCE_BASE).map((p) => p.slice('pkg/'.length)));
  });

  it('--staged: the index against HEAD only', async () => {
    assert.deepStrictEqual(await gated([repo.root], { staged: true }), GATED_STAGED);
  });

  it('named files: only those, with the config\'s selection', async () => {
    const result = await gated([repo.abs('pkg/keep.py'), repo.abs('pkg/same.py'), repo.abs('pkg/__init__.py')], { ref: 'HEAD' });
    assert.deepStrictEqual(result, { 'same.py': GATED_STAGED['pkg/same.py'] });
  });

  it('an unknown base, a base that looks like an option, a folder outside any repository: clear errors', async () => {
    const unknown = await scanChanges([repo.root], DEFAULT_OPTIONS, { ref: 'no-such-branch' });
    assert.match(String((unknown as { error: unknown }).error), /unknown base "no-such-branch"/);
    const option = await scanChanges([repo.root], DEFAULT_OPTIONS, { ref: '--output=/tmp/x' });
    assert.match(String((option as { error: unknown }).error), /not a commit/);
    const outside = makeTree({ 'x.py': '' });
    try {
      const scan = await scanChanges([outside.root], DEFAULT_OPTIONS, { ref: 'main' });
      assert.match(String((scan as { error: unknown }).error), /not in a git repository/);
    } finally {
      outside.remove();
    }
  });

  it('before the first commit, --staged compares with nothing', async () => {
    const fresh = makeTree({ 'a.py': 'def a():\n    pass\n' });
    try {
      git(fresh, 'init', '-q');
      git(fresh, 'add', 'a.py');
      assert.deepStrictEqual(await gated([fresh.root], { staged: true }), { 'a.py': ['a.py:missed', 'a:missed'] });
    } finally {
      fresh.remove();
    }
  });

  it('a hostile .git/config runs nothing: filter, textconv, external diff, fsmonitor, pager', async () => {
    const hostile = makeTree({ 'a.py': '"""A."""\n', '.gitattributes': '*.py filter=evil diff=evil\n' });
    const marker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-pwned-')), 'ran');
    try {
      git(hostile, 'init', '-q', '-b', 'main');
      git(hostile, 'add', '-A');
      git(hostile, 'commit', '-qm', 'base');
      const touch = `sh -c 'echo $0 >> ${marker}; cat'`;
      for (const [key, value] of [['filter.evil.clean', touch], ['filter.evil.smudge', touch], ['filter.evil.process', touch],
        ['diff.evil.textconv', touch], ['diff.evil.command', touch], ['diff.external', touch], ['core.fsmonitor', touch], ['core.pager', touch]]) {
        git(hostile, 'config', key, value);
      }
      hostile.write('a.py', '"""A."""\n\n\ndef b():\n    pass\n');
      assert.deepStrictEqual(await gated([hostile.root], { ref: 'main' }), { 'a.py': ['a.py:covered', 'b:missed'] });
      git(hostile, 'config', 'filter.a=b.clean', touch); // a name -c could not spell: refused, not run
      const refused = await scanChanges([hostile.root], DEFAULT_OPTIONS, { ref: 'main' });
      assert.match(String((refused as { error: unknown }).error), /refusing/);
      assert.ok(!fs.existsSync(marker), fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : '');
    } finally {
      hostile.remove();
      fs.rmSync(path.dirname(marker), { recursive: true, force: true });
    }
  });
});
