import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_OPTIONS } from '../../server/src/coverage/types';
import {
  excludesAsOpened, nodeWalkFileSystem, walkPaths, walkPathsSync, WalkFileSystem, WalkOptions,
} from '../../server/src/workspace/walk';
import { isRoot, makeTree, relative, TempTree } from './helpers/tree';

const opts = (over: Partial<WalkOptions> = {}): WalkOptions => ({
  exclude: [], ignoreInitModule: DEFAULT_OPTIONS.ignoreInitModule, includeStubs: false, ...over,
});

describe('workspace/walk', () => {
  let tree: TempTree;
  afterEach(() => tree?.remove());

  const layout = {
    'pkg/__init__.py': '', 'pkg/mod.py': '', 'pkg/stub.pyi': '', 'pkg/data.txt': '',
    'pkg/tests/test_mod.py': '', 'pkg/sub/tests/test_deep.py': '', 'pkg/sub/deep.py': '',
    '.tox/py311/x.py': '', '.venv/lib/y.py': '', 'venv/z.py': '', '.git/hooks/h.py': '', '.hg/k.py': '',
    'venvy/kept.py': '', 'nested/.venv/kept_too.py': '', 'setup.py': '',
  };

  it('picks files like interrogate: common excludes only below the input path, .py only', () => {
    tree = makeTree(layout);
    const r = walkPathsSync([tree.root], opts());
    assert.strictEqual(r.error, null);
    assert.deepStrictEqual(r.problems, []);
    assert.deepStrictEqual(relative(tree.root, r.files), [
      'setup.py',
      'nested/.venv/kept_too.py', // `<path>/.venv*` does not reach a nested .venv
      'pkg/__init__.py', 'pkg/mod.py',
      'pkg/sub/deep.py',
      'pkg/sub/tests/test_deep.py',
      'pkg/tests/test_mod.py',
      // `<path>/venv` + `*` is a prefix match: interrogate also drops `venvy/`
    ]);
  });

  it('excludes a directory given with -e, and glob excludes like */tests/*', () => {
    tree = makeTree(layout);
    const byDir = walkPathsSync([tree.root], opts({ exclude: [tree.abs('pkg/sub')] }));
    assert.ok(!relative(tree.root, byDir.files).some((f) => f.startsWith('pkg/sub/')));
    assert.ok(relative(tree.root, byDir.files).includes('pkg/mod.py'));
    const byGlob = walkPathsSync([tree.root], opts({ exclude: ['*/tests/*'] }));
    assert.deepStrictEqual(relative(tree.root, byGlob.files).filter((f) => f.includes('tests')), []);
    const byFile = walkPathsSync([tree.root], opts({ exclude: [tree.abs('pkg/mod.py')] }));
    assert.ok(!relative(tree.root, byFile.files).includes('pkg/mod.py'));
  });

  it('excludesAsOpened: excludes under the real folder also under the folder as opened, the rest as they are', () => {
    const excludes = ['/data/proj/tests', '/data/proj/build/', '/data/proj/*/gen', '/elsewhere/x', '*/vendor/*', '/data/projects/y'];
    assert.deepStrictEqual(excludesAsOpened(excludes, '/home/u/proj', '/data/proj'), [
      ...excludes, '/home/u/proj/tests', '/home/u/proj/build/', '/home/u/proj/*/gen',
    ]);
    assert.strictEqual(excludesAsOpened(excludes, '/data/proj', '/data/proj'), excludes, 'a folder opened by its real path');
  });

  it('honours ignore-init-module and --pyi', () => {
    tree = makeTree(layout);
    const files = relative(tree.root, walkPathsSync([tree.abs('pkg')], opts({ ignoreInitModule: true, includeStubs: true })).files);
    assert.ok(!files.includes('pkg/__init__.py'));
    assert.ok(files.includes('pkg/stub.pyi'));
    assert.ok(files.includes('pkg/mod.py'));
  });

  it('takes a single file as given when the options keep it (namedFiles.test.ts has the rest)', () => {
    tree = makeTree(layout);
    const init = tree.abs('pkg/__init__.py');
    assert.deepStrictEqual(walkPathsSync([init], opts()).files, [init]);
    assert.deepStrictEqual(walkPathsSync(['pkg/stub.pyi'], opts({ includeStubs: true }), { cwd: tree.root }).files, [tree.abs('pkg/stub.pyi')]);
  });

  it('reports a non-Python file as interrogate does', () => {
    tree = makeTree(layout);
    const r = walkPathsSync([tree.abs('pkg/data.txt')], opts());
    assert.deepStrictEqual(r.files, []);
    assert.strictEqual(r.error?.kind, 'invalid-file');
    assert.strictEqual(r.error?.message, `E: Invalid file '${tree.abs('pkg/data.txt')}'. Unable to interrogate ` +
      'non-Python or Python-like files. Valid file extensions: .py, .pyi');
  });

  it('reports a missing path and an empty selection', () => {
    tree = makeTree({ 'docs/readme.txt': '' });
    assert.strictEqual(walkPathsSync(['nope'], opts(), { cwd: tree.root }).error?.kind, 'not-found');
    const empty = walkPathsSync([tree.root], opts());
    assert.strictEqual(empty.error?.kind, 'no-files');
    assert.match(empty.error!.message, /^E: No Python or Python-like files found to interrogate in '/);
  });

  it('defaults to the current folder and lists a file reached twice once', () => {
    tree = makeTree({ 'a/x.py': '', 'a/b/y.py': '' });
    const r = walkPathsSync([], opts(), { cwd: tree.abs('a') });
    assert.deepStrictEqual(relative(tree.root, r.files), ['a/x.py', 'a/b/y.py']);
    const twice = walkPathsSync([tree.abs('a'), tree.abs('a/b'), tree.abs('a/x.py')], opts());
    assert.deepStrictEqual(relative(tree.root, twice.files), ['a/x.py', 'a/b/y.py']);
  });

  it('does not enter symlinked folders but lists symlinked and dangling .py files', () => {
    tree = makeTree({ 'real/inner.py': '', 'src/mod.py': '' });
    fs.symlinkSync(tree.abs('real'), tree.abs('src/linked'));
    fs.symlinkSync(tree.abs('src/mod.py'), tree.abs('src/alias.py'));
    fs.symlinkSync(tree.abs('src/missing.py'), tree.abs('src/dangling.py'));
    fs.symlinkSync(tree.abs('real'), tree.abs('src/dirlink.py')); // a folder, despite its name
    const r = walkPathsSync([tree.abs('src')], opts());
    assert.deepStrictEqual(relative(tree.root, r.files), ['src/alias.py', 'src/dangling.py', 'src/mod.py']);
  });

  it('walks a symlinked input folder itself, like os.walk', () => {
    tree = makeTree({ 'real/inner.py': '' });
    fs.symlinkSync(tree.abs('real'), tree.abs('link'));
    assert.deepStrictEqual(relative(tree.root, walkPathsSync([tree.abs('link')], opts()).files), ['link/inner.py']);
  });

  it('does not hang on symlink loops', async () => {
    tree = makeTree({ 'dir/a.py': '' });
    fs.symlinkSync(tree.abs('dir'), tree.abs('dir/loop'));
    fs.symlinkSync('self.py', tree.abs('dir/self.py'));
    const r = await walkPaths([tree.root], opts());
    assert.deepStrictEqual(relative(tree.root, r.files), ['dir/a.py', 'dir/self.py']);
  });

  it('reports an unreadable folder (chmod 000) and walks on', function () {
    if (isRoot) {
      this.test!.title += ' (skipped: running as root, which can read chmod 000 folders; the next test simulates EACCES)';
      this.skip();
    }
    tree = makeTree({ 'ok/a.py': '', 'locked/b.py': '' });
    fs.chmodSync(tree.abs('locked'), 0);
    const r = walkPathsSync([tree.root], opts());
    assert.deepStrictEqual(relative(tree.root, r.files), ['ok/a.py']);
    assert.deepStrictEqual(r.problems.map((p) => [p.path, p.code]), [[tree.abs('locked'), 'EACCES']]);
  });

  it('reports folders that fail with EACCES or vanish (ENOENT) mid-walk, and walks on', () => {
    tree = makeTree({ 'ok/a.py': '', 'locked/b.py': '', 'gone/c.py': '', 'ok/later/d.py': '' });
    const failing: WalkFileSystem = {
      stat: nodeWalkFileSystem.stat,
      readDir(dir) {
        const fail = (code: string, text: string): never => {
          throw Object.assign(new Error(`${code}: ${text}, scandir '${dir}'`), { code });
        };
        if (dir === tree.abs('locked')) fail('EACCES', 'permission denied');
        if (dir === tree.abs('gone')) fail('ENOENT', 'no such file or directory');
        return nodeWalkFileSystem.readDir(dir);
      },
    };
    const r = walkPathsSync([tree.root], opts(), { fileSystem: failing });
    assert.deepStrictEqual(relative(tree.root, r.files), ['ok/a.py', 'ok/later/d.py']);
    assert.deepStrictEqual(r.problems.map((p) => [path.basename(p.path), p.code, p.error]).sort(), [
      ['gone', 'ENOENT', 'ENOENT: no such file or directory'],
      ['locked', 'EACCES', 'EACCES: permission denied'],
    ]);
  });

  it('prunes excluded folders instead of walking into them', () => {
    tree = makeTree({ 'a.py': '', '.git/objects/x.py': '', 'build/lib/y.py': '', 'buildx/z.py': '' });
    const visited: string[] = [];
    const spy: WalkFileSystem = {
      stat: nodeWalkFileSystem.stat,
      readDir: (dir) => { visited.push(dir); return nodeWalkFileSystem.readDir(dir); },
    };
    const r = walkPathsSync([tree.root], opts({ exclude: [tree.abs('build/')] }), { fileSystem: spy });
    assert.deepStrictEqual(relative(tree.root, r.files), ['a.py', 'buildx/z.py']);
    assert.deepStrictEqual(relative(tree.root, visited).sort(), ['', 'buildx']);
  });

  it('walks a 3,000-deep chain of folders without recursion', function () {
    tree = makeTree();
    const depth = 3000;
    const cwd = process.cwd();
    try {
      // Built with relative steps: the full path passes PATH_MAX (4096) long before the bottom.
      process.chdir(tree.root);
      for (let i = 0; i < depth; i++) {
        fs.mkdirSync('d');
        process.chdir('d');
        if (i % 500 === 0) fs.writeFileSync(`m${i}.py`, '');
      }
    } finally {
      process.chdir(cwd);
    }
    const r = walkPathsSync([tree.root], opts());
    assert.strictEqual(r.error, null);
    const depths = r.files.map((f) => path.relative(tree.root, f).split('/').length - 1);
    // Every file with a path the OS can open is found; deeper folders fail with ENAMETOOLONG, reported.
    assert.ok(depths.includes(1) && depths.includes(501) && depths.includes(1001), `found at depths ${depths}`);
    const pathLimitHit = r.problems.some((p) => p.code === 'ENAMETOOLONG');
    assert.ok(pathLimitHit || depths.length === depth / 500, JSON.stringify(r.problems.slice(0, 2)));
  });

  it('sorts like interrogate’s report: by folder, then path, in code point order', () => {
    tree = makeTree({
      'b.py': '', 'a/z.py': '', 'a/b/c.py': '', 'a_b.py': '', 'A.py': '', '\u{1F600}.py': '', '\uFF01.py': '',
    });
    const r = walkPathsSync([tree.root], opts());
    assert.deepStrictEqual(relative(tree.root, r.files), [
      'A.py', 'a_b.py', 'b.py', '\uFF01.py', '\u{1F600}.py', // root folder first (shortest dirname)
      'a/z.py',
      'a/b/c.py',
    ]);
  });

  it('selects the same files as interrogate\'s algorithm run by CPython (os.walk + fnmatch)', function () {
    tree = makeTree(layout);
    const excludeSets = [[], [tree.abs('pkg/sub')], ['*/tests/*'], [tree.abs('pkg/[st]*')], ['*.pyi']];
    // interrogate 1.7's get_filenames_from_paths and _filter_files, restated (not imported: it may be absent)
    const script = [
      'import fnmatch, json, os, sys',
      'root, excluded, init, exts = json.load(sys.stdin)',
      'excluded = excluded + [os.path.join(root, c) for c in [".tox", ".venv", "venv", ".git", ".hg"]]',
      'out = []',
      'for d, _, fs in os.walk(root):',
      '    for f in (os.path.join(d, f) for f in fs):',
      '        if not any(f.endswith(e) for e in exts): continue',
      '        if init and os.path.basename(f) == "__init__.py": continue',
      '        if any(fnmatch.fnmatch(f, e + "*") for e in excluded): continue',
      '        out.append(f)',
      'print(json.dumps(sorted(out, key=lambda f: (os.path.dirname(f), f))))',
    ].join('\n');
    for (const exclude of excludeSets) {
      for (const [ignoreInitModule, includeStubs] of [[false, false], [true, true]]) {
        const exts = includeStubs ? ['.py', '.pyi'] : ['.py'];
        const py = spawnSync('python3', ['-c', script], {
          input: JSON.stringify([tree.root, exclude, ignoreInitModule, exts]), encoding: 'utf8',
        });
        if (py.error) this.skip(); // no python3
        assert.strictEqual(py.status, 0, py.stderr);
        const ours = walkPathsSync([tree.root], opts({ exclude, ignoreInitModule, includeStubs })).files;
        assert.deepStrictEqual(ours, JSON.parse(py.stdout), JSON.stringify({ exclude, ignoreInitModule }));
      }
    }
  });

  it('async walk gives the same result and honours an AbortSignal', async () => {
    tree = makeTree(layout);
    const sync = walkPathsSync([tree.root], opts());
    assert.deepStrictEqual(await walkPaths([tree.root], opts()), sync);
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(walkPaths([tree.root], opts(), { signal: controller.signal }), { name: 'AbortError' });
  });
});
