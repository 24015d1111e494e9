/** The session's project-config cache (session/projectConfigs.ts): one read per folder, problems once per file. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadConfig } from '../../server/src/config/loader';
import { ConfigProblem, LoadedConfig } from '../../server/src/config/types';
import { ProjectConfigs } from '../../server/src/session/projectConfigs';

describe('session/projectConfigs', () => {
  it('reads each folder once until a config file changes, and hands on each file\'s problems once', () => {
    const reads: string[] = [];
    const reported: Array<[string, number]> = [];
    const problem: ConfigProblem = { message: 'bad', severity: 'error' };
    const read = (folder: string): LoadedConfig => {
      reads.push(folder);
      return { path: '/p/pyproject.toml', found: true, options: {}, problems: folder === '/p' ? [problem] : [] };
    };
    const configs = new ProjectConfigs((configPath, problems) => reported.push([configPath, problems.length]), read);
    configs.forFile('/p/a.py');
    configs.forFile('/p/b.py');
    configs.forFile('/p/sub/c.py');
    configs.forFolder('/p');
    assert.deepStrictEqual(reads, ['/p', '/p/sub']);
    assert.deepStrictEqual(reported, [['/p/pyproject.toml', 1]], 'once per config file');
    configs.clear();
    configs.forFile('/p/a.py');
    assert.deepStrictEqual(reads, ['/p', '/p/sub', '/p']);
    assert.deepStrictEqual(reported, [['/p/pyproject.toml', 1], ['/p/pyproject.toml', 1]], 'again after a change');
  });

  it('reports options that interrogate refuses together on the config file', () => {
    const reported: Array<readonly ConfigProblem[]> = [];
    const configs = new ProjectConfigs((_, problems) => reported.push(problems),
      () => ({ path: '/p/pyproject.toml', found: true, options: { docstringStyle: 'google', ignoreInitMethod: true }, problems: [] }));
    configs.forFolder('/p');
    assert.strictEqual(reported.length, 1);
    assert.match(reported[0][0].message, /mutually exclusive with `--style google`/);
    const fine = new ProjectConfigs((_, problems) => reported.push(problems),
      () => ({ path: '/q/pyproject.toml', found: true, options: { docstringStyle: 'google' }, problems: [] }));
    fine.forFolder('/q');
    assert.deepStrictEqual(reported[1], []);
  });

  it('hands on the [tool.pydoclint] problems with the file\'s others, on their lines, once quality is asked for', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-configs-'));
    try {
      fs.writeFileSync(path.join(root, 'pyproject.toml'),
        '[tool.interrogate]\nfail-undr = 50\n\n[tool.pydoclint]\nstyle = "google"\nchek-arg-order = true\nallow-init-docstring = "maybe"\n');
      const reported: Array<readonly ConfigProblem[]> = [];
      const configs = new ProjectConfigs((_, problems) => reported.push(problems), (folder) => loadConfig([folder]));
      const keys = () => reported.map((problems) => problems.map((p) => [p.key, p.line, p.severity]));
      configs.forFile(path.join(root, 'a.py'));
      assert.deepStrictEqual(keys(), [[['fail-undr', 2, 'warning']]], 'quality not asked for: [tool.pydoclint] is not ours to judge');
      assert.strictEqual(configs.qualityFor(path.join(root, 'a.py'), false)?.style, 'google');
      const all = [['fail-undr', 2, 'warning'], ['chek-arg-order', 6, 'warning'], ['allow-init-docstring', 7, 'error']];
      assert.deepStrictEqual(keys(), [[['fail-undr', 2, 'warning']], all]);
      configs.forFile(path.join(root, 'b.py'));
      configs.qualityFor(path.join(root, 'b.py'), true);
      assert.strictEqual(reported.length, 2, 'once per file');
      configs.settingsChanged();
      assert.deepStrictEqual(keys().slice(2), [[['fail-undr', 2, 'warning']]], 'settings changed: the quality problems go until asked again');
      configs.settingsChanged();
      assert.strictEqual(reported.length, 3);
      configs.qualityFor(path.join(root, 'a.py'), false);
      assert.deepStrictEqual(keys().slice(3), [all]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('knows which changed files can decide a project\'s configuration', () => {
    for (const file of ['/p/pyproject.toml', '/p/setup.cfg', '/p/.git', '/p/.hg']) assert.ok(ProjectConfigs.isConfigFile(file), file);
    for (const file of ['/p/a.py', '/p/pyproject.toml.bak', '/p/tox.ini']) assert.ok(!ProjectConfigs.isConfigFile(file), file);
  });
});
