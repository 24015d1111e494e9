/** The command line's parser and --help, derived from the option registry (config/commandLine.ts). */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { helpText, Invocation, parseCommandLine, UsageError } from '../../server/src/config/commandLine';
import { CLI_ROWS } from '../../server/src/config/options';

describe('config: command line', () => {
  const cwd = fs.realpathSync(os.tmpdir());
  const parse = (...argv: string[]): Invocation => {
    const r = parseCommandLine([...argv, cwd], cwd);
    assert.ok(typeof r === 'object');
    return r;
  };
  const usageError = (...argv: string[]): string => {
    try {
      parseCommandLine([...argv, cwd], cwd);
    } catch (e) {
      assert.ok(e instanceof UsageError, String(e));
      return e.message;
    }
    throw new Error(`no usage error for ${argv.join(' ')}`);
  };

  it('lists every flag of the registry in --help, within 80 columns', () => {
    const help = helpText();
    for (const row of CLI_ROWS) assert.match(help, new RegExp(`^  (-${row.cli!.short}, |    )--${row.cli!.long}\\b`, 'm'), row.cli!.long);
    for (const line of help.split('\n')) assert.ok(line.length <= 80, line);
    assert.strictEqual(parseCommandLine(['-h'], cwd), 'help');
    assert.strictEqual(parseCommandLine(['--version'], cwd), 'version');
  });

  it('takes interrogate\'s --style (numpy counts as sphinx) and refuses other styles in click\'s words', () => {
    assert.strictEqual(parse('--style', 'google').fromCli.docstringStyle, 'google');
    assert.strictEqual(parse('--style=numpy').fromCli.docstringStyle, 'sphinx');
    assert.strictEqual(usageError('--style', 'pep257'), "Invalid value for '--style': 'pep257' is not one of 'sphinx', 'google'.");
  });

  it('takes --ext pyi as --pyi, and refuses other extensions', () => {
    assert.strictEqual(parse('--ext', 'pyi').fromCli.includeStubs, true);
    assert.strictEqual(parse('--pyi').fromCli.includeStubs, true);
    assert.strictEqual(parse().fromCli.includeStubs, undefined);
    assert.strictEqual(usageError('--ext', 'pyx'), "Invalid value for '--ext': 'pyx' is not one of 'pyi', 'ipynb'.");
    assert.match(usageError('--ext', 'ipynb'), /notebooks \(ipynb\) are measured by default/);
  });

  it('maps values as interrogate does: counts, negations, repeats, resolved paths', () => {
    const r = parse('-vv', '--no-color', '-e', 'build', '-e', '/abs', '-r', '^a', '-g', 'badges', '--badge-format', 'svg', '-c', 'x.toml', '--json', '-j', '0', '--no-markers');
    assert.deepStrictEqual(r.fromCli, {
      verbose: 2, color: false, exclude: [path.join(cwd, 'build'), '/abs'], ignoreRegex: ['^a'], generateBadge: path.join(cwd, 'badges'),
      badgeFormat: 'svg', markers: { nodocqa: false, noqa: false, pylint: false, docstrCoverage: false },
    });
    assert.deepStrictEqual([r.configPath, r.json, r.jobs, r.paths], ['x.toml', true, 0, [cwd]]);
  });

  it('refuses bad values with click\'s messages', () => {
    assert.strictEqual(usageError('-f', 'abc'), "Invalid value for '-f' / '--fail-under': 'abc' is not a valid float.");
    assert.strictEqual(usageError('--badge-format', 'png', '-g', 'b.svg'), 'Only SVG badges can be generated: use --badge-format svg.');
    assert.strictEqual(usageError('--badge-format', 'svg'), 'Invalid value: The `--badge-format` option must be used along with the `-g/--generate-badge option.');
    assert.strictEqual(usageError('--badge-style', 'x', '-g', 'b.svg'),
      "Invalid value for '--badge-style': 'x' is not one of 'flat', 'flat-square', 'flat-square-modified', 'for-the-badge', 'plastic', 'social'.");
    assert.strictEqual(usageError('--bogus'), 'No such option: --bogus (Possible options: --jobs, --verbose)');
    assert.strictEqual(usageError('-vx'), 'No such option: -x');
    assert.strictEqual(usageError('--color=yes'), "Option '--color' does not take a value.");
    assert.strictEqual(usageError('-c', os.tmpdir()), `Invalid value for '-c' / '--config': File '${os.tmpdir()}' is a directory.`);
    assert.strictEqual(usageError('-w', '(a)\\1'),
      'Invalid value for \'-w\': regex "(a)\\\\1": backreferences (\\1) are not supported: docbits matches regexes in linear time');
    assert.strictEqual(usageError('--jobs=1.5'), "Invalid value for '-j' / '--jobs': '1.5' is not a whole number >= 0.");
  });
});
