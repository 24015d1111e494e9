/**
 * The docstring inventory: which definitions of a file count, and whether each is covered, missed or
 * excused, with interrogate's semantics (see the README's "Differences from interrogate").
 * The only code that decides "documented"; the editor, the status bar, the report and the CLI all read it.
 */
import { decodePython } from '../python/decode';
import { Definition, ModuleStructure, parseStructure } from '../python/structure';
import { assignMarkers, MarkerAssignment } from './markers';
import { moduleSummary } from '../python/moduleSummary';
import { compileNameRegex } from '../python/compat/regex';
import { CoverageNode, CoverageOptions, FileCoverage, MarkerHit, NodeKind } from './types';
import { detached } from '../python/detached';
import { objectArray } from '../python/objectArray';

/** The inventory of one file, with the parsed structure for callers that need positions (the server). */
export interface FileInventory {
  structure: ModuleStructure;
  nodes: CoverageNode[];
  /** Index into structure.definitions for each node (-1 for the module). */
  definitionOf: number[];
  /** Markers on documented definitions: they excuse nothing and can be removed. */
  unnecessaryMarkers: MarkerHit[];
  /** interrogate leaves a file out entirely when nothing in it is counted (e.g. empty + ignore-module). */
  skipped: boolean;
}

interface Candidate {
  def: number;
  parent: number; // index into candidates, -1 = module
  kind: NodeKind;
  /** The definition's name, detached from the file's text (see detached()). */
  name: string;
  qualname: string;
  level: number;
  covered: boolean;
}

/**
 * Whether any of the patterns matches a name from its start (Python's re.match). Patterns that cannot be
 * compiled are left out here: whoever reads the configuration reports them (config.ts, cli.ts).
 * A class, not a closure per inventory: a call through a new closure throws away the optimised code of its
 * caller (V8's "wrong call target"), in every file's inventory until V8 gives up on that call site.
 */
class NameMatcher {
  private readonly regexes: RegExp[];

  constructor(patterns: string[]) {
    this.regexes = patterns.length === 0 ? []
      : patterns.map(compileNameRegex).filter((r): r is RegExp => r instanceof RegExp);
  }

  matches(name: string): boolean {
    const regexes = this.regexes;
    for (let i = 0; i < regexes.length; i++) if (regexes[i].test(name)) return true;
    return false;
  }
}

/** Coverage of a file's text. `fileName` is the base name interrogate shows for the module. */
export function inventory(text: string, fileName: string, options: CoverageOptions): FileInventory {
  return inventoryOf(parseStructure(text), fileName, options);
}

/** Coverage of a file already parsed (the server parses each document version once and reuses it). */
export function inventoryOf(structure: ModuleStructure, fileName: string, options: CoverageOptions): FileInventory {
  const defs = structure.definitions;
  const candidates = visitDefinitions(defs, options);
  const kept = fileFilters(candidates, options);
  if (kept === null) return { structure, nodes: [], definitionOf: [], unnecessaryMarkers: [], skipped: true };
  if (options.docstringStyle === 'google') pairInitWithClass(defs, candidates, kept);
  return { structure, ...coverageNodes(structure, candidates, kept, fileName, options), skipped: false };
}

/** 1. interrogate's visitor: every definition it counts; an ignored class or function drops its whole subtree. */
function visitDefinitions(defs: Definition[], options: CoverageOptions): Candidate[] {
  const ignoreRegex = new NameMatcher(options.ignoreRegex);
  const candidates: Candidate[] = objectArray();
  const candidateOf = new Int32Array(defs.length).fill(-1);
  const dropped = new Uint8Array(defs.length);
  for (let i = 0; i < defs.length; i++) {
    const def = defs[i];
    if ((def.parent >= 0 && dropped[def.parent]) || isIgnored(def, options, ignoreRegex)) {
      dropped[i] = 1;
      continue;
    }
    const parent = def.parent >= 0 ? candidateOf[def.parent] : -1;
    const parentCandidate = parent >= 0 ? candidates[parent] : undefined;
    const kind: NodeKind = def.keyword === 'class' ? 'class' : parentCandidate?.kind === 'class' ? 'method' : 'function';
    candidateOf[i] = candidates.length;
    const name = detached(def.name);
    candidates.push({
      def: i,
      parent,
      kind,
      name,
      qualname: parentCandidate ? `${parentCandidate.qualname}.${name}` : name,
      level: parentCandidate ? parentCandidate.level + 1 : 1,
      covered: def.docstring !== null && !def.docstring.blank,
    });
  }
  return candidates;
}

