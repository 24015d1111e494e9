/**
 * The project config file ([tool.interrogate] in pyproject.toml, [tool:interrogate] in setup.cfg) that
 * applies to a document, found as interrogate finds it from the document's folder, and cached per folder:
 * every keystroke re-checks the document, and walking up the tree each time would cost more than the check.
 * The server drops the cache when a watched pyproject.toml / setup.cfg changes (or appears, or goes).
 */
import * as fs from 'fs';
import * as path from 'path';
import { ConfigOptions, ConfigProblem, findConfigFile, parsePyprojectToml, parseSetupCfg } from '../coverage/config';
import { ProjectFileOptions } from '../coverage/settings';

export interface ProjectConfig extends ProjectFileOptions {
  /** The config file read, if any. */
  path?: string;
  problems: ConfigProblem[];
}

const NO_CONFIG: ProjectConfig = { found: false, options: {}, problems: [] };

/** Reads the config that interrogate would use for files in `folder`. Never throws. */
export function readProjectConfig(folder: string): ProjectConfig {
  const configPath = findConfigFile([folder]);
  if (configPath === undefined) return NO_CONFIG;
  let text: string;
  try {
    text = fs.readFileSync(configPath, 'utf8');
  } catch (err) {
    return { path: configPath, found: false, options: {}, problems: [{ message: `Cannot read ${configPath}: ${(err as Error).message}`, severity: 'error' }] };
  }
  const parsed = configPath.endsWith('.toml') ? parsePyprojectToml(text) : parseSetupCfg(text);
  return { path: configPath, found: parsed.found, options: resolveExcludes(parsed.options, path.dirname(configPath)), problems: parsed.problems };
}

/**
 * `exclude` entries are relative paths in the file; interrogate resolves them against the folder it runs in,
 * which in CI is the project root, i.e. the config file's folder.
 */
function resolveExcludes(options: ConfigOptions, base: string): ConfigOptions {
  if (!options.exclude) return options;
  return { ...options, exclude: options.exclude.map((e) => path.resolve(base, e)) };
}

export class ProjectConfigCache {
  private readonly byFolder = new Map<string, ProjectConfig>();

  constructor(private readonly read: (folder: string) => ProjectConfig = readProjectConfig) {}

  /** The config for a file (by its absolute path). */
  forFile(filePath: string): ProjectConfig {
    const folder = path.dirname(filePath);
    let config = this.byFolder.get(folder);
    if (!config) {
      config = this.read(folder);
      this.byFolder.set(folder, config);
    }
    return config;
  }

  /** A config file changed somewhere: any folder may now resolve to a different file. */
  clear(): void {
    this.byFolder.clear();
  }

  /** Whether a changed file is one that can decide a project's configuration. */
  static isConfigFile(filePath: string): boolean {
    const name = path.basename(filePath);
    return name === 'pyproject.toml' || name === 'setup.cfg' || name === '.git' || name === '.hg';
  }
}
