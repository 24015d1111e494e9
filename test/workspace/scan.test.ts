import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeBytes } from '../../server/src/coverage/inventory';
import { DEFAULT_OPTIONS, FileCoverage } from '../../server/src/coverage/types';
import { checkDocstrings, DEFAULT_QUALITY_OPTIONS } from '../../server/src/docstrings/checks';
import { decodePython } from '../../server/src/python/decode';
import { lineStarts } from '../../server/src/python/lines';
import { parseStructure } from '../../server/src/python/structure';
import { stdlibFiles } from '../oracles/stdlib';
import { defaultWorkerScript, scanFiles, scanWorkspace, ScanHooks } from '../../server/src/workspace/scan';
import { makeTree, TempTree } from './helpers/tree';

const MISBEHAVING_WORKER = path.join(__dirname, 'helpers', 'misbehavingScanWorker.js');

/** A small module with a documented and an undocumented definition, different per file. */
function source(i: number): string {
  return `"""Module ${i}."""\n\n\nclass C${i}:\n    """Doc."""\n\n    def m(self):\n        return ${i}\n\n\n` +
    `def f${i}(x):\n${i % 3 === 0 ? '    """Doc."""\n' : ''}    return x\n`;
}

function makeFiles(count: number, name = (i: number) => `pkg${i % 7}/mod_${i}.py`): { tree: TempTree; files: string[] } {
  const tree = makeTree();
  const files: string[] = [];
  for (let i = 0; i < count; i++) files.push(tree.write(name(i), source(i)));
  return { tree, files };
}

/** What the scan must return: analyzeBytes on each file, done here directly. */
function direct(root: string, files: readonly string[]): FileCoverage[] {
  return files.map((f) => analyzeBytes(fs.readFileSync(f), path.relative(root, f), DEFAULT_OPTIONS));
}

