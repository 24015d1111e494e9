/** Temporary folders of real files for the workspace tests, removed afterwards. */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface TempTree {
  root: string;
  /** Absolute path of a path relative to the root. */
  abs(rel: string): string;
  write(rel: string, content?: string): string;
  mkdir(rel: string): string;
  remove(): void;
}

/** Creates a folder in os.tmpdir(); `files` maps relative paths to contents (a trailing `/` makes a folder). */
export function makeTree(files: Record<string, string> = {}): TempTree {
  // realpath: os.tmpdir() may itself sit behind a symlink, and interrogate's paths are absolute, not resolved.
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-ws-')));
  const tree: TempTree = {
    root,
    abs: (rel) => path.join(root, rel),
    write(rel, content = '') {
      const file = path.join(root, rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
      return file;
    },
    mkdir(rel) {
      const dir = path.join(root, rel);
      fs.mkdirSync(dir, { recursive: true });
      return dir;
    },
    remove() {
      // Restore permissions a test may have taken away, then remove; `rm -rf` copes with trees deeper than
      // PATH_MAX, which fs.rmSync does not.
      try { execFileSync('chmod', ['-R', 'u+rwx', root], { stdio: 'ignore' }); } catch { /* best effort */ }
      try { execFileSync('rm', ['-rf', root], { stdio: 'ignore' }); } catch { fs.rmSync(root, { recursive: true, force: true }); }
    },
  };
  for (const [rel, content] of Object.entries(files)) {
    if (rel.endsWith('/')) tree.mkdir(rel);
    else tree.write(rel, content);
  }
  return tree;
}

/** Paths relative to a root, with `/`. */
export function relative(root: string, files: readonly string[]): string[] {
  return files.map((f) => path.relative(root, f).split(path.sep).join('/'));
}

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
