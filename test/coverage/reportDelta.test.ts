/**
 * Applying a delta answer of docbits/workspaceCoverage to the report the client holds (coverage/reportDelta.ts).
 */
import * as assert from 'assert';
import { applyReportDelta, IncrementalReport } from '../../server/src/coverage/reportDelta';
import type { JsonFile } from '../../server/src/coverage/report';

function file(path: string, missed: number): JsonFile {
  return { path, total: 2, covered: 2 - missed, missed, excused: 0, error: null, nodes: [] };
}

function report(files: JsonFile[], extra: Partial<IncrementalReport> = {}): IncrementalReport {
  const missed = files.reduce((n, f) => n + f.missed, 0);
  return {
    version: 1, root: '/p', failUnder: 80, passed: missed === 0, files,
    totals: { total: 2 * files.length, covered: 2 * files.length - missed, missed, excused: 0, percent: 50 }, ...extra,
  };
}

describe('applyReportDelta', () => {
  const held = report([file('a.py', 0), file('b.py', 1), file('c.py', 0)], { etag: 'e1' });

  it('takes a whole answer as it is', () => {
    const whole = report([file('z.py', 0)], { etag: 'e2' });
    assert.strictEqual(applyReportDelta(held, whole), whole);
    assert.strictEqual(applyReportDelta(undefined, whole), whole);
  });

  it('replaces changed files in place, drops removed ones, appends new ones, and keeps the answer\'s totals', () => {
    const answer = report([file('b.py', 0), file('d.py', 2)], { etag: 'e2', delta: { since: 'e1', removed: ['c.py'] } });
    const merged = applyReportDelta(held, answer)!;
    assert.deepStrictEqual(merged.files.map((f) => [f.path, f.missed]), [['a.py', 0], ['b.py', 0], ['d.py', 2]]);
    assert.strictEqual(merged.etag, 'e2');
    assert.strictEqual(merged.delta, undefined);
    assert.deepStrictEqual(merged.totals, answer.totals);
    assert.deepStrictEqual(held.files.map((f) => f.path), ['a.py', 'b.py', 'c.py'], 'the held report is not changed');
  });

  it('refuses a delta relative to another report, or another root', () => {
    assert.strictEqual(applyReportDelta(held, report([], { etag: 'e3', delta: { since: 'e0', removed: [] } })), undefined);
    assert.strictEqual(applyReportDelta(undefined, report([], { etag: 'e3', delta: { since: 'e1', removed: [] } })), undefined);
    assert.strictEqual(applyReportDelta(held, { ...report([], { etag: 'e3', delta: { since: 'e1', removed: [] } }), root: '/q' }), undefined);
  });
});
