/** The seed corpus: the python3 stdlib (site-packages excluded) and test/fixtures/**\/*.py, sorted, read lazily. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

function walk(dir: string, out: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === 'site-packages' || e.name === '__pycache__') continue;
      walk(p, out);
    } else if (e.isFile() && e.name.endsWith('.py')) out.push(p);
  }
}

export function stdlibDir(): string | undefined {
  if (process.env.DOCBITS_FUZZ_STDLIB) return process.env.DOCBITS_FUZZ_STDLIB;
  const r = spawnSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

export class Corpus {
  readonly files: string[];
  private readonly cache = new Map<string, Uint8Array>();
  constructor(files: string[]) {
    this.files = files;
  }
  static load(): Corpus {
    const fixtures: string[] = [];
    walk(path.join(REPO_ROOT, 'test', 'fixtures'), fixtures);
    const stdlib: string[] = [];
    const dir = stdlibDir();
    if (dir) walk(dir, stdlib);
    fixtures.sort();
    stdlib.sort();
    return new Corpus([...fixtures, ...stdlib]);
  }
  read(file: string): Uint8Array {
    let b = this.cache.get(file);
    if (!b) {
      try {
        b = new Uint8Array(fs.readFileSync(file));
      } catch {
        b = new Uint8Array(0);
      }
      if (this.cache.size > 64) this.cache.clear();
      this.cache.set(file, b);
    }
    return b;
  }
}