/**
 * 2. interrogate's file-level filters: the indices of the candidates that stay, or null when interrogate
 * leaves the whole file out.
 */
function fileFilters(candidates: Candidate[], options: CoverageOptions): number[] | null {
  if (candidates.length === 0 && options.ignoreModule) return null;
  let kept = candidates.map((_, i) => i);
  if (options.whitelistRegex.length > 0) {
    const whitelist = new NameMatcher(options.whitelistRegex);
    kept = kept.filter((i) => whitelist.matches(candidates[i].name));
    if (kept.length === 0) return null;
  }
  const isFunctionKind = (c: Candidate | undefined): boolean => c !== undefined && c.kind !== 'class';
  if (options.ignoreNestedFunctions) {
    // interrogate misses functions nested in `async def`; we treat both kinds of function alike.
    kept = kept.filter((i) => !(isFunctionKind(candidates[i]) && isFunctionKind(candidates[candidates[i].parent])));
  }
  if (options.ignoreNestedClasses) {
    // A class inside a class or function goes, with everything inside it (interrogate drops only its
    // direct children, leaving deeper ones orphaned).
    const inNestedClass = new Uint8Array(candidates.length);
    candidates.forEach((c, i) => {
      const nested = c.kind === 'class' && c.parent >= 0;
      inNestedClass[i] = nested || (c.parent >= 0 && inNestedClass[c.parent] === 1) ? 1 : 0;
    });
    kept = kept.filter((i) => inNestedClass[i] === 0);
  }
  return kept;
}

/**
 * Google style: a class and its __init__ document each other. Only a `def __init__`: interrogate looks for
 * ast.FunctionDef, so an `async def __init__` (which Python cannot call as an initializer anyway) pairs with nothing.
 */
function pairInitWithClass(defs: Definition[], candidates: Candidate[], kept: number[]): void {
  for (const i of kept) {
    const c = candidates[i];
    const parent = candidates[c.parent];
    if (c.kind !== 'method' || c.name !== '__init__' || !parent || defs[c.def].isAsync) continue;
    if (!c.covered && parent.covered) c.covered = true;
    else if (c.covered && !parent.covered) parent.covered = true;
  }
}

/** 3. Skip comments, then the nodes: the module first, then the kept definitions in source order. */
function coverageNodes(structure: ModuleStructure, candidates: Candidate[], kept: number[], fileName: string,
  options: CoverageOptions): Pick<FileInventory, 'nodes' | 'definitionOf' | 'unnecessaryMarkers'> {
  const defs = structure.definitions;
  const markers = assignMarkers(defs, structure.comments, options.markers);
  const unnecessaryMarkers: MarkerHit[] = objectArray();
  const moduleCovered = structure.docstring !== null && !structure.docstring.blank;
  const moduleNode: CoverageNode = {
    kind: 'module', name: fileName, qualname: fileName, line: 1, column: 0, level: 0,
    status: moduleCovered ? 'covered' : 'missed', counted: !options.ignoreModule,
  };
  applyMarker(moduleNode, markers.module, markers, unnecessaryMarkers);
  const nodes: CoverageNode[] = [moduleNode];
  const definitionOf = [-1];
  for (let k = 0; k < kept.length; k++) {
    const c = candidates[kept[k]];
    const def = defs[c.def];
    const node: CoverageNode = {
      kind: c.kind, name: c.name, qualname: c.qualname, line: def.line + 1, column: def.column, level: c.level,
      status: c.covered ? 'covered' : 'missed', counted: true,
    };
    applyMarker(node, markers.byDefinition.get(c.def), markers, unnecessaryMarkers);
    nodes.push(node);
    definitionOf.push(c.def);
  }
  return { nodes, definitionOf, unnecessaryMarkers };
}

