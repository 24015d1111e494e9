/**
 * Import resolution as Python's path finder does it, over a file system that is passed in: which file an
 * `import a.b.c` or a `from ..x import y` statement loads, searched in the project's roots. Nothing is
 * executed, no path outside the roots is ever returned (symlinks are resolved and checked), and the work per
 * call is bounded by the dotted name's length and the number of roots. Callers cache per file version.
 *
 * Python's order, in each folder of the search path (sys.path, or a package's __path__):
 * 1. `x/__init__.py`: a regular package; it wins at once.
 * 2. `x.py`: a module; it wins at once.
 * 3. `x/` without `__init__.py`: a namespace portion; the search goes on in the next folders, and when no
 *    regular package or module turns up, `x` is a namespace package over every portion found (PEP 420).
 * Stubs: Python never imports `.pyi` files, but a stub-only module (the `.pyi` beside a C extension, or a
 * package of stubs) is the only text there is to read. So within one folder `x/__init__.pyi` and `x.pyi` come
 * after their `.py` twins (steps 1b and 2b) and before the namespace portion; a `.py` always wins over its
 * stub. Compiled extensions (`.so`, `.pyd`) and `.pyc` files are not looked for: there is no text to read.
 * Not modelled: case-insensitive file systems (Python checks the case there), `.pth` files, zip imports.
 */
import * as fs from 'fs';
import * as path from 'path';

/** The two questions the resolver asks of the file system. Both follow symlinks and never throw. */
export interface ModuleFileSystem {
  /** What is at `p`: a regular file, a folder, or nothing (missing, unreadable, anything else). */
  kind(p: string): 'file' | 'dir' | undefined;
  /** `p` with every symlink resolved, or undefined when it cannot be resolved. */
  realpath(p: string): string | undefined;
}

/** The real file system. */
export const nodeModuleFileSystem: ModuleFileSystem = {
  kind(p) {
    try {
      const stat = fs.statSync(p, { throwIfNoEntry: false });
      return stat?.isFile() ? 'file' : stat?.isDirectory() ? 'dir' : undefined;
    } catch {
      return undefined;
    }
  },
  realpath(p) {
    try {
      return fs.realpathSync.native(p);
    } catch {
      return undefined;
    }
  },
};

/** An import: `import a.b` is `{level: 0, module: 'a.b'}`; `from ..x import y` is `{level: 2, module: 'x'}`; `from . import y` is `{level: 1, module: ''}`. */
export interface ImportSpec {
  level: number;
  module: string;
}

/** Where an import leads: a file (module, package `__init__`, or their stubs), or a namespace package's folders. */
export type ModuleLocation =
  | { kind: 'module' | 'package'; file: string; stub: boolean }
  | { kind: 'namespace'; folders: string[] };

/** The folders imports are searched in, in order, with their real paths resolved once (see searchRoots). */
export interface SearchRoots {
  readonly folders: readonly string[];
  readonly real: readonly string[];
}

/** Bounds that keep one resolution small whatever the source says. */
const MAX_PARTS = 32;
const MAX_LEVEL = 32;
const MAX_ROOTS = 64;
/** str.isidentifier for the names that can be files: letters, digits and underscores of any script. */
const IDENTIFIER = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u;

/**
 * The search path for a project: each folder (workspace folders, or the project root), each followed by its
 * `src/` folder when it has one that is not itself a package (the "src layout": the code is installed from
 * there, so `import pkg` finds `src/pkg`; a `src/__init__.py` makes `src` a package imported as `src.x`).
 * Folders that do not exist are dropped; at most 64 are kept.
 */
export function searchRoots(projectFolders: readonly string[], files: ModuleFileSystem): SearchRoots {
  const folders: string[] = [];
  const real: string[] = [];
  const add = (folder: string): void => {
    const resolved = files.kind(folder) === 'dir' ? files.realpath(folder) : undefined;
    if (resolved === undefined || real.includes(resolved) || folders.length >= MAX_ROOTS) return;
    folders.push(folder);
    real.push(resolved);
  };
  for (const folder of projectFolders) {
    add(folder);
    const src = path.join(folder, 'src');
    if (files.kind(path.join(src, '__init__.py')) === undefined) add(src);
  }
  return { folders, real };
}

