/**
 * Writing the report (`-o`) and the badge (`-g`) under one policy, because a
 * project's config file is untrusted input (a cloned pull request, a pre-commit run):
 *
 * - a path from a config file must land inside the project, the config file's folder, once symlinks are
 *   resolved; the same path given on the command line is the user's own choice and is allowed;
 * - only regular files are written: never a folder, device, FIFO or socket (a FIFO would block forever; an old
 *   badge is read by workspace/analyzeFile's readSourceFile, bounded and regular files only);
 * - writes are atomic: a temporary file in the same folder, then a rename, so a run stopped midway (SIGKILL, a
 *   file-size limit, a full disk) leaves the previous report whole;
 * - every failure is one line saying what went wrong, which the CLI prints with exit 2.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { ConfigOptions } from '../config/types';

/** A write or read the policy refuses, or one the system refused; the message is the one line to print. */
export class ReportFileError extends Error {}

function kindOf(stat: fs.Stats): string | undefined {
  if (stat.isFile()) return undefined;
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT': return 'its folder does not exist';
    case 'ENOTDIR': return 'a part of the path is not a folder';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'EROFS': return 'the file system is read-only';
    case 'ENOSPC': return 'no space left on the device';
    case 'EDQUOT': return 'disk quota exceeded';
    case 'EFBIG': return 'the file would be too large';
    case 'EISDIR': return 'it is a folder';
    case 'ENAMETOOLONG': return 'the path is too long';
    case 'ELOOP': return 'too many symbolic links';
    default: return (error as Error).message ?? String(error);
  }
}

/** The path with every symlink resolved, the last part included when it exists (it may not exist yet). */
function realTarget(target: string): string {
  const absolute = path.resolve(target);
  try {
    return fs.realpathSync(absolute);
  } catch {
    try {
      return path.join(fs.realpathSync(path.dirname(absolute)), path.basename(absolute));
    } catch {
      return absolute;
    }
  }
}

/**
 * Why a path from the config file `configPath` may not be written, or undefined when it may: it must resolve
 * inside the config file's folder. `key` names the setting in the message.
 */
export function configPathRefusal(target: string, configPath: string, key: string): string | undefined {
  const root = realTarget(path.dirname(configPath));
  const real = realTarget(target);
  const relative = path.relative(root, real);
  if (relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)) return undefined;
  return `${key} = "${target}" in ${configPath} points outside the project (${root}); ` +
    `a config file may only write inside its project. Give the path with the command-line flag to write there.`;
}

/**
 * Why the config file's `output` or `generate-badge` may not be written, or undefined: a key the command line
 * sets is the user's own choice and is not judged (nor is `output = "-"`, stdout).
 */
export function configWriteRefusal(configPath: string, fromFile: ConfigOptions, fromCli: ConfigOptions): string | undefined {
  const targets = [
    { key: 'output', fromFile: fromFile.output, fromCli: fromCli.output },
    { key: 'generate-badge', fromFile: fromFile.generateBadge, fromCli: fromCli.generateBadge },
  ];
  for (const target of targets) {
    if (target.fromFile === undefined || target.fromCli !== undefined || target.fromFile === '-') continue;
    const refusal = configPathRefusal(target.fromFile, configPath, target.key);
    if (refusal) return refusal;
  }
  return undefined;
}

/**
 * Replace `target` with `data` atomically, or throw a ReportFileError. An existing file keeps its mode;
 * `beforeRename` may throw a ReportFileError to give up at the last moment (the temporary file is removed).
 */
export function writeFileAtomically(target: string, data: string | Uint8Array, beforeRename?: () => void): void {
  if (target === '') throw new ReportFileError('cannot write the output: the path is empty.');
  const real = realTarget(target);
  let mode = 0o666;
  let existed = false;
  try {
    const stat = fs.statSync(real);
    const kind = kindOf(stat);
    if (kind) throw new ReportFileError(`cannot write ${target}: it is ${kind}; give the path of a file.`);
    fs.accessSync(real, fs.constants.W_OK);
    mode = stat.mode & 0o7777;
    existed = true;
  } catch (e) {
    if (e instanceof ReportFileError) throw e;
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new ReportFileError(`cannot write ${target}: ${reasonOf(e)}.`);
  }
  const temporary = path.join(path.dirname(real), `.${path.basename(real)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    const fd = fs.openSync(temporary, 'wx', mode);
    try {
      fs.writeFileSync(fd, data);
      if (existed) fs.fchmodSync(fd, mode); // open's mode passes through the umask
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    beforeRename?.();
    fs.renameSync(temporary, real);
  } catch (e) {
    try {
      fs.unlinkSync(temporary);
    } catch {
      // never created, or already renamed
    }
    if (e instanceof ReportFileError) throw e;
    throw new ReportFileError(`cannot write ${target}: ${reasonOf(e)}.`);
  }
}
