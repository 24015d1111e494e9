/** Editor settings and how they combine with the project's config file (config/editorSettings.ts). */
import * as assert from 'assert';
import { DEFAULT_EDITOR_SETTINGS, effectiveCoverageOptions, readEditorSettings } from '../../server/src/config/editorSettings';
import { SETTING_ROWS } from '../../server/src/config/options';
import { parsePyprojectToml } from '../../server/src/config/pyproject';
import { DEFAULT_OPTIONS } from '../../server/src/coverage/types';

/** Problems come in registry order. */
const order = (key: string): number => SETTING_ROWS.findIndex((row) => row.setting!.key === key);

describe('editor settings', () => {
  it('keeps well-formed settings, defaults the rest, and reports every setting it did not use as given', () => {
    const { settings: s, problems } = readEditorSettings({
      ignoreMagic: true, ignorePrivate: 'yes', failUnder: 95, ignoreRegex: '^test_', exclude: ['build', 3],
      severity: 'error', docstringStyle: 'numpy', interrogateStyle: 'google', markers: { noqa: false },
      hover: { enabled: false, grouping: 'byte' }, maxFileSize: -1, configPrecedence: 'sideways',
    });
    // Checked as a config file's values are: "yes" is click's true, a list with a number in it is refused whole.
    assert.deepStrictEqual(s.coverage, {
      ignoreMagic: true, ignorePrivate: true, failUnder: 95, ignoreRegex: ['^test_'], docstringStyle: 'google',
      markers: { nodocqa: true, noqa: false, pylint: true, docstrCoverage: true },
    });
    assert.strictEqual(s.severity, 'error');
    assert.strictEqual(s.docstringStyle, 'numpy');
    assert.deepStrictEqual(s.hover, { enabled: false, grouping: 'byte' });
    assert.strictEqual(s.maxFileSize, 10 * 1024 * 1024);
    assert.strictEqual(s.configPrecedence, 'projectFile');
    assert.deepStrictEqual(problems, [
      { message: '"docbits.exclude": expected a list of strings, got a list. Using the default instead.', key: 'docbits.exclude', severity: 'error' },
      { message: '"docbits.maxFileSize": expected a whole number >= 1, got -1. Using the default instead.', key: 'docbits.maxFileSize', severity: 'error' },
      { message: '"docbits.configPrecedence": expected "projectFile" or "editorSettings", got "sideways". Using the default instead.', key: 'docbits.configPrecedence', severity: 'error' },
    ].sort((a, b) => order(a.key) - order(b.key)));
    assert.deepStrictEqual(readEditorSettings(null), { settings: DEFAULT_EDITOR_SETTINGS, problems: [] });
  });

  it('lowers docbits.maxFileSize above the 50 MB ceiling to it, with a problem', () => {
    const { settings, problems } = readEditorSettings({ maxFileSize: 1e12 });
    assert.strictEqual(settings.maxFileSize, 50 * 1024 * 1024);
    assert.deepStrictEqual(problems, [{
      message: '"docbits.maxFileSize": 1000000000000 is above the ceiling of 52428800 (50 MB); using 52428800.',
      key: 'docbits.maxFileSize', severity: 'warning',
    }]);
    assert.deepStrictEqual(readEditorSettings({ maxFileSize: 50 * 1024 * 1024 }).problems, []);
  });

  it('refuses what a config file refuses: fail-under outside 0..100 and invalid regexes are problems, not clamped or dropped silently', () => {
    const { settings, problems } = readEditorSettings({ failUnder: 120, ignoreRegex: ['^ok', '(?=a)', '('], whitelistRegex: 3 });
    assert.deepStrictEqual(settings.coverage, { ignoreRegex: ['^ok'] });
    assert.deepStrictEqual(problems.map((p) => [p.key, p.severity]), [
      ['docbits.failUnder', 'error'], ['docbits.ignoreRegex', 'warning'], ['docbits.ignoreRegex', 'warning'], ['docbits.whitelistRegex', 'error'],
    ]);
    assert.strictEqual(problems[0].message, '"docbits.failUnder": expected a number from 0 to 100, got 120. Using the default instead.');
    assert.match(problems[1].message, /^"docbits\.ignoreRegex": regex "\(\?=a\)": lookahead .* linear time; it is ignored\.$/);
    const toml = parsePyprojectToml('[tool.interrogate]\nfail-under = 120\n');
    assert.deepStrictEqual([toml.options, toml.problems[0].message.replace('"fail-under"', '"docbits.failUnder"')], [{}, problems[0].message]);
  });

  it('reads the old docbits.coverageStyle with a warning, and warns about unknown settings with a suggestion', () => {
    const { settings, problems } = readEditorSettings({ coverageStyle: 'google', ignoreMagik: true, hover: { minWidht: 4 }, markers: { flake8: true, noqa: 'no' } });
    assert.deepStrictEqual(settings.coverage, { docstringStyle: 'google', markers: { nodocqa: true, noqa: true, pylint: true, docstrCoverage: true } });
    assert.deepStrictEqual(problems.map((p) => p.message), [
      '"docbits.coverageStyle" is now called "docbits.interrogateStyle"; please rename it.',
      '"docbits.markers": unknown marker "flake8"; known: nodocqa, noqa, pylint, docstrCoverage; it is ignored.',
      '"docbits.markers": "noqa": expected true or false, got "no"; it is ignored.',
      'Unknown setting "docbits.ignoreMagik"; it is ignored. Did you mean "docbits.ignoreMagic"?',
      'Unknown setting "docbits.hover.minWidht"; it is ignored. Did you mean "docbits.hover.minWidth"?',
    ]);
    // vscode-languageclient's own `docbits.trace.server` is not ours to report.
    assert.deepStrictEqual(readEditorSettings({ trace: { server: 'verbose' } }).problems, []);
    // The new name wins over the old one.
    assert.strictEqual(readEditorSettings({ coverageStyle: 'google', interrogateStyle: 'sphinx' }).settings.coverage.docstringStyle, 'sphinx');
  });

  it('lets the project file alone decide by default, and editor settings win key by key on request', () => {
    const project = { found: true, options: { ignoreInitMethod: true, failUnder: 60 } };
    const editor = readEditorSettings({ ignoreMagic: true, failUnder: 90 }).settings;
    const fileWins = effectiveCoverageOptions(editor, project);
    assert.deepStrictEqual([fileWins.ignoreInitMethod, fileWins.ignoreMagic, fileWins.failUnder], [true, false, 60]);
    const editorWins = effectiveCoverageOptions({ ...editor, configPrecedence: 'editorSettings' }, project);
    assert.deepStrictEqual([editorWins.ignoreInitMethod, editorWins.ignoreMagic, editorWins.failUnder], [true, true, 90]);
    const noSection = effectiveCoverageOptions(editor, { found: false, options: {} });
    assert.deepStrictEqual([noSection.ignoreMagic, noSection.failUnder], [true, 90]);
    assert.deepStrictEqual(effectiveCoverageOptions(readEditorSettings({}).settings, undefined).failUnder, DEFAULT_OPTIONS.failUnder);
  });
});
