/**
 * The keys of `[tool.interrogate]` / `[tool:interrogate]`, derived from the option registry: interrogate's
 * normalisation (`--` dropped, `-` -> `_`, so `fail-under`, `fail_under` and `--fail-under` are one key), the
 * typo suggestion, and checking one key/value pair into the options. Shared by pyproject.ts and setupCfg.ts.
 */
import { FILE_ROWS, OptionRow } from './options';
import { ConfigOptions, ConfigProblem } from './types';
import { clip, convert } from './values';

/** interrogate's key normalisation. */
export function normalizeKey(key: string): string {
  return key.split('--').join('').split('-').join('_');
}

function displayKey(normalized: string): string {
  return normalized.split('_').join('-');
}

/** Normalised key (and alias) -> its row. */
const KEYS: ReadonlyMap<string, OptionRow> = new Map(
  FILE_ROWS.flatMap((row) => [row.file!, ...(row.fileAliases ?? [])].map((key) => [normalizeKey(key), row] as const)),
);

/** The row of a key as written (any spelling interrogate accepts), if it is one. */
export function rowOfKey(key: string): OptionRow | undefined {
  return KEYS.get(normalizeKey(key));
}

/** setup.cfg keys whose value is a list (interrogate's keys_for_list_values, plus ours). */
const LIST_KINDS = new Set(['regexList', 'pathList', 'ext', 'markers']);
export function isListKey(key: string): boolean {
  const row = rowOfKey(key);
  return row !== undefined && LIST_KINDS.has(row.kind);
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** Keys longer than this are not typos of a known one (and would cost length x candidates to compare). */
const MAX_SUGGESTED_LENGTH = 64;

/** The candidate closest to `unknown`, if it is close enough to be a typo. */
export function closest(unknown: string, candidates: Iterable<string>): string | undefined {
  if (unknown.length > MAX_SUGGESTED_LENGTH) return undefined;
  const limit = Math.max(2, Math.floor(unknown.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const known of candidates) {
    if (Math.abs(known.length - unknown.length) > limit) continue; // the distance is at least the length difference
    const d = editDistance(unknown, known);
    if (d < bestDistance) [best, bestDistance] = [known, d];
  }
  return best !== undefined && bestDistance <= limit ? best : undefined;
}

/** After this many problems, unknown keys get no suggestion (a hostile file may hold thousands). */
const MAX_PROBLEMS_WITH_SUGGESTIONS = 100;

/** The known key closest to an unknown one, if it is close enough to be a typo. */
export function suggestKey(unknown: string): string | undefined {
  const best = closest(normalizeKey(unknown.toLowerCase()), KEYS.keys());
  return best !== undefined ? displayKey(best) : undefined;
}

/**
 * Check one raw key/value pair and put it into `options`, or report why not. `lookupKey` is the key to look up
 * when it differs from the one to show (setup.cfg: configparser lower-cases keys).
 */
export function applyEntry(
  rawKey: string,
  raw: unknown,
  line: number | undefined,
  where: string,
  options: ConfigOptions,
  problems: ConfigProblem[],
  lookupKey = rawKey,
): void {
  const row = rowOfKey(lookupKey);
  if (!row) {
    const suggestion = problems.length < MAX_PROBLEMS_WITH_SUGGESTIONS ? suggestKey(rawKey) : undefined;
    const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
    problems.push({ message: `Unknown key "${clip(rawKey)}" in ${where}; it is ignored.${hint}`, key: rawKey, line, severity: 'warning' });
    return;
  }
  const result = convert(row, raw);
  if ('error' in result) {
    problems.push({ message: `"${clip(rawKey)}": ${clip(result.error, 300)}. Using the default instead.`, key: rawKey, line, severity: 'error' });
    return;
  }
  for (const message of result.problems) {
    problems.push({ message: `"${clip(rawKey)}": ${clip(message, 300)}; it is ignored.`, key: rawKey, line, severity: 'warning' });
  }
  (options as Record<string, unknown>)[row.prop] = result.value;
}
