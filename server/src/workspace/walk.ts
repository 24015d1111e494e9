/**
 * Which files a run covers, picked exactly as interrogate picks them (coverage.py, get_filenames_from_paths):
 *
 * - every path is made absolute; a path that is a file must end with .py or .pyi (any other file is an error);
 *   unlike interrogate, it is kept only when the walk of its folder would keep it (below), as far as the user's
 *   excludes, ignore-init-module and includeStubs go: pre-commit passes every staged file by name, and a file
 *   the project excludes must not count (interrogate's issues #60, #100, #145, #155). When that leaves
 *   nothing, the result says so ('all-excluded', which the CLI does not treat as a failure);
 * - a directory is walked like `os.walk` (symlinked directories are not entered; symlinks to files, broken
 *   symlinks and other non-directories count as files) and a file is kept when its name ends with .py (or
 *   .pyi with includeStubs, or .ipynb unless ignoreNotebooks: docbits), it is not `__init__.py` under ignoreInitModule, and no exclude matches it:
 *   `fnmatch(full_path, exclude + "*")` over the user's excludes plus `<path>/.tox`, `.venv`, `venv`, `.git`
 *   and `.hg` for every input path;
 * - `.gitignore` is not honoured (interrogate does not).
 *
 * Differences, all invisible in the result: a directory is not entered when the excludes already match every
 * path below it (interrogate walks into `.git` and filters each file), unreadable or vanishing directories are
 * reported as problems (os.walk drops them silently), a file reached through two input paths is listed once,
 * and a directory reached twice (bind mounts) is walked once. The walk keeps its own stack, so depth is only
 * limited by the OS's path length, and it never throws.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isNotebookPath } from '../coverage/notebookCoverage';
import { CoverageOptions } from '../coverage/types';
import { abortError } from './abort';
import { compileFnmatch, CompiledPattern, normcase } from '../python/compat/fnmatch';
import { childPrefix, joinPath, sortReportOrder } from './paths';

/** Folders interrogate always excludes below every input path. */
export const COMMON_EXCLUDES = ['.tox', '.venv', 'venv', '.git', '.hg'];
export const VALID_EXTENSIONS = ['.py', '.pyi'];

export type WalkOptions = Pick<CoverageOptions, 'exclude' | 'ignoreInitModule' | 'includeStubs'>
  /** Jupyter notebooks (`.ipynb`) are kept only when this is false (CoverageOptions' default), not when it is left out. */
  & Partial<Pick<CoverageOptions, 'ignoreNotebooks'>>;

/** Something the walk could not look into; the walk carried on without it. */
export interface WalkProblem {
  path: string;
  /** e.g. `EACCES: permission denied` */
  error: string;
  code?: string;
}

/**
 * A reason the run cannot start, as interrogate reports it (the CLI exits 1, or 2 for 'not-found'); or
 * 'all-excluded': the files given by name are all left out by the options, so there is nothing to check.
 */
export interface WalkError {
  kind: 'invalid-file' | 'not-found' | 'no-files' | 'all-excluded';
  path: string;
  message: string;
}

export interface WalkResult {
  /** Absolute paths, in the report's order. */
  files: string[];
  problems: WalkProblem[];
  error: WalkError | null;
}

/** The file-system calls the walk makes; tests swap them to simulate failures. */
export interface WalkFileSystem {
  readDir(dir: string): fs.Dirent[];
  /** Follows symlinks. */
  stat(p: string): fs.Stats;
}

export const nodeWalkFileSystem: WalkFileSystem = {
  readDir: (dir) => fs.readdirSync(dir, { withFileTypes: true }),
  stat: (p) => fs.statSync(p),
};

export interface WalkHooks {
  /** Relative input paths are resolved against this (default: process.cwd()). */
  cwd?: string;
  signal?: AbortSignal;
  fileSystem?: WalkFileSystem;
}

/** Walk in one go (the CLI). */
export function walkPathsSync(paths: readonly string[], options: WalkOptions, hooks: WalkHooks = {}): WalkResult {
  const walker = new Walker(paths, options, hooks);
  while (walker.step()) { /* keep walking */ }
  return walker.result();
}

/**
 * Walk in slices of a few milliseconds, yielding to the event loop in between, so that a server stays
 * responsive on a huge tree and a cancellation is seen. Rejects with an AbortError when the signal fires.
 */
