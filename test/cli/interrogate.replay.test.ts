/**
 * interrogate 1.7.0's own tests, replayed through docbits' command line. Every case of its
 * tests/functional/test_cli.py and test_coverage.py, and the command-line-visible cases of
 * tests/unit/test_config.py and test_utils.py (colours), becomes one command line. It runs through
 * interrogate and through docbits in the same folder, and the two must agree: stdout byte for byte, exit code,
 * stderr (the program's name aside) and the files written. What interrogate's own test asserts is checked on
 * docbits' run too. The few intended differences are listed here with the README line that documents them.
 *
 * The cases that call interrogate's Python API (test_coverage.py) are run as the command line that reaches
 * the same code: `InterrogateConfig(docstring_style="google", omit_covered_files=True)` with `verbosity=2` is
 * `--style google --omit-covered-files -vv`.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DOCBITS_CLI, INTERROGATE_TESTS, interrogateMissing, Run, runDocbits, runInterrogate, spawnRun } from '../oracles/interrogate';

const REPO = path.join(__dirname, '..', '..', '..');
const INTERROGATE_SH = path.resolve(REPO, '..', 'shared', 'oracles', 'interrogate.sh');
const FUNCTIONAL = path.join(INTERROGATE_TESTS, 'functional');

interface Expectation {
  code?: number;
  stdoutIncludes?: string[];
  stdoutExcludes?: string[];
  stderrIncludes?: string[];
}

interface ReplayCase {
  /** The interrogate test (and parameters) it replays. */
  test: string;
  /** `$SAMPLE`, `$FIXTURES` and `$TMP` stand for the copied sample folder, fixtures folder and the run's folder. */
  args: string[];
  /** The folder both run in, relative to $TMP (default: $TMP). */
  cwd?: string;
  /** Files written into $TMP before the run. */
  files?: Record<string, string>;
  env?: Record<string, string>;
  /** Run both on a pseudo-terminal (script(1)), as a user at a shell. */
  terminal?: boolean;
  /** What interrogate's own test asserts. */
  expect?: Expectation;
  /**
   * An intended difference, documented in the README: what docbits does instead (then only docbits' run is
   * checked against `docbits`, and interrogate's against the original `expect`).
   */
  difference?: { readme: string; docbits: Expectation };
}

const SAMPLE_COUNTS: [string[], number, number][] = [
  // test_run_shortflags
  [[], 51.4, 1], [['-I'], 51.4, 1], [['-M'], 51.5, 1], [['-s'], 52.2, 1], [['-p'], 52.9, 1], [['-P'], 50.0, 1],
  [['-S'], 51.4, 1], [['-m'], 51.4, 1], [['-i'], 50.7, 1], [['-n'], 50.7, 1], [['-C'], 52.1, 1], [['-O'], 51.5, 1],
  [['-r', '^get$'], 51.4, 1], [['-w', '^get$'], 50.0, 1], [['-e', '$SAMPLE/partial.py'], 62.2, 1],
  [['-e', '$SAMPLE/does.not.exist'], 51.4, 1], [['-f', '40'], 51.4, 0],
];
const LONG_FLAGS: [string[], number, number][] = [
  [['--ignore-init-module'], 51.4, 1], [['--ignore-module'], 51.5, 1], [['--ignore-semiprivate'], 52.2, 1],
  [['--ignore-private'], 52.9, 1], [['--ignore-property-decorators'], 50.0, 1], [['--ignore-setters'], 51.4, 1],
  [['--ignore-magic'], 51.4, 1], [['--ignore-init-method'], 50.7, 1], [['--ignore-nested-functions'], 50.7, 1],
  [['--ignore-nested-classes'], 52.1, 1], [['--ignore-overloaded-functions'], 51.5, 1], [['--ignore-regex', '^get$'], 51.4, 1],
  [['--ext', 'pyi'], 63.1, 1], [['--whitelist-regex', '^get$'], 50.0, 1], [['--exclude', '$SAMPLE/partial.py'], 62.2, 1],
  [['--fail-under', '40'], 51.4, 0], [['--style', 'google'], 54.1, 1],
];
const MULTIPLE_FLAGS: [string[], number, number][] = [
  [['-i', '-I', '-r^method_foo$'], 51.6, 1], [['-s', '-p', '-M'], 54.5, 1], [['-m', '-f', '45'], 51.4, 0],
];

