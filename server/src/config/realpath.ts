/**
 * pathlib's `Path.resolve()` (Python 3.11, POSIX), which click's `resolve_path` and interrogate's project
 * search use: os.path.realpath without `strict`. Unlike fs.realpathSync it resolves the symlinks of a path
 * that does not exist as far as it exists (`link/tests*` -> `<target>/tests*`, an exclude pattern), and it
 * applies `..` after the symlink before it (`link/..` is the target's parent), not to the text first.
 */
import * as fs from 'fs';
import * as path from 'path';

/** Symlinks followed for one path at most (the kernel gives up after 40; Python's recursion after ~1,000). */
const MAX_LINKS = 1000;

/** posixpath._joinrealpath: `rest` joined onto the resolved `start`, links resolved; ok false on a loop. */
function joinReal(start: string, rest: string, seen: Map<string, string | null>): { path: string; ok: boolean } {
  let current = start;
  if (rest.startsWith('/')) {
    rest = rest.slice(1);
    current = '/';
  }
  while (rest) {
    const slash = rest.indexOf('/');
    const name = slash < 0 ? rest : rest.slice(0, slash);
    rest = slash < 0 ? '' : rest.slice(slash + 1);
    if (!name || name === '.') continue;
    if (name === '..') {
      if (current) {
        const parent = path.posix.dirname(current), last = path.posix.basename(current);
        current = last === '..' ? path.posix.join(parent, '..', '..') : parent;
      } else {
        current = '..';
      }
      continue;
    }
    const next = current ? path.posix.join(current, name) : name;
    let isLink = false;
    try {
      isLink = fs.lstatSync(next).isSymbolicLink();
    } catch {
      // Missing or unreadable: kept as written, as Python does when not strict.
    }
    if (!isLink) {
      current = next;
      continue;
    }
    if (seen.has(next)) {
      const known = seen.get(next);
      if (known !== null && known !== undefined) {
        current = known;
        continue;
      }
      // A loop: what is resolved so far plus the rest unchanged.
      return { path: rest ? path.posix.join(next, rest) : next, ok: false };
    }
    // A hostile tree can chain links without end in sight: past MAX_LINKS it is treated as a loop, not recursed into.
    if (seen.size >= MAX_LINKS) return { path: rest ? path.posix.join(next, rest) : next, ok: false };
    seen.set(next, null);
    let target: string;
    try {
      target = fs.readlinkSync(next);
    } catch {
      current = next;
      continue;
    }
    const inner = joinReal(current, target, seen);
    if (!inner.ok) return { path: rest ? path.posix.join(inner.path, rest) : inner.path, ok: false };
    current = inner.path;
    seen.set(next, current);
  }
  return { path: current, ok: true };
}

/** `p` made absolute against `base` with its symlinks resolved as Python's pathlib resolves them (never throws). */
export function pythonRealpath(base: string, p: string): string {
  if (process.platform === 'win32') {
    const absolute = path.resolve(base, p);
    try {
      return fs.realpathSync(absolute);
    } catch {
      return absolute;
    }
  }
  // Not normalised first: a `..` must apply to where a symlink before it leads.
  const joined = p.startsWith('/') ? p : `${base.replace(/\/+$/, '')}/${p}`;
  return path.posix.resolve(joinReal('', joined, new Map()).path);
}
