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
  let text: string;
  try {
    // Config is untrusted input (a cloned pull request): a huge file is refused, not read.
    const size = fs.statSync(configPath).size;
    if (size > MAX_CONFIG_BYTES) {
      return {
        path: configPath, found: false, options: {},
        problems: [{ message: `Config file ${configPath} is ${size} bytes, more than a config file can reasonably be (${MAX_CONFIG_BYTES}); it is not read.`, severity: 'error' }],
      };
    }
    text = fs.readFileSync(configPath, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a folder' : `${(e as Error).message}`;
    return {
      path: configPath,
      found: false,
      options: {},
      problems: [{ message: `Cannot read config file ${configPath}: ${reason}.${hint}`, severity: 'error' }],
    };
  }
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
