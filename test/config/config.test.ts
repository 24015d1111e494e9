import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { normalizeKey, suggestKey } from '../../server/src/config/fileKeys';
import { loadConfig } from '../../server/src/config/loader';
import { mergeOptions } from '../../server/src/config/merge';
import { findConfigFile, findProjectRoot } from '../../server/src/config/project';
import { parsePyprojectToml } from '../../server/src/config/pyproject';
import { parseIni, parseSetupCfg, sanitizeListValue } from '../../server/src/config/setupCfg';
import { DEFAULT_OPTIONS } from '../../server/src/coverage/types';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'config');
const fixture = (name: string): string => fs.readFileSync(path.join(FIXTURES, name), 'utf8');


/** A scratch folder tree: `{ "a/.git": "", "a/b/": null }` (null: a folder). */
function makeTree(spec: Record<string, string | null>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-config-')));
  for (const [rel, content] of Object.entries(spec)) {
    const full = path.join(root, rel);
    if (content === null) fs.mkdirSync(full, { recursive: true });
    else {
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, content);
    }
  }
  return root;
}

describe('config: keys', () => {
  it('normalises keys as interrogate does', () => {
    assert.strictEqual(normalizeKey('fail-under'), 'fail_under');
    assert.strictEqual(normalizeKey('--fail-under'), 'fail_under');
    assert.strictEqual(normalizeKey('fail_under'), 'fail_under');
  });

  it('suggests the closest known key for a typo, and nothing for nonsense', () => {
    assert.strictEqual(suggestKey('ignore-magik'), 'ignore-magic');
    assert.strictEqual(suggestKey('failunder'), 'fail-under');
    assert.strictEqual(suggestKey('ignore-semi-private'), 'ignore-semiprivate');
    assert.strictEqual(suggestKey('colour'), 'color');
    assert.strictEqual(suggestKey('zzzzzzzzzzzz'), undefined);
  });
});

