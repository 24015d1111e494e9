/**
 * `inherit-docstrings`: an undocumented method counts as documented ("inherited") when it is decorated with
 * `@override` (`typing.override`, `typing_extensions.override`), or when a base class, followed through the
 * workspace's modules as Python imports them (python/modules.ts), defines the same method with a docstring.
 * Like `inspect.getdoc`, the bases are searched in order, depth first, and a base that defines the method
 * without a docstring does not stop the search. A base outside the workspace (the stdlib, site-packages) or
 * one that cannot be read is not followed, so the method stays missed.
 *
 * Bounded: 64 classes per method, 8 re-exports per name; the file system answers and module summaries are
 * the caller's to cache (see workspace/inheritedScan.ts).
 */
import * as path from 'path';
import { resolveImport, SearchRoots, ModuleFileSystem } from '../python/modules';
import { ClassSummary, ImportBinding, importBinding, ModuleSummary, starImports } from '../python/moduleSummary';
import { countNodes } from './inventory';
import { CoverageNode, FileCoverage } from './types';

export interface InheritanceContext {
  roots: SearchRoots;
  files: ModuleFileSystem;
  /** The summary of a module file, or undefined when it cannot be read. */
  summaryOf(file: string): ModuleSummary | undefined;
}

/** Where an inherited docstring is: the base's file, class and method line. */
export interface InheritedFrom {
  file: string;
  qualname: string;
  line: number;
}

const MAX_CLASSES = 64;
const MAX_HOPS = 8;

interface ClassRef {
  file: string;
  summary: ModuleSummary;
  qualname: string;
  cls: ClassSummary;
}

/** Resolved imports per context: many methods of a run name the same bases. */
const resolved = new WeakMap<InheritanceContext, Map<string, string | undefined>>();

/** The file a module import loads (a namespace package has none). */
function moduleFile(fromFile: string, spec: ImportBinding, ctx: InheritanceContext): string | undefined {
  let cache = resolved.get(ctx);
  if (cache === undefined) resolved.set(ctx, cache = new Map());
  // An absolute import means the same from every file; a relative one depends on the importer's folder.
  const key = `${spec.level === 0 ? '' : path.dirname(fromFile)}\0${spec.level}\0${spec.module}`;
  if (cache.has(key)) return cache.get(key);
  const found = resolveImport(fromFile, { level: spec.level, module: spec.module }, ctx.roots, ctx.files);
  const file = found !== undefined && found.kind !== 'namespace' ? found.file : undefined;
  cache.set(key, file);
  return file;
}

type SummaryCaches = WeakMap<InheritanceContext, WeakMap<ModuleSummary, Map<string, ClassRef | undefined>>>;

/**
 * The cache of one context and module summary. Keyed by the summary object, not its path: hashing long path
 * strings per lookup was most of the cost on the stdlib.
 */
function summaryCache(caches: SummaryCaches, ctx: InheritanceContext, summary: ModuleSummary): Map<string, ClassRef | undefined> {
  let perContext = caches.get(ctx);
  if (perContext === undefined) caches.set(ctx, perContext = new WeakMap());
  let cache = perContext.get(summary);
  if (cache === undefined) perContext.set(summary, cache = new Map());
  return cache;
}

/** Classes found by name per module: every test module of the stdlib asks `unittest` for `TestCase`. */
const classCache: SummaryCaches = new WeakMap();

/** The module-level class `name` of a module, following `from m import name` and `import *` re-exports. */
function findClass(file: string, summary: ModuleSummary, name: string, ctx: InheritanceContext): ClassRef | undefined {
  const cache = summaryCache(classCache, ctx, summary);
  if (cache.has(name)) return cache.get(name);
  const ref = followReExports(file, summary, name, ctx, 0);
  cache.set(name, ref);
  return ref;
}

function followReExports(file: string, summary: ModuleSummary, name: string, ctx: InheritanceContext, hops: number): ClassRef | undefined {
  const cls = summary.classes.get(name);
  if (cls !== undefined) return { file, summary, qualname: name, cls };
  if (hops >= MAX_HOPS) return undefined;
  const binding = importBinding(summary, name);
  const sources = binding?.name !== undefined ? [{ spec: binding, name: binding.name }] : binding === undefined ? starImports(summary).map((spec) => ({ spec, name })) : [];
  for (const source of sources) {
    const target = moduleFile(file, source.spec, ctx);
    const targetSummary = target === undefined ? undefined : ctx.summaryOf(target);
    const found = targetSummary === undefined ? undefined : followReExports(target!, targetSummary, source.name, ctx, hops + 1);
    if (found) return found;
  }
  return undefined;
}

/** Resolved bases per context and module summary, by the base as written: `object`, `Exception` are named everywhere. */
const baseCache: SummaryCaches = new WeakMap();

/** A base as written (`Base`, `mod.Base`, `pkg.mod.Base`), in the module that names it. */
function resolveBase(file: string, summary: ModuleSummary, dotted: string, ctx: InheritanceContext): ClassRef | undefined {
  const cache = summaryCache(baseCache, ctx, summary);
  if (cache.has(dotted)) return cache.get(dotted);
  const ref = lookUpBase(file, summary, dotted, ctx);
  cache.set(dotted, ref);
  return ref;
}

