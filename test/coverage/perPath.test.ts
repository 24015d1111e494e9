/** Per-path thresholds (coverage/perPath.ts), and `[tool.docbits.per-path]` as the config reads it. */
import * as assert from 'assert';
import * as path from 'path';
import { resolveExcludes } from '../../server/src/config/loader';
import { parsePyprojectToml } from '../../server/src/config/pyproject';
import { textCoverage } from '../../server/src/coverage/inventory';
import { jsonPathGroups, pathGroups, pathGroupsTable, thresholdOf } from '../../server/src/coverage/perPath';
import { buildReport } from '../../server/src/coverage/report';
import { DEFAULT_OPTIONS } from '../../server/src/coverage/types';

const ROOT = '/project';
const perPath = [{ prefix: '/project/src/', failUnder: 95 }, { prefix: '/project/src/legacy/', failUnder: 10 }, { prefix: '/project/tests/', failUnder: 0 }];
const documented = '"""Doc."""\n\n\ndef f():\n    """Doc."""\n';
const half = '"""Doc."""\n\n\ndef f():\n    pass\n';
const files = [
  textCoverage(documented, 'src/a.py', DEFAULT_OPTIONS),
  textCoverage(half, 'src/b.py', DEFAULT_OPTIONS),
  textCoverage(half, 'src/legacy/old.py', DEFAULT_OPTIONS),
  textCoverage(half, 'tests/test_a.py', DEFAULT_OPTIONS),
  textCoverage(documented, 'setup.py', DEFAULT_OPTIONS),
];
const groups = pathGroups(files, (f) => path.posix.join(ROOT, f.path), perPath, 80, (p) => path.posix.relative(ROOT, p));

describe('coverage/perPath', () => {
  it('the longest prefix decides; files under none form the last group, under fail-under', () => {
    assert.strictEqual(thresholdOf('/project/src/legacy/x.py', perPath)?.failUnder, 10);
    assert.strictEqual(thresholdOf('/project/src/x.py', perPath)?.failUnder, 95);
    assert.strictEqual(thresholdOf('/project/srcx.py', perPath), undefined);
    assert.deepStrictEqual(groups.map((g) => [g.label, g.files, g.failUnder, g.passed]), [
      ['src/', ['src/a.py', 'src/b.py'], 95, false],
      ['src/legacy/', ['src/legacy/old.py'], 10, true],
      ['tests/', ['tests/test_a.py'], 0, true],
      ['other files', ['setup.py'], 80, true],
    ]);
  });

  it('the run passes only when every group does: --json and the table say which', () => {
    const report = buildReport(files, { failUnder: 80 }, ROOT, jsonPathGroups(groups));
    assert.strictEqual(report.passed, false);
    assert.deepStrictEqual(report.perPath!.map((g) => g.prefix), ['src/', 'src/legacy/', 'tests/', null]);
    const passing = pathGroups(files.slice(2), (f) => path.posix.join(ROOT, f.path), perPath, 80, (p) => p);
    assert.ok(buildReport(files.slice(2), { failUnder: 80 }, ROOT, jsonPathGroups(passing)).passed);
    const table = pathGroupsTable(groups, 80, 2);
    assert.match(table[2], /^\| src\/ +\| +2 \| +95\.0% \| +75\.0% \| +FAILED \|$/);
    assert.match(table[3], /^\| {3}src\/a\.py/);
  });

  it('[tool.docbits.per-path] is read, checked, and made absolute against the config folder', () => {
    const parsed = parsePyprojectToml('[tool.interrogate]\nfail-under = 50\n[tool.docbits.per-path]\n"src/" = 95\n"tests" = 0\n"bad/" = 120\n"" = 5\n');
    assert.deepStrictEqual(parsed.options.perPath, [{ prefix: 'src/', failUnder: 95 }, { prefix: 'tests', failUnder: 0 }]);
    assert.strictEqual(parsed.options.failUnder, 50);
    assert.strictEqual(parsed.problems.length, 2, JSON.stringify(parsed.problems));
    assert.deepStrictEqual(resolveExcludes(parsed.options, '/project').perPath, [
      { prefix: `/project/src${path.sep}`, failUnder: 95 }, { prefix: '/project/tests', failUnder: 0 }]);
    const wrong = parsePyprojectToml('[tool.docbits]\nper-path = 3\ninherit-docstrings = true\n');
    assert.strictEqual(wrong.options.perPath, undefined);
    assert.strictEqual(wrong.options.inheritDocstrings, true);
    assert.match(wrong.problems[0].message, /expected a table/);
  });
});