function applyMarker(node: CoverageNode, own: MarkerHit & { docstringSpecific?: boolean } | undefined,
  markers: MarkerAssignment, unnecessary: MarkerHit[]): void {
  if (node.status === 'missed') {
    const marker = own ?? markers.file;
    if (marker) {
      node.status = 'excused';
      node.marker = strip(marker);
    }
  } else if (own && own.docstringSpecific) {
    node.marker = strip(own);
    unnecessary.push(node.marker);
  }
}

function strip(marker: MarkerHit): MarkerHit {
  return { line: marker.line, start: marker.start, end: marker.end, text: detached(marker.text) };
}

/** interrogate's per-definition ignore rules (visit.py). */
function isIgnored(def: Definition, options: CoverageOptions, ignoreRegex: NameMatcher): boolean {
  const name = def.name;
  if (def.keyword === 'def') {
    const isMagic = name.startsWith('__') && name.endsWith('__') && name !== '__init__';
    if (options.ignoreInitMethod && name === '__init__') return true;
    if (options.ignoreMagic && isMagic) return true;
    const decorators = def.decorators;
    if (options.ignorePropertyDecorators && decorators.some((d) =>
      (d.shape === 'name' && d.name === 'property') || (d.shape === 'attribute' && (d.name === 'setter' || d.name === 'deleter')))) {
      return true;
    }
    if (options.ignoreSetters && decorators.some((d) => d.shape === 'attribute' && d.name === 'setter')) return true;
    if (options.ignoreOverloadedFunctions && decorators.some((d) =>
      (d.shape === 'name' && d.name === 'overload') || (d.shape === 'attribute' && d.name === 'overload' && d.base === 'typing'))) {
      return true;
    }
  }
  const isPrivate = name.startsWith('__') && !name.endsWith('__');
  const isSemiprivate = name.startsWith('_') && !name.startsWith('__') && !name.endsWith('__');
  if (options.ignorePrivate && isPrivate) return true;
  if (options.ignoreSemiprivate && isSemiprivate) return true;
  return ignoreRegex.matches(name);
}

/** Totals of a file's nodes: excused nodes are outside total = covered + missed. */
export function countNodes(nodes: CoverageNode[]): { total: number; covered: number; missed: number; excused: number } {
  let covered = 0, missed = 0, excused = 0;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (!node.counted) continue;
    if (node.status === 'covered' || node.status === 'inherited') covered++;
    else if (node.status === 'missed') missed++;
    else excused++;
  }
  return { total: covered + missed, covered, missed, excused };
}

/** Coverage of one file from its bytes (decoded per PEP 263). Never throws: problems become `error`. */
export function analyzeBytes(bytes: Uint8Array, relativePath: string, options: CoverageOptions): FileCoverage {
  try {
    const decoded = decodePython(bytes);
    if (!decoded.ok) return errorCoverage(relativePath, decoded.error);
    return textCoverage(decoded.text, relativePath, options);
  } catch (e) {
    return errorCoverage(relativePath, `internal error: ${(e as Error).message ?? e}`);
  }
}

/** Coverage of a file's text (already decoded, or unsaved in an editor); `structure` when it is parsed already. */
export function textCoverage(text: string, relativePath: string, options: CoverageOptions,
  structure: ModuleStructure = parseStructure(text)): FileCoverage {
  const result = inventoryOf(structure, relativePath.slice(relativePath.lastIndexOf('/') + 1), options);
  const coverage = fileCoverage(relativePath, null, result.nodes, result.skipped);
  if (options.inheritDocstrings) coverage.summary = moduleSummary(result.structure, text);
  return coverage;
}

export function errorCoverage(path: string, error: string): FileCoverage {
  return fileCoverage(path, error, [], false);
}

/** A file with nothing to measure, left out of the report (a notebook in another language). */
export function skippedCoverage(path: string): FileCoverage {
  return fileCoverage(path, null, [], true);
}

/**
 * Every FileCoverage is built here, with its properties in one order: V8 then gives all of them one shape,
 * and the code that reads thousands of them (report, JSON) stays optimised (it was thrown away at the first
 * file with an error when those had a shape of their own).
 */
export function fileCoverage(path: string, error: string | null, nodes: CoverageNode[], skipped: boolean): FileCoverage {
  const { total, covered, missed, excused } = countNodes(nodes);
  return { path, error, nodes, skipped: skipped || undefined, total, covered, missed, excused };
}
