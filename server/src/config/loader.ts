/**
 * The one config loader, used by the CLI and the language server alike: the explicit file (`-c/--config`) or
 * the one interrogate would find, read and checked, with relative `exclude` entries made absolute against the
 * config file's folder. Every failure is a problem in the result, worded the same for every caller; nothing
 * here throws.
 */
import * as fs from 'fs';
import * as path from 'path';
import { findConfigFile } from './project';
import { parsePyprojectToml } from './pyproject';
import { parseSetupCfg } from './setupCfg';
import { ConfigOptions, ConfigParseResult, LoadedConfig } from './types';

/** Like click's resolve_path: absolute against `base`, symlinks resolved where the path exists. */
export function resolvePath(base: string, p: string): string {
  const absolute = path.resolve(base, p);
  try {
    return fs.realpathSync(absolute);
  } catch {
    return absolute; // a pattern (`*/tests`) or a path that does not exist stays as written
  }
}

/**
 * The options with relative `exclude` entries made absolute against `baseFolder` (interrogate matches excludes
 * against absolute file paths, so a relative one would never match). Absolute entries are kept as they are.
 * For a config file the base is its folder (loadConfig does this), for the editor's `docbits.exclude` the
 * workspace folder holding the file, for `-e` the current folder.
 */
export function resolveExcludes<T extends ConfigOptions>(options: T, baseFolder: string): T {
  // per-path prefixes too: absolute, keeping the trailing separator that says "a folder".
  const perPath = options.perPath?.map(({ prefix, failUnder }) => ({ prefix: path.resolve(baseFolder, prefix) + (/[\\/]$/.test(prefix) ? path.sep : ''), failUnder }));
  if (!options.exclude) return perPath ? { ...options, perPath } : options;
  return { ...options, exclude: options.exclude.map((e) => resolvePath(baseFolder, e)), ...(perPath ? { perPath } : {}) };
}

/** Larger config files are refused unread. */
const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/**
 * A config file's text, or why it cannot be had. Config is untrusted input (a cloned pull request): a file over
 * MAX_CONFIG_BYTES is refused unread (`tooLarge`), and only a regular file is read, opened non-blocking so that
 * a FIFO given as the config file cannot hang the run. Every caller that reads a config file reads it here.
 */
export function readConfigText(configPath: string): { text: string } | { problem: string; tooLarge?: true } {
  let fd: number;
  try {
    fd = fs.openSync(configPath, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { problem: `Cannot read config file ${configPath}: ${describeConfigError(e)}.` };
  }
  try {
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) return { problem: `Cannot read config file ${configPath}: it is a folder.` };
    if (!st.isFile()) return { problem: `Cannot read config file ${configPath}: it is not a regular file.` };
    if (st.size > MAX_CONFIG_BYTES) {
      return { problem: `Config file ${configPath} is ${st.size} bytes, more than a config file can reasonably be (${MAX_CONFIG_BYTES}); it is not read.`, tooLarge: true };
    }
    return { text: fs.readFileSync(fd, 'utf8') };
  } catch (e) {
    return { problem: `Cannot read config file ${configPath}: ${describeConfigError(e)}.` };
  } finally {
    try { fs.closeSync(fd); } catch { /* nothing left to do */ }
  }
}

function describeConfigError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a folder' : `${(e as Error).message}`;
}

/** How a config file of this name is read: by its extension, as interrogate does. */
function parserFor(configPath: string): ((text: string) => ConfigParseResult) | undefined {
  if (configPath.endsWith('.toml')) return parsePyprojectToml;
  if (configPath.endsWith('.cfg')) return parseSetupCfg;
  return undefined;
}

/**
 * The configuration for a run over `paths` (files or folders; none: the current folder): the explicit file if
 * given, else the one interrogate would find from `paths`. `found` tells whether the file has an interrogate
 * section at all (the editor then lets it decide).
 */
export function loadConfig(paths: readonly string[], explicitConfigPath?: string): LoadedConfig {
  const explicit = explicitConfigPath !== undefined;
  const configPath = explicit ? path.resolve(explicitConfigPath) : findConfigFile(paths);
  if (configPath === undefined) return { found: false, options: {}, problems: [] };
  const hint = explicit ? ' Check the path given to --config.' : '';
  const read = readConfigText(configPath);
  if ('problem' in read) {
    return { path: configPath, found: false, options: {}, problems: [{ message: `${read.problem}${read.tooLarge ? '' : hint}`, severity: 'error' }] };
  }
  const text = read.text;
  const parse = parserFor(configPath);
  if (!parse) {
    return {
      path: configPath,
      found: false,
      options: {},
      problems: [{ message: `Config file ${configPath} is neither .toml nor .cfg, so it is not read (as in interrogate). Use a pyproject.toml or setup.cfg.`, severity: 'error' }],
    };
  }
  const parsed = parse(text);
  return {
    path: configPath, found: parsed.found, options: resolveExcludes(parsed.options, path.dirname(configPath)), problems: parsed.problems,
    ...(parsed.lineLength === undefined ? {} : { lineLength: parsed.lineLength }),
  };
}
