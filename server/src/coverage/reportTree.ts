/**
 * The coverage report as a tree for the editor's report view: workspace folders -> folders -> files -> the
 * definitions still missing a docstring, sorted by path, by missing count or by coverage, optionally only
 * the files below fail-under. Plain data with absolute paths and 0-based lines, so the client only draws it.
 *
 * ReportTreeModel keeps one entry per file and takes each new report incrementally: a file whose figures,
 * error and missing definitions are unchanged keeps its entry (and its definition nodes), so a report
 * re-run after one save rebuilds one file's rows, and update() says which files changed.
 * Built without recursion: folders nest as deep as the workspace does.
 */
import * as path from 'path';
import { pyFormatFixed } from '../python/compat/round';
import { groupThousands } from './coverageText';
import { thresholdOf } from './perPath';
import { nodePlace, passed, percent } from './report';
import type { JsonFile } from './report';
import type { WorkspaceCoverageResult } from '../workspace/workspaceCoverage';

export type ReportSort = 'path' | 'missing' | 'coverage';

export interface ReportViewOptions {
  sort: ReportSort;
  /** Only files below their folder's fail-under (and files that could not be read). */
  onlyBelowFailUnder: boolean;
}

export interface ReportTreeNode {
  /** Stable across reports (the view keeps what the user expanded). */
  id: string;
  kind: 'folder' | 'file' | 'definition';
  label: string;
  /** Shown dimmed beside the label: the percentage and counts, or why the file could not be read. */
  description: string;
  /** The full text of a row, for its hover (a narrow view cuts the description off). */
  tooltip: string;
  /** Absolute path: of the folder, or of the file to open (files and definitions). */
  path?: string;
  /** 0-based line to reveal (definitions). */
  line?: number;
  /** The file could not be read or decoded. */
  error?: string;
  children: ReportTreeNode[];
}

type ReportInput = Pick<WorkspaceCoverageResult, 'root' | 'files' | 'folders'>;

interface FileEntry {
  absolute: string;
  signature: string;
  file: JsonFile;
  definitions: ReportTreeNode[];
}

interface Counts {
  total: number;
  covered: number;
  missed: number;
}

/** `33.3% · 1,234 missing`: the counts as the summary writes them. */
export function countsText(totals: Counts): string {
  return `${pyFormatFixed(percent(totals), 1)}% · ${groupThousands(totals.missed)} missing`;
}

function countsTooltip(name: string, totals: Counts & { excused?: number }, failUnder: number): string {
  const excused = totals.excused ? `, ${groupThousands(totals.excused)} excused` : '';
  return `${name}\n${pyFormatFixed(percent(totals), 1)}% documented (minimum ${failUnder}%): ${groupThousands(totals.covered)} of ${groupThousands(totals.total)}, ${groupThousands(totals.missed)} missing${excused}`;
}

/** ` · 3 with findings` (the tooltip's line: `3 docstrings with findings`) when quality is checked and some have. */
function findingsText(file: JsonFile, tooltip = false): string {
  const n = file.docstringsWithFindings;
  if (!n) return '';
  return tooltip ? `\n${groupThousands(n)} docstring${n === 1 ? '' : 's'} with findings` : ` · ${groupThousands(n)} with findings`;
}

function signatureOf(file: JsonFile): string {
  const missing = file.nodes.filter((n) => n.status === 'missed').map((n) => `${n.kind}:${n.qualname}:${n.line}`);
  return JSON.stringify([file.total, file.covered, file.missed, file.excused, file.error, missing, file.docstringsWithFindings ?? null]);
}

function definitionNodes(absolute: string, file: JsonFile): ReportTreeNode[] {
  return file.nodes.filter((n) => n.status === 'missed').map((n) => {
    const label = n.kind === 'module' ? '(module)' : n.qualname;
    return {
      id: `${absolute}#${n.kind}:${n.qualname}:${n.line}`,
      kind: 'definition' as const,
      label,
      description: `${n.kind} · ${nodePlace(n)}`,
      tooltip: `${label}: ${n.kind} at ${nodePlace(n)}, no docstring`,
      path: absolute,
      line: Math.max(0, n.line - 1),
      children: [],
    };
  });
}