function lookUpBase(file: string, summary: ModuleSummary, dotted: string, ctx: InheritanceContext): ClassRef | undefined {
  const parts = dotted.split('.');
  if (parts.length === 1) return findClass(file, summary, dotted, ctx);
  const binding = importBinding(summary, parts[0]);
  if (binding === undefined) return undefined;
  // `import a.b as m` + `m.C`; `import a` + `a.b.C`; `from pkg import mod` + `mod.C` (mod is a module then).
  const head = binding.name === undefined ? binding.module : binding.module === '' ? binding.name : `${binding.module}.${binding.name}`;
  const module = [head, ...parts.slice(1, -1)].join('.');
  const target = moduleFile(file, { level: binding.level, module }, ctx);
  const targetSummary = target === undefined ? undefined : ctx.summaryOf(target);
  return targetSummary === undefined ? undefined : findClass(target!, targetSummary, parts[parts.length - 1], ctx);
}

/** Ancestor lists per context and class (by its summary object): every method of a class searches the same bases. */
const ancestorCache = new WeakMap<InheritanceContext, WeakMap<ClassSummary, ClassRef[]>>();

/**
 * The classes a method lookup on class `qualname` of `file` visits, in order: its bases depth first, each
 * class once, at most MAX_CLASSES. Which of them documents a method is the only thing that depends on the
 * method, so the list is made once per class.
 */
function ancestorsOf(file: string, summary: ModuleSummary, qualname: string, start: ClassSummary, ctx: InheritanceContext): ClassRef[] {
  let cache = ancestorCache.get(ctx);
  if (cache === undefined) ancestorCache.set(ctx, cache = new WeakMap());
  const cached = cache.get(start);
  if (cached !== undefined) return cached;
  const ancestors: ClassRef[] = [];
  const seen = new Set<ClassSummary>([start]);
  // Bases of the classes still to visit, in order: an explicit stack, so depth never grows the call stack.
  const stack: Array<{ from: ClassRef; base: string }> = [];
  const pushBases = (ref: ClassRef): void => {
    for (let i = ref.cls.bases.length - 1; i >= 0; i--) stack.push({ from: ref, base: ref.cls.bases[i] });
  };
  pushBases({ file, summary, qualname, cls: start });
  while (stack.length > 0 && seen.size <= MAX_CLASSES) {
    const { from, base } = stack.pop()!;
    const ref = resolveBase(from.file, from.summary, base, ctx);
    if (ref === undefined) continue;
    if (seen.has(ref.cls)) continue;
    seen.add(ref.cls);
    ancestors.push(ref);
    pushBases(ref);
  }
  cache.set(start, ancestors);
  return ancestors;
}

/** Where the method `name` of class `qualname` in `file` inherits a docstring from, or undefined. */
export function inheritedDocstring(file: string, summary: ModuleSummary, qualname: string, name: string, ctx: InheritanceContext): InheritedFrom | undefined {
  const start = summary.classes.get(qualname);
  if (start === undefined || start.bases.length === 0) return undefined;
  for (const ref of ancestorsOf(file, summary, qualname, start, ctx)) {
    const method = ref.cls.methods.get(name);
    if (method?.documented) return { file: ref.file, qualname: `${ref.qualname}.${name}`, line: method.line };
  }
  return undefined;
}

/**
 * The missed methods among `nodes` that inherit a docstring, by node index: where it comes from, or
 * `override` for a method decorated `@override`.
 */
export function inheritingMethods(nodes: readonly CoverageNode[], file: string, summary: ModuleSummary, ctx: InheritanceContext): Map<number, InheritedFrom | 'override'> {
  const found = new Map<number, InheritedFrom | 'override'>();
  nodes.forEach((node, i) => {
    if (node.kind !== 'method' || node.status !== 'missed') return;
    const owner = node.qualname.slice(0, node.qualname.lastIndexOf('.'));
    if (summary.classes.get(owner)?.methods.get(node.name)?.override) found.set(i, 'override');
    else {
      const from = inheritedDocstring(file, summary, owner, node.name, ctx);
      if (from !== undefined) found.set(i, from);
    }
  });
  return found;
}

/** The nodes with those of `inheriting` marked `inherited` (counted as covered). */
export function markInherited(nodes: readonly CoverageNode[], inheriting: ReadonlyMap<number, unknown>): CoverageNode[] {
  return nodes.map((node, i) => (inheriting.has(i) ? { ...node, status: 'inherited' as const } : node));
}

/**
 * The file's coverage with its missed methods that inherit a docstring (or say `@override`) marked
 * `inherited`, counted as covered. The same object when nothing changes.
 */
export function withInheritedDocstrings(coverage: FileCoverage, file: string, summary: ModuleSummary, ctx: InheritanceContext): FileCoverage {
  const inheriting = inheritingMethods(coverage.nodes, file, summary, ctx);
  if (inheriting.size === 0) return coverage;
  const nodes = markInherited(coverage.nodes, inheriting);
  return { ...coverage, nodes, ...countNodes(nodes) };
}
