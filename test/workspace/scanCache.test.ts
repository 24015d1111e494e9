/** workspace/scanCache.ts through workspaceCoverage: a re-run re-analyses only changed files, with the same report. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DEFAULT_OPTIONS } from '../../server/src/coverage/types';
import { DEFAULT_QUALITY_OPTIONS, RuleGroup } from '../../server/src/docstrings/checks';
import { ScanCache } from '../../server/src/workspace/scanCache';
import { workspaceCoverage, WorkspaceCoverageResult } from '../../server/src/workspace/workspaceCoverage';

describe('scan cache', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-cache-'));
    fs.mkdirSync(path.join(root, 'pkg', 'sub'), { recursive: true });
    fs.writeFileSync(path.join(root, 'pkg', 'a.py'), '"""A."""\n\n\ndef f():\n    pass\n');
    fs.writeFileSync(path.join(root, 'pkg', 'sub', 'b.py'), 'def g():\n    """G."""\n');
    fs.writeFileSync(path.join(root, 'pkg', 'bad.py'), Buffer.from('# coding: utf-8\nx = "\xff"\n', 'latin1'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const run = (cache: ScanCache | undefined, options = DEFAULT_OPTIONS) =>
    workspaceCoverage([{ path: root, options }], new Map(), { cache, concurrency: 0 });

  it('answers unchanged files from the cache and re-analyses edited, new and reconfigured ones', async () => {
    const cache = new ScanCache();
    const first = await run(cache);
    assert.strictEqual(cache.analysed, 3);
    assert.deepStrictEqual(await run(cache), first, 'same report from the cache');
    assert.strictEqual(cache.analysed, 3, 'nothing re-analysed');

    fs.writeFileSync(path.join(root, 'pkg', 'sub', 'b.py'), 'def g():\n    pass\n\n\ndef h():\n    pass\n');
    fs.writeFileSync(path.join(root, 'pkg', 'c.py'), 'x = 1\n');
    const edited = await run(cache);
    assert.strictEqual(cache.analysed, 5, 'b.py and the new c.py');
    assert.deepStrictEqual(edited, await run(undefined), 'as a scan without the cache');

    fs.rmSync(path.join(root, 'pkg', 'a.py'));
    const removed = await run(cache);
    assert.ok(!removed.files.some((f) => f.path.endsWith('a.py')));
    assert.strictEqual(cache.analysed, 5);

    const ignoring = await run(cache, { ...DEFAULT_OPTIONS, ignoreModule: true });
    assert.strictEqual(cache.analysed, 8, 'other options: every file again');
    assert.deepStrictEqual(ignoring, await run(undefined, { ...DEFAULT_OPTIONS, ignoreModule: true }));
    assert.ok(ignoring.files.find((f) => f.path.endsWith('bad.py'))?.error, 'the undecodable file keeps its error');
  });

  it('with quality on, counts docstrings with findings per file under the rule groups asked for; the cache keeps them apart', async () => {
    // h: findings on its arguments (DOC1xx) and on its raise (DOC5xx), one docstring; k: Returns but no return (DOC2xx).
    const lines = ['def h(x, y):', '    """H.', '', '    Args:', '        x: X.', '    """', '    raise ValueError(x)', '', '',
      'def k():', '    """K.', '', '    Returns:', '        int: one.', '    """', ''];
    fs.writeFileSync(path.join(root, 'pkg', 'q.py'), lines.join('\n'));
    const quality = { ...DEFAULT_QUALITY_OPTIONS, style: 'google' as const };
    const cache = new ScanCache();
    const checked = (qualityRules?: RuleGroup[], unsaved = new Map<string, string>()) =>
      workspaceCoverage([{ path: root, options: DEFAULT_OPTIONS, quality, ...(qualityRules ? { qualityRules } : {}) }], unsaved, { cache, concurrency: 0 });
    const count = (report: WorkspaceCoverageResult) => report.files.map((f) => [f.path, f.docstringsWithFindings]);
    const all = [['a.py', 0], ['bad.py', undefined], ['q.py', 2], ['sub/b.py', 0]];
    assert.deepStrictEqual(count(await checked()), all);
    assert.deepStrictEqual(count(await checked(['args'])), [['a.py', 0], ['bad.py', undefined], ['q.py', 1], ['sub/b.py', 0]]);
    assert.strictEqual(cache.analysed, 4, 'other rule groups: the same scan, counted again');
    assert.deepStrictEqual(count(await checked()), all, 'the cached findings were not filtered in place');
    const unsaved = new Map([[path.join(root, 'pkg', 'q.py'), 'def h():\n    """H."""\n']]);
    assert.deepStrictEqual(count(await checked(undefined, unsaved))[2], ['q.py', 0], 'an unsaved text is checked as it is');
    const plain = await run(cache);
    assert.strictEqual(cache.analysed, 8, 'coverage only: analysed again, without the checks');
    assert.ok(plain.files.every((f) => !('docstringsWithFindings' in f)));
  });
});
