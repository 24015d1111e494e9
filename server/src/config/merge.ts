/**
 * Combining options from their sources. The CLI: command line over config file over defaults. The editor:
 * by `docbits.configPrecedence` (effectiveCoverageOptions). Lists are replaced, not appended, as click does
 * with a config default; a non-empty whitelist-regex forces ignore-module, as interrogate does.
 */
import { CoverageOptions } from '../coverage/types';
import { DEFAULT_OPTIONS, DEFAULT_REPORT_SETTINGS } from './options';
import { ConfigOptions, ReportSettings, ResolvedOptions } from './types';

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
