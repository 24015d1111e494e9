/**
 * The hover's window on the workspace's other modules and the standard library (bits/imports.ts ModuleReader):
 * python/modules.ts finds the file an import loads in the workspace folders, and this reads it, preferring
 * the editor's unsaved text of an open document. Files over the size limit, outside the folders, or unreadable
 * are not read. Texts read from disk are kept while the file's size and modification time stay the same.
 *
 * The standard library: `import re` that the workspace does not provide is looked for in the stdlib folder,
 * `docbits.hover.stdlibPath` (a machine setting, so a workspace's own settings cannot point it elsewhere) or,
 * when that is "", the library of `docbits.hover.pythonInterpreter` (the Python extension's interpreter, which
 * the VS Code client fills in), else the newest /usr/lib/python3.N or /usr/local/lib/python3.N holding os.py.
 * Found without running any program (no interpreter is asked where its library is). Only its `.py` sources are read, read
 * only, each at most MAX_STDLIB_FILE bytes; stdlib modules import from the stdlib folder alone.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ModuleReader, ModuleText } from '../bits/imports';
import { ModuleFileSystem, nodeModuleFileSystem, resolveImport, SearchRoots, searchRoots } from '../python/modules';
import { readSourceFile } from '../workspace/analyzeFile';

/** The largest stdlib source read (the biggest, _pydecimal.py, is about 230 KB). */
const MAX_STDLIB_FILE = 2_000_000;
/** Where a Python's standard library usually is, without asking an interpreter. */
const WELL_KNOWN_PARENTS = ['/usr/lib', '/usr/local/lib'];

/**
 * The standard library folder to read: `setting` if it is a folder, else (setting "") the library of
 * `interpreter` (stdlibOfInterpreter), else the newest python3.N folder under the well-known parents that
 * holds os.py; undefined when there is none.
 */
export function findStdlib(setting: string, interpreter = '', files: ModuleFileSystem = nodeModuleFileSystem, parents = WELL_KNOWN_PARENTS): string | undefined {
  if (setting !== '') return path.isAbsolute(setting) && files.kind(setting) === 'dir' ? path.normalize(setting) : undefined;
  return (interpreter !== '' ? stdlibOfInterpreter(interpreter, files) : undefined) ?? newestStdlibUnder(parents, files);
}

/** `python3.11` (or `python3.11.exe`): an interpreter's file name with its minor version. */
const VERSIONED_INTERPRETER = /^python3\.(\d{1,3})(?:\.exe)?$/i;
/** The largest pyvenv.cfg read (a real one is a few lines). */
const MAX_PYVENV_CFG = 64 * 1024;

/**
 * The standard library of the interpreter at `interpreter`, from paths alone: it is never run. A venv's
 * interpreter has pyvenv.cfg one folder up from its own, whose `home` is the base interpreter's folder and
 * `version` its version; otherwise the interpreter's real path (python3 -> python3.11) gives both. The library
 * is <prefix>/lib/python3.N (Windows: <folder>/Lib) holding os.py, N from the version, or the newest there.
 */
export function stdlibOfInterpreter(interpreter: string, files: ModuleFileSystem = nodeModuleFileSystem): string | undefined {
  if (!path.isAbsolute(interpreter)) return undefined;
  let binFolder = path.dirname(interpreter);
  let minor = VERSIONED_INTERPRETER.exec(path.basename(interpreter))?.[1];
  const venv = readPyvenvCfg(path.join(path.dirname(binFolder), 'pyvenv.cfg'), files);
  if (venv?.home !== undefined && path.isAbsolute(venv.home)) {
    binFolder = venv.home;
    minor = venv.minor ?? minor;
  } else {
    const real = files.realpath(interpreter);
    if (real === undefined) return undefined;
    binFolder = path.dirname(real);
    minor = VERSIONED_INTERPRETER.exec(path.basename(real))?.[1] ?? minor;
  }
  const windowsLib = path.join(binFolder, 'Lib');
  if (files.kind(path.join(windowsLib, 'os.py')) === 'file') return windowsLib;
  const lib = path.join(path.dirname(binFolder), 'lib');
  if (minor !== undefined) {
    const folder = path.join(lib, `python3.${minor}`);
    return files.kind(path.join(folder, 'os.py')) === 'file' ? folder : undefined;
  }
  return newestStdlibUnder([lib], files);
}

