/**
 * `inherit-docstrings` over a whole run: the scan's files carry their module summaries (computed in the scan
 * workers), and the bases they name are followed through the project's modules (python/modules.ts), reading
 * any module the scan did not cover (each once, bounded like a scanned file). File-system answers are cached
 * for the run.
 */
import * as path from 'path';
import { decodePython } from '../python/decode';
import { ModuleFileSystem, nodeModuleFileSystem, searchRoots } from '../python/modules';
import { moduleSummary, ModuleSummary } from '../python/moduleSummary';
import { parseStructure } from '../python/structure';
import { InheritanceContext, withInheritedDocstrings } from '../coverage/inheritance';
import { FileCoverage } from '../coverage/types';
import { DEFAULT_MAX_FILE_BYTES, readSourceFile } from './analyzeFile';

/** The file system with every answer remembered: one run asks about the same folders again and again. */
function cachedFileSystem(files: ModuleFileSystem): ModuleFileSystem {
  const kinds = new Map<string, 'file' | 'dir' | undefined>();
  const reals = new Map<string, string | undefined>();
  return {
    kind(p) {
      if (!kinds.has(p)) kinds.set(p, files.kind(p));
      return kinds.get(p);
    },
    realpath(p) {
      if (!reals.has(p)) reals.set(p, files.realpath(p));
      return reals.get(p);
    },
  };
}

/** A module's summary from disk, or undefined when it cannot be read or decoded. */
function readSummary(file: string): ModuleSummary | undefined {
  const bytes = readSourceFile(file, DEFAULT_MAX_FILE_BYTES);
  if (typeof bytes === 'string') return undefined;
  const decoded = decodePython(bytes);
  if (!decoded.ok) return undefined;
  return moduleSummary(parseStructure(decoded.text), decoded.text);
}

/**
 * The files with their inheriting methods marked `inherited` (parallel to `absolutePaths`). Imports are
 * searched in `projectFolders` (each with its `src/` layout).
 */
export function applyInheritedDocstrings(files: readonly FileCoverage[], absolutePaths: readonly string[], projectFolders: readonly string[]): FileCoverage[] {
  const fileSystem = cachedFileSystem(nodeModuleFileSystem);
  const key = (file: string): string => fileSystem.realpath(file) ?? path.resolve(file);
  const summaries = new Map<string, ModuleSummary | undefined>();
  files.forEach((f, i) => { if (f.summary) summaries.set(key(absolutePaths[i]), f.summary); });
  const ctx: InheritanceContext = {
    // A project root found at `/` (no marker upwards) would search the whole disk: only real project folders count.
    roots: searchRoots(projectFolders.filter((f) => path.dirname(f) !== f), fileSystem),
    files: fileSystem,
    summaryOf(file) {
      const k = key(file);
      if (!summaries.has(k)) summaries.set(k, readSummary(file));
      return summaries.get(k);
    },
  };
  return files.map((f, i) => (f.summary && f.missed > 0 ? withInheritedDocstrings(f, absolutePaths[i], f.summary, ctx) : f));
}
