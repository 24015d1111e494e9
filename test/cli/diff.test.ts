/** `docbits --diff` as users run it (dist/cli.js): the gate's exit codes, --json, the path:line format, errors. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { runDocbits } from '../oracles/interrogate';
import { GATED_SINCE_BASE, GATED_STAGED, git, historyRepo } from '../workspace/helpers/gitRepo';
import { makeTree, TempTree } from '../workspace/helpers/tree';

interface Json { failUnder: number; passed: boolean; totals: { total: number; missed: number }; files: Array<{ path: string; nodes: Array<{ qualname: string; status: string }> }> }

describe('docbits --diff', function () {
  this.timeout(60000);
  let repo: TempTree;
  before(() => { repo = historyRepo(); });
  after(() => repo.remove());

  const run = (...args: string[]) => runDocbits(args, { cwd: repo.root });

  it('--json lists exactly the changed definitions; a missing docstring fails the gate (minimum 100%)', () => {
    const r = run('--diff', 'base', '--json');
    assert.strictEqual(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout) as Json;
    const gated = Object.fromEntries(report.files.map((f) => [f.path, f.nodes.map((n) => `${n.qualname}:${n.status}`)]));
    assert.deepStrictEqual(gated, GATED_SINCE_BASE);
    assert.strictEqual(report.failUnder, 100);
    assert.strictEqual(report.passed, false);
  });

  it('with --check-docstrings, reports the findings about the changed definitions only, as the editor does', () => {
    const args = makeTree({
      'pyproject.toml': '[tool.pydoclint]\nstyle = "google"\n',
      'm.py': '"""Mod."""\n\n\ndef one(a, b):\n    """Do one.\n\n    Args:\n        a: A.\n    """\n    return a\n\n\ndef two(a, b):\n    """Do two.\n\n    Args:\n        a: A.\n    """\n    return a\n',
    });
    try {
      git(args, 'init', '-q', '-b', 'main');
      git(args, 'add', '-A');
      git(args, 'commit', '-qm', 'base');
      args.write('m.py', fs.readFileSync(args.abs('m.py'), 'utf8').replace(/return a\n$/, 'return b\n'));
      type Checked = { files: Array<{ path: string; findings: Array<{ qualname: string; code: string }> }> };
      const findings = (...flags: string[]) => (JSON.parse(runDocbits([...flags, '--check-docstrings', '--json', 'm.py'], { cwd: args.root }).stdout) as Checked)
        .files.flatMap((f) => f.findings.map((x) => `${x.qualname} ${x.code}`));
      const whole = findings();
      assert.ok(whole.some((f) => f.startsWith('one ')), whole.join());
      assert.deepStrictEqual(findings('--diff', 'HEAD'), whole.filter((f) => f.startsWith('two ')));
      assert.ok(whole.some((f) => f.startsWith('two ')));
      const concise = runDocbits(['--diff', 'HEAD', '--check-docstrings', '--format', 'concise', 'm.py'], { cwd: args.root });
      assert.strictEqual(concise.code, 1);
      assert.ok(!concise.stdout.includes('`one`') && concise.stdout.includes('`two`'), concise.stdout);
    } finally {
      args.remove();
    }
  });

  it('--format concise: one path:line per missing changed definition', () => {
    const r = run('--diff', 'base', '--format', 'concise', 'pkg');
    assert.strictEqual(r.code, 1);
    assert.deepStrictEqual(r.stdout.split('\n'), [
      'pkg/added file.py:4:1: D103 Missing docstring in function added',
      'pkg/keep.py:13:1: D103 Missing docstring in function body_changes',
      'pkg/keep.py:21:5: D102 Missing docstring in method Holder.method',
      'pkg/new_name.py:20:1: D103 Missing docstring in function edited',
      'pkg/same.py:8:1: D103 Missing docstring in function staged',
      'pkg/untracked.py:1:1: D100 Missing docstring in module pkg/untracked.py',
      'RESULT: FAILED (minimum: 100.0%, actual: 50.0%)',
      '',
    ]);
  });

  it('-f gates the changed definitions\' percentage instead; the project\'s fail-under does not apply', () => {
    assert.strictEqual(run('--diff', 'base', '-f', '50').code, 0);
    assert.strictEqual(run('--diff', 'base', '-f', '50.1').code, 1);
    repo.write('pyproject.toml', '[tool.interrogate]\nfail-under = 0\n');
    try {
      assert.strictEqual(run('--diff', 'base').code, 1);
    } finally {
      git(repo, 'clean', '-qf', 'pyproject.toml');
    }
  });

  it('--diff --staged (the pre-commit hook), --staged alone, and a tree with nothing changed', () => {
    for (const args of [['--diff', '--staged'], ['--staged'], ['--diff=--staged']]) {
      const r = run(...args, '--json');
      assert.strictEqual(r.code, 1, args.join(' '));
      const report = JSON.parse(r.stdout) as Json;
      assert.deepStrictEqual(Object.fromEntries(report.files.map((f) => [f.path, f.nodes.map((n) => `${n.qualname}:${n.status}`)])), GATED_STAGED);
    }
    const r = run('--diff', 'HEAD', '-v', 'setup.py');
    assert.strictEqual(r.code, 0, r.stdout);
    assert.match(r.stdout, /RESULT: PASSED \(minimum: 100\.0%, actual: 100\.0%\)/);
  });

  it('exit 2 with a clear message: unknown base, not a repository, bad combinations', () => {
    const unknown = run('--diff', 'nope');
    assert.strictEqual(unknown.code, 2);
    assert.match(unknown.stderr, /^Error: unknown base "nope": not a branch, tag or commit in this repository\n$/);
    assert.strictEqual(run('--diff', 'base', '--staged').code, 2);
    assert.match(run('--diff', '-v').stderr, /'--diff': '-v' is not a branch, tag or commit/);
    const outside = makeTree({ 'x.py': '' });
    try {
      const r = runDocbits(['--diff', 'main', outside.root], { cwd: outside.root });
      assert.strictEqual(r.code, 2);
      assert.match(r.stderr, new RegExp(`Error: ${outside.root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not in a git repository`));
    } finally {
      outside.remove();
    }
    assert.match(run('--help').stdout, /--diff BASE/);
    assert.ok(path.isAbsolute(repo.root));
  });
});
