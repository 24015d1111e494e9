/** The one config loader of the CLI and the server (config/loader.ts). */
import * as assert from 'assert';
import * as path from 'path';
import { loadConfig } from '../../server/src/config/loader';
import { scratchTrees } from './tree';

describe('config: loading', () => {
  const tree = scratchTrees();

  it('loads the found file, or the explicit one', () => {
    const root = tree({ '.git/': null, 'setup.cfg': '[tool:interrogate]\nfail-under = 50\n', 'other.toml': '[tool.interrogate]\nfail-under = 60\n', 'src/': null });
    assert.deepStrictEqual(loadConfig([path.join(root, 'src')]), { path: path.join(root, 'setup.cfg'), found: true, options: { failUnder: 50 }, problems: [] });
    assert.deepStrictEqual(loadConfig([path.join(root, 'src')], path.join(root, 'other.toml')).options, { failUnder: 60 });
  });

  it('makes relative excludes absolute against the config file\'s folder, wherever the run starts', () => {
    const root = tree({ 'proj/pyproject.toml': '[tool.interrogate]\nexclude = ["tests", "*/gen/*", "/abs/x"]\n', 'proj/tests/': null, 'proj/src/deep/': null });
    const want = [path.join(root, 'proj', 'tests'), path.join(root, 'proj', '*/gen/*'), '/abs/x'];
    assert.deepStrictEqual(loadConfig([path.join(root, 'proj/src/deep')]).options.exclude, want);
    assert.deepStrictEqual(loadConfig([root], path.join(root, 'proj/pyproject.toml')).options.exclude, want);
  });

  it('words a problem the same for a found and an explicit file, and refuses a huge one unread', () => {
    const root = tree({ '.git/': null, 'pyproject.toml': '[tool.interrogate]\nfail-under = "x"\n', 'big.toml': '#'.repeat(4 * 1024 * 1024 + 1) });
    assert.deepStrictEqual(loadConfig([root]).problems, loadConfig([root], path.join(root, 'pyproject.toml')).problems);
    assert.match(loadConfig([root], path.join(root, 'big.toml')).problems[0].message, /more than a config file can reasonably be/);
  });

  it('reports a missing or unusable explicit file instead of throwing', () => {
    const root = tree({ 'conf.ini': '[tool:interrogate]\n' });
    const missing = loadConfig([root], path.join(root, 'nope.toml'));
    assert.deepStrictEqual(missing.options, {});
    assert.match(missing.problems[0].message, /^Cannot read config file .*nope\.toml: it does not exist\. Check the path given to --config\.$/);
    assert.match(loadConfig([root], root).problems[0].message, /it is a folder/);
    assert.match(loadConfig([root], path.join(root, 'conf.ini')).problems[0].message, /neither \.toml nor \.cfg/);
  });
});
