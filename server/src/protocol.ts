/**
 * The two requests docbits adds to LSP, as the server answers them and the client (and any other editor)
 * sends them. Types and method names only: importing this module starts nothing, so the VS Code client and
 * the tests share it with the server. The README ("In the editor") and docs/editors.md describe them.
 */
export type { WorkspaceCoverageResult } from './workspace/workspaceCoverage';
import type { NotMeasuredReason } from './workspace/checkedFiles';
export type { NotMeasuredReason };

/** `docbits/fileCoverage`: the coverage of one document (open or on disk) under its current options. */
export const FILE_COVERAGE_METHOD = 'docbits/fileCoverage';

export interface FileCoverageParams {
  uri: string;
}

export interface FileCoverageResult {
  uri: string;
  total: number;
  covered: number;
  missed: number;
  excused: number;
  percent: number;
  failUnder: number;
  passed: boolean;
  /**
   * Whether the file is measured at all: false when it is excluded, outside the whitelist or too large. Its
   * counts are then all 0 and say nothing about the file.
   */
  measured: boolean;
  /**
   * Why the file is not measured (absent when it is): `excluded`, `initModule`, `stubFile`, `whitelist`,
   * `nothingCounted`, `tooLarge`, `unreadable`, `notPython` (workspace/checkedFiles.ts). Added in 0.2.
   */
  notMeasured?: NotMeasuredReason;
  /** For `tooLarge` and `unreadable`: what reading the file said, for people. */
  notMeasuredDetail?: string;
  /**
   * With `docbits.coverage.changedSince` (open documents): the definitions changed since that base, or why
   * git could not say (then every definition is flagged). Added in 0.2.
   */
  changedSince?: { base: string; total: number; missed: number } | { base: string; error: string };
  /** The per-path prefix whose threshold `failUnder` is (`"src/"`, relative to the workspace folder). Added in 0.2. */
  perPath?: string;
}

/**
 * `docbits/workspaceCoverage`: every workspace folder scanned as interrogate would scan it, unsaved editor
 * text included, reporting `$/progress` through the work-done token and honouring cancellation.
 */
export const WORKSPACE_COVERAGE_METHOD = 'docbits/workspaceCoverage';

/** The result is a WorkspaceCoverageResult: the CLI's --json object plus `folders`, `text` and `summary`. */
export interface WorkspaceCoverageParams {
  workDoneToken?: string | number;
  /**
   * false: `text` (interrogate's -vv table, 11 MB for the stdlib) is left empty. Default true. Added in 0.2.
   */
  includeText?: boolean;
  /** With `includeText`: 1 for interrogate's -v table (one row per file), 2 (default) for the -vv table. Added in 0.3. */
  verbosity?: 1 | 2;
  /**
   * The `etag` of the last answer the client holds: the answer then lists in `files` only the files that are
   * new or changed since, and in `delta.removed` the paths that are gone (coverage/reportDelta.ts
   * applyReportDelta). A `since` the server does not know gets the whole report. Added in 0.3.
   */
  since?: string;
  /**
   * With `includeText`: at most this many lines of `text` are sent (the VS Code client's output channel shows
   * 5,000); the answer's `textLinesLeftOut` counts the rest. Absent: the whole table. Added in 0.4.
   */
  maxTextLines?: number;
}
