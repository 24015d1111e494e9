/**
 * The pre-commit hooks for real (`docbits`, and `docbits-diff` on staged changes): Debian's `pre-commit`
 * installs this repository's hooks (.pre-commit-hooks.yaml, `language: node`: npm install + npm pack + npm
 * install -g in an environment of its own) in a fixture project and runs them there. The hook's repository is a local clone of this repository's HEAD (pre-commit checks out
 * a commit, so uncommitted changes are not in it). pre-commit's cache (PRE_COMMIT_HOME) stays in the temp
 * folder; npm's cache is the usual one (`npm ci` has filled it), preferred over the registry.
 */
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cleanEnv, REPO } from './npmEnv';

const FIXTURE: Record<string, string> = {
  'pyproject.toml': '[tool.interrogate]\nexclude = ["legacy"]\nignore-init-module = true\nfail-under = 80\n',
  // Counted: 2/2 + 2/3 = 80.0%, just passing.
  'pkg/good.py': '"""Doc."""\n\n\ndef f():\n    """Doc."""\n',
  'pkg/partial.py': '"""Doc."""\n\n\ndef g():\n    """Doc."""\n\n\ndef h():\n    pass\n',
  // Not counted (excluded, ignore-init-module); either would pull the total below 80%.
  'legacy/old.py': 'def a():\n    pass\n\n\ndef b():\n    pass\n',
  'pkg/__init__.py': '',
};

function hasPreCommit(): boolean {
  return spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
}

