/**
 * The shapes configuration comes in: what a config file, the command line or the editor sets, the problems
 * found on the way, and interrogate's report settings. CoverageOptions itself lives in coverage/types.ts.
 */
import type { CoverageOptions } from '../coverage/types';
import type { BadgeStyle } from './options';

export interface ConfigProblem {
  message: string;
  /** The key as written in the file, or the editor setting (`docbits.failUnder`). */
  key?: string;
  /** 1-based. */
  line?: number;
  /** 1-based. */
  column?: number;
  /** 'error': the value (or the file) was not used; 'warning': something was ignored or adjusted. */
  severity: 'error' | 'warning';
}

/** interrogate's options that shape the output rather than the coverage. */
export interface ReportSettings {
  /** 0, 1 (-v) or 2 (-vv). */
  verbose: number;
  quiet: boolean;
  color: boolean;
  /** `-g/--generate-badge`: a file or folder for the badge. */
  generateBadge?: string;
  /** Only 'svg' is ever accepted (png is refused with a message). */
  badgeFormat: 'svg';
  badgeStyle: BadgeStyle;
  /** `-o/--output`: a file for the report. */
  output?: string;
  /** `--only-missing`: the detailed table lists only the definitions missing a docstring (docbits). */
  onlyMissing: boolean;
}

/** What a config file (or the command line, or the editor) sets; absent keys keep their defaults. */
export type ConfigOptions = Partial<CoverageOptions> & Partial<ReportSettings>;

export type ResolvedOptions = CoverageOptions & ReportSettings;

export interface ConfigParseResult {
  options: ConfigOptions;
  problems: ConfigProblem[];
  /** Whether the file has an interrogate table/section at all. */
  found: boolean;
  /** pyproject.toml's `[tool.ruff]` or `[tool.black]` `line-length`, for the docstring stubs. */
  lineLength?: number;
}

export interface LoadedConfig extends ConfigParseResult {
  /** The config file read, if any. */
  path?: string;
}
