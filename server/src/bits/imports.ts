/**
 * Constants from other modules of the workspace: `from .consts import MASK`, `import pkg.consts as c; c.MASK`,
 * `from pkg import consts; consts.MASK`, and enum members defined elsewhere. Which file an import loads is
 * the reader's business (session/, over python/modules.ts, with Python's rules for packages and namespace
 * packages); this module only follows names through the files it is given, never running anything.
 *
 * A module's value of a name is its last module-level binding (what the name holds once the import has run).
 * Bounds, per hover: MAX_IMPORT_DEPTH imports followed in a chain, MAX_MODULES_READ files read, every constant
 * charged to the hover's WorkBudget; a cycle (a name reached again while being resolved) is unknown, and so is
 * every name of a module with a syntax error (Python would fail to import it). Each file's
 * bindings are kept per text in a ModuleIndexCache, so later hovers only look names up.
 */
import { EvaluationLimits, Value, WorkBudget } from './evaluate';
import { ImportDetail, ImportFollower, NameLookup, ScopeIndex } from './scope';

/** A module's file, read. */
export interface ModuleText {
  file: string;
  text: string;
  /** A package's `__init__` (its submodules are importable as attributes). */
  isPackage: boolean;
}

/** Finds and reads the workspace's modules (implemented in session/). */
export interface ModuleReader {
  /** The module that `from <level dots><module> import ...` in `importer` loads, or undefined. */
  read(importer: string, level: number, module: string): ModuleText | undefined;
}

/** Imports followed in one chain at most (`a` imports from `b` which imports from `c` ...). */
export const MAX_IMPORT_DEPTH = 8;
/** Modules one hover reads at most. */
export const MAX_MODULES_READ = 32;
/** Files kept read at most (least recently used dropped). */
const CACHE_SIZE = 256;

interface ModuleIndex {
  text: string;
  index: ScopeIndex;
  /** The tokenizer found a syntax problem: Python would not import the module. */
  broken: boolean;
}

/** The bindings of other modules, one per file, read again when the text changes. */
export class ModuleIndexCache {
  private readonly entries = new Map<string, ModuleIndex>();

  get(module: ModuleText): ModuleIndex {
    const known = this.entries.get(module.file);
    if (known !== undefined && known.text === module.text) {
      // Most recently used last.
      this.entries.delete(module.file);
      this.entries.set(module.file, known);
      return known;
    }
    const index = new ScopeIndex(module.text);
    const entry: ModuleIndex = { text: module.text, index, broken: index.broken };
    this.entries.delete(module.file);
    this.entries.set(module.file, entry);
    if (this.entries.size > CACHE_SIZE) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }
}

/** What one hover shares while following imports: the reader, the cache, the budget, the names being resolved. */
interface HoverImports {
  reader: ModuleReader;
  cache: ModuleIndexCache;
  limits: EvaluationLimits;
  budget: WorkBudget;
  /** `file\0a.b` of every lookup under way: reaching one again is a cycle. */
  resolving: Set<string>;
  /** The modules this hover asked the reader for (each once), by importing file (for relative imports) and name. */
  read: Map<string, ModuleText | undefined>;
  /** Each module's names as this hover resolves them, by file: constants evaluated once per hover. */
  lookups: Map<string, NameLookup>;
}

const UNKNOWN: Value = { kind: 'unknown' };

/** The ImportFollower of the module `file` for one hover. */
export function followerFor(file: string, reader: ModuleReader, cache: ModuleIndexCache, limits: EvaluationLimits,
  budget: WorkBudget): ImportFollower {
  return new Follower(file, { reader, cache, limits, budget, resolving: new Set(), read: new Map(), lookups: new Map() }, 0);
}

class Follower implements ImportFollower {
  constructor(private readonly file: string, private readonly shared: HoverImports, private readonly depth: number) {}