/**
 * The module an import loads, or undefined when Python would raise ImportError here (no such module, a
 * relative import above the top-level package, a name that is not a module) or the file lies outside the
 * roots. `importer` is the importing file's path; it matters only for relative imports.
 */
export function resolveImport(importer: string, spec: ImportSpec, roots: SearchRoots, files: ModuleFileSystem): ModuleLocation | undefined {
  if (!Number.isInteger(spec.level) || spec.level < 0 || spec.level > MAX_LEVEL) return undefined;
  const parts = spec.module === '' ? [] : spec.module.split('.');
  if (!parts.every((part) => IDENTIFIER.test(part))) return undefined;
  const name = spec.level === 0 ? parts : relativeBase(importer, spec.level, roots)?.concat(parts);
  if (name === undefined || name.length === 0 || name.length > MAX_PARTS) return undefined;
  return findIn(roots.folders, name, roots, files);
}

/**
 * The dotted name a relative import of `level` dots starts from, as Python's `importlib.util.resolve_name`
 * computes it: the importer's package, `level - 1` names up (then the name is searched like an absolute one,
 * so a namespace package's other portions count). The importer's name starts at the innermost root holding
 * it (with a src layout, `src/pkg/m.py` is `pkg.m`, not `src.pkg.m`); going above it is "attempted relative
 * import beyond top-level package".
 */
function relativeBase(importer: string, level: number, roots: SearchRoots): string[] | undefined {
  const packageFolder = path.dirname(path.resolve(importer));
  let root: string | undefined;
  for (const folder of roots.folders) {
    const resolved = path.resolve(folder);
    if (isInside(packageFolder, resolved) && (root === undefined || resolved.length > root.length)) root = resolved;
  }
  if (root === undefined) return undefined;
  const relative = path.relative(root, packageFolder);
  const packageName = relative === '' ? [] : relative.split(path.sep);
  if (level > packageName.length || !packageName.every((part) => IDENTIFIER.test(part))) return undefined;
  return packageName.slice(0, packageName.length - (level - 1));
}

/** Python's walk down a dotted name: each part is searched in the previous part's __path__. */
function findIn(searchPath: readonly string[], parts: readonly string[], roots: SearchRoots, files: ModuleFileSystem): ModuleLocation | undefined {
  let current: readonly string[] = searchPath;
  for (let i = 0; i < parts.length; i++) {
    const found = findPart(current, parts[i], roots, files);
    if (found === undefined) return undefined;
    if (i === parts.length - 1) return found;
    if (found.kind === 'module') return undefined; // "'a' is not a package"
    current = found.kind === 'namespace' ? found.folders : [path.dirname(found.file)];
  }
  return undefined;
}

/** One step of the path finder: the first regular package or module named `name` in `folders`, else the namespace portions. */
function findPart(folders: readonly string[], name: string, roots: SearchRoots, files: ModuleFileSystem): ModuleLocation | undefined {
  const portions: string[] = [];
  for (const folder of folders) {
    const dir = path.join(folder, name);
    const candidates: [string, 'module' | 'package', boolean][] = [
      [path.join(dir, '__init__.py'), 'package', false],
      [dir + '.py', 'module', false],
      [path.join(dir, '__init__.pyi'), 'package', true],
      [dir + '.pyi', 'module', true],
    ];
    for (const [file, kind, stub] of candidates) {
      if (files.kind(file) === 'file' && staysInside(file, roots, files)) return { kind, file, stub };
    }
    if (files.kind(dir) === 'dir' && staysInside(dir, roots, files)) portions.push(dir);
  }
  return portions.length > 0 ? { kind: 'namespace', folders: portions } : undefined;
}

/** Whether `p`, symlinks resolved, is one of the roots or inside one. */
function staysInside(p: string, roots: SearchRoots, files: ModuleFileSystem): boolean {
  const real = files.realpath(p);
  return real !== undefined && roots.real.some((root) => isInside(real, root));
}

function isInside(p: string, folder: string): boolean {
  return p === folder || p.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);
}