const fixture = (name: string): string => fs.readFileSync(path.join(FUNCTIONAL, 'fixtures', name), 'utf8');
const verbosity = (level: number): string[] => (level === 0 ? [] : [`-${'v'.repeat(level)}`]);

function cases(): ReplayCase[] {
  const list: ReplayCase[] = [];
  const actual = (flags: string[], perc: number, code: number, test: string): ReplayCase =>
    ({ test, args: [...flags, '$SAMPLE'], expect: { code, stdoutIncludes: [`actual: ${perc.toFixed(1)}%`] } });

  // tests/functional/test_cli.py
  list.push({ test: 'test_cli::test_run_no_paths', args: [], cwd: 'sample', expect: { code: 1, stdoutIncludes: ['actual: 51.4%'] } });
  for (const [flags, perc, code] of SAMPLE_COUNTS) list.push(actual(flags, perc, code, `test_cli::test_run_shortflags[${flags.join(' ')}]`));
  for (const [flags, perc, code] of LONG_FLAGS) list.push(actual(flags, perc, code, `test_cli::test_run_longflags[${flags.join(' ')}]`));
  for (const [flags, perc, code] of MULTIPLE_FLAGS) list.push(actual(flags, perc, code, `test_cli::test_run_multiple_flags[${flags.join(' ')}]`));
  for (const quiet of [true, false]) {
    list.push({
      test: `test_cli::test_generate_badge[quiet=${quiet}]`,
      args: ['--fail-under', '0', '--generate-badge', '$TMP/testing', '$SAMPLE', ...(quiet ? ['--quiet'] : [])],
      files: { 'testing/.keep': '' },
      expect: quiet ? { code: 0 } : { code: 0, stdoutIncludes: ['$TMP/testing/interrogate_badge.svg'] },
    });
  }
  for (const option of ['--badge-format', '--badge-style']) {
    list.push({
      test: `test_cli::test_incompatible_options_${option.slice(2).replace('-', '_')}`,
      args: [option, option === '--badge-format' ? 'svg' : 'plastic'],
      expect: { code: 2, stderrIncludes: [`Invalid value: The \`${option}\` option must be used along with the \`-g/--generate-badge option.`] },
    });
  }

  // tests/functional/test_coverage.py
  const simple: [string, string[], [number, number, number, string]][] = [
    ['empty.py', [], [1, 0, 1, '0.0']], ['empty.py', ['-M'], [0, 0, 0, '100.0']], ['', [], [74, 38, 36, '51.4']],
    ['partial.py', [], [29, 10, 19, '34.5']], ['full.py', ['-n'], [28, 26, 2, '92.9']], ['partial.py', ['-n'], [27, 9, 18, '33.3']],
    ['full.py', ['-O'], [25, 23, 2, '92.0']], ['partial.py', ['-O'], [25, 10, 15, '40.0']],
  ];
  for (const [file, flags, [total, covered, missing, perc]] of simple) {
    list.push({
      test: `test_coverage::test_coverage_simple[${file || 'sample'} ${flags.join(' ')}]`,
      args: ['-v', ...flags, file ? `$SAMPLE/${file}` : '$SAMPLE'],
      expect: { stdoutIncludes: [`| TOTAL ${' '.repeat(0)}`, ` ${total} |`, ` ${missing} |`, ` ${covered} |`, `${perc}% |`] },
    });
  }
  list.push({ test: 'test_coverage::test_coverage_errors[file]', args: ['$SAMPLE/ignoreme.txt'], expect: { code: 1, stderrIncludes: ['E: Invalid file'] } });
  list.push({
    test: 'test_coverage::test_coverage_errors[folder]', args: ['$FIXTURES'],
    expect: { code: 1, stderrIncludes: ['E: No Python or Python-like files found to interrogate in '] },
  });
  const byLevel = ['expected_no_verbosity.txt', 'expected_summary.txt', 'expected_detailed.txt'];
  const omitted = ['expected_no_verbosity.txt', 'expected_summary_skip_covered.txt', 'expected_detailed_skip_covered.txt'];
  for (const level of [0, 1, 2]) {
    list.push({
      test: `test_coverage::test_print_results[${level}]`, args: [...verbosity(level), '--style', 'google', '$SAMPLE'],
      expect: { stdoutIncludes: [fixture(byLevel[level])], stdoutExcludes: ['omitted due to complete coverage'] },
    });
    list.push({
      test: `test_coverage::test_print_results_omit_covered[${level}]`, args: [...verbosity(level), '--omit-covered-files', '--style', 'google', '$SAMPLE'],
      expect: { stdoutIncludes: [fixture(omitted[level])] },
    });
  }
  for (const level of [1, 2]) {
    list.push({
      test: `test_coverage::test_print_results_omit_none[${level}]`, args: [...verbosity(level), '--omit-covered-files', '$SAMPLE/child_sample'],
      expect: { stdoutExcludes: ['omitted due to complete coverage'] },
    });
  }
  list.push({
    test: 'test_coverage::test_print_results_omit_all_summary', args: ['-v', '--omit-covered-files', '--style', 'google', '$SAMPLE/full.py'],
    expect: { stdoutIncludes: [fixture('expected_summary_skip_covered_all.txt')] },
  });
  list.push({
    test: 'test_coverage::test_print_results_omit_all_detailed', args: ['-vv', '--omit-covered-files', '--style', 'google', '$SAMPLE/full.py'],
    expect: { stdoutExcludes: ['Detailed Coverage'] },
  });
  for (const [ignoreModule, level, name] of [[false, 2, 'expected_detailed.txt'], [true, 2, 'expected_detailed_no_module.txt'],
    [false, 1, 'expected_summary.txt'], [true, 1, 'expected_summary_no_module.txt']] as const) {
    list.push({
      test: `test_coverage::test_print_results_ignore_module[${ignoreModule}-${level}]`,
      args: [...verbosity(level), ...(ignoreModule ? ['-M'] : []), '--style', 'google', '$SAMPLE'],
      expect: { stdoutIncludes: [fixture(name)] },
    });
  }
  list.push({
    test: 'test_coverage::test_print_results_single_file', args: ['-vv', '--style', 'google', '$SAMPLE/full.py'],
    expect: { stdoutIncludes: [fixture('expected_detailed_single_file.txt'), '$TMP/sample/'], stdoutExcludes: ['sample/full.py'] },
  });
  // test_pass_when_fail_under_exact patches the percentage; the command-line analogue is a project whose counts give it.
  list.push({
    test: 'test_coverage::test_pass_when_fail_under_exact[48.3-48.27]', args: ['-f', '48.3', '$TMP/exact'], files: exactProject(14, 29),
    expect: { code: 0 },
    difference: { readme: 'exact counts', docbits: { code: 1, stdoutIncludes: ['RESULT: FAILED (minimum: 48.3%, actual: 48.2%)'] } },
  });
  list.push({
    test: 'interrogate#186: 1,999 of 2,000 at --fail-under 100', args: ['-f', '100', '$TMP/exact'], files: exactProject(1999, 2000),
    expect: { code: 0 },
    difference: { readme: 'exact counts', docbits: { code: 1, stdoutIncludes: ['RESULT: FAILED (minimum: 100.0%, actual: 99.9%)'] } },
  });
  list.push({ test: 'test_pass_when_fail_under_exact, equal', args: ['-f', '50', '$TMP/exact'], files: exactProject(5, 10), expect: { code: 0 } });

  // tests/unit/test_config.py, as a user meets it: a config file beside the project, found or given with -c.
  list.push({
    test: 'test_config::test_parse_pyproject_toml', args: ['-vv', '$TMP/project'],
    files: { 'project/.git/HEAD': '', 'project/pyproject.toml': '[tool.foo]\nfoo = "bar"\n[tool.interrogate]\nignore-init-module = true\n', ...sampleCopy('project') },
  });
  const listValues = ['', '[]', '[foo,bar,baz]', '["foo","bar","baz"]', '["foo", "bar", "baz"]', '"foo", "bar", "baz"',
    '"^get$", "^mock_.*", ".*BaseClass.*"', '^get$,^mock_.*,.*BaseClass.*'];
  for (const value of listValues) {
    list.push({
      test: `test_config::test_sanitize_list_values[${value}]`, args: ['-vv', '-c', '$TMP/setup.cfg', '$SAMPLE'],
      files: { 'setup.cfg': `[tool:interrogate]\nignore-regex = ${value}\nwhitelist-regex = ${value}\n` },
    });
  }
  list.push({
    test: 'test_config::test_parse_setup_cfg', args: ['-c', '$TMP/setup.cfg', '$SAMPLE'],
    files: { 'setup.cfg': '[tool:foo]\nfoo = "bar"\n[tool:interrogate]\nignore-init-module = true\nignore-init-method = false\nexclude = foo/bar,baz\noutput = foo.txt\n' },
  });
  list.push({ test: 'test_config::test_parse_setup_cfg_raises', args: ['-c', '$TMP/setup.cfg', '$SAMPLE'], files: { 'setup.cfg': '[tool.foo]\nfoo = "bar"\n' } });
  for (const [name, text] of [['fail_under', 'fail-under = 90'], ['ignore_regex str', 'ignore-regex = "^get$"'],
    ['ignore_regex list', 'ignore-regex = ["^get$", "^post_.*"]']]) {
    list.push({ test: `test_config::test_read_config_file[${name}]`, args: ['-c', '$TMP/pyproject.toml', '-v', '$SAMPLE'], files: { 'pyproject.toml': `[tool.interrogate]\n${text}\n` } });
  }
  list.push({
    test: 'test_config::test_find_project_config (found from the paths, up to the .git root)', args: ['-v', '$TMP/repo/src/pkg'],
    files: { 'repo/.git/HEAD': '', 'repo/pyproject.toml': '[tool.interrogate]\nfail-under = 10\nignore-module = true\n', ...sampleCopy('repo/src/pkg') },
  });

  // tests/unit/test_utils.py::test_output_formatter_should_markup and the colours of print_results, on a terminal.
  for (const level of [0, 1, 2]) {
    list.push({ test: `colours on a terminal, -v×${level}, failed`, args: [...verbosity(level), '$SAMPLE'], terminal: true });
    list.push({ test: `colours on a terminal, -v×${level}, passed`, args: [...verbosity(level), '-f', '50', '$SAMPLE'], terminal: true });
  }
  list.push({ test: 'colours: --omit-covered-files -vv', args: ['-vv', '--omit-covered-files', '-f', '30', '$SAMPLE'], terminal: true });
  list.push({ test: 'should_markup[color=False]', args: ['-vv', '--no-color', '$SAMPLE'], terminal: true });
  list.push({ test: 'should_markup[config color = false]', args: ['-v', '-c', '$TMP/c.toml', '$SAMPLE'], terminal: true, files: { 'c.toml': '[tool.interrogate]\ncolor = false\n' } });
  list.push({
    test: 'should_markup[INTERROGATE_COLOR=1 beats the config]', args: ['-v', '-c', '$TMP/c.toml', '$SAMPLE'], terminal: true,
    files: { 'c.toml': '[tool.interrogate]\ncolor = false\n' }, env: { INTERROGATE_COLOR: '1' },
  });
  for (const value of ['0', 'False', 'True', 'off', 'maybe']) {
    list.push({ test: `should_markup[INTERROGATE_COLOR=${value}]`, args: ['-v', '$SAMPLE'], terminal: true, env: { INTERROGATE_COLOR: value } });
  }
  list.push({ test: 'should_markup[TERM=dumb]', args: ['-v', '$SAMPLE'], terminal: true, env: { TERM: 'dumb' } });
  list.push({ test: 'should_markup[NO_COLOR]', args: ['-v', '$SAMPLE'], terminal: true, env: { NO_COLOR: '' } });
  list.push({ test: 'should_markup[PY_COLORS=1, piped]', args: ['-vv', '$SAMPLE'], env: { PY_COLORS: '1' } });
  list.push({ test: 'should_markup[piped]', args: ['-vv', '$SAMPLE'] });
  list.push({ test: 'should_markup[-o file on a terminal]', args: ['-v', '-o', '$TMP/out.txt', '$SAMPLE'], terminal: true });
  list.push({ test: 'test_smart_open[-]', args: ['-v', '-o', '-', '$SAMPLE'] });

  // click's usage errors, as interrogate's users meet them.
  for (const args of [['--bog', '$SAMPLE'], ['-x'], ['-vx'], ['--verbose=3'], ['--fail-under'], ['-f', 'abc', '$SAMPLE'], ['--ext', 'foo'],
    ['does.not.exist'], ['-c', '$TMP'], ['--badge-style', 'foo', '-g', '$TMP'], ['-h=3'], ['--omit-covered-files', '--no-omit'],
    ['--style', 'numpydoc', '$SAMPLE'], ['-e']]) {
    list.push({ test: `usage error: ${args.join(' ')}`, args });
  }
  return list;
}