describe('config: pyproject.toml', () => {
  it('reads every interrogate key and ours', () => {
    const { options, problems, found } = parsePyprojectToml(fixture('pyproject.toml'));
    assert.deepStrictEqual(problems, []);
    assert.strictEqual(found, true);
    assert.deepStrictEqual(options, {
      failUnder: 95.5,
      ignoreInitMethod: true,
      ignoreInitModule: false,
      ignoreMagic: true,
      ignoreModule: false,
      ignoreNestedClasses: true,
      ignoreNestedFunctions: true,
      ignorePrivate: true,
      ignorePropertyDecorators: true,
      ignoreSemiprivate: true,
      ignoreSetters: true,
      ignoreOverloadedFunctions: true,
      ignoreRegex: ['^get$', '^mock_.*', '(?P<p>test)_(?P=p)'],
      whitelistRegex: [],
      exclude: ['setup.py', 'docs', 'build'],
      omitCoveredFiles: true,
      docstringStyle: 'google',
      verbose: 2,
      quiet: false,
      color: true,
      generateBadge: 'docs/_static',
      badgeFormat: 'svg',
      badgeStyle: 'flat',
      includeStubs: true,
      markers: { nodocqa: true, noqa: false, pylint: true, docstrCoverage: false },
    });
  });

  it('accepts a single ignore-regex string, underscores and leading dashes in keys', () => {
    const { options, problems } = parsePyprojectToml('[tool.interrogate]\nignore_regex = "^test"\n"--fail-under" = 60\n');
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(options, { ignoreRegex: ['^test'], failUnder: 60 });
  });

  it('reports wrong types with key and line, and keeps the default', () => {
    const text = '[tool.interrogate]\nfail-under = "abc"\nignore-magic = 3\nverbose = -1\nexclude = [1, 2]\nbadge-style = "round"\nignore-private = true\n';
    const { options, problems } = parsePyprojectToml(text);
    assert.deepStrictEqual(options, { ignorePrivate: true });
    assert.deepStrictEqual(
      problems.map((p) => [p.key, p.line, p.severity]),
      [
        ['fail-under', 2, 'error'],
        ['ignore-magic', 3, 'error'],
        ['verbose', 4, 'error'],
        ['exclude', 5, 'error'],
        ['badge-style', 6, 'error'],
      ],
    );
    assert.strictEqual(problems[0].message, '"fail-under": expected a number from 0 to 100, got "abc". Using the default instead.');
    assert.strictEqual(problems[1].message, '"ignore-magic": expected true or false, got 3. Using the default instead.');
  });

  it('accepts what click accepts for booleans and numbers', () => {
    const { options, problems } = parsePyprojectToml('[tool.interrogate]\nignore-magic = "yes"\nquiet = 0\nfail-under = "85"\nverbose = 5\n');
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(options, { ignoreMagic: true, quiet: false, failUnder: 85, verbose: 2 });
  });

  it('rejects a fail-under outside 0..100', () => {
    const { options, problems } = parsePyprojectToml('[tool.interrogate]\nfail-under = 150\n');
    assert.deepStrictEqual(options, {});
    assert.match(problems[0].message, /from 0 to 100, got 150/);
  });

  it('warns about unknown keys with a suggestion', () => {
    const { options, problems } = parsePyprojectToml('[tool.interrogate]\nfail-under = 70\nignore-magik = true\n');
    assert.deepStrictEqual(options, { failUnder: 70 });
    assert.strictEqual(problems.length, 1);
    assert.strictEqual(problems[0].severity, 'warning');
    assert.strictEqual(problems[0].line, 3);
    assert.strictEqual(problems[0].message, 'Unknown key "ignore-magik" in [tool.interrogate]; it is ignored. Did you mean "ignore-magic"?');
  });

  it('drops invalid regexes with a message and keeps the valid ones', () => {
    const { options, problems } = parsePyprojectToml('[tool.interrogate]\nignore-regex = ["^ok", "(", "(a+)+"]\n');
    assert.deepStrictEqual(options, { ignoreRegex: ['^ok'] });
    assert.strictEqual(problems.length, 2);
    assert.ok(problems.every((p) => p.key === 'ignore-regex' && p.line === 2));
    assert.match(problems[1].message, /exponential/);
  });

  it('reads interrogate\'s `style` key, and `docstring-style` as its alias', () => {
    assert.deepStrictEqual(parsePyprojectToml('[tool.interrogate]\nstyle = "google"\n'), { options: { docstringStyle: 'google' }, problems: [], found: true });
    assert.deepStrictEqual(parseSetupCfg('[tool:interrogate]\nstyle = google\n').options, { docstringStyle: 'google' });
    assert.deepStrictEqual(parsePyprojectToml('[tool.interrogate]\ndocstring_style = "google"\n').options, { docstringStyle: 'google' });
    assert.strictEqual(suggestKey('styl'), 'style');
  });

  it('reads badge-format: svg is taken, png is refused with a message instead of being ignored', () => {
    assert.deepStrictEqual(parsePyprojectToml('[tool.interrogate]\nbadge-format = "SVG"\n').options, { badgeFormat: 'svg' });
    const png = parsePyprojectToml('[tool.interrogate]\nbadge-format = "png"\n');
    assert.deepStrictEqual(png.options, {});
    assert.deepStrictEqual(png.problems.map((p) => [p.message, p.line, p.severity]), [
      ['"badge-format": only SVG badges can be generated (docbits has no png writer); use "svg". Using the default instead.', 2, 'error'],
    ]);
  });

  it('refuses an empty exclude pattern, which would exclude everything', () => {
    const r = parsePyprojectToml('[tool.interrogate]\nexclude = ["", "build"]\n');
    assert.deepStrictEqual(r.options, { exclude: ['build'] });
    assert.strictEqual(r.problems[0].message, '"exclude": an empty pattern would exclude everything; it is ignored.');
  });

  it('takes numpy as sphinx and refuses unknown styles', () => {
    assert.deepStrictEqual(parsePyprojectToml('[tool.interrogate]\ndocstring-style = "NumPy"\n').options, { docstringStyle: 'sphinx' });
    const bad = parsePyprojectToml('[tool.interrogate]\ndocstring-style = "pep257"\n');
    assert.deepStrictEqual(bad.options, {});
    assert.match(bad.problems[0].message, /"sphinx", "google" or "numpy"/);
  });

  it('reports malformed TOML with the parser\'s line and column, and uses defaults', () => {
    const { options, problems, found } = parsePyprojectToml(fixture('broken.toml'));
    assert.deepStrictEqual(options, {});
    assert.strictEqual(found, false);
    assert.strictEqual(problems.length, 1);
    assert.strictEqual(problems[0].line, 3);
    assert.strictEqual(problems[0].column, 16);
    assert.match(problems[0].message, /^pyproject\.toml is not valid TOML at line 3, column 16: .*Using default settings\.$/);
  });

  it('is empty without a [tool.interrogate] table; a non-table value is a problem', () => {
    assert.deepStrictEqual(parsePyprojectToml('[tool.black]\nx = 1\n'), { options: {}, problems: [], found: false });
    const r = parsePyprojectToml('[tool]\ninterrogate = 3\n');
    assert.strictEqual(r.problems.length, 1);
    assert.deepStrictEqual(r.options, {});
  });

  it('finds lines of dotted keys too', () => {
    const dotted = parsePyprojectToml('tool.interrogate.fail-under = "x"\n');
    assert.strictEqual(dotted.problems[0].line, 1);
  });

  it('reads the marker key; an empty list turns every marker off', () => {
    assert.deepStrictEqual(parsePyprojectToml('[tool.interrogate]\nnodocqa-markers = []\n').options, {
      markers: { nodocqa: false, noqa: false, pylint: false, docstrCoverage: false },
    });
    const r = parsePyprojectToml('[tool.interrogate]\nnodocqa-markers = ["docstr-coverage", "flake8"]\n');
    assert.deepStrictEqual(r.options.markers, { nodocqa: false, noqa: false, pylint: false, docstrCoverage: true });
    assert.match(r.problems[0].message, /unknown marker "flake8"/);
  });
});

