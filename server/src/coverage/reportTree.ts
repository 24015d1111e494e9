/**
 * The coverage report as a tree for the editor's report view: workspace folders -> files -> the definitions
 * still missing a docstring. Plain data with absolute paths and 0-based lines, so the client only draws it.
 */
import * as path from 'path';
import { pyFormatFixed } from '../python/compat/round';
import { nodePlace, percent } from './report';
import type { WorkspaceCoverageResult } from '../workspace/workspaceCoverage';

export interface ReportTreeNode {
  kind: 'folder' | 'file' | 'definition';
  label: string;
  /** Shown dimmed beside the label: the percentage and counts. */
  description: string;
  /** Absolute path of the file to open (files and definitions). */
  path?: string;
  /** 0-based line to reveal (definitions). */
  line?: number;
  children: ReportTreeNode[];
}

function percentText(totals: { total: number; covered: number }): string {
  return `${pyFormatFixed(percent(totals), 1)}%`;
}

/** Builds the tree; files are kept in the report's order, and only folders with files appear. */
export function reportTree(result: Pick<WorkspaceCoverageResult, 'root' | 'files' | 'folders'>): ReportTreeNode[] {
  const folders = result.folders.map((f) => ({ folder: f.folder, node: folderNode(f.folder, f.totals) }));
  // Innermost folder first, so a file in a nested workspace folder lands in that one.
  const byDepth = [...folders].sort((a, b) => b.folder.length - a.folder.length);
  for (const file of result.files) {
    const absolute = path.join(result.root, ...file.path.split('/'));
    const owner = byDepth.find((f) => absolute.startsWith(f.folder + path.sep)) ?? folders[0];
    if (!owner) continue;
    const missing = file.nodes.filter((n) => n.status === 'missed');
    owner.node.children.push({
      kind: 'file',
      label: path.relative(owner.folder, absolute).split(path.sep).join('/'),
      description: file.error ? file.error : `${percentText(file)} · ${file.missed} missing`,
      path: absolute,
      children: missing.map((n) => ({
        kind: 'definition' as const,
        label: n.kind === 'module' ? '(module)' : n.qualname,
        description: `${n.kind} · ${nodePlace(n)}`,
        path: absolute,
        line: Math.max(0, n.line - 1),
        children: [],
      })),
    });
  }
  return folders.map((f) => f.node).filter((n) => n.children.length > 0);
}

function folderNode(folder: string, totals: { total: number; covered: number; missed: number }): ReportTreeNode {
  return {
    kind: 'folder', label: path.basename(folder) || folder,
    description: `${percentText(totals)} · ${totals.missed} missing`, children: [],
  };
}
