/**
 * The project config ([tool.interrogate] / [tool:interrogate], and [tool.pydoclint] for the docstring-quality
 * checks) that applies to each folder, read by the CLI's loader (config/loader.ts) as interrogate finds it,
 * and kept per folder: every keystroke re-checks a document, and walking up the tree each time would cost
 * more than the check. Problems in a config file are handed to `onProblems` once per file until the cache is
 * dropped (a watched pyproject.toml / setup.cfg changed), an empty list included, so the editor can clear old
 * ones. `[tool.pydoclint]`'s problems join them only once quality checks are asked for (qualityFor): with
 * `docbits.quality.enabled` off, that table is none of docbits' business.
 */
import * as path from 'path';
import { loadConfig } from '../config/loader';
import { conflictingOptions, mergeOptions } from '../config/merge';
import { ConfigProblem, LoadedConfig } from '../config/types';
import { DEFAULT_QUALITY_OPTIONS, QualityOptions } from '../docstrings/checks';
import { loadQualityOptions } from '../workspace/qualityScan';

export type ConfigProblemSink = (configPath: string, problems: readonly ConfigProblem[]) => void;

export class ProjectConfigs {
  private readonly byFolder = new Map<string, LoadedConfig>();
  /** `[tool.pydoclint]` per config file, read once until the cache is dropped. */
  private readonly quality = new Map<string, { options: QualityOptions | null; problems: readonly ConfigProblem[] }>();
  /** Config files whose problems were handed on: 'all' when `[tool.pydoclint]`'s were among them. */
  private readonly reported = new Map<string, 'coverage' | 'all'>();

  constructor(private readonly onProblems: ConfigProblemSink, private readonly read: (folder: string) => LoadedConfig = (folder) => loadConfig([folder])) {}

  /** The config for a file, by its absolute path. */
  forFile(filePath: string): LoadedConfig {
    return this.forFolder(path.dirname(filePath));
  }

  /** The config for the files of a folder (a workspace folder's own, for a workspace scan). */
  forFolder(folder: string): LoadedConfig {
    let config = this.byFolder.get(folder);
    if (!config) {
      config = this.read(folder);
      this.byFolder.set(folder, config);
    }
    if (config.path !== undefined && !this.reported.has(config.path)) {
      this.reported.set(config.path, 'coverage');
      this.onProblems(config.path, withConflicts(config));
    }
    return config;
  }

  /**
   * The file's problems with `[tool.pydoclint]`'s, once quality is asked for. One list per file: publishing
   * them apart would replace the others.
   */
  private reportQuality(config: LoadedConfig): void {
    if (config.path === undefined || this.reported.get(config.path) === 'all') return;
    this.reported.set(config.path, 'all');
    const quality = this.qualityOf(config.path).problems;
    if (quality.length > 0) this.onProblems(config.path, [...withConflicts(config), ...quality]);
  }

  /**
   * The editor's settings changed: quality may no longer be asked for, so `[tool.pydoclint]`'s problems go
   * (the documents' checks, run again, bring them back where quality is still on).
   */
  settingsChanged(): void {
    for (const [configPath, state] of this.reported) {
      if (state !== 'all') continue;
      this.reported.set(configPath, 'coverage');
      const config = [...this.byFolder.values()].find((c) => c.path === configPath);
      if (config && this.qualityOf(configPath).problems.length > 0) this.onProblems(configPath, withConflicts(config));
    }
  }

  /**
   * The docstring-quality options for a file: pydoclint's defaults with its project's `[tool.pydoclint]`;
   * null when the project has no such table, unless `always`.
   */
  qualityFor(filePath: string, always: boolean): QualityOptions | null {
    return this.qualityForFolder(path.dirname(filePath), always);
  }

  /** The same for a workspace folder's scan (its own config, as its coverage options). */
  qualityForFolder(folder: string, always: boolean): QualityOptions | null {
    const config = this.forFolder(folder);
    this.reportQuality(config);
    return this.qualityOptionsOf(config.path, always);
  }

  private qualityOptionsOf(configPath: string | undefined, always: boolean): QualityOptions | null {
    if (configPath === undefined) return always ? DEFAULT_QUALITY_OPTIONS : null;
    return this.qualityOf(configPath).options ?? (always ? DEFAULT_QUALITY_OPTIONS : null);
  }

  /** A config file's `[tool.pydoclint]` (null: none) and its problems, read once until the cache is dropped. */
  private qualityOf(configPath: string): { options: QualityOptions | null; problems: readonly ConfigProblem[] } {
    let quality = this.quality.get(configPath);
    if (quality === undefined) {
      const loaded = loadQualityOptions(configPath);
      quality = { options: loaded.found ? { ...DEFAULT_QUALITY_OPTIONS, ...loaded.options } : null, problems: loaded.problems };
      this.quality.set(configPath, quality);
    }
    return quality;
  }

  /** A config file changed somewhere: any folder may now resolve to a different file. */
  clear(): void {
    this.quality.clear();
    this.byFolder.clear();
    this.reported.clear();
  }

  /** Whether a changed file can decide a project's configuration (its folder's root markers included). */
  static isConfigFile(filePath: string): boolean {
    const name = path.basename(filePath);
    return name === 'pyproject.toml' || name === 'setup.cfg' || name === '.git' || name === '.hg';
  }
}

/**
 * The file's problems, plus options it combines that interrogate refuses (the CLI stops with exit 2 on them):
 * the editor says so on the file instead of measuring quietly.
 */
function withConflicts(config: LoadedConfig): readonly ConfigProblem[] {
  const conflict = config.found ? conflictingOptions(mergeOptions(undefined, config.options)) : undefined;
  if (conflict === undefined) return config.problems;
  const message = `${conflict} The docbits command stops here with exit 2, as interrogate does; the editor measures it as written.`;
  return [...config.problems, { message, severity: 'error' }];
}