/** A module docstring and `total - 1` functions, `covered - 1` of them documented. */
function exactProject(covered: number, total: number): Record<string, string> {
  const lines = ['"""Counts chosen for a percentage."""'];
  for (let i = 1; i < total; i++) lines.push(`def f${i}():`, i < covered ? `    """Documented."""` : '    pass');
  return { 'exact/counts.py': `${lines.join('\n')}\n` };
}

/** interrogate's sample project, copied under `folder` of $TMP. */
function sampleCopy(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string, rel: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const from = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(from, `${rel}/${entry.name}`);
      else files[`${rel}/${entry.name}`] = fs.readFileSync(from, 'utf8');
    }
  };
  walk(path.join(FUNCTIONAL, 'sample'), folder);
  return files;
}

function prepare(tmp: string, c: ReplayCase): void {
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  for (const name of ['sample', 'fixtures']) {
    fs.cpSync(path.join(FUNCTIONAL, name), path.join(tmp, name), { recursive: true });
  }
  for (const file of walkFiles(tmp)) fs.chmodSync(file, 0o644); // the oracle's tree is read-only
  for (const [name, text] of Object.entries(c.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(tmp, name)), { recursive: true });
    fs.writeFileSync(path.join(tmp, name), text);
  }
}

function walkFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}