describe('config: setup.cfg', () => {
  it('reads [tool:interrogate] like interrogate, plus one-per-line lists', () => {
    const { options, problems, found } = parseSetupCfg(fixture('setup.cfg'));
    assert.deepStrictEqual(problems, []);
    assert.strictEqual(found, true);
    assert.deepStrictEqual(options, {
      failUnder: 90,
      ignoreInitMethod: true,
      ignoreMagic: false,
      ignorePrivate: true,
      ignoreRegex: ['^get$', '^mock_.*'],
      exclude: ['setup.py', 'docs', 'build'],
      whitelistRegex: [],
      omitCoveredFiles: true,
      verbose: 1,
      badgeStyle: 'for-the-badge',
      markers: { nodocqa: true, noqa: true, pylint: false, docstrCoverage: false },
    });
  });

  it('reads the section as Python\'s configparser does', function () {
    const script = [
      'import configparser, json, sys',
      'c = configparser.ConfigParser()',
      'c.read_string(sys.stdin.read())',
      'print(json.dumps(dict(c.items("tool:interrogate", raw=True))))',
    ].join('\n');
    const texts = [
      fixture('setup.cfg'),
      '[DEFAULT]\nshared = 1\n[tool:interrogate]\nkey : value : with colon\n  continued\n\n  after blank\n\nother=x # not a comment\n',
      '[tool:interrogate]\n    indented = 1\nempty =\n\n\nnext = 2\n',
    ];
    for (const text of texts) {
      const want = JSON.parse(execFileSync('python3', ['-c', script], { input: text }).toString()) as Record<string, string>;
      const section = parseIni(text).sections.get('tool:interrogate')!;
      const got = Object.fromEntries([...section].map(([k, v]) => [k, v.value]));
      assert.deepStrictEqual(got, want);
    }
  });

  it('sanitises list values like interrogate', () => {
    assert.deepStrictEqual(sanitizeListValue('["a", "b"]'), ['a', 'b']);
    assert.deepStrictEqual(sanitizeListValue('a,b , c'), ['a', 'b', 'c']);
    assert.deepStrictEqual(sanitizeListValue('\na\nb,\nc'), ['a', 'b', 'c']);
    assert.deepStrictEqual(sanitizeListValue(''), []);
    assert.deepStrictEqual(sanitizeListValue('[]'), []);
  });

  it('interpolates %% and %(key)s, and warns about a lone %', () => {
    const ok = parseSetupCfg('[tool:interrogate]\nbase = 9\nfail-under = %(base)s0\nignore-regex = 100%%\n');
    assert.strictEqual(ok.options.failUnder, 90);
    assert.deepStrictEqual(ok.options.ignoreRegex, ['100%']);
    const lone = parseSetupCfg('[tool:interrogate]\nignore-regex = 100%\n');
    assert.deepStrictEqual(lone.options.ignoreRegex, ['100%']);
    // "base" is unknown to interrogate too: one warning for it, one for the lone %.
    assert.ok(lone.problems.some((p) => /"%%"/.test(p.message)));
  });

  it('stays fast on hostile files: exponential %(key)s references, many %, many keys', () => {
    const keys = Array.from({ length: 9 }, (_, i) => `k${i} = ${`%(k${i + 1})s`.repeat(10)}`).join('\n');
    let start = Date.now();
    const bomb = parseSetupCfg(`[tool:interrogate]\n${keys}\nk9 = x\nignore-regex = %(k0)s\n`);
    assert.ok(Date.now() - start < 2000, `${Date.now() - start} ms`);
    assert.ok(bomb.problems.some((p) => p.key === 'ignore-regex' && /expand to more than 1000000 characters/.test(p.message)));
    start = Date.now();
    const percents = parseSetupCfg(`[tool:interrogate]\nignore-regex = ${'%%'.repeat(200_000)}%\n`);
    assert.ok(Date.now() - start < 2000, `${Date.now() - start} ms`);
    assert.strictEqual(percents.options.ignoreRegex![0].length, 400_001);
    const many = Array.from({ length: 20_000 }, (_, i) => `unknown-key-${i} = ${i}`).join('\n');
    start = Date.now();
    const wide = parsePyprojectToml(`[tool.interrogate]\n${many}\nfail-under = "x"\n`);
    assert.ok(Date.now() - start < 3000, `${Date.now() - start} ms`);
    assert.strictEqual(wide.problems.length, 20_001);
    assert.deepStrictEqual([wide.problems[19_999].line, wide.problems[20_000].line], [20_001, 20_002]);
  });

  it('reports type errors with the line', () => {
    const { options, problems } = parseSetupCfg('[tool:interrogate]\nfail-under = abc\nignore-magic = maybe\nquiet = yes\n');
    assert.deepStrictEqual(options, { quiet: true });
    assert.deepStrictEqual(problems.map((p) => [p.key, p.line]), [['fail-under', 2], ['ignore-magic', 3]]);
  });

  it('reports malformed INI with the line, and uses defaults', () => {
    const { options, problems } = parseSetupCfg(fixture('broken.cfg'));
    assert.deepStrictEqual(options, {});
    assert.strictEqual(problems.length, 1);
    assert.strictEqual(problems[0].line, 3);
    assert.match(problems[0].message, /setup\.cfg cannot be read: Line 3 is not "key = value"/);
    assert.strictEqual(parseSetupCfg('fail-under = 80\n').problems[0].line, 1);
  });

  it('is empty without the section', () => {
    assert.deepStrictEqual(parseSetupCfg('[flake8]\nx = 1\n'), { options: {}, problems: [], found: false });
  });
});

