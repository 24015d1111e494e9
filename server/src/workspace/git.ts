/**
 * The one place docbits runs git: to learn what changed since a base (`--diff`). git runs as a process with
 * fixed arguments, never through a shell, and nothing a repository holds may make it run code or write:
 *
 * - `--no-ext-diff --no-textconv` and `-c diff.external=`: no external diff or textconv driver runs;
 * - every filter driver the configuration names gets empty `clean`/`smudge`/`process` commands: comparing
 *   the working tree runs a file's clean filter otherwise (`.gitattributes` + `filter.x.clean` in a hostile
 *   `.git/config`);
 * - `core.fsmonitor=false` (a hook program otherwise), `--ignore-submodules=all` (git would run itself in
 *   each submodule, under the submodule's own configuration), `protocol.allow=never` (no lazy fetch of a
 *   partial clone's missing objects), GIT_OPTIONAL_LOCKS=0 (the index is not refreshed on disk);
 * - GIT_CONFIG_NOSYSTEM=1 (the system file is not read; the user's own file is, for `safe.directory`);
 * - fixed prefixes, `--no-relative`, `--literal-pathspecs` and `--end-of-options` / `--`, so no setting or
 *   argument changes what the output means; a BASE is resolved to a commit id first.
 * Output is bounded (256 MB) and a run is stopped after 60 s.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** What went wrong, in words for the user (the CLI prints it and exits 2). */
export interface GitFailure {
  error: string;
}

interface GitRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;
const TIMEOUT_MS = 60_000;
/** More filter drivers than this is no real repository; refused rather than given thousands of arguments. */
const MAX_FILTER_DRIVERS = 200;

const SAFE_CONFIG = [
  'core.fsmonitor=false', 'core.quotePath=true', 'diff.external=', 'color.ui=never', 'protocol.allow=never',
  'core.untrackedCache=false',
];

function gitEnvironment(): NodeJS.ProcessEnv {
  // GIT_INDEX_FILE and GIT_DIR stay: a pre-commit hook's index may be a temporary one that git set.
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', GIT_NO_LAZY_FETCH: '1' };
  delete env.GIT_EXTERNAL_DIFF;
  delete env.GIT_PAGER;
  return env;
}