/** A folder being built: its subfolders by name, its files, its sums. */
interface FolderBuild {
  node: ReportTreeNode;
  totals: Counts;
  failUnder: number;
  folders: Map<string, FolderBuild>;
  files: ReportTreeNode[];
  fileCounts: Map<ReportTreeNode, Counts>;
}

export class ReportTreeModel {
  private entries = new Map<string, FileEntry>();
  private report?: ReportInput;

  /** Takes a new report; returns the absolute paths of files added, changed and removed since the last one. */
  update(result: ReportInput): { added: string[]; changed: string[]; removed: string[] } {
    const next = new Map<string, FileEntry>();
    const added: string[] = [];
    const changed: string[] = [];
    for (const file of result.files) {
      const absolute = path.join(result.root, ...file.path.split('/'));
      const signature = signatureOf(file);
      const old = this.entries.get(absolute);
      if (old && old.signature === signature) {
        next.set(absolute, old);
        continue;
      }
      (old ? changed : added).push(absolute);
      next.set(absolute, { absolute, signature, file, definitions: definitionNodes(absolute, file) });
    }
    const removed = [...this.entries.keys()].filter((absolute) => !next.has(absolute));
    this.entries = next;
    this.report = result;
    return { added, changed, removed };
  }

  /** The tree under these view options: workspace folders with files, folders nested, chains compacted. */
  roots(options: ReportViewOptions): ReportTreeNode[] {
    const report = this.report;
    if (!report) return [];
    const workspaceFolders = report.folders.map((f) => newFolder(f.folder, path.basename(f.folder) || f.folder, f.failUnder));
    // Innermost workspace folder first, so a file in a nested workspace folder lands in that one.
    const byDepth = [...workspaceFolders].sort((a, b) => (b.node.path ?? '').length - (a.node.path ?? '').length);
    for (const entry of this.entries.values()) {
      const owner = byDepth.find((f) => entry.absolute.startsWith((f.node.path ?? '') + path.sep)) ?? workspaceFolders[0];
      if (!owner) continue;
      const { file } = entry;
      // A per-path threshold ([tool.docbits.per-path]) decides the file's own minimum.
      const ownerReport = report.folders.find((f) => f.folder === owner.node.path);
      const perPath = thresholdOf(entry.absolute, ownerReport?.perPath ?? []);
      const minimum = perPath?.failUnder ?? owner.failUnder;
      if (options.onlyBelowFailUnder && !file.error && passed(minimum, file)) continue;
      const parts = path.relative(owner.node.path ?? '', entry.absolute).split(path.sep);
      let folder = owner;
      for (const part of parts.slice(0, -1)) {
        let child = folder.folders.get(part);
        if (!child) {
          child = newFolder(`${folder.node.path ?? ''}${path.sep}${part}`, part, owner.failUnder);
          folder.folders.set(part, child);
        }
        folder = child;
      }
      const name = parts[parts.length - 1];
      const node: ReportTreeNode = {
        id: entry.absolute, kind: 'file', label: name,
        description: file.error ? `not measured: ${file.error}` : countsText(file) + findingsText(file),
        tooltip: file.error ? `${entry.absolute}\nnot measured: ${file.error}`
          : countsTooltip(entry.absolute, file, minimum) + (perPath ? `\nthe minimum of per-path ${perPathLabel(ownerReport?.perPathFolder ?? owner.node.path ?? '', perPath.prefix)}` : '') + findingsText(file, true),
        path: entry.absolute, children: entry.definitions,
        ...(file.error ? { error: file.error } : {}),
      };
      folder.files.push(node);
      folder.fileCounts.set(node, file);
    }
    return workspaceFolders.map((f) => finish(f, options)).filter((n): n is ReportTreeNode => n !== undefined);
  }
}