function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, "'\\''")}'`;
}

interface Outcome extends Run {
  /** Files the run created or changed, by path relative to $TMP. */
  written: Record<string, string>;
}

async function execute(command: string[], tmp: string, c: ReplayCase): Promise<Outcome> {
  const substitute = (s: string): string => s.replace(/\$SAMPLE/g, path.join(tmp, 'sample')).replace(/\$FIXTURES/g, path.join(tmp, 'fixtures')).replace(/\$TMP/g, tmp);
  const args = c.args.map(substitute);
  const cwd = path.join(tmp, c.cwd ?? '');
  const options = { cwd, env: { COLUMNS: '80', TERM: 'xterm', ...c.env } };
  const before = new Map(walkFiles(tmp).map((f) => [f, fs.readFileSync(f, 'utf8')]));
  // script(1) gives the command a pseudo-terminal for stdin/stdout/stderr; what it shows comes back on stdout.
  const r = c.terminal
    ? await spawnRun('script', ['-qec', [...command, ...args].map(shellQuote).join(' '), '/dev/null'], options)
    : await spawnRun(command[0], [...command.slice(1), ...args], options);
  const written: Record<string, string> = {};
  for (const file of walkFiles(tmp)) {
    const text = fs.readFileSync(file, 'utf8');
    if (before.get(file) !== text) written[path.relative(tmp, file)] = text;
  }
  return { ...r, written };
}

