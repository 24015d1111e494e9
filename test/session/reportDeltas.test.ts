/**
 * Incremental workspace reports through the session (session/reportDeltas.ts): `since` the last answer's etag
 * gets only what changed, and applying it (coverage/reportDelta.ts) gives the whole report a fresh request gets.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { applyReportDelta } from '../../server/src/coverage/reportDelta';
import { sameJson } from '../../server/src/session/reportDeltas';
import { DocbitsSession, sessionOptions } from '../../server/src/session/session';
import type { WorkspaceCoverageResult } from '../../server/src/workspace/workspaceCoverage';

const host = { publishDiagnostics: (): void => undefined, log: (): void => undefined };

function tmpProject(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-deltas-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

/** The report without what names the answer, for comparing a merged report with a whole one. */
function content(report: WorkspaceCoverageResult): unknown {
  const { etag: _etag, delta: _delta, ...rest } = report;
  return { ...rest, files: [...rest.files].sort((a, b) => a.path.localeCompare(b.path)) };
}

describe('incremental workspace reports', () => {
  it('answers `since` with the changed files only, and the merged report equals a whole one', async () => {
    const root = tmpProject({
      'pkg/a.py': '"""A."""\n\n\ndef f():\n    pass\n',
      'pkg/b.py': '"""B."""\n',
      'pkg/c.py': 'def g():\n    pass\n',
    });
    try {
      const session = new DocbitsSession(host, sessionOptions([root], { debounceMs: 0 }));
      const first = await session.workspaceCoverage({ includeText: false });
      assert.strictEqual(first.delta, undefined);
      assert.strictEqual(first.files.length, 3);
      assert.ok(first.etag);

      const same = await session.workspaceCoverage({ includeText: false, since: first.etag });
      assert.deepStrictEqual(same.delta, { since: first.etag, removed: [] });
      assert.deepStrictEqual(same.files, [], 'nothing changed: no files');

      // An unsaved edit, a deleted file and a new one.
      const a = pathToFileURL(path.join(root, 'pkg', 'a.py')).href;
      session.open(a, 1, '"""A."""\n\n\ndef f():\n    """F."""\n');
      fs.rmSync(path.join(root, 'pkg', 'c.py'));
      fs.writeFileSync(path.join(root, 'pkg', 'd.py'), 'class D:\n    pass\n');
      session.filesChanged([path.join(root, 'pkg', 'c.py'), path.join(root, 'pkg', 'd.py')]);
      const delta = await session.workspaceCoverage({ includeText: false, since: same.etag });
      assert.deepStrictEqual(delta.files.map((f) => f.path).sort(), ['a.py', 'd.py']);
      assert.deepStrictEqual(delta.delta, { since: same.etag, removed: ['c.py'] });
      const merged = applyReportDelta({ ...first, etag: same.etag }, delta)!;
      const whole = await session.workspaceCoverage({ includeText: false });
      assert.deepStrictEqual(content(merged), content(whole));

      // An etag the server does not hold (an older answer, a restarted server) gets the whole report.
      const stale = await session.workspaceCoverage({ includeText: false, since: first.etag });
      assert.strictEqual(stale.delta, undefined);
      assert.strictEqual(stale.files.length, 3);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('writes the -v table when asked for verbosity 1, the -vv table by default', async () => {
    const root = tmpProject({ 'pkg/a.py': '"""A."""\n\n\ndef f():\n    pass\n' });
    try {
      const session = new DocbitsSession(host, sessionOptions([root], { debounceMs: 0 }));
      const files = await session.workspaceCoverage({ verbosity: 1 });
      const definitions = await session.workspaceCoverage({});
      assert.match(files.text, /a\.py/);
      assert.doesNotMatch(files.text, /\bf \(L4\)/);
      assert.match(definitions.text, /f \(L4\)/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('compares files value by value: equal JSON is the same file, any difference is a change', () => {
    const file = { path: 'a.py', total: 2, covered: 1, missed: 1, excused: 0, error: null,
      nodes: [{ kind: 'module', qualname: 'a', line: 1, column: 0, status: 'covered' }, { kind: 'function', qualname: 'f', line: 4, column: 0, status: 'missed' }] };
    const copy = JSON.parse(JSON.stringify(file));
    assert.ok(sameJson(file, copy));
    for (const changed of [
      { ...copy, covered: 2 },
      { ...copy, error: 'not UTF-8' },
      { ...copy, nodes: copy.nodes.slice(1) },
      { ...copy, nodes: [copy.nodes[0], { ...copy.nodes[1], status: 'covered' }] },
      { ...copy, nodes: [copy.nodes[0], { ...copy.nodes[1], line: '4' }] },
      { ...copy, docstringsWithFindings: 1 },
      { ...copy, nodes: {} },
    ]) assert.ok(!sameJson(file, changed), JSON.stringify(changed));
    assert.ok(!sameJson(undefined, file), 'a new file');
    assert.ok(sameJson([1, [2, { a: null }]], [1, [2, { a: null }]]));
    assert.ok(!sameJson({ a: undefined }, {}), 'conservative: counted as a change');
  });

  it('compares a deep value without recursion (a hostile report cannot overflow the stack)', () => {
    let deep: unknown = 0;
    let other: unknown = 0;
    for (let i = 0; i < 200_000; i++) {
      deep = [deep];
      other = [other];
    }
    assert.ok(sameJson(deep, other));
  });
});