export async function walkPaths(paths: readonly string[], options: WalkOptions, hooks: WalkHooks = {}): Promise<WalkResult> {
  const walker = new Walker(paths, options, hooks);
  for (;;) {
    if (hooks.signal?.aborted) throw abortError(hooks.signal);
    const sliceEnd = Date.now() + 10;
    let more = true;
    while (more && Date.now() < sliceEnd) {
      for (let k = 0; more && k < 16; k++) more = walker.step();
    }
    if (!more) return walker.result();
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** Whether a walked file is kept (exposed for tests and for the server's file watcher). */
export function makeFileFilter(excludes: readonly string[], options: WalkOptions): (file: string) => boolean {
  const patterns = compileExcludes(excludes);
  return (file) => acceptsName(path.basename(file), options) && !isExcluded(file, patterns);
}

/** The excludes interrogate applies when walking these (absolute) input paths. */
export function effectiveExcludes(absolutePaths: readonly string[], userExcludes: readonly string[]): string[] {
  const result = [...userExcludes];
  for (const p of absolutePaths) for (const name of COMMON_EXCLUDES) result.push(joinPath(p, name));
  return result;
}

/**
 * `excludes` with each one under `realFolder` also as the same path under `openedFolder`. Excludes that name an
 * existing folder are real paths (interrogate resolves them so), while the editor names files by the path their
 * workspace folder was opened by, so in a workspace opened through a symlink (`~/code` -> `/data/code`) they would
 * never match; a CLI run in the project sees real paths (its working folder is the real one).
 */
export function excludesAsOpened(excludes: readonly string[], openedFolder: string, realFolder: string): readonly string[] {
  if (openedFolder === realFolder) return excludes;
  const prefix = realFolder.endsWith(path.sep) ? realFolder : realFolder + path.sep;
  const twins: string[] = [];
  for (const e of excludes) {
    if (e !== realFolder && !e.startsWith(prefix)) continue;
    const trailing = e.length > 1 && e.endsWith(path.sep) ? path.sep : '';
    twins.push(path.join(openedFolder, path.relative(realFolder, e)) + trailing);
  }
  return twins.length > 0 ? [...excludes, ...twins] : excludes;
}

function compileExcludes(excludes: readonly string[]): CompiledPattern[] {
  return excludes.map((exc) => compileFnmatch(normcase(exc) + '*'));
}

function isExcluded(file: string, patterns: readonly CompiledPattern[]): boolean {
  const name = normcase(file);
  for (const p of patterns) if (p.matches(name)) return true;
  return false;
}

function acceptsName(name: string, options: WalkOptions): boolean {
  if (options.ignoreNotebooks === false && isNotebookPath(name)) return true;
  if (!(name.endsWith('.py') || (options.includeStubs && name.endsWith('.pyi')))) return false;
  return !(options.ignoreInitModule && name === '__init__.py');
}

/** `ENOENT: no such file or directory` from a Node error, without the path Node appends. */
export function describeFsError(err: unknown): { message: string; code?: string } {
  const e = err as NodeJS.ErrnoException;
  const code = typeof e?.code === 'string' ? e.code : undefined;
  let message = e instanceof Error ? e.message : String(err);
  const comma = message.indexOf(', ');
  if (code && message.startsWith(code + ':') && comma > 0) message = message.slice(0, comma);
  return { message, code };
}

/** The walk as a state machine: each step handles one input path or one directory. */
class Walker {
  private readonly fsys: WalkFileSystem;
  private readonly inputs: string[];
  private readonly given: string[];
  private readonly patterns: CompiledPattern[];
  /** The user's excludes alone: the folder names interrogate adds are about walks, not named files. */
  private readonly userPatterns: CompiledPattern[];
  private givenFilesLeftOut = 0;
  private readonly files = new Set<string>();
  private readonly problems: WalkProblem[] = [];
  private readonly visitedDirs = new Set<string>();
  private readonly stack: string[] = [];
  private nextInput = 0;
  private error: WalkError | null = null;

  constructor(paths: readonly string[], private readonly options: WalkOptions, hooks: WalkHooks) {
    this.fsys = hooks.fileSystem ?? nodeWalkFileSystem;
    const cwd = hooks.cwd ?? process.cwd();
    // interrogate's default path is the current folder.
    this.given = paths.length > 0 ? [...paths] : ['.'];
    this.inputs = this.given.map((p) => path.resolve(cwd, p));
    this.patterns = compileExcludes(effectiveExcludes(this.inputs, options.exclude));
    this.userPatterns = compileExcludes(options.exclude);
  }

  /** Does one unit of work; false when done. */
  step(): boolean {
    if (this.error) return false;
    const dir = this.stack.pop();
    if (dir !== undefined) {
      this.walkDirectory(dir);
      return true;
    }
    if (this.nextInput < this.inputs.length) {
      this.startInput(this.inputs[this.nextInput], this.given[this.nextInput]);
      this.nextInput++;
      return true;
    }
    return false;
  }

  result(): WalkResult {
    if (this.error) return { files: [], problems: this.problems, error: this.error };
    const files = sortReportOrder([...this.files]);
    let error: WalkError | null = null;
    if (files.length === 0 && this.givenFilesLeftOut > 0) {
      const message = `docbits: nothing to check: exclude, ignore-init-module or ext leaves out every file given (${this.givenFilesLeftOut}).`;
      error = { kind: 'all-excluded', path: this.inputs.join(', '), message };
    } else if (files.length === 0) {
      const list = this.inputs.join(', ');
      error = { kind: 'no-files', path: list, message: `E: No Python or Python-like files found to interrogate in '${list}'.` };
    }
    return { files, problems: this.problems, error };
  }

  private startInput(input: string, given: string): void {
    let stats: fs.Stats;
    try {
      stats = this.fsys.stat(input);
    } catch (err) {
      const { message, code } = describeFsError(err);
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        this.error = { kind: 'not-found', path: input, message: `Error: Invalid value for '[PATHS]...': Path '${given}' does not exist.` };
      } else {
        this.problems.push({ path: input, error: message, code });
      }
      return;
    }
    if (stats.isFile()) {
      if (!VALID_EXTENSIONS.some((ext) => input.endsWith(ext)) && !isNotebookPath(input)) {
        this.error = {
          kind: 'invalid-file',
          path: input,
          message: `E: Invalid file '${input}'. Unable to interrogate non-Python or Python-like files. ` +
            `Valid file extensions: ${VALID_EXTENSIONS.join(', ')}`,
        };
      } else if (acceptsName(path.basename(input), this.options) && !isExcluded(input, this.userPatterns)) {
        this.files.add(input);
      } else {
        this.givenFilesLeftOut++;
      }
    } else if (stats.isDirectory()) {
      this.stack.push(input);
    }
    // Anything else (a FIFO, a device) gives os.walk nothing to list, so nothing is added.
  }

  private walkDirectory(dir: string): void {
    if (this.seenBefore(dir)) return;
    let entries: fs.Dirent[];
    try {
      entries = this.fsys.readDir(dir);
    } catch (err) {
      const { message, code } = describeFsError(err);
      this.problems.push({ path: dir, error: message, code });
      return;
    }
    for (const entry of entries) {
      const name = entry.name;
      const full = joinPath(dir, name);
      if (entry.isDirectory()) {
        if (!this.coversWholeTree(full)) this.stack.push(full);
      } else if (entry.isSymbolicLink()) {
        // os.walk lists a symlink to a folder among the folders and does not enter it; every other symlink
        // (to a file, dangling, looping) is a file. Only a name that could be kept is worth a stat.
        if (this.accepts(full, name) && !this.pointsToDirectory(full)) this.files.add(full);
      } else if (this.accepts(full, name)) {
        this.files.add(full);
      }
    }
  }

  private accepts(full: string, name: string): boolean {
    return acceptsName(name, this.options) && !isExcluded(full, this.patterns);
  }

  /**
   * True when every path below `dir` is excluded: `fnmatch(dir + "/", exc + "*")` means the pattern `exc`
   * matches some prefix of `dir/`, and then `exc*` matches every longer path too, since `*` takes the rest.
   */
  private coversWholeTree(dir: string): boolean {
    return isExcluded(childPrefix(dir), this.patterns);
  }

  private pointsToDirectory(link: string): boolean {
    try {
      return this.fsys.stat(link).isDirectory();
    } catch {
      return false; // dangling or looping: os.walk's is_dir() is False, so it is a file
    }
  }

  /** A folder already walked (same device and inode): a bind mount of an ancestor, or two input paths. */
  private seenBefore(dir: string): boolean {
    let key: string;
    try {
      const st = this.fsys.stat(dir);
      if (!st.ino) return false; // no usable inode numbers on this file system
      key = `${st.dev}:${st.ino}`;
    } catch {
      return false; // readDir reports the problem
    }
    if (this.visitedDirs.has(key)) {
      return true;
    }
    this.visitedDirs.add(key);
    return false;
  }
}
