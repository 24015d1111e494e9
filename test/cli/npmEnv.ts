/** Helpers the packaging tests share: a copy of the working tree and an environment free of npm's run state. */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const REPO = path.join(__dirname, '..', '..', '..');

/**
 * process.env without the npm_* variables `npm test` sets (npm_config_prefix, npm_config_cache, ...): a child
 * npm or pre-commit must see only what the test gives it, never the outer run's prefix.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  return { ...env, ...extra };
}

/**
 * The working tree's files (tracked and new, not ignored) copied to `dest`, with node_modules linked, so that
 * `npm pack` there runs the `prepare` build without rewriting the repository's own dist/.
 */
export function copyWorkingTree(dest: string): void {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO, encoding: 'utf8' });
  for (const rel of listed.split('\0')) {
    const from = path.join(REPO, rel);
    if (!rel || !fs.existsSync(from) || !fs.statSync(from).isFile()) continue; // deleted, or a submodule
    fs.mkdirSync(path.dirname(path.join(dest, rel)), { recursive: true });
    fs.copyFileSync(from, path.join(dest, rel));
  }
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dest, 'node_modules'));
}
