/** The one config loader of the CLI and the server (config/loader.ts). */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { readEditorSettings } from '../../server/src/config/editorSettings';
import { loadConfig } from '../../server/src/config/loader';
import { loadQualityOptions } from '../../server/src/workspace/qualityScan';
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

  it('refuses a FIFO given as the config file instead of waiting on it forever', () => {
    const root = tree({ '.git/': null });
    const fifo = path.join(root, 'pyproject.toml');
    execFileSync('mkfifo', [fifo]);
    const loaded = loadConfig([root], fifo);
    assert.deepStrictEqual(loaded.options, {});
    assert.match(loaded.problems[0].message, /^Cannot read config file .*pyproject\.toml: it is not a regular file\. Check the path given to --config\.$/);
    assert.deepStrictEqual(loadQualityOptions(fifo), { options: {}, problems: [], found: false });
  });
});

describe('config: keys named like JavaScript object members are data', () => {
  const tree = scratchTrees();
  const MEMBER_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

  it('reports them as unknown keys and keeps reading the rest, in pyproject.toml and setup.cfg', () => {
    for (const name of MEMBER_NAMES) {
      const toml = tree({ '.git/': null, 'pyproject.toml': `[tool.${JSON.stringify(name)}]\na = 1\n[tool.interrogate]\n"${name}" = 1\nfail-under = 5\n` });
      const fromToml = loadConfig([toml]);
      assert.strictEqual(fromToml.options.failUnder, 5, name);
      assert.ok(fromToml.problems.some((p) => p.message.startsWith(`Unknown key "${name}"`)), `${name}: ${JSON.stringify(fromToml.problems)}`);
      const cfg = tree({ '.git/': null, 'setup.cfg': `[tool:interrogate]\n${name} = 1\nfail-under = 6\n[${name}]\nx = 1\n` });
      const fromCfg = loadConfig([cfg]);
      assert.strictEqual(fromCfg.options.failUnder, 6, name);
      assert.ok(fromCfg.problems.some((p) => p.message.startsWith(`Unknown key "${name}"`)), `${name}: ${JSON.stringify(fromCfg.problems)}`);
      assert.strictEqual(({} as Record<string, unknown>).a, undefined, 'no prototype was polluted');
    }
  });

  it('treats them as unknown editor settings', () => {
    for (const name of MEMBER_NAMES) {
      const raw = JSON.parse(`{"${name}": {"a": 1}, "failUnder": 42}`) as unknown;
      const { settings, problems } = readEditorSettings(raw);
      assert.strictEqual(settings.coverage.failUnder, 42, name);
      assert.ok(problems.length > 0 && problems.every((p) => p.message.includes(name)), `${name}: ${JSON.stringify(problems)}`);
    }
  });
});
