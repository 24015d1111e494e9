/**
 * `inherit-docstrings` in the editor: the bases of an open document's classes are followed through the
 * workspace folders' modules (coverage/inheritance.ts, python/modules.ts), reading open documents' unsaved
 * text before the disk. Summaries of other files are kept while their text (open) or size and modification
 * time (disk) stay the same, at most MAX_SUMMARIES of them; each lookup says which files it read, so that
 * the session re-checks a document when one of them changes.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { BitsHover } from '../bits/hover';
import { InheritanceContext, InheritedFrom, inheritingMethods } from '../coverage/inheritance';
import { CoverageNode } from '../coverage/types';
import { decodePython } from '../python/decode';
import { nodeModuleFileSystem, SearchRoots, searchRoots } from '../python/modules';
import { moduleSummary, ModuleSummary } from '../python/moduleSummary';
import { ModuleStructure, parseStructure } from '../python/structure';
import type { DocumentAnalysis } from './analysis';

const MAX_SUMMARIES = 2048;

/** What one document's lookup found. */
export interface InheritanceLookup {
  /** Node index -> where its docstring comes from, or `override`. */
  inheriting: Map<number, InheritedFrom | 'override'>;
  /** Every other file whose summary was asked for (real paths): a change there may change the answer. */
  readFiles: Set<string>;
  /** The search roots, to name a base's module (`pkg.base`). */
  roots: SearchRoots;
}

export class EditorInheritance {
  private roots?: { folders: readonly string[]; roots: SearchRoots };
  private readonly summaries = new Map<string, { stamp: string; text?: string; summary: ModuleSummary | undefined }>();

  /**
   * @param folders the workspace folders, read on each call (they change)
   * @param openText the unsaved text of an open document at that path, if any
   */
  constructor(private readonly folders: () => readonly string[], private readonly openText: (file: string) => string | undefined) {}

  /** The missed methods of a document (`file`, parsed as `structure`) that inherit a docstring. */
  lookup(file: string, structure: ModuleStructure, text: string, nodes: readonly CoverageNode[], maxFileSize: number): InheritanceLookup {
    const folders = this.folders();
    if (this.roots?.folders !== folders) this.roots = { folders, roots: searchRoots(folders, nodeModuleFileSystem) };
    const roots = this.roots.roots;
    const readFiles = new Set<string>();
    const self = realpath(file);
    const own = moduleSummary(structure, text);
    const ctx: InheritanceContext = {
      roots,
      files: nodeModuleFileSystem,
      summaryOf: (other) => {
        const real = realpath(other);
        if (real === self) return own;
        readFiles.add(real);
        return this.summaryOf(other, real, maxFileSize);
      },
    };
    return { inheriting: inheritingMethods(nodes, file, own, ctx), readFiles, roots };
  }

  private summaryOf(file: string, real: string, maxFileSize: number): ModuleSummary | undefined {
    const open = this.openText(file) ?? this.openText(real);
    const known = this.summaries.get(real);
    let stamp: string;
    if (open !== undefined) {
      if (known?.text === open) return known.summary;
      stamp = 'open';
    } else {
      const stat = statOf(real);
      if (stat === undefined || stat.size > maxFileSize) return undefined;
      stamp = `${stat.size}:${stat.mtimeMs}`;
      if (known !== undefined && known.text === undefined && known.stamp === stamp) return known.summary;
    }
    const text = open ?? readText(real);
    const summary = text === undefined ? undefined : moduleSummary(parseStructure(text), text);
    if (this.summaries.size >= MAX_SUMMARIES) this.summaries.clear();
    this.summaries.set(real, { stamp, ...(open !== undefined && { text: open }), summary });
    return summary;
  }
}

/** The dotted name Python imports a file by from the first root that holds it (`pkg.base`), or its path. */
function moduleNameOf(file: string, roots: SearchRoots): string {
  const real = realpath(file);
  for (const root of roots.real) {
    if (!real.startsWith(root + path.sep)) continue;
    const parts = real.slice(root.length + 1).split(path.sep);
    const last = parts.pop()!.replace(/\.pyi?$/, '');
    if (last !== '__init__') parts.push(last);
    if (parts.length > 0) return parts.join('.');
  }
  return file;
}

function realpath(file: string): string {
  return nodeModuleFileSystem.realpath(file) ?? path.resolve(file);
}

function statOf(file: string): fs.Stats | undefined {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() ? stat : undefined;
  } catch {
    return undefined;
  }
}

function readText(file: string): string | undefined {
  try {
    const decoded = decodePython(fs.readFileSync(file));
    return decoded.ok ? decoded.text : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The hover on the name of a method that inherits its docstring: where from (`Docstring inherited from
 * pkg.base.Base.run`), or that `@override` stands for it. Null elsewhere.
 */
export function inheritedHover(analysis: DocumentAnalysis, line: number, character: number): BitsHover | null {
  const inv = analysis.inventory;
  if (!analysis.inherited || !inv) return null;
  for (const [index, from] of analysis.inherited.inheriting) {
    const def = inv.structure.definitions[inv.definitionOf[index]];
    if (def === undefined || def.nameLine !== line || character < def.nameStart || character > def.nameEnd) continue;
    const markdown = from === 'override'
      ? 'No docstring needed: decorated `@override` (inherit-docstrings).'
      : `Docstring inherited from \`${moduleNameOf(from.file, analysis.inherited.roots)}.${from.qualname}\``;
    return { markdown, range: { start: { line, character: def.nameStart }, end: { line, character: def.nameEnd } } };
  }
  return null;
}
