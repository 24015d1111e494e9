/**
 * Whether an open document gets diagnostics: the same file selection as a workspace scan (interrogate's
 * `exclude` patterns, the always-excluded `.venv`/`.tox`/... folders, `ignore-init-module`, `.pyi` only with
 * includeStubs, `.ipynb` unless ignoreNotebooks), so the editor never complains about a file CI does not measure. Documents without a path
 * (untitled) and Python files without a .py/.pyi name (scripts) are always checked.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isNotebookPath } from '../coverage/notebookCoverage';
import { CoverageOptions } from '../coverage/types';
import { folderOf } from './documents';
import { effectiveExcludes, excludesAsOpened, makeFileFilter, VALID_EXTENSIONS } from './walk';

/**
 * Why a file is not measured, for people (the status bar says it): left out by the file selection
 * (`excluded`, `initModule`, `stubFile`), nothing in it counts (`whitelist`: whitelist-regex matches none of
 * its names; `nothingCounted`: e.g. an empty module under ignore-module), `tooLarge` (docbits.maxFileSize),
 * `unreadable` (cannot be read or decoded) or `notPython` (a file on disk without a Python name).
 */
export type NotMeasuredReason = 'excluded' | 'initModule' | 'stubFile' | 'whitelist' | 'nothingCounted' | 'tooLarge' | 'unreadable' | 'notPython';

/** A name the walk would pick up (`.py`, `.pyi`, `.ipynb`); other files are measured only when open as Python. */
export function isPythonFileName(filePath: string): boolean {
  return VALID_EXTENSIONS.some((ext) => filePath.endsWith(ext)) || isNotebookPath(filePath);
}

/**
 * Why the file selection leaves the file out, or undefined when it is selected. In a workspace opened through a
 * symlink, the project's excludes also match under the path the file was opened by (excludesAsOpened).
 */
export function selectionReason(
  filePath: string | undefined, options: CoverageOptions, folders: readonly string[], realPathOf: (p: string) => string = realPathOrSelf,
): NotMeasuredReason | undefined {
  if (filePath === undefined) return undefined;
  if (!isPythonFileName(filePath)) return undefined;
  const name = path.basename(filePath);
  if (name.endsWith('.pyi') && !options.includeStubs) return 'stubFile';
  if (name === '__init__.py' && options.ignoreInitModule) return 'initModule';
  const scannedFrom = folderOf(filePath, folders) ?? path.dirname(filePath);
  const excludes = excludesAsOpened(options.exclude, scannedFrom, realPathOf(scannedFrom));
  return makeFileFilter(effectiveExcludes([scannedFrom], excludes), options)(filePath) ? undefined : 'excluded';
}

/** A folder's real path, or the path itself when it cannot be resolved (gone, unreadable). */
export function realPathOrSelf(p: string): string {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return p;
  }
}

export function isCheckedFile(filePath: string | undefined, options: CoverageOptions, folders: readonly string[]): boolean {
  return selectionReason(filePath, options, folders) === undefined;
}

/** Why a selected file that interrogate leaves out (nothing in it counts) is not measured. */
export function skippedReason(options: CoverageOptions): NotMeasuredReason {
  return options.whitelistRegex.length > 0 ? 'whitelist' : 'nothingCounted';
}
