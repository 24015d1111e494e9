/**
 * Reading and analysing many files fast: a small pool of worker threads, each reading its files itself and
 * sending back only the FileCoverage, so no file's text is held longer than its own analysis and the main
 * thread (the LSP connection, the CLI) only hands out batches of indices and collects results.
 *
 * Small runs (under 50 files by default) are analysed in the main thread, in slices that yield to the event
 * loop: starting workers (~30 ms) would cost more than it saves.
 *
 * Wiring the worker script
 * ------------------------
 * A Worker needs a file to run. Two layouts are supported without configuration:
 * - tsc output (tests): scan.js finds scanWorker.js beside it and starts that; the module serves on its own
 *   when it is a Worker's main script.
 * - an esbuild bundle (dist/cli.js, dist/server.js): there is no separate file, so the pool starts the bundle
 *   itself (`__filename`) with `workerData.docbitsScanWorker = true`. Every entry point that can reach
 *   scanFiles must therefore begin with
 *
 *       import { runScanWorkerIfRequested } from './workspace/scan';
 *       if (!runScanWorkerIfRequested()) main();   // nothing with side effects before this line
 *
 *   so that the bundle, loaded in a worker, becomes a scan worker instead of a second CLI or LSP server.
 *   Keep module-level side effects (createConnection, reading argv, printing) inside main().
 *   The esbuild config needs nothing special (platform 'node', format 'cjs' keep `__filename`).
 * `hooks.workerScript` overrides the choice (tests use it to start a worker that crashes on purpose).
 *
 * Robustness: unreadable, vanished, oversized files and directories become FileCoverage errors (see
 * analyzeFile.ts). A worker that dies is replaced (a few times), and only the file it was analysing gets an
 * error; its other unfinished files are handed out again. A worker stuck on one file longer than
 * `fileTimeoutMs` is stopped the same way. When no worker can run, the rest is analysed in the main thread.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { CoverageOptions, FileCoverage } from '../coverage/types';
import type { QualityOptions } from '../docstrings/checks';
import { abortError } from './abort';
import { errorCoverage } from '../coverage/inventory';
import { analyzeFile, DEFAULT_MAX_FILE_BYTES } from './analyzeFile';
import { primeBeforeScan } from './warmup';
import { relativeTo, scanRoot } from './paths';
import {
  BatchRequest, SCAN_WORKER_FLAG, ScanWorkerData, STATE_CURRENT, STATE_STARTED, WorkerMessage,
} from './scanWorker';
import { walkPaths, WalkError, WalkHooks, WalkProblem } from './walk';

export { runScanWorkerIfRequested } from './scanWorker';

export interface ScanHooks {
  /** Files done so far; called at most ~20 times a second, first with 0 and last with (total, total). */
  onProgress?(done: number, total: number): void;
  signal?: AbortSignal;
  /** Most worker threads to use (default os.availableParallelism()); 0 analyses in the main thread. */
  concurrency?: number;
  /** Larger files are reported, not read (default 10 MB). */
  maxFileBytes?: number;
  /**
   * Also run the docstring-quality checks with these options, on the same parse (FileCoverage.findings).
   * Absent: coverage only, and none of the checks' cost.
   */
  quality?: QualityOptions;
  /** Below this many files no workers are started (default 50). */
  minFilesForWorkers?: number;
  /** A worker busy with one file for longer is stopped and the file reported (default 30 s). */
  fileTimeoutMs?: number;
  /** The script workers run (default: see the top of this file). */
  workerScript?: string;
  /** Told about crashed, stuck or unstartable workers (for a server's output channel). */
  onLog?(message: string): void;
}

const DEFAULT_MIN_FILES_FOR_WORKERS = 50;
const DEFAULT_FILE_TIMEOUT_MS = 30_000;
/** Below this many files per worker another worker does not pay for its start-up. */
const FILES_PER_WORKER = 25;
const PROGRESS_INTERVAL_MS = 50;
/** Main-thread analysis yields to the event loop this often. */
const SLICE_MS = 8;

/**
 * Coverage of every file, in input order. `root` is what the results' `path`s are relative to. Rejects only
 * with an AbortError (the signal fired); every other problem is a file's `error`.
 */
