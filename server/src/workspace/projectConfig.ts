/**
 * The project config file ([tool.interrogate] in pyproject.toml, [tool:interrogate] in setup.cfg) that
 * applies to a document, loaded by the same loader as the CLI's (config/loader.ts) from the document's folder,
 * and cached per folder: every keystroke re-checks the document, and walking up the tree each time would cost
 * more than the check. The server drops the cache when a watched pyproject.toml / setup.cfg changes (or
 * appears, or goes).
 */
import * as path from 'path';
import { loadConfig } from '../config/loader';
import { LoadedConfig } from '../config/types';

/** The config for files of one folder: its file (if any), options (excludes absolute), problems. */
export type ProjectConfig = LoadedConfig;

/** Reads the config that interrogate would use for files in `folder`. Never throws. */
export function readProjectConfig(folder: string): ProjectConfig {
  return loadConfig([folder]);
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