function runGit(args: readonly string[], cwd: string, extraConfig: readonly string[] = [], timeoutMs = TIMEOUT_MS, maxBytes = MAX_OUTPUT_BYTES): Promise<GitRun | GitFailure> {
  const config = [...SAFE_CONFIG, ...extraConfig].flatMap((c) => ['-c', c]);
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn('git', ['--no-pager', '--literal-pathspecs', ...config, ...args], {
        cwd, env: gitEnvironment(), stdio: ['ignore', 'pipe', 'pipe'], shell: false, timeout: timeoutMs, windowsHide: true,
      });
    } catch (e) {
      resolve({ error: `cannot run git: ${(e as Error).message}` });
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let overflow = false;
    child.stdout.on('data', (b: Buffer) => {
      size += b.length;
      if (size > maxBytes) {
        overflow = true;
        child.kill();
      } else out.push(b);
    });
    child.stderr.on('data', (b: Buffer) => { if (err.length < 64) err.push(b); });
    child.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code === 'ENOENT' ? 'git is not installed (or not on PATH)' : `cannot run git: ${e.message}` }));
    child.on('close', (code, signal) => {
      if (overflow) resolve({ error: `git's output is larger than ${Math.round(maxBytes / 1024 / 1024)} MB` });
      else if (signal !== null && code === null) resolve({ error: `git was stopped (${signal}) after ${timeoutMs / 1000} s or by a signal` });
      else resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

function failed(run: GitRun | GitFailure): run is GitFailure {
  return 'error' in run;
}

/** git's own first error line, for messages. */
function gitMessage(run: GitRun): string {
  const line = run.stderr.split('\n').find((l) => l.trim() !== '') ?? `exit code ${run.code}`;
  return line.replace(/^(fatal|error): /, '').trim();
}

/** What to compare with: a branch, tag or commit (with the working tree), or `staged`: the index with HEAD. */
export type DiffBase = { ref: string } | { staged: true };

/** A filter driver's name that `-c filter.NAME.clean=` spells unambiguously. */
const PLAIN_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/** The top folder of the repository holding `folder`, or why there is none. */
async function repositoryRoot(folder: string): Promise<string | GitFailure> {
  const run = await runGit(['rev-parse', '--show-toplevel'], folder);
  if (failed(run)) return run;
  if (run.code !== 0) return { error: /not a git repository/i.test(run.stderr) ? `${folder} is not in a git repository` : gitMessage(run) };
  return run.stdout.replace(/\n$/, '');
}

/**
 * What changed since `base` in the repository holding `folder`: its top folder, git's diff under the
 * pathspecs that `pathspecsOf(top)` gives (relative to the top), and the untracked files there (which are
 * new). Two rounds of git processes, each run side by side: a run is mostly waiting for them.
 */
export async function changesSince(folder: string, base: DiffBase, pathspecsOf: (top: string) => string[] | GitFailure):
  Promise<{ top: string; diff: string; untracked: string[] } | GitFailure> {
  const [top, filters, commit] = await Promise.all([repositoryRoot(folder), neutralisedFilters(folder), resolveBase(folder, base)]);
  if (typeof top !== 'string') return top;
  if (!Array.isArray(filters)) return filters;
  if (typeof commit !== 'string') return commit;
  const pathspecs = pathspecsOf(top);
  if (!Array.isArray(pathspecs)) return pathspecs;
  const staged = 'staged' in base;
  const [diff, others] = await Promise.all([
    runGit([
      'diff', '--unified=0', '--no-color', '--no-ext-diff', '--no-textconv', '-M', '--src-prefix=a/', '--dst-prefix=b/',
      '--no-relative', '--inter-hunk-context=0', '--ignore-submodules=all', ...(staged ? ['--cached'] : []), commit, '--', ...pathspecs,
    ], top, filters),
    // Untracked files are not part of a commit: not with --staged.
    staged ? undefined : runGit(['ls-files', '--others', '--exclude-standard', '-z', '--', ...pathspecs], top, filters),
  ]);
  if (failed(diff)) return diff;
  if (diff.code !== 0) return { error: `git diff failed: ${gitMessage(diff)}` };
  if (others === undefined) return { top, diff: diff.stdout, untracked: [] };
  if (failed(others)) return others;
  if (others.code !== 0) return { error: `git ls-files failed: ${gitMessage(others)}` };
  return { top, diff: diff.stdout, untracked: others.stdout.split('\0').filter((p) => p !== '') };
}

/** The commit id BASE names, or a clear error for an unknown one. */
async function resolveBase(root: string, base: DiffBase): Promise<string | GitFailure> {
  const name = 'staged' in base ? 'HEAD' : base.ref;
  if (name === '' || name.startsWith('-')) return { error: `not a commit: ${JSON.stringify(name)}` };
  const run = await runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${name}^{commit}`], root);
  if (failed(run)) return run;
  if (run.code === 0) return run.stdout.trim();
  if (!('staged' in base)) return { error: `unknown base ${JSON.stringify(name)}: not a branch, tag or commit in this repository` };
  // Before the first commit everything staged is new: compare with the empty tree.
  const empty = await runGit(['hash-object', '-t', 'tree', '--stdin'], root);
  if (failed(empty)) return empty;
  return empty.code === 0 ? empty.stdout.trim() : { error: gitMessage(empty) };
}

/** `-c filter.X.clean=` ... for every filter driver X the configuration names, so that none of them runs. */
async function neutralisedFilters(root: string): Promise<string[] | GitFailure> {
  const run = await runGit(['config', '-z', '--name-only', '--get-regexp', '^filter\\.'], root);
  if (failed(run)) return run;
  if (run.code !== 0 && run.code !== 1) return { error: gitMessage(run) }; // 1: none configured
  const drivers = new Set<string>();
  for (const key of run.stdout.split('\0')) {
    const last = key.lastIndexOf('.');
    if (!key.startsWith('filter.') || last <= 'filter.'.length) continue;
    const driver = key.slice('filter.'.length, last);
    if (!PLAIN_NAME.test(driver)) return { error: `the repository configures a filter driver named ${JSON.stringify(driver)}; refusing to run git on it` };
    drivers.add(driver);
  }
  if (drivers.size > MAX_FILTER_DRIVERS) return { error: `the repository configures ${drivers.size} filter drivers; refusing to run git on it` };
  return [...drivers].flatMap((d) => [`filter.${d}.clean=`, `filter.${d}.smudge=`, `filter.${d}.process=`, `filter.${d}.required=false`]);
}

/**
 * The text of a file as BASE has it, for the editor's "changed since" (the buffer is compared with it):
 * `{ref}` the file in that commit, `{staged: true}` the file in HEAD. `text` is null when the file is not
 * there (a new file), and `untracked` says whether git does not know it at all (for `staged`: not part of a
 * commit). git runs in the file's repository with the same fixed arguments; `git cat-file blob` runs no
 * filter or textconv. A file renamed since BASE (git's rename detection, as `--diff` follows renames) has its
 * old path's text. Files larger than `maxBytes` are an error.
 */
export async function fileAtBase(file: string, base: DiffBase, timeoutMs: number, maxBytes: number):
  Promise<{ text: string | null; untracked: boolean } | GitFailure> {
  const folder = path.dirname(file);
  const [top, commit] = await Promise.all([repositoryRoot(folder), resolveBase(folder, base)]);
  if (typeof top !== 'string') return top;
  if (typeof commit !== 'string') return commit;
  let relative: string;
  try {
    relative = path.relative(fs.realpathSync.native(top), fs.realpathSync.native(file));
  } catch (e) {
    return { error: `cannot read ${file}: ${(e as Error).message}` };
  }
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return { error: `${file} is not in the git repository at ${top}` };
  const name = relative.split(path.sep).join('/');
  const [blob, known] = await Promise.all([
    runGit(['cat-file', 'blob', `${commit}:${name}`], top, [], timeoutMs, maxBytes),
    runGit(['ls-files', '--cached', '-z', '--', name], top, [], timeoutMs),
  ]);
  if (failed(blob)) return blob;
  if (failed(known)) return known;
  const untracked = known.code === 0 && known.stdout === '';
  if (blob.code === 0) return { text: blob.stdout, untracked };
  // Not in that commit under this name: new since, untracked, or renamed (then it is diffed with its old self).
  const old = untracked ? undefined : await renamedFrom(top, commit, name, 'staged' in base, timeoutMs);
  if (old !== undefined && typeof old !== 'string') return old;
  if (old === undefined) return { text: null, untracked };
  const oldBlob = await runGit(['cat-file', 'blob', `${commit}:${old}`], top, [], timeoutMs, maxBytes);
  if (failed(oldBlob)) return oldBlob;
  return { text: oldBlob.code === 0 ? oldBlob.stdout : null, untracked };
}

/**
 * The path `name` had at `commit` when git's rename detection (`-M`, as `--diff` uses it) pairs it with a
 * file deleted since, else undefined. The whole tree is compared (a rename pairs two paths), by name only.
 */
async function renamedFrom(top: string, commit: string, name: string, staged: boolean, timeoutMs: number): Promise<string | undefined | GitFailure> {
  const filters = await neutralisedFilters(top);
  if (!Array.isArray(filters)) return filters;
  const run = await runGit([
    'diff', '--name-status', '-z', '-M', '--diff-filter=R', '--no-color', '--no-ext-diff', '--no-textconv', '--no-relative',
    '--ignore-submodules=all', ...(staged ? ['--cached'] : []), commit, '--',
  ], top, filters, timeoutMs);
  if (failed(run)) return run;
  if (run.code !== 0) return { error: `git diff failed: ${gitMessage(run)}` };
  // -z: `R<score>\0old\0new\0` per rename.
  const fields = run.stdout.split('\0');
  for (let i = 0; i + 2 < fields.length; i += 3) {
    if (fields[i].startsWith('R') && fields[i + 2] === name) return fields[i + 1];
  }
  return undefined;
}
