/** Finding the project root and its config file as interrogate does (config/project.ts). */
import * as assert from 'assert';
import * as path from 'path';
import { findConfigFile, findProjectRoot } from '../../server/src/config/project';
import { scratchTrees } from './tree';

describe('config: finding the project', () => {
  const tree = scratchTrees();

  it('stops at the first folder upwards holding .git, .hg or pyproject.toml', () => {
    const root = tree({ 'repo/.git': 'gitdir: elsewhere', 'repo/pkg/sub/mod.py': '', 'hg/.hg/': null, 'hg/a/': null, 'toml/pyproject.toml': '', 'toml/src/x.py': '' });
    assert.strictEqual(findProjectRoot([path.join(root, 'repo/pkg/sub/mod.py')]), path.join(root, 'repo'));
    assert.strictEqual(findProjectRoot([path.join(root, 'repo/pkg/sub')]), path.join(root, 'repo'));
    assert.strictEqual(findProjectRoot([path.join(root, 'hg/a')]), path.join(root, 'hg'));
    assert.strictEqual(findProjectRoot([path.join(root, 'toml/src/x.py')]), path.join(root, 'toml'));
  });

  it('ignores a .hg file and a pyproject.toml folder', () => {
    const root = tree({ 'p/.hg': 'not a folder', 'p/pyproject.toml/': null, 'p/q/': null, 'p/.git/': null });
    assert.strictEqual(findProjectRoot([path.join(root, 'p/q')]), path.join(root, 'p'));
    const bare = tree({ 'x/.hg': '', 'x/y/': null });
    assert.strictEqual(findProjectRoot([path.join(bare, 'x/y')]), path.parse(bare).root);
  });

  it('starts from the smallest path, part by part', () => {
    const root = tree({ 'a/pyproject.toml': '', 'a/b/c/pyproject.toml': '', 'a/b-c/': null });
    // As strings "a/b-c" < "a/b/c"; as paths ["a","b","c"] < ["a","b-c"]: interrogate starts at a/b/c.
    assert.strictEqual(findProjectRoot([path.join(root, 'a/b-c'), path.join(root, 'a/b/c')]), path.join(root, 'a/b/c'));
  });

  it('prefers pyproject.toml over setup.cfg at the root', () => {
    const both = tree({ 'pyproject.toml': '', 'setup.cfg': '', 'src/': null });
    assert.strictEqual(findConfigFile([path.join(both, 'src')]), path.join(both, 'pyproject.toml'));
    const cfg = tree({ '.git/': null, 'setup.cfg': '[tool:interrogate]\nfail-under = 50\n', 'src/': null });
    assert.strictEqual(findConfigFile([path.join(cfg, 'src')]), path.join(cfg, 'setup.cfg'));
    const none = tree({ '.git/': null, 'src/': null });
    assert.strictEqual(findConfigFile([path.join(none, 'src')]), undefined);
  });
});
