/** Command line over config file over defaults (config/merge.ts). */
import * as assert from 'assert';
import { conflictingOptions, mergeOptions, problemsNotOverridden } from '../../server/src/config/merge';
import { parsePyprojectToml } from '../../server/src/config/pyproject';
import { DEFAULT_OPTIONS } from '../../server/src/coverage/types';

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

  it('refuses style google with ignore-init-method, as interrogate does, from any source', () => {
    const message = 'The `--ignore-init-method` flag is mutually exclusive with `--style google`.';
    assert.strictEqual(conflictingOptions(mergeOptions(DEFAULT_OPTIONS, { docstringStyle: 'google' }, { ignoreInitMethod: true })), message);
    assert.strictEqual(conflictingOptions(mergeOptions(DEFAULT_OPTIONS, { docstringStyle: 'google', ignoreInitMethod: true })), message);
    assert.strictEqual(conflictingOptions(mergeOptions(DEFAULT_OPTIONS, { docstringStyle: 'sphinx', ignoreInitMethod: true })), undefined);
    assert.strictEqual(conflictingOptions(mergeOptions(DEFAULT_OPTIONS, { docstringStyle: 'google' })), undefined);
  });

  it("drops the config file's problems about keys the command line replaces, and keeps the others", () => {
    const parsed = parsePyprojectToml('[tool.interrogate]\nignore_regex = ["(a)\\\\1"]\nfail-under = 120\n');
    assert.deepStrictEqual(parsed.problems.map((p) => p.key), ['ignore_regex', 'fail-under']);
    assert.deepStrictEqual(problemsNotOverridden(parsed.problems, {}).map((p) => p.key), ['ignore_regex', 'fail-under']);
    assert.deepStrictEqual(problemsNotOverridden(parsed.problems, { ignoreRegex: ['f'] }).map((p) => p.key), ['fail-under']);
    assert.deepStrictEqual(problemsNotOverridden(parsed.problems, { ignoreRegex: ['f'], failUnder: 50 }), []);
    assert.deepStrictEqual(problemsNotOverridden(parsed.problems, { ignoreRegex: undefined }).length, 2);
  });
});
