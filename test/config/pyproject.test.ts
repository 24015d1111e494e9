/** `[tool.interrogate]` of pyproject.toml (config/pyproject.ts). */
import * as assert from 'assert';
import { suggestKey } from '../../server/src/config/fileKeys';
import { parsePyprojectToml } from '../../server/src/config/pyproject';
import { parseSetupCfg } from '../../server/src/config/setupCfg';
import { configFixture } from './tree';


describe('config: pyproject.toml', () => {
  it('reads every interrogate key and ours', () => {
    const { options, problems, found } = parsePyprojectToml(configFixture('pyproject.toml'));
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
      ignoreRegex: ['^get$', '^mock_.*', '(?P<p>test)_(?i:x)'],
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
    const { options, problems } = parsePyprojectToml('[tool.interrogate]\nignore-regex = ["^ok", "(", "(?<=a)b"]\n');
    assert.deepStrictEqual(options, { ignoreRegex: ['^ok'] });
    assert.strictEqual(problems.length, 2);
    assert.ok(problems.every((p) => p.key === 'ignore-regex' && p.line === 2));
    assert.match(problems[1].message, /lookbehind \(\?<=\.\.\.\) is not supported: docbits matches regexes in linear time/);
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
    const { options, problems, found } = parsePyprojectToml(configFixture('broken.toml'));
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

  it('reads the line length for stubs from [tool.ruff], else [tool.black]; odd values are ignored', () => {
    const length = (text: string) => parsePyprojectToml(text).lineLength;
    assert.strictEqual(length('[tool.ruff]\nline-length = 100\n[tool.black]\nline-length = 79\n'), 100);
    assert.strictEqual(length('[tool.black]\nline-length = 79\n[tool.interrogate]\nfail-under = 50\n'), 79);
    assert.strictEqual(length('[tool.ruff]\nline-length = "120"\n[tool.black]\nline-length = 99\n'), 99);
    for (const bad of ['0', '-5', '1.5', '321', '99999999999999999999', 'true', '[1]']) {
      assert.strictEqual(length(`[tool.ruff]\nline-length = ${bad}\n`), undefined, bad);
    }
    assert.strictEqual(length('[tool.interrogate]\nfail-under = 50\n'), undefined);
    assert.strictEqual(length('[tool]\nruff = 3\n'), undefined);
  });
});
