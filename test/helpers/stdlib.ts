/** The stdlib as a differential test reads it: Debian's python3.11, which `.ci/run` installs. */
import * as fs from 'fs';
import * as path from 'path';

export const STDLIB = '/usr/lib/python3.11';

/** Every `.py` file under `root`, sorted; site-packages and __pycache__ left out, and `test` folders unless asked. */
export function stdlibPythonFiles(root = STDLIB, options: { withTests?: boolean } = {}): string[] {
  const out: string[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'site-packages' || entry.name === '__pycache__' || (!options.withTests && entry.name === 'test')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (entry.name.endsWith('.py')) out.push(full);
    }
  }
  return out.sort();
}
