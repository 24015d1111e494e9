/**
 * Per-path thresholds (`[tool.docbits.per-path]`, `"src/" = 95`): each file is judged by the fail-under of the
 * longest prefix its absolute path starts with (prefixes are made absolute against the config file's folder
 * when loaded); files under no prefix form one more group, judged by fail-under. A run passes when every
 * group does, so `"tests/" = 0` keeps tests out of the gate without leaving them out of the report.
 */
import { formatTable, JsonReport, passed, percent, sumTotals } from './report';
import { printable } from '../python/printable';
import { pyFloatRepr, pyFormatFixed } from '../python/compat/round';
import { FileCoverage } from './types';

export interface PathGroup {
  /** The prefix as configured (absolute), or undefined for the files under no prefix. */
  prefix: string | undefined;
  /** The prefix as the report shows it (relative to the current folder), or `other files`. */
  label: string;
  failUnder: number;
  /** The group's files (paths as in the report). */
  files: string[];
  total: number;
  covered: number;
  percent: number;
  passed: boolean;
}

/** The prefix that decides a file: the longest one it starts with. */
export function thresholdOf(absolutePath: string, perPath: ReadonlyArray<{ prefix: string; failUnder: number }>): { prefix: string; failUnder: number } | undefined {
  let best: { prefix: string; failUnder: number } | undefined;
  for (const entry of perPath) {
    if (absolutePath.startsWith(entry.prefix) && (best === undefined || entry.prefix.length > best.prefix.length)) best = entry;
  }
  return best;
}

/**
 * The groups of a run, in the configured order, the files under no prefix last (only when there are some).
 * `absolutePathOf` maps a report file to its absolute path.
 */
export function pathGroups(files: readonly FileCoverage[], absolutePathOf: (file: FileCoverage) => string,
  perPath: ReadonlyArray<{ prefix: string; failUnder: number }>, failUnder: number, labelOf: (prefix: string) => string): PathGroup[] {
  const members = new Map<string | undefined, FileCoverage[]>();
  for (const file of files) {
    const prefix = thresholdOf(absolutePathOf(file), perPath)?.prefix;
    const list = members.get(prefix);
    if (list) list.push(file);
    else members.set(prefix, [file]);
  }
  const group = (prefix: string | undefined, minimum: number): PathGroup => {
    const list = members.get(prefix) ?? [];
    const totals = sumTotals(list);
    const label = prefix === undefined ? 'other files' : labelOf(prefix) + (prefix.endsWith('/') || prefix.endsWith('\\') ? '/' : '');
    return { prefix, label, failUnder: minimum, files: list.map((f) => f.path), total: totals.total, covered: totals.covered, percent: percent(totals), passed: passed(minimum, totals) };
  };
  const groups = perPath.filter((entry, i) => perPath.findIndex((e) => e.prefix === entry.prefix) === i).map((entry) => group(entry.prefix, entry.failUnder));
  if (members.has(undefined)) groups.push(group(undefined, failUnder));
  return groups;
}

/** The groups for `--json` (`perPath`): the prefix as shown, null for the files under no prefix. */
export function jsonPathGroups(groups: readonly PathGroup[]): NonNullable<JsonReport['perPath']> {
  return groups.map((g) => ({ prefix: g.prefix === undefined ? null : g.label, failUnder: g.failUnder, files: g.files, total: g.total, covered: g.covered, percent: g.percent, passed: g.passed }));
}

/** The text report's "Per-path thresholds" table; with -vv each group lists its files. */
export function pathGroupsTable(groups: readonly PathGroup[], width: number, verbosity: number): string[] {
  const rows: string[][] = [['Path', 'Files', 'Minimum', 'Cover%', 'Result'], ['---']];
  for (const g of groups) {
    rows.push([printable(g.label), String(g.files.length), `${pyFloatRepr(g.failUnder)}%`, `${pyFormatFixed(g.percent, 1)}%`, g.passed ? 'PASSED' : 'FAILED']);
    if (verbosity >= 2) for (const file of g.files) rows.push([`  ${printable(file)}`]);
  }
  return formatTable(rows, ['left', 'right', 'right', 'right', 'right'], width);
}
