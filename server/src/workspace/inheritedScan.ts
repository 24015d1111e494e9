/**
 * `inherit-docstrings` over a whole run: the scan's files carry their module summaries (computed in the scan
 * workers), and the bases they name are followed through the project's modules (python/modules.ts), reading
 * any module the scan did not cover (each once, bounded like a scanned file). File-system answers are cached
 * for the run.
 */
import * as fs from 'fs';
import * as path from 'path';
import { decodePython } from '../python/decode';
import { ModuleFileSystem, nodeModuleFileSystem, searchRoots } from '../python/modules';
import { moduleSummary, ModuleSummary } from '../python/moduleSummary';
import { parseStructure } from '../python/structure';
import { InheritanceContext, withInheritedDocstrings } from '../coverage/inheritance';
import { FileCoverage } from '../coverage/types';
import { DEFAULT_MAX_FILE_BYTES, readSourceFile } from './analyzeFile';

/**
 * The file system with every answer remembered: one run asks about the same folders again and again. A file
 * that is no symlink itself (lstat says so) is its folder's real path plus its name: one native realpath per
 * folder, not per file (glibc's realpath looks at every component of the path, which was a tenth of a run).
 */
function cachedFileSystem(): ModuleFileSystem {
  const kinds = new Map<string, 'file' | 'dir' | undefined>();
  const notLinks = new Set<string>();
  const reals = new Map<string, string | undefined>();
  const nativeRealpath = (p: string): string | undefined => {
    if (!reals.has(p)) reals.set(p, nodeModuleFileSystem.realpath(p));
    return reals.get(p);
  };
  return {
    kind(p) {
      if (kinds.has(p)) return kinds.get(p);
      let kind: 'file' | 'dir' | undefined;
      try {
        const stat = fs.lstatSync(p, { throwIfNoEntry: false });
        if (stat?.isSymbolicLink()) kind = nodeModuleFileSystem.kind(p);
        else {
          kind = stat?.isFile() ? 'file' : stat?.isDirectory() ? 'dir' : undefined;
          if (kind === 'file') notLinks.add(p);
        }
      } catch {
        kind = undefined;
      }
      kinds.set(p, kind);
      return kind;
    },
    realpath(p) {
      if (!notLinks.has(p)) return nativeRealpath(p);
      const folder = nativeRealpath(path.dirname(p));
      return folder === undefined ? undefined : path.join(folder, path.basename(p));
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
  const fileSystem = cachedFileSystem();
  // The scan's summaries by path; a module reached by another path (a symlink) is looked up by its real path,
  // and one the scan did not cover is read once.
  const scanned = new Map<string, ModuleSummary>();
  files.forEach((f, i) => { if (f.summary) scanned.set(path.resolve(absolutePaths[i]), f.summary); });
  const byRealPath = new Map<string, ModuleSummary | undefined>();
  const ctx: InheritanceContext = {
    // A project root found at `/` (no marker upwards) would search the whole disk: only real project folders count.
    roots: searchRoots(projectFolders.filter((f) => path.dirname(f) !== f), fileSystem),
    files: fileSystem,
    summaryOf(file) {
      const direct = scanned.get(path.resolve(file));
      if (direct !== undefined) return direct;
      const real = fileSystem.realpath(file) ?? path.resolve(file);
      if (!byRealPath.has(real)) byRealPath.set(real, scanned.get(real) ?? readSummary(file));
      return byRealPath.get(real);
    },
  };
  return files.map((f, i) => (f.summary && f.missed > 0 ? withInheritedDocstrings(f, absolutePaths[i], f.summary, ctx) : f));
}
