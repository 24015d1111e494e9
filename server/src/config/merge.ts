/**
 * Combining options from their sources. The CLI: command line over config file over defaults. The editor:
 * by `docbits.configPrecedence` (effectiveCoverageOptions). Lists are replaced, not appended, as click does
 * with a config default; a non-empty whitelist-regex forces ignore-module, as interrogate does.
 */
import { CoverageOptions } from '../coverage/types';
import { DEFAULT_OPTIONS, DEFAULT_REPORT_SETTINGS } from './options';
import { rowOfKey } from './fileKeys';
import { ConfigOptions, ConfigProblem, ReportSettings, ResolvedOptions } from './types';

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The options of a run: command line over config file over defaults. */
export function mergeOptions(
  defaults: CoverageOptions & Partial<ReportSettings> = DEFAULT_OPTIONS,
  fromConfig: ConfigOptions = {},
  fromCli: ConfigOptions = {},
): ResolvedOptions {
  const merged: ResolvedOptions = { ...DEFAULT_REPORT_SETTINGS, ...defined(defaults), ...defined(fromConfig), ...defined(fromCli) } as ResolvedOptions;
  // Own copies, so a caller mutating the result cannot change DEFAULT_OPTIONS.
  merged.ignoreRegex = [...merged.ignoreRegex];
  merged.whitelistRegex = [...merged.whitelistRegex];
  merged.exclude = [...merged.exclude];
  merged.markers = { ...merged.markers };
  if (merged.whitelistRegex.length > 0) merged.ignoreModule = true;
  return merged;
}

/**
 * The config file's problems that still apply once the command line is merged in: a flag replaces its key's
 * value (lists too), so a warning about that value would describe something the run does not use.
 */
export function problemsNotOverridden(problems: readonly ConfigProblem[], fromCli: ConfigOptions): ConfigProblem[] {
  const overridden = (problem: ConfigProblem): boolean => {
    const row = problem.key === undefined ? undefined : rowOfKey(problem.key);
    return row !== undefined && Object.prototype.hasOwnProperty.call(fromCli, row.prop)
      && (fromCli as Record<string, unknown>)[row.prop] !== undefined;
  };
  return problems.filter((problem) => !overridden(problem));
}

/**
 * Options interrogate refuses together, wherever they come from (flags or config file), in its words; undefined
 * when the combination is fine. `style = "google"` lets a class docstring cover `__init__`, which
 * ignore-init-method would drop.
 */
export function conflictingOptions(options: Pick<CoverageOptions, 'docstringStyle' | 'ignoreInitMethod'>): string | undefined {
  if (options.docstringStyle === 'google' && options.ignoreInitMethod) {
    return 'The `--ignore-init-method` flag is mutually exclusive with `--style google`.';
  }
  return undefined;
}
