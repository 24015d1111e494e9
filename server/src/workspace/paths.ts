/**
 * Path helpers that reproduce how interrogate names and orders files: `os.path.join` (no normalising),
 * `get_common_base`, the report's display names and its sort order (Python compares strings by code point).
 */
import * as fs from 'fs';
import * as path from 'path';
import { compareCodePoints } from '../python/compat/ordering';

/** `os.path.join(dir, name)` for one plain name: no normalisation, a separator only when needed. */
export function joinPath(dir: string, name: string): string {
  return dir.endsWith(path.sep) || dir.endsWith('/') ? dir + name : dir + path.sep + name;
}

/** The prefix every path under `dir` starts with (`dir/`, or `dir` itself for a root like `/`). */
export function childPrefix(dir: string): string {
  return joinPath(dir, '');
}

/**
 * interrogate's `get_common_base`: `os.path.commonprefix` (character-wise, so `/a/foobar` and `/a/foobaz`
 * give `/a/fooba`), then up to the first path that exists.
 *
 * One deliberate difference: interrogate accepts any existing path, so `/a/pkg.py` with `/a/pkg/mod.py` gets
 * the base `/a/pkg` and the display name `py`. Here the base must also contain every file at a separator
 * boundary (or be the single file itself); in all other cases the result is interrogate's.
 */
export function commonBase(files: readonly string[], exists: (p: string) => boolean = fs.existsSync): string {
  if (files.length === 0) return '';
  let prefix = files[0];
  for (const file of files) {
    if (file.startsWith(prefix)) continue; // most files of a tree: a native test instead of a loop per character
    let k = 0;
    const max = Math.min(prefix.length, file.length);
    while (k < max && prefix.charCodeAt(k) === file.charCodeAt(k)) k++;
    prefix = prefix.slice(0, k);
    if (prefix === '') break;
  }
  let candidate = stripTrailingSeparators(prefix);
  for (;;) {
    if (candidate !== '' && exists(candidate) && containsAll(candidate, files)) return candidate;
    const parent = path.dirname(candidate);
    if (parent === candidate || candidate === '') return candidate === '' ? '.' : candidate;
    candidate = parent;
  }
}

/** pathlib.Path drops trailing separators (but keeps a root). */
function stripTrailingSeparators(p: string): string {
  let end = p.length;
  while (end > 1 && (p[end - 1] === '/' || p[end - 1] === path.sep)) end--;
  return p.slice(0, end);
}

function containsAll(base: string, files: readonly string[]): boolean {
  const prefix = childPrefix(base);
  return files.every((f) => f === base || f.startsWith(prefix));
}

/**
 * The name interrogate prints for a file: `filename[len(base)+1:]`, or the base name when the file is the
 * base (one file given).
 */
export function displayPath(file: string, base: string): string {
  if (file === base) return path.basename(file);
  return file.slice(childPrefix(base).length);
}

/**
 * The folder a scan's relative paths start from: the common base, or the folder holding it when the base is
 * the one file scanned.
 */
export function scanRoot(files: readonly string[], exists?: (p: string) => boolean): string {
  const base = commonBase(files, exists);
  return files.length > 0 && files.every((f) => f === base) ? path.dirname(base) : base;
}

/** A file's path relative to the scan root, always with `/` (the JSON `path`). */
export function relativeTo(root: string, file: string): string {
  const prefix = childPrefix(root);
  const rel = file.startsWith(prefix) ? file.slice(prefix.length) : path.relative(root, file);
  return path.sep === '/' ? rel : rel.split(path.sep).join('/');
}

/** Sorts in place in the order of interrogate's report, by (dirname, filename); the sort keys are computed once per file. */
export function sortReportOrder(files: string[]): string[] {
  // UTF-16 order equals code point order unless a string holds units from U+D800 up.
  const compare = files.some((f) => /[\ud800-\uffff]/.test(f)) ? compareCodePoints : compareUnits;
  const keyed = files.map((file) => ({ dir: path.dirname(file), file }));
  keyed.sort((x, y) => compare(x.dir, y.dir) || compare(x.file, y.file));
  keyed.forEach((k, i) => { files[i] = k.file; });
  return files;
}

function compareUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A path as a person at `cwd` would type it: relative when inside, else absolute; always with `/`. */
export function pathFromCwd(cwd: string, absolute: string): string {
  const relative = path.relative(cwd, absolute);
  const shown = relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative;
  return shown.split(path.sep).join('/');
}
