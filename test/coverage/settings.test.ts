/** Editor settings and how they combine with the project's config file (coverage/settings.ts). */
import * as assert from 'assert';
import { effectiveCoverageOptions, readEditorSettings } from '../../server/src/coverage/settings';
import { DEFAULT_OPTIONS } from '../../server/src/coverage/types';
import { ProjectConfigCache } from '../../server/src/workspace/projectConfig';

describe('editor settings', () => {
  it('keeps well-formed settings and defaults the rest', () => {
    const s = readEditorSettings({
      ignoreMagic: true, ignorePrivate: 'yes', failUnder: 95, ignoreRegex: '^test_', exclude: ['build', 3],
      severity: 'error', docstringStyle: 'numpy', coverageStyle: 'google', markers: { noqa: false },
      hover: { enabled: false, grouping: 'byte' }, maxFileSize: -1, configPrecedence: 'sideways',
    });
    assert.deepStrictEqual(s.coverage, {
      ignoreMagic: true, failUnder: 95, ignoreRegex: ['^test_'], exclude: ['build'], docstringStyle: 'google',
      markers: { nodocqa: true, noqa: false, pylint: true, docstrCoverage: true },
    });
    assert.strictEqual(s.severity, 'error');
    assert.strictEqual(s.docstringStyle, 'numpy');
    assert.deepStrictEqual(s.hover, { enabled: false, grouping: 'byte' });
    assert.strictEqual(s.maxFileSize, 10 * 1024 * 1024);
    assert.strictEqual(s.configPrecedence, 'projectFile');
    assert.deepStrictEqual(readEditorSettings(null).coverage, {});
  });

  it('lets the project file alone decide by default, and editor settings win key by key on request', () => {
    const project = { found: true, options: { ignoreInitMethod: true, failUnder: 60 } };
    const editor = readEditorSettings({ ignoreMagic: true, failUnder: 90 });
    const fileWins = effectiveCoverageOptions(editor, project);
    assert.deepStrictEqual([fileWins.ignoreInitMethod, fileWins.ignoreMagic, fileWins.failUnder], [true, false, 60]);
    const editorWins = effectiveCoverageOptions({ ...editor, configPrecedence: 'editorSettings' }, project);
    assert.deepStrictEqual([editorWins.ignoreInitMethod, editorWins.ignoreMagic, editorWins.failUnder], [true, true, 90]);
    const noSection = effectiveCoverageOptions(editor, { found: false, options: {} });
    assert.deepStrictEqual([noSection.ignoreMagic, noSection.failUnder], [true, 90]);
    assert.deepStrictEqual(effectiveCoverageOptions(readEditorSettings({}), undefined).failUnder, DEFAULT_OPTIONS.failUnder);
  });

  it('caches the project config per folder until a config file changes', () => {
    let reads = 0;
    const cache = new ProjectConfigCache(() => ({ found: false, options: {}, problems: [], reads: ++reads }));
    cache.forFile('/p/a.py');
    cache.forFile('/p/b.py');
    cache.forFile('/p/sub/c.py');
    assert.strictEqual(reads, 2);
    cache.clear();
    cache.forFile('/p/a.py');
    assert.strictEqual(reads, 3);
    assert.ok(ProjectConfigCache.isConfigFile('/p/pyproject.toml') && ProjectConfigCache.isConfigFile('/p/setup.cfg'));
    assert.ok(!ProjectConfigCache.isConfigFile('/p/a.py'));
  });
});
