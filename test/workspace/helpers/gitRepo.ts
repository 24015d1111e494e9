/**
 * A real git repository in a temporary folder, for the --diff tests: the history every one of them checks
 * (commits, a rename, a deletion, a body-only change, a staged change, an untracked file) and the
 * definitions each diff must gate. git runs without the user's or the system's configuration.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import { makeTree, TempTree } from './tree';

const GIT_ENV = {
  ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid',
  GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid',
};

export function git(repo: TempTree, ...args: string[]): string {
  return execFileSync('git', args, { cwd: repo.root, env: GIT_ENV, encoding: 'utf8' });
}

/** Enough lines that git pairs a file with its renamed, edited copy (-M needs 50% similarity). */
const FILLER = Array.from({ length: 12 }, (_, i) => `CONSTANT_${i} = ${i}\n`).join('');

const KEEP_BASE = `"""Kept."""\n\n\ndef documented():\n    """Doc."""\n    return 1\n\n\ndef untouched():\n    return 2\n\n\ndef body_changes():\n    return 3\n\n\nclass Holder:\n    """A class."""\n\n    def method(self):\n        return 4\n`;

/**
 * The repository: tag `base`, then a commit (a body-only change, a rename with an edit, a deletion, a new
 * file), then in the working tree a staged change and an untracked file.
 */
export function historyRepo(): TempTree {
  const repo = makeTree();
  git(repo, 'init', '-q', '-b', 'main');
  repo.write('setup.py', '"""Never changed: the scan root stays the repository."""\n');
  repo.write('pkg/__init__.py', '"""Package."""\n');
  repo.write('pkg/keep.py', KEEP_BASE);
  repo.write('pkg/old_name.py', `"""Renamed later."""\n${FILLER}\n\ndef stays():\n    return 1\n\n\ndef edited():\n    return 1\n`);
  repo.write('pkg/deleted.py', 'def gone():\n    return 1\n');
  repo.write('pkg/same.py', '"""Same."""\n\n\ndef same():\n    return 1\n');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'base');
  git(repo, 'tag', 'base');

  repo.write('pkg/keep.py', KEEP_BASE.replace('    return 3\n', '    value = 3\n    return value\n').replace('        return 4\n', '        return 40\n'));
  git(repo, 'mv', 'pkg/old_name.py', 'pkg/new_name.py');
  repo.write('pkg/new_name.py', fs.readFileSync(repo.abs('pkg/new_name.py'), 'utf8').replace('def edited():\n    return 1', 'def edited():\n    return 2'));
  git(repo, 'rm', '-q', 'pkg/deleted.py');
  repo.write('pkg/added file.py', '"""Added."""\n\n\ndef added():\n    return 1\n');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'change');

  repo.write('pkg/same.py', '"""Same."""\n\n\ndef same():\n    return 1\n\n\ndef staged():\n    return 2\n');
  git(repo, 'add', 'pkg/same.py');
  repo.write('pkg/untracked.py', 'def untracked():\n    """Doc."""\n');
  return repo;
}

/** What `--diff base` gates in historyRepo(): path -> qualnames with status. */
export const GATED_SINCE_BASE: Record<string, string[]> = {
  'pkg/added file.py': ['added file.py:covered', 'added:missed'],
  'pkg/keep.py': ['keep.py:covered', 'body_changes:missed', 'Holder:covered', 'Holder.method:missed'],
  'pkg/new_name.py': ['new_name.py:covered', 'edited:missed'],
  'pkg/same.py': ['same.py:covered', 'staged:missed'],
  'pkg/untracked.py': ['untracked.py:missed', 'untracked:covered'],
};

/** What `--diff --staged` gates. */
export const GATED_STAGED: Record<string, string[]> = {
  'pkg/same.py': ['same.py:covered', 'staged:missed'],
};