export async function scanFiles(files: readonly string[], root: string, options: CoverageOptions,
  hooks: ScanHooks = {}): Promise<FileCoverage[]> {
  if (hooks.signal?.aborted) throw abortError(hooks.signal);
  const run = new ScanRun(files, root, options, hooks);
  run.progress.report(0);
  const workerCount = plannedWorkers(files.length, hooks);
  if (workerCount > 0) {
    await new WorkerPool(run, workerCount, hooks).run();
  } else {
    primeBeforeScan(files.length, options, hooks.quality);
    await analyzeInMainThread(run, range(0, files.length));
  }
  run.progress.finish();
  return run.results as FileCoverage[];
}

export interface WorkspaceScan {
  /** The folder results' paths are relative to: interrogate's common base (its folder for a single file). */
  root: string;
  /** Absolute paths of the scanned files, in the report's order (parallel to `files`). */
  absolutePaths: string[];
  files: FileCoverage[];
  /** Folders that could not be read; the scan went on without them. */
  problems: WalkProblem[];
  /** Why nothing was scanned (interrogate's error messages), or null. */
  error: WalkError | null;
}

/** Walk (interrogate's file selection) + scan. */
export async function scanWorkspace(paths: readonly string[], options: CoverageOptions,
  hooks: ScanHooks & Pick<WalkHooks, 'cwd' | 'fileSystem'> = {}): Promise<WorkspaceScan> {
  const walked = await walkPaths(paths, options, hooks);
  const root = walked.files.length > 0 ? scanRoot(walked.files) : path.resolve(hooks.cwd ?? process.cwd(), paths[0] ?? '.');
  if (walked.error) return { root, absolutePaths: [], files: [], problems: walked.problems, error: walked.error };
  const files = await scanFiles(walked.files, root, options, hooks);
  return { root, absolutePaths: walked.files, files, problems: walked.problems, error: null };
}

/** The default worker script: scanWorker.js beside this file (tsc), else this very file (a bundle). */
export function defaultWorkerScript(): string {
  const sibling = path.join(__dirname, 'scanWorker.js');
  if (path.basename(__filename) === 'scan.js' && fs.existsSync(sibling)) return sibling;
  return __filename;
}

function plannedWorkers(total: number, hooks: ScanHooks): number {
  if (total < (hooks.minFilesForWorkers ?? DEFAULT_MIN_FILES_FOR_WORKERS)) return 0;
  const limit = hooks.concurrency ?? os.availableParallelism();
  return Math.max(0, Math.min(limit, Math.ceil(total / FILES_PER_WORKER)));
}

/** The state one scan shares between the pool and the main-thread path. */
class ScanRun {
  readonly results: Array<FileCoverage | undefined>;
  readonly progress: ProgressReporter;
  readonly maxFileBytes: number;
  readonly quality?: QualityOptions;
  readonly signal?: AbortSignal;
  done = 0;

  constructor(readonly files: readonly string[], readonly root: string, readonly options: CoverageOptions, hooks: ScanHooks) {
    this.results = new Array(files.length);
    this.progress = new ProgressReporter(files.length, hooks.onProgress);
    this.maxFileBytes = hooks.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    this.quality = hooks.quality;
    this.signal = hooks.signal;
  }

  get finished(): boolean {
    return this.done === this.files.length;
  }

  relativePath(index: number): string {
    return relativeTo(this.root, this.files[index]);
  }

  /** Records a result once (a file handed out twice after a crash may come back twice). */
  complete(index: number, result: FileCoverage): void {
    if (this.results[index] !== undefined) return;
    this.results[index] = result;
    this.done++;
    this.progress.report(this.done);
  }

  analyzeHere(index: number): void {
    this.complete(index, analyzeFile(this.files[index], this.relativePath(index), this.options, this.maxFileBytes, this.quality));
  }
}

/** Throttles progress callbacks; a throwing callback never breaks the scan. */
class ProgressReporter {
  private lastTime = -Infinity;
  private lastDone = -1;

  constructor(private readonly total: number, private readonly callback?: (done: number, total: number) => void) {}

  report(done: number): void {
    if (!this.callback || done <= this.lastDone) return;
    const now = performance.now();
    if (done !== this.total && done !== 0 && now - this.lastTime < PROGRESS_INTERVAL_MS) return;
    this.emit(done, now);
  }

  finish(): void {
    if (this.callback && this.lastDone !== this.total) this.emit(this.total, performance.now());
  }

  private emit(done: number, now: number): void {
    this.lastTime = now;
    this.lastDone = done;
    try {
      this.callback!(done, this.total);
    } catch {
      // A progress display failing is no reason to lose the scan.
    }
  }
}

