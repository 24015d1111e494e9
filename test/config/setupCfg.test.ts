/** `[tool:interrogate]` of setup.cfg, read as configparser reads it (config/setupCfg.ts). */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { parsePyprojectToml } from '../../server/src/config/pyproject';
import { parseIni, parseSetupCfg, sanitizeListValue } from '../../server/src/config/setupCfg';
import { configFixture } from './tree';


describe('config: setup.cfg', () => {
  it('reads [tool:interrogate] like interrogate, plus one-per-line lists', () => {
    const { options, problems, found } = parseSetupCfg(configFixture('setup.cfg'));
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
      configFixture('setup.cfg'),
      '[DEFAULT]\nshared = 1\n[tool:interrogate]\nkey : value : with colon\n  continued\n\n  after blank\n\nother=x # not a comment\n',
      '[tool:interrogate]\n    indented = 1\nempty =\n\n\nnext = 2\n',
      // The key runs to the first "=" or ":", whichever comes first, and is trimmed; so is the value's start.
      '[tool:interrogate]\na:b = c\nd = e:f\ng  :=  h\ni==j\nk\t= \tl \nm :\n',
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

  it('stays fast on hostile files: exponential %(key)s references, many %, many keys, long lines', function () {
    this.timeout(30000);
    const keys = Array.from({ length: 9 }, (_, i) => `k${i} = ${`%(k${i + 1})s`.repeat(10)}`).join('\n');
    let start = Date.now();
    const bomb = parseSetupCfg(`[tool:interrogate]\n${keys}\nk9 = x\nignore-regex = %(k0)s\n`);
    assert.ok(Date.now() - start < 2000, `${Date.now() - start} ms`);
    assert.ok(bomb.problems.some((p) => p.key === 'ignore-regex' && /expand to more than 1000000 characters/.test(p.message)));
    start = Date.now();
    const percents = parseSetupCfg(`[tool:interrogate]\nexclude = ${'%%'.repeat(200_000)}%\nignore-regex = ${'%%'.repeat(200_000)}%\n`);
    assert.ok(Date.now() - start < 2000, `${Date.now() - start} ms`);
    assert.strictEqual(percents.options.exclude![0].length, 400_001);
    assert.ok(percents.problems.some((p) => p.key === 'ignore-regex' && /longer than 5000 characters/.test(p.message)));
    const chain = 'abcdefghijkl'.split('').map((c, i, all) => `${c} = ${i + 1 < all.length ? `%(${all[i + 1]})s` : '^get'}`).join('\n');
    const deep = parseSetupCfg(`[tool:interrogate]\n${chain}\nignore-regex = %(a)s\nwhitelist-regex = %(c)s\n`);
    assert.ok(deep.problems.some((p) => p.key === 'ignore-regex' && /nest more than 10 levels deep \(configparser's InterpolationDepthError\)/.test(p.message)));
    assert.deepStrictEqual(deep.options.whitelistRegex, ['^get'], '10 levels are fine, as in configparser');
    start = Date.now();
    const spaces = parseSetupCfg(`[tool:interrogate]\na${' '.repeat(100_000)}b\n`);
    assert.ok(Date.now() - start < 2000, `a line of 100,000 spaces: ${Date.now() - start} ms`);
    assert.match(spaces.problems[0].message, /^setup\.cfg cannot be read: Line 2 is not "key = value": a {76}\.\.\./);
    assert.ok(spaces.problems[0].message.length < 200, 'the line is quoted, not copied');
    start = Date.now();
    const long = parseSetupCfg(`[tool:interrogate]\nexclude = x\n${`  ${'y'.repeat(100)}\n`.repeat(100_000)}`);
    assert.ok(Date.now() - start < 3000, `a 10 MB continuation: ${Date.now() - start} ms`);
    assert.strictEqual(long.options.exclude!.length, 100_001);
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
    const { options, problems } = parseSetupCfg(configFixture('broken.cfg'));
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
