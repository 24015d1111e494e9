/** Document paths, checked files, fault log and the texts people read (workspace/*, coverage/coverageText.ts). */
import * as assert from 'assert';
import { belowFailUnder, coverageSummary, groupThousands, notMeasuredTooltip, statusBarText, statusBarTooltip } from '../../server/src/coverage/coverageText';
import { DEFAULT_OPTIONS } from '../../server/src/coverage/types';
import { isCheckedFile, selectionReason } from '../../server/src/workspace/checkedFiles';
import { displayPathOf, filePathOf, folderOf } from '../../server/src/workspace/documents';
import { FaultLog } from '../../server/src/session/faultLog';

describe('documents, faults and the report for people', () => {
  it('finds paths, folders and display names', () => {
    assert.strictEqual(filePathOf('file:///w/p/a%20b.py'), '/w/p/a b.py');
    assert.strictEqual(filePathOf('untitled:Untitled-1'), undefined);
    assert.throws(() => filePathOf('file://server/share/x.py'));
    assert.strictEqual(folderOf('/w/p/sub/x.py', ['/w', '/w/p']), '/w/p');
    assert.strictEqual(folderOf('/w/px/x.py', ['/w/p']), undefined);
    assert.strictEqual(displayPathOf('file:///w/p/pkg/m.py', '/w/p/pkg/m.py', ['/w/p']), 'pkg/m.py');
    assert.strictEqual(displayPathOf('file:///else/m.py', '/else/m.py', ['/w/p']), 'm.py');
    assert.strictEqual(displayPathOf('untitled:Untitled-1', undefined, []), 'Untitled-1');
  });

  it('checks only the files a scan would measure', () => {
    const options = { ...DEFAULT_OPTIONS, exclude: ['/w/p/build'], ignoreInitModule: true };
    assert.ok(isCheckedFile('/w/p/a.py', options, ['/w/p']));
    assert.ok(!isCheckedFile('/w/p/build/a.py', options, ['/w/p']));
    assert.ok(!isCheckedFile('/w/p/.venv/lib/a.py', options, ['/w/p']));
    assert.ok(!isCheckedFile('/w/p/pkg/__init__.py', options, ['/w/p']));
    assert.ok(!isCheckedFile('/w/p/a.pyi', options, ['/w/p']));
    assert.ok(isCheckedFile('/w/p/script', options, ['/w/p']));
    assert.ok(isCheckedFile(undefined, options, []));
    const reasons = ['/w/p/a.py', '/w/p/build/a.py', '/w/p/.venv/lib/a.py', '/w/p/pkg/__init__.py', '/w/p/a.pyi']
      .map((f) => selectionReason(f, options, ['/w/p']));
    assert.deepStrictEqual(reasons, [undefined, 'excluded', 'excluded', 'initModule', 'stubFile']);
  });

  it('logs the same fault once', () => {
    const log = new FaultLog();
    assert.match(log.describe('hover', 'file:///a.py', new Error('bad'))!, /^docbits: internal error in hover for file:\/\/\/a\.py: bad/);
    assert.strictEqual(log.describe('hover', 'file:///a.py', new Error('bad')), undefined);
    assert.ok(log.describe('hover', 'file:///b.py', new Error('bad')));
  });

  it('writes the summary, status bar and tooltip texts', () => {
    const totals = { total: 1414, covered: 1234, missed: 180, excused: 3 };
    assert.strictEqual(coverageSummary(totals, 80), 'Docstring coverage 87.3% (1,234 of 1,414) — PASSED (minimum 80%)');
    assert.strictEqual(coverageSummary({ total: 4, covered: 1, missed: 3, excused: 0 }, 87.5), 'Docstring coverage 25.0% (1 of 4) — FAILED (minimum 87.5%)');
    assert.strictEqual(groupThousands(1234567), '1,234,567');
    assert.strictEqual(statusBarText({ total: 25, covered: 18, missed: 7, excused: 0 }), '$(book) 72%');
    assert.strictEqual(statusBarTooltip('a.py', { total: 4, covered: 3, missed: 1, excused: 2 }, 80, { ...totals, failUnder: 80 }),
      'Docstring coverage of a.py: 75.0% (minimum 80%)\n3 covered, 1 missing, 2 excused\nWorkspace: 87.3% (1,234 of 1,414) — PASSED (minimum 80%)');
    assert.strictEqual(notMeasuredTooltip('t.py', 'whitelist'), 't.py is not measured: none of its names match whitelist-regex');
    assert.strictEqual(notMeasuredTooltip('b.py', 'unreadable', 'unknown encoding: x'), 'b.py is not measured: unknown encoding: x');
    assert.ok(belowFailUnder({ total: 4, covered: 3, missed: 1, excused: 0 }, 80));
  });
});
