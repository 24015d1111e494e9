#!/usr/bin/env node
// Thin launcher for the fuzz harness: compiles the tests (tsc -> out/) unless --no-build, then runs
// out/test/fuzz/run.js with the remaining arguments, at the lowest CPU priority when --nice is given.
//   node scripts/fuzz.mjs --seconds 1800 --nice [--seed N] [--scale full|ci] [--no-linearity] [--case I]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const take = (flag) => {
  const i = args.indexOf(flag);
  if (i < 0) return false;
  args.splice(i, 1);
  return true;
};
const noBuild = take('--no-build');
const nice = take('--nice');
if (!noBuild) {
  const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
}
const runner = path.join(root, 'out', 'test', 'fuzz', 'run.js');
const command = nice ? ['nice', ['-n', '19', process.execPath, runner, ...args]] : [process.execPath, [runner, ...args]];
const result = spawnSync(command[0], command[1], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