describe('pre-commit hook (Debian pre-commit, language: node)', function () {
  // Installing the hooks' environment (npm install, the build) took over 150 s on a loaded 2-core machine.
  this.timeout(600_000);
  let tmp: string;
  let project: string;
  let env: NodeJS.ProcessEnv;

  function git(...args: string[]): string {
    return execFileSync('git', args, { cwd: project, env, encoding: 'utf8' });
  }
  function preCommit(...args: string[]): { code: number | null; out: string } {
    const r = spawnSync('pre-commit', [...args, '--color', 'never'], { cwd: project, env, encoding: 'utf8', timeout: 540_000 });
    return { code: r.status, out: `${r.stdout}${r.stderr}` };
  }
  function commit(message: string): { code: number | null; out: string } {
    const r = spawnSync('git', ['commit', '-q', '-m', message], { cwd: project, env, encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, out: `${r.stdout}${r.stderr}` };
  }

  before(function () {
    if (!hasPreCommit()) {
      // CI installs it (.ci/run); a developer without it is told, not failed.
      if (process.env.CI) assert.fail('pre-commit is not installed (apt-get install pre-commit)');
      this.skip();
    }
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-precommit-'));
    project = path.join(tmp, 'project');
    const gitConfig = path.join(tmp, 'gitconfig');
    fs.writeFileSync(gitConfig, '[user]\n\tname = Docbits Test\n\temail = test@example.invalid\n[init]\n\tdefaultBranch = main\n');
    env = cleanEnv({
      PRE_COMMIT_HOME: path.join(tmp, 'pre-commit-cache'),
      // No user or system git config: a core.hooksPath there would make `pre-commit install` refuse.
      GIT_CONFIG_GLOBAL: gitConfig, GIT_CONFIG_NOSYSTEM: '1',
      npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false',
    });

    const hookRepo = path.join(tmp, 'docbits.git');
    execFileSync('git', ['clone', '--quiet', '--bare', REPO, hookRepo], { env });
    const rev = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).trim();
    if (execFileSync('git', ['status', '--porcelain'], { cwd: REPO, encoding: 'utf8' }).trim()) {
      console.log(`      (pre-commit test: uncommitted changes are not tested; the hook is HEAD ${rev.slice(0, 10)})`);
    }

    fs.mkdirSync(project);
    for (const [rel, text] of Object.entries(FIXTURE)) {
      fs.mkdirSync(path.dirname(path.join(project, rel)), { recursive: true });
      fs.writeFileSync(path.join(project, rel), text);
    }
    fs.writeFileSync(path.join(project, '.pre-commit-config.yaml'),
      `repos:\n- repo: ${hookRepo}\n  rev: ${rev}\n  hooks:\n  - id: docbits\n    args: [-v]\n  - id: docbits-diff\n    args: [-v]\n`);
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'fixture');
    // Installing the hook's environment is the slow part (npm install of the devDependencies, the build).
    const install = preCommit('install-hooks');
    assert.strictEqual(install.code, 0, install.out);
  });
  after(() => { if (tmp) fs.rmSync(tmp, { recursive: true, force: true }); });

  it('--all-files passes: the excluded file and __init__.py do not count', () => {
    const r = preCommit('run', '--all-files', '--verbose');
    assert.strictEqual(r.code, 0, r.out);
    assert.match(r.out, /docbits \(docstring coverage\)\.+Passed/);
    assert.match(r.out, /\| good\.py +\| +2 \| +0 \| +2 \| +100% \|/);
    assert.match(r.out, /\| TOTAL +\| +5 \| +1 \| +4 \| +80\.0% \|/);
    assert.match(r.out, /RESULT: PASSED \(minimum: 80\.0%, actual: 80\.0%\)/);
    assert.doesNotMatch(r.out, /legacy|__init__/);
  });

  it('--files: fail-under applies to the files given; excluded files alone are nothing to check, and pass', () => {
    const partial = preCommit('run', '--files', 'pkg/partial.py', '--verbose');
    assert.strictEqual(partial.code, 1, partial.out);
    assert.match(partial.out, /RESULT: FAILED \(minimum: 80\.0%, actual: 66\.7%\)/);
    const excluded = preCommit('run', '--files', 'legacy/old.py', 'pkg/__init__.py', '--verbose');
    assert.strictEqual(excluded.code, 0, excluded.out);
    assert.match(excluded.out, /Passed/);
    assert.match(excluded.out, /nothing to check: .* every file given \(2\)/);
  });

  it('docbits-diff: a staged change is gated on the definitions it touches, not on whole files', () => {
    // g's body changes: g and the module are documented, so it passes though h is not (the file is at 66.7%).
    fs.writeFileSync(path.join(project, 'pkg/partial.py'), FIXTURE['pkg/partial.py'].replace('def g():\n    """Doc."""\n', 'def g():\n    """Doc."""\n    return 1\n'));
    git('add', 'pkg/partial.py');
    const touched = preCommit('run', 'docbits-diff', '--verbose');
    assert.strictEqual(touched.code, 0, touched.out);
    assert.match(touched.out, /docbits \(docstrings of changed definitions\)\.+Passed/);
    assert.match(touched.out, /RESULT: PASSED \(minimum: 100\.0%, actual: 100\.0%\)/);
    // A new undocumented function in a documented file: refused, and only the changed definitions count.
    fs.appendFileSync(path.join(project, 'pkg/good.py'), '\n\ndef k():\n    pass\n');
    git('add', 'pkg/good.py');
    const added = preCommit('run', 'docbits-diff', '--verbose');
    assert.strictEqual(added.code, 1, added.out);
    assert.match(added.out, /docbits \(docstrings of changed definitions\)\.+Failed/);
    assert.match(added.out, /\| partial\.py +\| +2 \| +0 \| +2 \| +100% \|/);
    assert.match(added.out, /\| good\.py +\| +2 \| +1 \| +1 \| +50% \|/);
    assert.match(added.out, /RESULT: FAILED \(minimum: 100\.0%, actual: 75\.0%\)/);
    git('reset', '-q', '--hard');
  });

  it('as a git hook: a commit of an excluded file goes through, an undocumented new file is refused', () => {
    assert.strictEqual(preCommit('install').code, 0);
    fs.appendFileSync(path.join(project, 'legacy/old.py'), '\n\ndef c():\n    pass\n');
    git('add', '-A');
    const excludedOnly = commit('legacy only');
    assert.strictEqual(excludedOnly.code, 0, excludedOnly.out);
    fs.writeFileSync(path.join(project, 'pkg/bad.py'), 'def x():\n    pass\n');
    git('add', '-A');
    const bad = commit('undocumented');
    assert.strictEqual(bad.code, 1, bad.out);
    assert.match(bad.out, /docbits \(docstring coverage\)\.+Failed/);
    assert.match(bad.out, /docbits \(docstrings of changed definitions\)\.+Failed/);
    assert.match(bad.out, /RESULT: FAILED \(minimum: 80\.0%, actual: 0\.0%\)/);
    assert.strictEqual(git('log', '--format=%s').trim().split('\n')[0], 'legacy only');
  });
});
