/**
 * Whether an open document gets diagnostics: the same file selection as a workspace scan (interrogate's
 * `exclude` patterns, the always-excluded `.venv`/`.tox`/... folders, `ignore-init-module`, `.pyi` only with
 * includeStubs, `.ipynb` unless ignoreNotebooks), so the editor never complains about a file CI does not measure. Documents without a path
 * (untitled) and Python files without a .py/.pyi name (scripts) are always checked.
 */
import * as path from 'path';
import { CoverageOptions } from '../coverage/types';
import { folderOf } from './documents';
import { effectiveExcludes, makeFileFilter } from './walk';

export function isCheckedFile(filePath: string | undefined, options: CoverageOptions, folders: readonly string[]): boolean {
  if (filePath === undefined) return true;
  const name = path.basename(filePath);
  if (!name.endsWith('.py') && !name.endsWith('.pyi') && !name.endsWith('.ipynb')) return true;
  const scannedFrom = folderOf(filePath, folders) ?? path.dirname(filePath);
  return makeFileFilter(effectiveExcludes([scannedFrom], options.exclude), options)(filePath);
}
