/**
 * Finding the project and its config file as interrogate does (find_project_root / find_project_config): the
 * project root is the first folder upwards from the scanned paths holding `.git`, `.hg` or `pyproject.toml`;
 * its `pyproject.toml` wins over its `setup.cfg`. Only reads the file system's metadata, never a file.
 */
import * as fs from 'fs';
import * as path from 'path';

function resolveReal(p: string): string {
  const absolute = path.resolve(p);
  try {
    return fs.realpathSync(absolute);
  } catch {
    return absolute; // pathlib's resolve() is not strict either: a missing path stays as written
  }
}

/** pathlib orders paths part by part ("/a/b/c" < "/a/b-c"), not character by character. */
function comparePathParts(a: string, b: string): number {
  const pa = a.split(path.sep);
  const pb = b.split(path.sep);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** Whether `p` is a folder (false when it is missing or unreadable). */
export function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function exists(p: string): boolean {
  try {
    fs.statSync(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * The folder interrogate treats as the project root: from the smallest of the resolved paths (itself if a
 * folder, else its parent) upwards, the first folder holding `.git` (file or folder), a `.hg` folder or a
 * `pyproject.toml` file; the filesystem root if none does. No paths means the current folder.
 */
export function findProjectRoot(paths: readonly string[]): string {
  const resolved = (paths.length > 0 ? paths : [process.cwd()]).map(resolveReal);
  const smallest = resolved.reduce((a, b) => (comparePathParts(b, a) < 0 ? b : a));
  let dir = isDir(smallest) ? smallest : path.dirname(smallest);
  for (;;) {
    if (exists(path.join(dir, '.git')) || isDir(path.join(dir, '.hg')) || isFile(path.join(dir, 'pyproject.toml'))) {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return dir;
    dir = parent;
  }
}

/** `<root>/pyproject.toml` if it is a file, else `<root>/setup.cfg` if it is one, else undefined. */
export function findConfigFile(paths: readonly string[]): string | undefined {
  const root = findProjectRoot(paths);
  const pyproject = path.join(root, 'pyproject.toml');
  if (isFile(pyproject)) return pyproject;
  const setupCfg = path.join(root, 'setup.cfg');
  return isFile(setupCfg) ? setupCfg : undefined;
}
