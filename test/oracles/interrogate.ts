/**
 * interrogate 1.7.0 (beside the checkout at ../shared/oracles) and the built `docbits` CLI, each run as a user
 * runs it: a child process, given the same arguments and folder. The differential CLI tests compare the two.
 *
 * interrogate needs Debian's python3-attr, -click, -tabulate, -colorama and -py, which .ci/run installs; a
 * machine without them fails these tests with that message rather than skipping them.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const REPO = path.join(__dirname, '..', '..', '..');
export const DOCBITS_CLI = path.join(REPO, 'dist', 'cli.js');
const ORACLES = path.resolve(REPO, '..', 'shared', 'oracles');
const INTERROGATE_SH = path.join(ORACLES, 'interrogate.sh');
/** interrogate's own test suite and fixtures. */
export const INTERROGATE_TESTS = path.join(ORACLES, 'interrogate', 'tests');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  /** Extra environment; COLUMNS and the colour variables are cleared unless given, so both see an 80-column pipe. */
  env?: Record<string, string>;
}

/** Makes `import wcwidth` fail in interrogate's Python (see the module there): tabulate as pip installs it. */
const WITHOUT_WCWIDTH = path.join(__dirname, '..', '..', '..', 'test', 'oracles', 'without-wcwidth');

function environment(extra: Record<string, string> | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, COLUMNS: '', PYTHONPATH: WITHOUT_WCWIDTH, ...extra };
  // py.io reads NO_COLOR's presence, not its value: only an explicit request keeps these.
  for (const name of ['NO_COLOR', 'PY_COLORS', 'INTERROGATE_COLOR', 'FORCE_COLOR', 'TERM']) if (!extra || !(name in extra)) delete env[name];
  return env;
}

/** Why interrogate cannot run here, or undefined when it can. */
export function interrogateMissing(): string | undefined {
  if (!fs.existsSync(INTERROGATE_SH)) return `interrogate's oracle is not at ${INTERROGATE_SH}`;
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import attr, click, tabulate, colorama, py'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    return 'interrogate needs Debian\'s python3-attr python3-click python3-tabulate python3-colorama python3-py (.ci/run installs them)';
  }
  return undefined;
}

export function runInterrogate(args: readonly string[], options: RunOptions): Run {
  const r = spawnSync(INTERROGATE_SH, [...args], { cwd: options.cwd, encoding: 'utf8', env: environment(options.env) });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function runDocbits(args: readonly string[], options: RunOptions): Run {
  const r = spawnSync(process.execPath, [DOCBITS_CLI, ...args], { cwd: options.cwd, encoding: 'utf8', env: environment(options.env) });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs `file` without blocking, so that interrogate and docbits can run side by side. */
export function spawnRun(file: string, args: readonly string[], options: RunOptions): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, [...args], { cwd: options.cwd, env: environment(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => stdout.push(b));
    child.stderr.on('data', (b: Buffer) => stderr.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }));
  });
}

/** interrogate and docbits on the same arguments and folder, at the same time (two processes). */
export async function runBoth(args: readonly string[], options: RunOptions): Promise<{ interrogate: Run; docbits: Run }> {
  const [interrogate, docbits] = await Promise.all([
    spawnRun(INTERROGATE_SH, args, options),
    spawnRun(process.execPath, [DOCBITS_CLI, ...args], options),
  ]);
  return { interrogate, docbits };
}