describe('workspace/scan', function () {
  this.timeout(60_000);
  let tree: TempTree | undefined;
  afterEach(() => { tree?.remove(); tree = undefined; });

  it('analyses a few files in the main thread, in input order, as analyzeBytes does', async () => {
    const made = makeFiles(12);
    tree = made.tree;
    const files = [...made.files].reverse();
    const logs: string[] = [];
    const results = await scanFiles(files, tree.root, DEFAULT_OPTIONS, { onLog: (m) => logs.push(m) });
    assert.deepStrictEqual(results, direct(tree.root, files));
    assert.deepStrictEqual(logs, []);
  });

  it('uses the worker pool for 300 files, with the same results in input order', async () => {
    const made = makeFiles(300);
    tree = made.tree;
    const files = [...made.files].reverse(); // any order in, the same order out
    assert.ok(fs.existsSync(defaultWorkerScript()), defaultWorkerScript());
    const logs: string[] = [];
    const results = await scanFiles(files, tree.root, DEFAULT_OPTIONS, { concurrency: 2, onLog: (m) => logs.push(m) });
    assert.deepStrictEqual(logs, []); // no worker failed, nothing fell back to the main thread
    assert.deepStrictEqual(results, direct(tree.root, files));
  });

  it('proves the pool path runs in workers: a file that ends its worker is blamed alone', async () => {
    const made = makeFiles(120, (i) => (i === 37 ? 'crash_here.py' : i === 80 ? 'throw_here.py' : `m${i}.py`));
    tree = made.tree;
    const logs: string[] = [];
    const results = await scanFiles(made.files, tree.root, DEFAULT_OPTIONS,
      { concurrency: 2, workerScript: MISBEHAVING_WORKER, onLog: (m) => logs.push(m) });
    const expected = direct(tree.root, made.files);
    results.forEach((r, i) => {
      if (i === 37 || i === 80) {
        assert.match(r.error ?? '', /analysis stopped the scan worker .*the file was skipped/);
        assert.deepStrictEqual(r.nodes, []);
        assert.strictEqual(r.path, path.basename(made.files[i]));
      } else {
        assert.deepStrictEqual(r, expected[i], `file ${i}`);
      }
    });
    assert.ok(logs.some((m) => m.includes('crash_here.py')), logs.join('\n'));
  });

  it('stops a worker stuck on one file, reports that file and finishes the rest', async () => {
    const made = makeFiles(60, (i) => (i === 10 ? 'hang_here.py' : `m${i}.py`));
    tree = made.tree;
    const started = Date.now();
    const results = await scanFiles(made.files, tree.root, DEFAULT_OPTIONS,
      { concurrency: 2, workerScript: MISBEHAVING_WORKER, fileTimeoutMs: 300 });
    assert.ok(Date.now() - started < 10_000);
    assert.match(results[10].error ?? '', /took longer than 300 ms/);
    assert.strictEqual(results.filter((r) => r.error !== null).length, 1);
  });

  it('falls back to the main thread when no worker can start', async () => {
    const made = makeFiles(60);
    tree = made.tree;
    const logs: string[] = [];
    const missing = path.join(tree.root, 'no-such-worker.js');
    const results = await scanFiles(made.files, tree.root, DEFAULT_OPTIONS,
      { concurrency: 2, workerScript: missing, onLog: (m) => logs.push(m) });
    assert.deepStrictEqual(results, direct(tree.root, made.files));
    assert.ok(logs.some((m) => /main thread/.test(m)), logs.join('\n'));
  });

  for (const [mode, hooks] of [['main thread', { concurrency: 0 }], ['worker pool', { concurrency: 2, minFilesForWorkers: 1 }]] as Array<[string, ScanHooks]>) {
    it(`${mode}: a deleted file, an oversized file, a folder and a FIFO become errors; the run completes`, async () => {
      const made = makeFiles(8);
      tree = made.tree;
      const files = [...made.files];
      fs.unlinkSync(files[2]); // deleted between walk and scan
      fs.writeFileSync(files[5], '# big\n'.repeat(400));
      files.push(tree.mkdir('folder.py'));
      const fifo = tree.abs('pipe.py');
      let haveFifo = true;
      try { execFileSync('mkfifo', [fifo]); files.push(fifo); } catch { haveFifo = false; }
      const results = await scanFiles(files, tree.root, DEFAULT_OPTIONS, { ...hooks, maxFileBytes: 1024 });
      assert.strictEqual(results.length, files.length);
      assert.strictEqual(results[2].error, 'cannot read file: it no longer exists (ENOENT)');
      assert.strictEqual(results[5].error, 'file is 2.3 KB, larger than the 1 KB limit (docbits.maxFileSize)');
      assert.strictEqual(results[8].error, 'cannot read file: it is a directory');
      if (haveFifo) assert.strictEqual(results[9].error, 'cannot read file: not a regular file');
      for (const i of [2, 5, 8]) {
        assert.deepStrictEqual([results[i].nodes, results[i].total, results[i].path], [[], 0, path.relative(tree!.root, files[i])]);
      }
      const expected = direct(tree.root, files.slice(0, 8).filter((_, i) => i !== 2 && i !== 5));
      assert.deepStrictEqual(results.filter((_, i) => i < 8 && i !== 2 && i !== 5), expected);
    });
  }

  it('reports progress at most ~20 times a second, monotonic, ending at total', async () => {
    const made = makeFiles(150, (i) => (i % 10 === 0 ? `slow_${i}.py` : `m${i}.py`));
    tree = made.tree;
    for (const hooks of [{ concurrency: 2, workerScript: MISBEHAVING_WORKER }, { concurrency: 0 }] as ScanHooks[]) {
      const calls: Array<[number, number, number]> = [];
      await scanFiles(made.files, tree.root, DEFAULT_OPTIONS,
        { ...hooks, onProgress: (done, total) => calls.push([done, total, performance.now()]) });
      assert.deepStrictEqual(calls[0].slice(0, 2), [0, 150]);
      assert.deepStrictEqual(calls[calls.length - 1].slice(0, 2), [150, 150]);
      for (let k = 1; k < calls.length; k++) {
        assert.ok(calls[k][0] > calls[k - 1][0], 'strictly increasing');
        if (k < calls.length - 1 && k > 1) assert.ok(calls[k][2] - calls[k - 1][2] >= 45, 'throttled');
      }
    }
  });

  it('cancels promptly mid-scan with an AbortError, in workers and in the main thread', async () => {
    const made = makeFiles(400, (i) => `slow_${i}.py`); // ~20 ms each in the misbehaving worker: 8 s of work
    tree = made.tree;
    // The main thread runs the real analyzer, which is fast: give it many more files so the scan is still
    // going when the first progress report (after 50 ms) cancels it.
    const many = Array.from({ length: 40 }, () => made.files).flat();
    const runs: Array<[string[], ScanHooks]> = [
      [made.files, { concurrency: 2, workerScript: MISBEHAVING_WORKER }],
      [many, { concurrency: 0 }],
    ];
    for (const [files, hooks] of runs) {
      const controller = new AbortController();
      let seen = 0;
      const started = Date.now();
      const scan = scanFiles(files, tree.root, DEFAULT_OPTIONS, {
        ...hooks, signal: controller.signal,
        onProgress: (done) => { seen = done; if (done > 0) controller.abort(); },
      });
      await assert.rejects(scan, { name: 'AbortError' });
      assert.ok(seen > 0 && seen < files.length, `progress seen: ${seen}`);
      assert.ok(Date.now() - started < 4000, `took ${Date.now() - started} ms`);
    }
  });

  it('rejects at once when the signal has already fired', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(scanFiles(['/nope.py'], '/', DEFAULT_OPTIONS, { signal: controller.signal }), { name: 'AbortError' });
  });

  it('with quality options, checks docstrings on the coverage parse, in workers as in the main thread; without, adds nothing', async () => {
    // Real files with findings: every 8th stdlib file (about 230), some of them under test/.
    const files = stdlibFiles().filter((_, i) => i % 8 === 0);
    const root = path.dirname(files[0]);
    const quality = { ...DEFAULT_QUALITY_OPTIONS, style: 'google' as const };
    const expected = files.map((f) => {
      const coverage = direct(root, [f])[0];
      const decoded = decodePython(fs.readFileSync(f));
      if (!decoded.ok) return coverage;
      const text = decoded.text;
      return { ...coverage, findings: checkDocstrings({ text, structure: parseStructure(text), lineStarts: lineStarts(text) }, quality) };
    });
    assert.ok(expected.reduce((n, f) => n + (f.findings?.length ?? 0), 0) > 20, 'the files have findings to compare');
    const inMain = await scanFiles(files, root, DEFAULT_OPTIONS, { quality, concurrency: 0 });
    assert.deepStrictEqual(inMain, expected);
    const logs: string[] = [];
    const inWorkers = await scanFiles(files, root, DEFAULT_OPTIONS, { quality, concurrency: 2, onLog: (m) => logs.push(m) });
    assert.deepStrictEqual(logs, []);
    assert.deepStrictEqual(inWorkers, expected);
    const coverageOnly = await scanFiles(files, root, DEFAULT_OPTIONS, { concurrency: 0 });
    assert.ok(coverageOnly.every((f) => !('findings' in f)));
    assert.deepStrictEqual(coverageOnly, direct(root, files));
  });

  it('handles no files', async () => {
    const calls: number[][] = [];
    assert.deepStrictEqual(await scanFiles([], '/', DEFAULT_OPTIONS, { onProgress: (d, t) => calls.push([d, t]) }), []);
    assert.deepStrictEqual(calls, [[0, 0]]);
  });

  it('scanWorkspace walks and scans, with paths relative to the common base', async () => {
    tree = makeTree({ 'proj/a/x.py': source(1), 'proj/b/y.py': source(2), 'proj/.venv/z.py': '', 'proj/notes.txt': '' });
    const scan = await scanWorkspace([tree.abs('proj')], DEFAULT_OPTIONS);
    assert.strictEqual(scan.error, null);
    assert.strictEqual(scan.root, tree.abs('proj'));
    assert.deepStrictEqual(scan.files.map((f) => f.path), ['a/x.py', 'b/y.py']);
    assert.deepStrictEqual(scan.absolutePaths, [tree.abs('proj/a/x.py'), tree.abs('proj/b/y.py')]);
    const single = await scanWorkspace([tree.abs('proj/a/x.py')], DEFAULT_OPTIONS);
    assert.deepStrictEqual([single.root, single.files.map((f) => f.path)], [tree.abs('proj/a'), ['x.py']]);
    const bad = await scanWorkspace([tree.abs('proj/notes.txt')], DEFAULT_OPTIONS);
    assert.strictEqual(bad.error?.kind, 'invalid-file');
    assert.deepStrictEqual(bad.files, []);
  });
});
