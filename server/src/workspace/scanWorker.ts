/**
 * The worker side of the scan pool (see scan.ts for how the script is found and wired).
 *
 * A worker gets the whole file list once, in workerData, then batches of indices; it reads and analyses each
 * file itself and answers with one message per batch. Before each file it writes the file's index and bumps a
 * counter in a shared Int32Array, so the main thread can tell which file a crashed or stuck worker was on.
 */
import { isMainThread, parentPort, workerData } from 'worker_threads';
import { CoverageOptions, FileCoverage } from '../coverage/types';
import type { QualityOptions } from '../docstrings/checks';
import { analyzeFile } from './analyzeFile';
import { primeBeforeScan } from './warmup';
import { relativeTo } from './paths';

export const SCAN_WORKER_FLAG = 'docbitsScanWorker';

export interface ScanWorkerData {
  [SCAN_WORKER_FLAG]: true;
  files: string[];
  root: string;
  options: CoverageOptions;
  maxFileBytes: number;
  /** Also run the docstring-quality checks, with these options. */
  quality?: QualityOptions;
  /** Int32Array over it: [0] index being analysed or -1, [1] files started so far. */
  state: SharedArrayBuffer;
}

export const STATE_CURRENT = 0;
export const STATE_STARTED = 1;

export interface BatchRequest {
  batch: number;
  indices: number[];
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'results'; batch: number; results: FileCoverage[] };

/** Per-file work; swappable so tests can make a worker crash or hang on purpose. */
export type FileAnalyzer = (file: string, relativePath: string, options: CoverageOptions, maxFileBytes: number,
  quality?: QualityOptions) => FileCoverage;

let running = false;

/**
 * Turns this thread into a scan worker if it was started as one, and returns true; returns false anywhere
 * else (main thread, other workers). Entry points call it first and do nothing more when it returns true.
 * Calling it again is harmless.
 */
export function runScanWorkerIfRequested(analyze: FileAnalyzer = analyzeFile): boolean {
  if (isMainThread || !parentPort || !isScanWorkerData(workerData)) return false;
  if (running) return true;
  running = true;
  const data = workerData;
  const port = parentPort;
  const state = new Int32Array(data.state);
  port.on('message', (request: BatchRequest) => {
    const results: FileCoverage[] = [];
    for (const index of request.indices) {
      const file = data.files[index];
      Atomics.store(state, STATE_CURRENT, index);
      Atomics.add(state, STATE_STARTED, 1);
      results.push(analyze(file, relativeTo(data.root, file), data.options, data.maxFileBytes, data.quality));
      Atomics.store(state, STATE_CURRENT, -1);
    }
    const message: WorkerMessage = { type: 'results', batch: request.batch, results };
    port.postMessage(message);
  });
  primeBeforeScan(data.files.length, data.options, data.quality);
  const ready: WorkerMessage = { type: 'ready' };
  port.postMessage(ready);
  return true;
}

function isScanWorkerData(data: unknown): data is ScanWorkerData {
  return typeof data === 'object' && data !== null && (data as Record<string, unknown>)[SCAN_WORKER_FLAG] === true;
}

// Started directly as a Worker's script (the tsc build), this module serves on its own. When it is only
// imported (by scan.ts, by a bundle's entry, by a test's worker script) the importer decides.
if (require.main?.filename === __filename) runScanWorkerIfRequested();
