/**
 * Files given by name (what pre-commit passes): the project's config applies to them as it does to a walked
 * folder, unlike interrogate (its issues #60, #100, #145, #155); README "Differences from interrogate".
 */
import * as assert from 'assert';
import { loadConfig } from '../../server/src/config/loader';
import { DEFAULT_OPTIONS } from '../../server/src/coverage/types';
import { scanWorkspace } from '../../server/src/workspace/scan';
import { walkPathsSync, WalkOptions } from '../../server/src/workspace/walk';
import { makeTree, relative, TempTree } from './helpers/tree';

const opts = (over: Partial<WalkOptions> = {}): WalkOptions => ({
  exclude: [], ignoreInitModule: false, includeStubs: false, ...over,
});

const PYPROJECT = '[tool.interrogate]\nexclude = ["legacy", "*/generated/*", "pkg/skip_me.py"]\nignore-init-module = true\n';

describe('workspace/walk: files given by name', () => {
  let tree: TempTree;
  afterEach(() => tree?.remove());

  /** The project's options as the CLI reads them from pyproject.toml (relative excludes made absolute). */
  function projectOptions(): WalkOptions {
    const config = loadConfig([tree.root]);
    assert.deepStrictEqual(config.problems, []);
    return opts(config.options);
  }

  const layout = {
    'pyproject.toml': PYPROJECT,
    'pkg/__init__.py': '', 'pkg/mod.py': '', 'pkg/skip_me.py': '', 'pkg/stub.pyi': '',
    'pkg/generated/api.py': '', 'legacy/old.py': '', 'legacy_not/new.py': '', '.venv/lib/vendored.py': '',
  };
  const staged = [
    'pkg/__init__.py', 'pkg/mod.py', 'pkg/skip_me.py', 'pkg/stub.pyi', 'pkg/generated/api.py', 'legacy/old.py',
    'legacy_not/new.py',
  ];

  it("leaves out the names the config's exclude, ignore-init-module and ext leave out, relative names too", () => {
    tree = makeTree(layout);
    const r = walkPathsSync(staged, projectOptions(), { cwd: tree.root });
    assert.strictEqual(r.error, null);
    // `legacy` matches `legacy_not/...` too: interrogate's fnmatch(path, exclude + "*"), as in a walk.
    assert.deepStrictEqual(relative(tree.root, r.files), ['pkg/mod.py']);
  });

  it('keeps a name exactly when the walk of the project keeps it', () => {
    tree = makeTree(layout);
    const options = projectOptions();
    const walked = relative(tree.root, walkPathsSync([tree.root], options).files);
    const named = relative(tree.root, walkPathsSync(staged, options, { cwd: tree.root }).files);
    assert.deepStrictEqual(named, walked.filter((f) => staged.includes(f)));
    const stubs = { ...options, includeStubs: true };
    assert.ok(relative(tree.root, walkPathsSync(staged, stubs, { cwd: tree.root }).files).includes('pkg/stub.pyi'));
  });

  it("does not apply the folders interrogate adds below each input (.venv, .git, ...) to a name", () => {
    tree = makeTree(layout);
    const r = walkPathsSync(['.', '.venv/lib/vendored.py'], opts(), { cwd: tree.root });
    assert.ok(relative(tree.root, r.files).includes('.venv/lib/vendored.py'));
  });

  it("says 'all-excluded', not interrogate's 'no files', when the config leaves out every name", () => {
    tree = makeTree({ ...layout, 'empty/': '' });
    const options = projectOptions();
    const all = walkPathsSync(['legacy/old.py', 'pkg/__init__.py'], options, { cwd: tree.root });
    assert.deepStrictEqual(all.files, []);
    assert.strictEqual(all.error?.kind, 'all-excluded');
    assert.match(all.error.message, /nothing to check.*every file given \(2\)/);
    // An empty folder beside them changes nothing; an empty folder alone is still interrogate's error.
    assert.strictEqual(walkPathsSync(['legacy/old.py', 'empty'], options, { cwd: tree.root }).error?.kind, 'all-excluded');
    assert.strictEqual(walkPathsSync(['empty'], options, { cwd: tree.root }).error?.kind, 'no-files');
    // A non-Python name stays an error even beside excluded ones.
    tree.write('notes.txt');
    assert.strictEqual(walkPathsSync(['legacy/old.py', 'notes.txt'], options, { cwd: tree.root }).error?.kind, 'invalid-file');
  });

  it('leaves an excluded name out of the scan and its coverage', async () => {
    tree = makeTree({
      'pyproject.toml': PYPROJECT,
      'pkg/mod.py': '"""Doc."""\n\n\ndef f():\n    """Doc."""\n',
      'legacy/old.py': 'def g():\n    pass\n\n\ndef h():\n    pass\n',
    });
    const options = { ...DEFAULT_OPTIONS, ...loadConfig([tree.root]).options };
    const scan = await scanWorkspace(['pkg/mod.py', 'legacy/old.py'], options, { cwd: tree.root });
    assert.strictEqual(scan.error, null);
    assert.deepStrictEqual(scan.files.map((f) => f.path), ['mod.py']);
  });
});