  follow(detail: ImportDetail, path: readonly string[]): Value | undefined {
    if (this.depth >= MAX_IMPORT_DEPTH) return UNKNOWN;
    if (detail.name !== undefined) {
      // `from m import name`: the module's attribute, else (m a package) its submodule `m.name`. A package's
      // `from . import name` in its own __init__ runs before the attribute exists: the submodule.
      const module = this.read(detail.level, detail.module);
      if (module === undefined) return this.unreadable(detail.level, detail.module);
      const value = module.file === this.file ? undefined : this.lookupIn(module, [detail.name, ...path]);
      if (value !== undefined || !module.isPackage || path.length === 0) return value;
      const sub = this.read(detail.level, detail.module === '' ? detail.name : `${detail.module}.${detail.name}`);
      return sub && this.lookupIn(sub, path);
    }
    if (path.length === 0) return undefined; // a module is not an int
    // `import a.b.c` binds `a`, and makes `a.b.c` importable as an attribute chain.
    const submodule = detail.submodule?.split('.');
    if (submodule && path.length > submodule.length - 1 && submodule.slice(1).every((part, i) => path[i] === part)) {
      const module = this.read(0, detail.submodule!);
      return module && this.lookupIn(module, path.slice(submodule.length - 1));
    }
    const module = this.read(detail.level, detail.module);
    return module ? this.lookupIn(module, path) : this.unreadable(detail.level, detail.module);
  }

  starBinds(level: number, module: string, name: string): 'yes' | 'no' | 'unknown' {
    if (this.depth >= MAX_IMPORT_DEPTH) return 'unknown';
    const text = this.read(level, module);
    if (text === undefined) return 'unknown';
    const entry = this.shared.cache.get(text);
    if (entry.broken) return 'unknown';
    // Exported: listed in a plain `__all__`, or (without one) any name not starting with `_`.
    const all = entry.index.allNames();
    if (all === 'unknown') return 'unknown';
    if (all === undefined ? name.startsWith('_') : !all.has(name)) return 'no';
    const key = `${text.file}\0${name}`;
    if (this.shared.resolving.has(key)) return 'unknown';
    this.shared.resolving.add(key);
    try {
      return this.namesOf(text.file, entry.index).lookup(name) === undefined ? 'no' : 'yes';
    } finally {
      this.shared.resolving.delete(key);
    }
  }

  /** The module's names at its end, one lookup per file and hover (its first reader's import depth). */
  private namesOf(file: string, index: ScopeIndex): NameLookup {
    let lookup = this.shared.lookups.get(file);
    if (lookup === undefined) {
      lookup = index.lookupBefore(Infinity, this.shared.limits, this.shared.budget, new Follower(file, this.shared, this.depth + 1));
      this.shared.lookups.set(file, lookup);
    }
    return lookup;
  }

  /** The unknown value of a name from a module that cannot be read, saying so. */
  private unreadable(level: number, module: string): Value {
    const name = '.'.repeat(level) + module;
    if (this.shared.read.size >= MAX_MODULES_READ && !this.shared.read.has(`${this.file}\0${level}\0${module}`)) {
      return { kind: 'unknown', reason: `the hover has read its ${MAX_MODULES_READ} modules before reaching \`${name}\`` };
    }
    return { kind: 'unknown', reason: `\`${name}\` has no Python source to read here (a C module, or one outside the workspace and the standard library)` };
  }

  private read(level: number, module: string): ModuleText | undefined {
    const key = `${this.file}\0${level}\0${module}`;
    if (this.shared.read.has(key)) return this.shared.read.get(key);
    if (this.shared.read.size >= MAX_MODULES_READ) return undefined;
    const text = this.shared.reader.read(this.file, level, module);
    this.shared.read.set(key, text);
    return text;
  }

  /** The value of path[0].path[1]... at the end of the module, or undefined when the module does not bind it. */
  private lookupIn(module: ModuleText, path: readonly string[]): Value | undefined {
    const key = `${module.file}\0${path.join('.')}`;
    if (this.shared.resolving.has(key)) return UNKNOWN; // a cycle: Python would find a half-initialized module
    const entry = this.shared.cache.get(module);
    if (entry.broken) return UNKNOWN;
    this.shared.resolving.add(key);
    try {
      const lookup = this.namesOf(module.file, entry.index);
      return lookup.lookup(path[0]) === undefined ? undefined : lookup.lookupPath(path) ?? UNKNOWN;
    } finally {
      this.shared.resolving.delete(key);
    }
  }
}