function check(run: Outcome, expectation: Expectation | undefined, tmp: string, who: string): void {
  if (!expectation) return;
  const here = (s: string): string => s.replace(/\$TMP/g, tmp);
  if (expectation.code !== undefined) assert.strictEqual(run.code, expectation.code, `${who}: exit code`);
  for (const text of expectation.stdoutIncludes ?? []) assert.ok(run.stdout.includes(here(text)), `${who}: stdout lacks ${JSON.stringify(here(text))}:\n${run.stdout}`);
  for (const text of expectation.stdoutExcludes ?? []) assert.ok(!run.stdout.includes(text), `${who}: stdout has ${JSON.stringify(text)}`);
  for (const text of expectation.stderrIncludes ?? []) assert.ok(run.stderr.includes(text), `${who}: stderr lacks ${JSON.stringify(text)}:\n${run.stderr}`);
}

/** The badge's drawing is docbits' own (README): the replay checks that both wrote it, the badge tests what it says. */
function comparableFiles(written: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(written).map(([name, text]) => [name, name.endsWith('.svg') ? '<svg badge>' : text]));
}

describe('interrogate 1.7.0\'s own tests, replayed through docbits', function () {
  this.timeout(20000);
  const missing = interrogateMissing();
  // interrogate runs in .../i and docbits in .../d at the same time: the same length, so the same layout.
  let root = '';
  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-replay-')));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('compares docbits with interrogate 1.7.0, the version these tests are from', () => {
    assert.strictEqual(missing, undefined, missing);
    assert.strictEqual(runInterrogate(['--version'], { cwd: root }).stdout, 'interrogate, version 1.7.0\n');
    assert.match(runDocbits(['--version'], { cwd: root }).stdout, /^docbits, version \d+\.\d+\.\d+\n$/);
  });

  for (const c of cases()) {
    it(c.test, async () => {
      assert.strictEqual(missing, undefined, missing);
      const [theirDir, ourDir] = [path.join(root, 'i'), path.join(root, 'd')];
      prepare(theirDir, c);
      prepare(ourDir, c);
      const [theirs, run] = await Promise.all([execute([INTERROGATE_SH], theirDir, c), execute([process.execPath, DOCBITS_CLI], ourDir, c)]);
      const asTheirs = (s: string): string => s.split(ourDir).join(theirDir);
      const ours: Outcome = {
        ...run, stdout: asTheirs(run.stdout), stderr: asTheirs(run.stderr),
        written: Object.fromEntries(Object.entries(run.written).map(([k, v]) => [k, asTheirs(v)])),
      };
      assert.ok(!theirs.stderr.includes('Traceback') && !theirs.stdout.includes('Traceback'), `interrogate crashed:\n${theirs.stderr}${theirs.stdout}`);
      check(theirs, c.expect, theirDir, 'interrogate');
      if (c.difference) {
        check(ours, c.difference.docbits, theirDir, 'docbits');
        return;
      }
      check(ours, c.expect, theirDir, 'docbits');
      const program = (s: string): string => s.replace(/^Usage: python -m interrogate /m, 'Usage: docbits ');
      // colorama resets the terminal's colours when interrogate exits: an invisible ESC[0m that docbits leaves out.
      const stdout = program(c.terminal ? theirs.stdout.replace(/\x1b\[0m$/, '') : theirs.stdout);
      assert.strictEqual(ours.stdout, stdout, 'stdout');
      assert.strictEqual(ours.code, theirs.code, 'exit code');
      assert.strictEqual(ours.stderr, program(theirs.stderr), 'stderr');
      assert.deepStrictEqual(comparableFiles(ours.written), comparableFiles(theirs.written), 'files written');
    });
  }
});