function newFolder(absolute: string, label: string, failUnder: number): FolderBuild {
  return {
    node: { id: absolute, kind: 'folder', label, description: '', tooltip: '', path: absolute, children: [] },
    totals: { total: 0, covered: 0, missed: 0 }, failUnder, folders: new Map(), files: [], fileCounts: new Map(),
  };
}

/**
 * Sums, sorts and compacts the folders under `top` bottom-up (an explicit stack, no recursion); undefined
 * when nothing is left in it.
 */
function finish(top: FolderBuild, options: ReportViewOptions): ReportTreeNode | undefined {
  const order: FolderBuild[] = [];
  const stack = [top];
  while (stack.length > 0) {
    const folder = stack.pop()!;
    order.push(folder);
    for (const child of folder.folders.values()) stack.push(child);
  }
  const counts = new Map<ReportTreeNode, Counts>();
  for (let i = order.length - 1; i >= 0; i--) { // children before their parents
    const folder = order[i];
    const totals = folder.totals;
    for (const [, c] of folder.fileCounts) add(totals, c);
    const subfolders: ReportTreeNode[] = [];
    for (const child of folder.folders.values()) {
      if (child.node.children.length === 0) continue;
      add(totals, child.totals);
      subfolders.push(compact(child));
      counts.set(subfolders[subfolders.length - 1], child.totals);
    }
    for (const [node, c] of folder.fileCounts) counts.set(node, c);
    folder.node.children = [...sorted(subfolders, counts, options.sort), ...sorted(folder.files, counts, options.sort)];
    folder.node.description = countsText(totals);
    folder.node.tooltip = countsTooltip(folder.node.path ?? folder.node.label, totals, folder.failUnder);
  }
  return top.node.children.length > 0 ? top.node : undefined;
}

/** A folder whose only child is a folder shows as one row, `a/b/c`, as the Explorer's compact folders do. */
function compact(folder: FolderBuild): ReportTreeNode {
  const node = folder.node;
  while (node.children.length === 1 && node.children[0].kind === 'folder') {
    const only = node.children[0];
    node.label = `${node.label}/${only.label}`;
    node.id = only.id;
    node.tooltip = only.tooltip;
    node.path = only.path;
    node.children = only.children;
  }
  return node;
}

function add(into: Counts, c: Counts): void {
  into.total += c.total;
  into.covered += c.covered;
  into.missed += c.missed;
}

/** Folders first, then files; within each, by the chosen key, ties by name (code-point order, as interrogate lists paths). */
function sorted(nodes: ReportTreeNode[], counts: ReadonlyMap<ReportTreeNode, Counts>, sort: ReportSort): ReportTreeNode[] {
  const byName = (a: ReportTreeNode, b: ReportTreeNode): number => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
  const key = (n: ReportTreeNode): number => {
    const c = counts.get(n) ?? { total: 0, covered: 0, missed: 0 };
    if (sort === 'missing') return -c.missed;
    if (sort === 'coverage') return n.error ? -1 : percent(c);
    return 0;
  };
  return nodes.sort((a, b) => key(a) - key(b) || byName(a, b));
}

/** The whole tree of one report (for callers that keep no model). */
export function reportTree(result: ReportInput, options: ReportViewOptions = { sort: 'path', onlyBelowFailUnder: false }): ReportTreeNode[] {
  const model = new ReportTreeModel();
  model.update(result);
  return model.roots(options);
}

/** A per-path prefix as the user wrote it: relative to `folder` (the config file's), a folder prefix ending in `/`. */
export function perPathLabel(folder: string, prefix: string): string {
  const relative = path.relative(folder, prefix).split(path.sep).join('/');
  return /[\\/]$/.test(prefix) ? `"${relative}/"` : `"${relative}"`;
}
