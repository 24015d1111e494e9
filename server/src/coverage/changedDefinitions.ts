/**
 * `--diff`: which definitions a change touches. A definition counts when its span, from its first decorator
 * to the last line of its body, holds a changed line, or holds a place where lines were deleted (strictly
 * inside it: between two of its lines). The module's span is the whole file, so a changed file always gates
 * its module docstring, and a changed method gates its class too: both contain the change. A new file counts
 * whole.
 */
import { decodePython } from '../python/decode';
import { moduleSummary } from '../python/moduleSummary';
import { partitionPoint } from '../python/partition';
import { ModuleStructure } from '../python/structure';
import { errorCoverage, fileCoverage, inventory, FileInventory } from './inventory';
import { CoverageNode, CoverageOptions, FileCoverage } from './types';

/** The changes of one file (1-based lines of the file as it is now); workspace/diffHunks.ts reads them from git. */
export interface LineChanges {
  /** The file is new: every definition counts. */
  whole: boolean;
  /** `[first, last]` lines added or replaced. */
  lines: ReadonlyArray<readonly [number, number]>;
  /** Lines were only deleted between line N and N + 1. */
  deletedAfter: readonly number[];
}

/**
 * The changes as sorted, disjoint closed intervals on doubled line numbers: line L is the point 2L, the gap
 * after line N the point 2N + 1. A span [s, e] then holds a change when [2s, 2e] meets an interval, one
 * binary search per definition.
 */
function changeIntervals(changes: LineChanges): Array<[number, number]> {
  const raw: Array<[number, number]> = changes.lines.map(([first, last]) => [2 * first, 2 * last]);
  for (const after of changes.deletedAfter) raw.push([2 * after + 1, 2 * after + 1]);
  raw.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const interval of raw) {
    const last = merged[merged.length - 1];
    if (last !== undefined && interval[0] <= last[1] + 1) last[1] = Math.max(last[1], interval[1]);
    else merged.push([interval[0], interval[1]]);
  }
  return merged;
}

/** Whether a span of lines (1-based, inclusive) holds a change; undefined when the file has no change at all. */
function changeTest(changes: LineChanges): ((first: number, last: number) => boolean) | undefined {
  if (changes.whole) return () => true;
  const intervals = changeIntervals(changes);
  if (intervals.length === 0) return undefined;
  return (first, last) => {
    const i = partitionPoint(intervals.length, (k) => intervals[k][1] < 2 * first);
    return i < intervals.length && intervals[i][0] <= 2 * last;
  };
}

/** The nodes of an inventory whose definition a change touches (all of them for a new file). */
export function changedNodes(inv: FileInventory, changes: LineChanges): CoverageNode[] {
  const touches = changeTest(changes);
  if (touches === undefined) return [];
  const defs = inv.structure.definitions;
  return inv.nodes.filter((node, i) => {
    const def = inv.definitionOf[i];
    if (def < 0) return true; // the module holds every change
    return touches(defs[def].headerStartLine + 1, defs[def].endLine + 1);
  });
}

/**
 * The docstring-quality findings (0-based `line`, `qualname`) about definitions a change touches: a finding is
 * about the definition of its qualname whose span holds its line (the `def` line, or an attribute's docstring
 * in a class body); one about no definition belongs to the module, which holds every change.
 */
export function changedFindings<T extends { line: number; qualname: string }>(findings: readonly T[], structure: ModuleStructure, changes: LineChanges): T[] {
  const touches = changeTest(changes);
  if (touches === undefined) return [];
  const defs = structure.definitions;
  const byQualname = new Map<string, number[]>();
  const qualnames: string[] = [];
  defs.forEach((def, i) => {
    const qualname = def.parent >= 0 ? `${qualnames[def.parent]}.${def.name}` : def.name;
    qualnames.push(qualname);
    const same = byQualname.get(qualname);
    if (same) same.push(i);
    else byQualname.set(qualname, [i]);
  });
  return findings.filter((finding) => {
    const def = byQualname.get(finding.qualname)?.find((i) => defs[i].headerStartLine <= finding.line && finding.line <= defs[i].endLine);
    return def === undefined || touches(defs[def].headerStartLine + 1, defs[def].endLine + 1);
  });
}

/** The coverage of a changed file's bytes, counting only the definitions the change touches. Never throws. */
export function changedFileCoverage(bytes: Uint8Array, relativePath: string, options: CoverageOptions, changes: LineChanges): FileCoverage {
  try {
    const decoded = decodePython(bytes);
    if (!decoded.ok) return errorCoverage(relativePath, decoded.error);
    const inv = inventory(decoded.text, relativePath.slice(relativePath.lastIndexOf('/') + 1), options);
    const coverage = fileCoverage(relativePath, null, changedNodes(inv, changes), inv.skipped);
    if (options.inheritDocstrings) coverage.summary = moduleSummary(inv.structure, decoded.text);
    return coverage;
  } catch (e) {
    return errorCoverage(relativePath, `internal error: ${(e as Error).message ?? e}`);
  }
}