describe('config: finding and loading', () => {
  const made: string[] = [];
  const tree = (spec: Record<string, string | null>): string => {
    const root = makeTree(spec);
    made.push(root);
    return root;
  };
  after(() => {
    for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  });

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

describe('config: merging', () => {
  it('lets the command line win over the file over the defaults', () => {
    const merged = mergeOptions(DEFAULT_OPTIONS, { failUnder: 90, ignoreMagic: true, exclude: ['a'], verbose: 1 }, { failUnder: 50, exclude: ['b'], verbose: undefined });
    assert.strictEqual(merged.failUnder, 50);
    assert.strictEqual(merged.ignoreMagic, true);
    assert.deepStrictEqual(merged.exclude, ['b']);
    assert.strictEqual(merged.verbose, 1);
    assert.strictEqual(merged.badgeStyle, 'flat-square-modified');
    assert.strictEqual(merged.ignoreModule, false);
  });

  it('forces ignore-module when a whitelist is given, and never aliases the defaults', () => {
    const merged = mergeOptions(DEFAULT_OPTIONS, { whitelistRegex: ['^api_'] }, {});
    assert.strictEqual(merged.ignoreModule, true);
    merged.exclude.push('x');
    merged.markers.noqa = false;
    assert.deepStrictEqual(DEFAULT_OPTIONS.exclude, []);
    assert.strictEqual(DEFAULT_OPTIONS.markers.noqa, true);
  });
});