async function analyzeInMainThread(run: ScanRun, indices: Iterable<number>): Promise<void> {
  let sliceEnd = Date.now() + SLICE_MS;
  for (const index of indices) {
    if (run.signal?.aborted) throw abortError(run.signal);
    run.analyzeHere(index);
    if (Date.now() >= sliceEnd) {
      await yieldToEventLoop();
      sliceEnd = Date.now() + SLICE_MS;
    }
  }
  if (run.signal?.aborted) throw abortError(run.signal);
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function* range(start: number, end: number): Generator<number> {
  for (let i = start; i < end; i++) yield i;
}

interface PoolWorker {
  worker: Worker;
  state: Int32Array;
  /** batch id -> file indices */
  inFlight: Map<number, number[]>;
  ready: boolean;
  gone: boolean;
  timedOut: boolean;
  lastStarted: number;
  lastProgressAt: number;
}

class WorkerPool {
  private readonly workers = new Set<PoolWorker>();
  private readonly requeued: number[] = [];
  private readonly script: string;
  private readonly fileTimeoutMs: number;
  private readonly onLog?: (message: string) => void;
  private cursor = 0;
  private nextBatchId = 0;
  private restartsLeft: number;
  private settled = false;
  private fallingBack = false;
  private watchdog?: NodeJS.Timeout;
  private resolve!: () => void;
  private reject!: (err: Error) => void;
  private readonly onAbort = (): void => this.fail(abortError(this.scan.signal));

  constructor(private readonly scan: ScanRun, private readonly workerCount: number, hooks: ScanHooks) {
    this.script = hooks.workerScript ?? defaultWorkerScript();
    this.fileTimeoutMs = hooks.fileTimeoutMs ?? DEFAULT_FILE_TIMEOUT_MS;
    this.restartsLeft = Math.max(3, workerCount * 2);
    this.onLog = hooks.onLog;
  }

  run(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
      this.scan.signal?.addEventListener('abort', this.onAbort, { once: true });
      const tick = Math.max(10, Math.min(500, this.fileTimeoutMs / 4));
      this.watchdog = setInterval(() => this.checkStuckWorkers(), tick);
      this.watchdog.unref();
      for (let i = 0; i < this.workerCount; i++) this.startWorker();
      if (this.workers.size === 0) {
        this.log('no scan worker could start; analysing in the main thread');
        this.fallBackToMainThread();
      }
    });
  }

  private startWorker(): void {
    const shared = new SharedArrayBuffer(8);
    const state = new Int32Array(shared);
    state[STATE_CURRENT] = -1;
    const data: ScanWorkerData = {
      [SCAN_WORKER_FLAG]: true,
      files: this.scan.files as string[],
      root: this.scan.root,
      options: this.scan.options,
      maxFileBytes: this.scan.maxFileBytes,
      ...(this.scan.quality ? { quality: this.scan.quality } : {}),
      state: shared,
    };
    let worker: Worker;
    try {
      worker = new Worker(this.script, { workerData: data });
    } catch (err) {
      // Cannot start at all (out of threads, bad options): the caller falls back to the main thread.
      this.log(`cannot start a scan worker (${err instanceof Error ? err.message : String(err)})`);
      return;
    }
    const pw: PoolWorker = {
      worker, state, inFlight: new Map(), ready: false, gone: false, timedOut: false, lastStarted: 0,
      lastProgressAt: Date.now(),
    };
    this.workers.add(pw);
    worker.on('message', (message: WorkerMessage) => this.onMessage(pw, message));
    worker.on('error', (err) => this.onWorkerGone(pw, err.message));
    worker.on('exit', (code) => this.onWorkerGone(pw, `exit code ${code}`));
    // Batches can be posted before the worker listens: its port queues them.
    this.dispatch(pw);
  }

  private onMessage(pw: PoolWorker, message: WorkerMessage): void {
    if (this.settled || pw.gone) return;
    if (message.type === 'ready') {
      pw.ready = true;
      return;
    }
    const indices = pw.inFlight.get(message.batch);
    if (!indices) return;
    pw.inFlight.delete(message.batch);
    indices.forEach((index, k) => this.scan.complete(index, message.results[k]));
    if (this.scan.finished) {
      this.succeed();
    } else {
      this.dispatch(pw);
    }
  }

  /** Keeps two batches in flight per worker so it never waits for the main thread between batches. */
  private dispatch(pw: PoolWorker): void {
    while (pw.inFlight.size < 2) {
      const indices = this.takeBatch();
      if (indices.length === 0) return;
      const request: BatchRequest = { batch: this.nextBatchId++, indices };
      pw.inFlight.set(request.batch, indices);
      pw.worker.postMessage(request);
    }
  }

  /**
   * Batches shrink as the work runs out (a quarter of each worker's fair share of what is left, at most 16
   * files), so that one worker does not end up with a long queue while the other idles.
   */
  private takeBatch(): number[] {
    const left = this.requeued.length + this.scan.files.length - this.cursor;
    const size = Math.max(1, Math.min(16, Math.ceil(left / (this.workerCount * 4))));
    const batch: number[] = [];
    while (batch.length < size && this.requeued.length > 0) {
      const index = this.requeued.pop()!;
      if (this.scan.results[index] === undefined) batch.push(index);
    }
    while (batch.length < size && this.cursor < this.scan.files.length) batch.push(this.cursor++);
    return batch;
  }

  /** A worker crashed, was stopped as stuck, or could not start: blame one file, hand out the rest again. */
  private onWorkerGone(pw: PoolWorker, reason: string): void {
    if (pw.gone) return;
    pw.gone = true;
    this.workers.delete(pw);
    if (this.settled) return;
    const current = Atomics.load(pw.state, STATE_CURRENT);
    const file = current >= 0 ? ` on ${this.scan.files[current]}` : '';
    this.log(pw.timedOut ? `scan worker stuck${file}; stopped` : `scan worker ${pw.ready ? 'crashed' : 'failed to start'}${file} (${reason})`);
    for (const indices of pw.inFlight.values()) {
      for (const index of indices) {
        if (this.scan.results[index] !== undefined) continue;
        if (index === current) {
          const message = pw.timedOut
            ? `analysis took longer than ${formatSeconds(this.fileTimeoutMs)}; the file was skipped`
            : `analysis stopped the scan worker (${reason}); the file was skipped`;
          this.scan.complete(index, errorCoverage(this.scan.relativePath(index), message));
        } else {
          this.requeued.push(index);
        }
      }
    }
    pw.inFlight.clear();
    if (this.scan.finished) {
      this.succeed();
      return;
    }
    // A worker that never came up will not come up next time either (wrong script, no memory): no restart.
    if (pw.ready && this.restartsLeft > 0) {
      this.restartsLeft--;
      this.startWorker();
    }
    if (this.workers.size === 0) {
      this.log('no scan worker left; analysing the remaining files in the main thread');
      this.fallBackToMainThread();
    } else {
      for (const other of this.workers) this.dispatch(other);
    }
  }

  private log(message: string): void {
    try {
      this.onLog?.(message);
    } catch {
      // logging must not break the scan
    }
  }

  private checkStuckWorkers(): void {
    const now = Date.now();
    for (const pw of this.workers) {
      const started = Atomics.load(pw.state, STATE_STARTED);
      if (started !== pw.lastStarted || pw.inFlight.size === 0 || Atomics.load(pw.state, STATE_CURRENT) < 0) {
        pw.lastStarted = started;
        pw.lastProgressAt = now;
      } else if (now - pw.lastProgressAt > this.fileTimeoutMs && !pw.timedOut) {
        pw.timedOut = true;
        void pw.worker.terminate(); // interrupts even an endless loop; 'exit' then reports it gone
      }
    }
  }

  private fallBackToMainThread(): void {
    if (this.fallingBack || this.settled) return;
    this.fallingBack = true;
    const remaining = (): Generator<number> => this.remainingIndices();
    analyzeInMainThread(this.scan, remaining()).then(() => this.succeed(), (err: Error) => this.fail(err));
  }

  private *remainingIndices(): Generator<number> {
    while (this.requeued.length > 0) {
      const index = this.requeued.pop()!;
      if (this.scan.results[index] === undefined) yield index;
    }
    while (this.cursor < this.scan.files.length) yield this.cursor++;
  }

  private succeed(): void {
    if (this.settle()) this.resolve();
  }

  private fail(err: Error): void {
    if (this.settle()) this.reject(err);
  }

  /** Stops everything once; false if already settled. */
  private settle(): boolean {
    if (this.settled) return false;
    this.settled = true;
    clearInterval(this.watchdog);
    this.scan.signal?.removeEventListener('abort', this.onAbort);
    for (const pw of this.workers) {
      pw.worker.unref();
      void pw.worker.terminate();
    }
    this.workers.clear();
    return true;
  }
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} s` : `${ms} ms`;
}
