/**
 * `docbits --diff BASE`: the run over the definitions a change touches. The file selection is a normal
 * run's (walk.ts: excludes, ignore-init-module, .pyi), and so is the report's root, so paths read the same;
 * then only the files git reports changed are read, and in them only the definitions the change touches
 * (coverage/changedDefinitions.ts) are counted. Untracked files under the paths are new files (counted whole);
 * with `--staged` they are not part of the change. A changed notebook counts whole (git compares its JSON). With quality options (`--check-docstrings`), the findings
 * too are those about the changed definitions.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isDir } from '../config/project';
import { changedFileCoverage, changedFindings, LineChanges } from '../coverage/changedDefinitions';
import { isNotebookPath, notebookBytesCoverage } from '../coverage/notebookCoverage';
import { checkDocstrings, Finding, QualityOptions } from '../docstrings/checks';
import { decodePython } from '../python/decode';
import { lineStarts } from '../python/lines';
import { parseStructure } from '../python/structure';
import { errorCoverage } from '../coverage/inventory';
import { CoverageOptions } from '../coverage/types';
import { DEFAULT_MAX_FILE_BYTES, readSourceFile } from './analyzeFile';
import { parseDiff } from './diffHunks';
import { changesSince, DiffBase, GitFailure } from './git';
import { childPrefix, relativeTo, scanRoot } from './paths';
import { WorkspaceScan } from './scan';
import { walkPaths } from './walk';

/**
 * The fail-under of a `--diff` run without `-f`: every changed definition documented. The project's
 * fail-under is about the whole tree, so it does not apply to a change.
 */
export const DIFF_FAIL_UNDER = 100;

const WHOLE: LineChanges = { whole: true, lines: [], deletedAfter: [] };

/** The coverage of the changed definitions under `paths` (absolute), or why git could not say what changed. */
export async function scanChanges(paths: readonly string[], options: CoverageOptions, base: DiffBase,
  hooks: { cwd?: string; quality?: QualityOptions } = {}): Promise<WorkspaceScan | GitFailure> {
  const walked = await walkPaths(paths, options, hooks);
  const root = walked.files.length > 0 ? scanRoot(walked.files) : path.resolve(hooks.cwd ?? process.cwd(), paths[0] ?? '.');
  if (walked.error) return { root, absolutePaths: [], files: [], problems: walked.problems, error: walked.error };

  const first = paths[0] ?? root;
  const changes = await changesSince(isDir(first) ? first : path.dirname(first), base, (repository) => {
    const top = realpath(repository);
    const outside = paths.find((p) => !isWithin(realpath(p), top));
    if (outside !== undefined) return { error: `${outside} is not in the git repository at ${top}` };
    return paths.map((p) => relativeTo(top, realpath(p)) || '.');
  });
  if ('error' in changes) return changes;
  const top = realpath(changes.top);
  const changed = new Map<string, LineChanges>(parseDiff(changes.diff));
  for (const file of changes.untracked) changed.set(file, WHOLE);
  const absolutePaths: string[] = [];
  const files = [];
  for (const file of walked.files) {
    // The walk starts from resolved paths and enters no symlinked folder: a file's path under the top is git's name for it.
    const fileChanges = changed.get(relativeTo(top, file));
    if (fileChanges === undefined) continue;
    const relative = relativeTo(root, file);
    const bytes = readSourceFile(file, DEFAULT_MAX_FILE_BYTES);
    absolutePaths.push(file);
    if (typeof bytes === 'string') {
      files.push(errorCoverage(relative, bytes));
      continue;
    }
    // git diffs a notebook's JSON, whose lines are not its cells' lines: a changed notebook counts whole.
    if (isNotebookPath(file)) {
      files.push(notebookBytesCoverage(bytes, relative, options));
      continue;
    }
    const coverage = changedFileCoverage(bytes, relative, options, fileChanges);
    if (hooks.quality && !coverage.error) coverage.findings = changedFindingsOf(bytes, hooks.quality, fileChanges);
    files.push(coverage);
  }
  return { root, absolutePaths, files, problems: walked.problems, error: null };
}

/**
 * `--check-docstrings` with `--diff`: the findings about the definitions the change touches, as the gate counts
 * them (undefined when the checks fail: the CLI then checks the file on its own and reports why).
 */
function changedFindingsOf(bytes: Uint8Array, quality: QualityOptions, changes: LineChanges): Finding[] | undefined {
  const decoded = decodePython(bytes);
  if (!decoded.ok) return undefined;
  try {
    const structure = parseStructure(decoded.text);
    const findings = checkDocstrings({ text: decoded.text, structure, lineStarts: lineStarts(decoded.text) }, quality);
    return changedFindings(findings, structure, changes);
  } catch {
    return undefined;
  }
}

function realpath(p: string): string {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return path.resolve(p);
  }
}

function isWithin(p: string, folder: string): boolean {
  return p === folder || p.startsWith(childPrefix(folder));
}
