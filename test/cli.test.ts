/** The `docbits` command as users run it: dist/cli.js in a child process (npm test builds it first). */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { inventory } from '../server/src/coverage/inventory';
import { CoverageOptions, DEFAULT_OPTIONS } from '../server/src/coverage/types';

const REPO = path.join(__dirname, '..', '..');
const CLI = path.join(REPO, 'dist', 'cli.js');
const FIXTURES = path.join(REPO, 'test', 'fixtures');

function docbits(args: string[], cwd = REPO): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, COLUMNS: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('docbits CLI', function () {
  let tmp: string;
  let project: string;

  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-cli-'));
    project = path.join(tmp, 'project');
    // The repository's sample project (what `npm start` reports on), copied so tests may write beside it.
    fs.cpSync(path.join(REPO, 'sample'), project, { recursive: true });
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('prints interrogate\'s -v report and reads [tool.interrogate] from pyproject.toml', () => {
    const r = docbits(['-v', project]);
    const base = path.join(project, 'shapes');
    const [header, ...rest] = r.stdout.split('\n');
    // The header's width depends on the temp folder's name: its shape is checked, the rest byte for byte.
    assert.match(header, new RegExp(`^=+ Coverage for ${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/ =+$`));
    assert.ok(header.length >= 79 && header.length <= 80);
    assert.deepStrictEqual(rest, [
      '----------------------------------- Summary ------------------------------------',
      '| Name                 |       Total |       Miss |       Cover |       Cover% |',
      '|----------------------|-------------|------------|-------------|--------------|',
      '| __init__.py          |           1 |          0 |           1 |         100% |',
      '| flags.py             |           7 |          3 |           4 |          57% |',
      '| geometry.py          |          10 |          3 |           7 |          70% |',
      '|----------------------|-------------|------------|-------------|--------------|',
      '| TOTAL                |          18 |          6 |          12 |        66.7% |',
      '---------------- RESULT: PASSED (minimum: 60.0%, actual: 66.7%) ----------------',
      '',
    ]);
    assert.strictEqual(r.code, 0);
    assert.strictEqual(r.stderr, '', 'no progress or noise in piped output');
  });

  it('escapes control characters in file names, so a name cannot forge a report line', () => {
    const forged = 'x\nRESULT: PASSED (minimum: 0.0%, actual: 100.0%)\n.py';
    fs.writeFileSync(path.join(project, 'shapes', forged), 'def f():\n    pass\n');
    for (const args of [['-vv', project], ['--format', 'concise', project], [project]]) {
      const r = docbits(args);
      const results = r.stdout.split('\n').filter((line) => /RESULT: /.test(line) && !line.includes('\\n'));
      assert.strictEqual(results.length, 1, r.stdout);
      assert.match(results[0], /RESULT: PASSED \(minimum: 60.0%, actual: 60.0%\)/, 'the real line, not the forged one');
      if (args[0] !== project) assert.ok(r.stdout.includes('x\\nRESULT: PASSED (minimum: 0.0%, actual: 100.0%)\\n.py'), r.stdout);
    }
  });

  it('exits 1 below fail-under and 0 at or above it, with the RESULT line', () => {
    const failed = docbits(['-f', '90', project]);
    assert.strictEqual(failed.code, 1);
    assert.strictEqual(failed.stdout, 'RESULT: FAILED (minimum: 90.0%, actual: 66.7%)\n');
    const ok = docbits(['--fail-under=66.66', project]);
    assert.strictEqual(ok.code, 0);
    // 12 of 18 is 66.66...%: below 66.7 on the exact counts, though it rounds to it (interrogate passes it).
    const just = docbits(['--fail-under=66.7', project]);
    assert.deepStrictEqual([just.code, just.stdout], [1, 'RESULT: FAILED (minimum: 66.7%, actual: 66.6%)\n']);
  });

  it('exits 2 for bad usage with a clear message', () => {
    for (const args of [['--no-such-flag'], ['-f', 'abc'], [path.join(tmp, 'missing')], ['-r', '(a)\\1'], ['--badge-style', 'flat']]) {
      const r = docbits(args);
      assert.strictEqual(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /Error: /);
    }
  });

  it('--json prints one object as the README shows it', () => {
    const r = docbits(['--json', project]);
    const report = JSON.parse(r.stdout);
    assert.deepStrictEqual(Object.keys(report), ['version', 'root', 'failUnder', 'passed', 'totals', 'files']);
    assert.strictEqual(report.root, path.join(project, 'shapes'));
    assert.match(r.stdout, /"failUnder": 60\.0,/);
    assert.deepStrictEqual(report.totals, { total: 18, covered: 12, missed: 6, excused: 1, percent: 66.66666666666666 });
    const flags = report.files.find((f: { path: string }) => f.path === 'flags.py');
    assert.deepStrictEqual(Object.keys(flags), ['path', 'total', 'covered', 'missed', 'excused', 'error', 'nodes']);
    assert.deepStrictEqual(flags.nodes.find((n: { qualname: string }) => n.qualname === 'Flags.flip'),
      { kind: 'method', qualname: 'Flags.flip', line: 24, column: 4, status: 'excused' });
  });

  it('--format concise prints path:line:col: code message per missing docstring, relative to the current folder', () => {
    const r = docbits(['--format', 'concise', 'project'], tmp);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.deepStrictEqual(r.stdout.split('\n'), [
      'project/shapes/flags.py:21:5: D102 Missing docstring in method Flags.clear',
      'project/shapes/flags.py:27:5: D102 Missing docstring in method Flags.lowest',
      'project/shapes/flags.py:36:1: D103 Missing docstring in function is_power_of_two',
      'project/shapes/geometry.py:28:1: D101 Missing docstring in class Rectangle',
      'project/shapes/geometry.py:38:5: D102 Missing docstring in method Rectangle.is_square',
      'project/shapes/geometry.py:45:5: D103 Missing docstring in function area_of.one',
      'RESULT: PASSED (minimum: 60.0%, actual: 66.7%)',
      '',
    ]);
    // The same definitions as --json's missed nodes, at the same lines; outside the current folder, absolute.
    const report = JSON.parse(docbits(['--json', project]).stdout);
    const missed = report.files.flatMap((f: { path: string; nodes: Array<{ line: number; column: number; status: string }> }) =>
      f.nodes.filter((n) => n.status === 'missed').map((n) => `${path.join(report.root, f.path)}:${n.line}:${n.column + 1}:`));
    const elsewhere = docbits(['--format', 'concise', project], REPO);
    assert.deepStrictEqual(elsewhere.stdout.split('\n').slice(0, -2).map((l) => l.slice(0, l.indexOf(': ') + 1)), missed);
    assert.strictEqual(docbits(['--format', 'x', project]).code, 2);
    assert.strictEqual(docbits(['--format', 'concise', '--json', project]).code, 2);
  });

  it('refuses --style google with --ignore-init-method (flags or config file) with interrogate\'s message, exit 2', () => {
    const flags = docbits(['--style', 'google', '-i', project]);
    assert.strictEqual(flags.code, 2);
    assert.match(flags.stderr, /Error: The `--ignore-init-method` flag is mutually exclusive with `--style google`\.\n$/);
    fs.writeFileSync(path.join(project, 'pyproject.toml'), '[tool.interrogate]\nstyle = "google"\nignore-init-method = true\n');
    assert.strictEqual(docbits([project]).code, 2);
    assert.strictEqual(docbits(['--style', 'sphinx', '-f', '0', project]).code, 0, 'a flag can lift the conflict');
  });

  it('-o writes the report to a file, -g writes the badge, -q prints nothing', () => {
    const out = path.join(tmp, 'report.txt');
    const badge = path.join(tmp, 'badge.svg');
    const r = docbits(['-vv', '-o', out, '-g', badge, project]);
    assert.strictEqual(r.stdout, `Generated badge to ${badge}\n`);
    assert.match(fs.readFileSync(out, 'utf8'), /Detailed Coverage/);
    assert.match(fs.readFileSync(badge, 'utf8'), /66\.7%/);
    const quiet = docbits(['-q', '-g', tmp, project]);
    assert.strictEqual(quiet.stdout, '');
    assert.ok(fs.existsSync(path.join(tmp, 'interrogate_badge.svg')));
  });

  it('completes on files CPython rejects, listing them with an error, and exits by coverage', () => {
    const r = docbits(['--json', '-f', '0', path.join(FIXTURES, 'broken')]);
    assert.strictEqual(r.code, 0);
    const byPath = new Map<string, { error: string | null; nodes: unknown[] }>(JSON.parse(r.stdout).files.map((f: { path: string }) => [f.path, f]));
    assert.match(byPath.get('bad_cookie.py')!.error!, /unknown encoding: no-such-codec/);
    assert.match(byPath.get('not_utf8.py')!.error!, /utf-8/);
    assert.strictEqual(byPath.get('python2.py')!.error, null);
    assert.strictEqual(byPath.get('python2.py')!.nodes.length, 4);
    assert.match(r.stderr, /bad_cookie\.py: unknown encoding/);
  });

  it('finds no files: interrogate\'s message and exit 1', () => {
    fs.mkdirSync(path.join(tmp, 'empty'));
    const r = docbits([path.join(tmp, 'empty')]);
    assert.strictEqual(r.code, 1);
    assert.match(r.stderr, /No Python or Python-like files found/);
  });

  it('shows progress on a terminal (stderr) for a run that takes more than a moment', function () {
    if (spawnSync('script', ['--version']).status !== 0) this.skip(); // util-linux's script gives us a pty
    const stdlib = spawnSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).stdout.trim();
    const command = [process.execPath, CLI, stdlib, '-e', path.join(stdlib, 'site-packages'), '-f', '0']
      .map((a) => `'${a}'`).join(' ');
    const r = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', env: { ...process.env, COLUMNS: '' } });
    assert.match(r.stdout, /\rdocbits: \d+\/\d+ files/);
    assert.match(r.stdout, /RESULT: PASSED/);
  });

  it('maps every interrogate flag to its option (checked against the inventory on the options fixture)', () => {
    const fixture = path.join(FIXTURES, 'options', 'shapes.py');
    const text = fs.readFileSync(fixture, 'utf8');
    const cases: Array<[string[], Partial<CoverageOptions>]> = [
      [['-i'], { ignoreInitMethod: true }], [['-m'], { ignoreMagic: true }], [['-M'], { ignoreModule: true }],
      [['-n'], { ignoreNestedFunctions: true }], [['-C'], { ignoreNestedClasses: true }],
      [['-O'], { ignoreOverloadedFunctions: true }], [['-p'], { ignorePrivate: true }],
      [['-P'], { ignorePropertyDecorators: true }], [['-S'], { ignoreSetters: true }], [['-s'], { ignoreSemiprivate: true }],
      [['-r', 'skip_', '-r', 'Inn'], { ignoreRegex: ['skip_', 'Inn'] }],
      [['-w', 'outer'], { whitelistRegex: ['outer'], ignoreModule: true }],
      [['--ignore-magic', '--ignore-private'], { ignoreMagic: true, ignorePrivate: true }],
      [['-imp'], { ignoreInitMethod: true, ignoreMagic: true, ignorePrivate: true }],
    ];
    for (const [flags, options] of cases) {
      const r = docbits(['--json', '-f', '0', ...flags, fixture]);
      assert.strictEqual(r.code, 0, r.stderr);
      const listed = JSON.parse(r.stdout).files[0].nodes.map((n: { qualname: string; line: number }) => `${n.qualname}@${n.line}`);
      const expected = inventory(text, 'shapes.py', { ...DEFAULT_OPTIONS, ...options }).nodes
        .filter((n) => n.counted || n.status === 'excused').map((n) => `${n.qualname}@${n.line}`);
      assert.deepStrictEqual(listed, expected, flags.join(' '));
    }
  });

  it('reports a folder it may not read (chmod 000) and scans the rest, run as an unprivileged user', function () {
    // Root reads chmod 000 folders anyway, so the CLI runs as nobody (util-linux's setpriv).
    if (process.getuid?.() !== 0 || spawnSync('setpriv', ['--version']).status !== 0) this.skip();
    fs.chmodSync(tmp, 0o755);
    const tree = path.join(tmp, 'tree');
    fs.mkdirSync(path.join(tree, 'locked'), { recursive: true });
    fs.writeFileSync(path.join(tree, 'ok.py'), '"""Documented."""\n');
    fs.writeFileSync(path.join(tree, 'locked', 'hidden.py'), 'def f():\n    pass\n');
    fs.chmodSync(path.join(tree, 'locked'), 0o000);
    // A copy of the bundle nobody can reach, wherever the checkout lives.
    const cli = path.join(tmp, 'cli.js');
    fs.copyFileSync(CLI, cli);
    try {
      const r = spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, cli, '--json', tree],
        { encoding: 'utf8', cwd: tmp });
      assert.strictEqual(r.status, 0, r.stderr);
      assert.deepStrictEqual(JSON.parse(r.stdout).files.map((f: { path: string }) => f.path), ['ok.py']);
      assert.match(r.stderr, /cannot read .*locked.*(EACCES|permission denied)/i);
    } finally {
      fs.chmodSync(path.join(tree, 'locked'), 0o755);
    }
  });
});