/** `home` and the minor version of a venv's pyvenv.cfg (`key = value` lines), or undefined. */
function readPyvenvCfg(file: string, files: ModuleFileSystem): { home?: string; minor?: string } | undefined {
  if (files.kind(file) !== 'file') return undefined;
  const bytes = readSourceFile(file, MAX_PYVENV_CFG); // bounded, and a FIFO cannot hang it
  if (typeof bytes === 'string') return undefined;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const result: { home?: string; minor?: string } = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match) continue;
    const key = match[1].toLowerCase();
    if (key === 'home') result.home = match[2];
    else if (key === 'version' || key === 'version_info') result.minor = /^3\.(\d{1,3})(?:\.|$)/.exec(match[2])?.[1] ?? result.minor;
  }
  return result;
}

/** The newest python3.N folder holding os.py under `parents`. */
function newestStdlibUnder(parents: readonly string[], files: ModuleFileSystem): string | undefined {
  let best: { folder: string; minor: number } | undefined;
  for (const parent of parents) {
    let names: string[];
    try {
      names = fs.readdirSync(parent);
    } catch {
      continue;
    }
    for (const name of names) {
      const minor = /^python3\.(\d{1,3})$/.exec(name)?.[1];
      const folder = path.join(parent, name);
      if (minor === undefined || files.kind(path.join(folder, 'os.py')) !== 'file') continue;
      if (best === undefined || Number(minor) > best.minor) best = { folder, minor: Number(minor) };
    }
  }
  return best?.folder;
}

export class WorkspaceModuleReader implements ModuleReader {
  private roots?: { folders: readonly string[]; roots: SearchRoots };
  private stdlib?: { setting: string; interpreter: string; folder: string | undefined; roots: SearchRoots | undefined };
  private readonly texts = new Map<string, { size: number; mtimeMs: number; text: string }>();
  /** Larger files are not read (the hovered document's `docbits.maxFileSize`, set before each hover). */
  maxFileSize = 1_000_000;
  /** `docbits.hover.stdlibPath`, set before each hover: "" asks pythonInterpreter, then the well-known places. */
  stdlibPath = '';
  /** `docbits.hover.pythonInterpreter`, set before each hover: the interpreter whose library to read, or "". */
  pythonInterpreter = '';

  /**
   * @param folders the workspace folders, read on each call (they change)
   * @param openText the unsaved text of an open document at that path, if any
   */
  constructor(private readonly folders: () => readonly string[], private readonly openText: (file: string) => string | undefined) {}

  read(importer: string, level: number, module: string): ModuleText | undefined {
    const stdlib = this.stdlibRoots();
    const fromStdlib = stdlib.folder !== undefined && isInside(importer, stdlib.folder);
    if (!fromStdlib) {
      const folders = this.folders();
      if (this.roots?.folders !== folders) this.roots = { folders, roots: searchRoots(folders, nodeModuleFileSystem) };
      const found = resolveImport(importer, { level, module }, this.roots.roots, nodeModuleFileSystem);
      if (found !== undefined && found.kind !== 'namespace') {
        const text = this.openText(found.file) ?? this.readFile(found.file, this.maxFileSize);
        return text === undefined ? undefined : { file: found.file, text, isPackage: found.kind === 'package' };
      }
      // A relative import stays in its package; a namespace package of the workspace has no text.
      if (found !== undefined || level > 0) return undefined;
    }
    if (stdlib.roots === undefined) return undefined;
    const found = resolveImport(importer, { level, module }, stdlib.roots, nodeModuleFileSystem);
    if (found === undefined || found.kind === 'namespace' || found.stub || !found.file.endsWith('.py')) return undefined;
    const text = this.readFile(found.file, Math.min(this.maxFileSize, MAX_STDLIB_FILE));
    return text === undefined ? undefined : { file: found.file, text, isPackage: found.kind === 'package' };
  }

  private stdlibRoots(): { folder: string | undefined; roots: SearchRoots | undefined } {
    if (this.stdlib?.setting !== this.stdlibPath || this.stdlib.interpreter !== this.pythonInterpreter) {
      const folder = findStdlib(this.stdlibPath, this.pythonInterpreter);
      const real = folder === undefined ? undefined : nodeModuleFileSystem.realpath(folder);
      this.stdlib = { setting: this.stdlibPath, interpreter: this.pythonInterpreter, folder, roots: folder && real ? { folders: [folder], real: [real] } : undefined };
    }
    return this.stdlib;
  }

  private readFile(file: string, maxSize: number): string | undefined {
    try {
      const stat = fs.statSync(file);
      if (stat.size > maxSize) return undefined;
      const known = this.texts.get(file);
      if (known && known.size === stat.size && known.mtimeMs === stat.mtimeMs) return known.text;
      const text = fs.readFileSync(file, 'utf8');
      if (this.texts.size >= 1024) this.texts.clear();
      this.texts.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, text });
      return text;
    } catch {
      return undefined;
    }
  }
}

function isInside(file: string, folder: string): boolean {
  return file.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);
}
