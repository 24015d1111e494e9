/**
 * One file from disk to its coverage, never throwing: the same function runs in the scan workers and, for
 * small runs or as a fallback, in the main thread. A file that cannot be read becomes a FileCoverage with
 * `error` set and no nodes (README, "`--json`"). With quality options, the docstring checks run on the same
 * parse and their findings come with the coverage.
 */
import * as fs from 'fs';
import { analyzeBytes, errorCoverage, textCoverage } from '../coverage/inventory';
import { isNotebookPath, notebookBytesCoverage, notebookModuleCoverage } from '../coverage/notebookCoverage';
import { CoverageOptions, FileCoverage } from '../coverage/types';
import { checkDocstrings, QualityOptions } from '../docstrings/checks';
import { notebookFindings } from '../docstrings/checks/notebook';
import { decodePython } from '../python/decode';
import { lineStarts } from '../python/lines';
import type { NotebookModule } from '../python/notebook';
import { parseStructure } from '../python/structure';
import { describeFsError } from './walk';

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

export function analyzeFile(file: string, relativePath: string, options: CoverageOptions,
  maxFileBytes = DEFAULT_MAX_FILE_BYTES, quality?: QualityOptions): FileCoverage {
  // The bytes only live until they are decoded, so one scratch buffer serves every file of a scan.
  const read = readSourceFile(file, maxFileBytes, scratch);
  if (typeof read === 'string') return errorCoverage(relativePath, read);
  try {
    if (isNotebookPath(relativePath)) {
      return notebookBytesCoverage(read, relativePath, options, quality && ((module) => notebookQualityCoverage(module, relativePath, options, quality)));
    }
    return quality ? qualityCoverage(read, relativePath, options, quality) : analyzeBytes(read, relativePath, options);
  } catch (err) {
    // analyzeBytes promises not to throw; if it ever does, only this file is lost.
    return errorCoverage(relativePath, `analysis failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** A Python file's coverage and its docstring findings, from one decode and one parse. */
export function qualityCoverage(bytes: Uint8Array, relativePath: string, options: CoverageOptions, quality: QualityOptions): FileCoverage {
  const decoded = decodePython(bytes);
  return decoded.ok ? qualityTextCoverage(decoded.text, relativePath, options, quality) : errorCoverage(relativePath, decoded.error);
}

/** The same for a text (an editor's unsaved one). */
export function qualityTextCoverage(text: string, relativePath: string, options: CoverageOptions, quality: QualityOptions): FileCoverage {
  const structure = parseStructure(text);
  const coverage = textCoverage(text, relativePath, options, structure);
  coverage.findings = checkDocstrings({ text, structure, lineStarts: lineStarts(text) }, quality);
  return coverage;
}

/**
 * A notebook's coverage and its docstring findings (each placed in its cell, as the nodes are), from one parse
 * of its module: the CLI's `--check-docstrings` and the editor's workspace report (`docstringsWithFindings`).
 */
export function notebookQualityCoverage(module: NotebookModule, relativePath: string, options: CoverageOptions, quality: QualityOptions): FileCoverage {
  const structure = parseStructure(module.text);
  const coverage = notebookModuleCoverage(module, relativePath, options, structure);
  coverage.findings = notebookFindings(module, quality, structure);
  return coverage;
}

/** Reused between files by analyzeFile: a scan reads thousands of files, one at a time per thread. */
const scratch = { buffer: Buffer.allocUnsafe(0) };

/**
 * The file's bytes, or why they cannot be had. Opened non-blocking so that a FIFO named `x.py` (os.walk lists
 * it as a file) cannot hang the scan; checked with fstat on the open descriptor, so the checks and the read see
 * the same file.
 */
export function readSourceFile(file: string, maxFileBytes: number, reuse?: { buffer: Buffer }): Uint8Array | string {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (err) {
    return describeReadError(err);
  }
  try {
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) return 'cannot read file: it is a directory';
    if (!st.isFile()) return 'cannot read file: not a regular file';
    if (st.size > maxFileBytes) return tooLarge(st.size, maxFileBytes);
    return readAll(fd, st.size, maxFileBytes, reuse);
  } catch (err) {
    return describeReadError(err);
  } finally {
    try { fs.closeSync(fd); } catch { /* nothing left to do */ }
  }
}

/**
 * Reads to the end of the file: the size from fstat is only a hint, the file may change while we read. With
 * `reuse`, reads into its buffer (grown as needed) and returns a view of it, valid until the next read.
 */
function readAll(fd: number, expected: number, maxFileBytes: number, reuse?: { buffer: Buffer }): Uint8Array | string {
  let first: Buffer;
  if (reuse) {
    if (reuse.buffer.length < expected + 1) reuse.buffer = Buffer.allocUnsafe(Math.max(expected + 1, 2 * reuse.buffer.length, 256 * 1024));
    first = reuse.buffer;
  } else first = Buffer.allocUnsafe(expected + 1);
  let length = 0;
  for (;;) {
    const n = fs.readSync(fd, first, length, first.length - length, null);
    if (n === 0) return length > maxFileBytes ? tooLarge(length, maxFileBytes) : first.subarray(0, length);
    length += n;
    if (length === first.length) break; // grew past what fstat said
  }
  const parts: Buffer[] = [first];
  let total = length;
  for (;;) {
    if (total > maxFileBytes) return tooLarge(total, maxFileBytes);
    const chunk = Buffer.allocUnsafe(64 * 1024);
    const n = fs.readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) return Buffer.concat(parts, total);
    parts.push(chunk.subarray(0, n));
    total += n;
  }
}

function describeReadError(err: unknown): string {
  const { message, code } = describeFsError(err);
  if (code === 'ENOENT') return VANISHED;
  if (code === 'EACCES' || code === 'EPERM') return `cannot read file: permission denied (${code})`;
  if (code === 'EISDIR') return 'cannot read file: it is a directory';
  return `cannot read file: ${message}`;
}

const VANISHED = 'cannot read file: it no longer exists (ENOENT)';

/** Whether a FileCoverage's `error` says there is no such file. */
export function isVanishedError(error: string): boolean {
  return error === VANISHED;
}

/** Whether a FileCoverage's `error` says the file is over docbits.maxFileSize (tooLarge's words). */
export function isTooLargeError(error: string): boolean {
  return error.endsWith(TOO_LARGE_SUFFIX);
}

const TOO_LARGE_SUFFIX = ' limit (docbits.maxFileSize)';

function tooLarge(size: number, limit: number): string {
  let shown = formatBytes(size);
  if (shown === formatBytes(limit)) shown = `${size} bytes`; // "10 MB, larger than the 10 MB limit" says nothing
  return `file is ${shown}, larger than the ${formatBytes(limit)}${TOO_LARGE_SUFFIX}`;
}

/** 10485760 -> "10 MB", 1536 -> "1.5 KB" (binary units, as editors show file sizes). */
export function formatBytes(bytes: number): string {
  const units: Array<[number, string]> = [[1024 * 1024 * 1024, 'GB'], [1024 * 1024, 'MB'], [1024, 'KB']];
  for (const [size, unit] of units) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  }
  return `${bytes} bytes`;
}
