/** Finding the Python stdlib that python3 ships, and its .py files, for the differential tests. */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export function stdlibRoot(): string {
  return execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
}

/** Every .py file of the stdlib (site-packages excluded), sorted. */
export function stdlibFiles(root = stdlibRoot()): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'site-packages' && entry.name !== '__pycache__') walk(full);
      } else if (entry.isFile() && entry.name.endsWith('.py')) out.push(full);
    }
  };
  walk(root);
  return out.sort();
}

/**
 * A python3 that can import `module`: the one on PATH, else Debian's (/usr/bin/python3, where .ci/run installs
 * the python3-<module> packages an oracle needs).
 */
export function pythonWith(module: string): string {
  for (const python of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(python, ['-c', `import ${module}`], { stdio: 'ignore' });
      return python;
    } catch {
      // not this one
    }
  }
  throw new Error(`No python3 here can import ${module}: install Debian's python3-${module.toLowerCase()} (.ci/run does).`);
}

/** Runs an oracle script (from test/oracles) over files; returns its JSON lines by path. */
export function runOracle<T>(script: string, files: string[], args: string[] = [], python = 'python3',
  env: Record<string, string> = {}): Map<string, T> {
  const scriptPath = path.join(__dirname, '..', '..', '..', 'test', 'oracles', script);
  const out = execFileSync(python, [scriptPath, ...args], {
    input: files.join('\n'), encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, ...env },
  });
  const results = new Map<string, T>();
  for (const line of out.split('\n')) {
    if (!line) continue;
    const record = JSON.parse(line) as { path: string } & T;
    results.set(record.path, record);
  }
  return results;
}
