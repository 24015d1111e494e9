/**
 * The docstring-quality options: pydoclint's, with its names (`[tool.pydoclint]` in pyproject.toml, the
 * `--flag=value` forms of its command line) and its defaults (pydoclint 0.9.0's main.py, which the
 * differential test runs), plus docbits' own few. They live apart from the interrogate registry
 * (config/options.ts): they belong to another tool's table, and nothing of coverage depends on them.
 *
 * Values are checked by config/values.ts, as every other config value; a bad one keeps the default and
 * becomes a problem naming the key.
 */
import { parse as parseToml } from 'smol-toml';
import { tomlKeyLines } from '../../config/pyproject';
import type { ConfigProblem } from '../../config/types';
import type { MarkerOptions } from '../../coverage/types';
import { convert, show } from '../../config/values';
import type { DocstringStyleName } from '../parse';

export interface QualityOptions {
  style: DocstringStyleName;
  argTypeHintsInSignature: boolean;
  argTypeHintsInDocstring: boolean;
  checkArgOrder: boolean;
  skipCheckingShortDocstrings: boolean;
  skipCheckingRaises: boolean;
  skipCheckingPrivateFunctions: boolean;
  allowInitDocstring: boolean;
  checkReturnTypes: boolean;
  checkYieldTypes: boolean;
  ignoreUnderscoreArgs: boolean;
  ignorePrivateArgs: boolean;
  checkClassAttributes: boolean;
  shouldDocumentPrivateClassAttributes: boolean;
  treatPropertyMethodsAsClassAttributes: boolean;
  onlyAttrsWithClassVarAreTreatedAsClassAttrs: boolean;
  requireInlineClassVarDocs: boolean;
  requireReturnSectionWhenReturningNothing: boolean;
  requireYieldSectionWhenYieldingNothing: boolean;
  shouldDocumentStarArguments: boolean;
  omitStarsWhenDocumentingVarargs: boolean;
  shouldDeclareAssertErrorIfAssertStatementExists: boolean;
  /** Argument types compare with the default appended (`int, default=3`), as pydoclint's numpy / google check does. */
  checkArgDefaults: boolean;
  /** Where `# noqa: DOCxxx` goes: on the docstring's closing line (pydoclint's default) or the `def` line. */
  nativeModeNoqaLocation: 'docstring' | 'definition';
  /** DOC003: a docstring whose markers show another style is reported, and checked in that style. */
  checkStyleMismatch: boolean;
  /** docbits: `Optional[str]` (and `str | None`) matches a docstring's `str, optional`. */
  optionalEquivalence: boolean;
  /**
   * docbits: `# nodocqa` excuses definitions from the checks. Not a `[tool.pydoclint]` key: it is coverage's
   * marker setting (`nodocqa-markers`, `--no-markers`, `docbits.markers.nodocqa`), copied by withMarkers.
   */
  nodocqa: boolean;
}

type OptionKey = keyof QualityOptions;

interface QualityOptionRow {
  /** The `[tool.pydoclint]` key. */
  key: string;
  field: OptionKey;
  kind: 'bool' | 'choice';
  choices?: readonly string[];
  /** Read by docbits only (pydoclint does not know it). */
  ours?: boolean;
}

const bool = (key: string, field: OptionKey, ours = false): QualityOptionRow => ({ key, field, kind: 'bool', ours });

export const QUALITY_OPTION_ROWS: readonly QualityOptionRow[] = [
  { key: 'style', field: 'style', kind: 'choice', choices: ['numpy', 'google', 'sphinx'] },
  bool('arg-type-hints-in-signature', 'argTypeHintsInSignature'),
  bool('arg-type-hints-in-docstring', 'argTypeHintsInDocstring'),
  bool('check-arg-order', 'checkArgOrder'),
  bool('skip-checking-short-docstrings', 'skipCheckingShortDocstrings'),
  bool('skip-checking-raises', 'skipCheckingRaises'),
  bool('skip-checking-private-functions', 'skipCheckingPrivateFunctions'),
  bool('allow-init-docstring', 'allowInitDocstring'),
  bool('check-return-types', 'checkReturnTypes'),
  bool('check-yield-types', 'checkYieldTypes'),
  bool('ignore-underscore-args', 'ignoreUnderscoreArgs'),
  bool('ignore-private-args', 'ignorePrivateArgs'),
  bool('check-class-attributes', 'checkClassAttributes'),
  bool('should-document-private-class-attributes', 'shouldDocumentPrivateClassAttributes'),
  bool('treat-property-methods-as-class-attributes', 'treatPropertyMethodsAsClassAttributes'),
  bool('only-attrs-with-ClassVar-are-treated-as-class-attrs', 'onlyAttrsWithClassVarAreTreatedAsClassAttrs'),
  bool('require-inline-class-var-docs', 'requireInlineClassVarDocs'),
  bool('require-return-section-when-returning-nothing', 'requireReturnSectionWhenReturningNothing'),
  bool('require-yield-section-when-yielding-nothing', 'requireYieldSectionWhenYieldingNothing'),
  bool('should-document-star-arguments', 'shouldDocumentStarArguments'),
  bool('omit-stars-when-documenting-varargs', 'omitStarsWhenDocumentingVarargs'),
  bool('should-declare-assert-error-if-assert-statement-exists', 'shouldDeclareAssertErrorIfAssertStatementExists'),
  bool('check-arg-defaults', 'checkArgDefaults'),
  bool('check-style-mismatch', 'checkStyleMismatch'),
  { key: 'native-mode-noqa-location', field: 'nativeModeNoqaLocation', kind: 'choice', choices: ['docstring', 'definition'] },
  bool('optional-equivalence', 'optionalEquivalence', true),
];

/** pydoclint's keys that change nothing docbits checks (output, baselines, file selection): accepted, unused. */
const ACCEPTED_UNUSED = new Set([
  'quiet', 'exclude', 'baseline', 'generate-baseline', 'auto-regenerate-baseline', 'show-filenames-in-every-violation-message',
  'config',
]);

export const DEFAULT_QUALITY_OPTIONS: Readonly<QualityOptions> = Object.freeze({
  style: 'numpy',
  argTypeHintsInSignature: true,
  argTypeHintsInDocstring: true,
  checkArgOrder: true,
  skipCheckingShortDocstrings: true,
  skipCheckingRaises: false,
  skipCheckingPrivateFunctions: false,
  allowInitDocstring: false,
  checkReturnTypes: true,
  checkYieldTypes: true,
  ignoreUnderscoreArgs: true,
  ignorePrivateArgs: false,
  checkClassAttributes: true,
  shouldDocumentPrivateClassAttributes: false,
  treatPropertyMethodsAsClassAttributes: false,
  onlyAttrsWithClassVarAreTreatedAsClassAttrs: false,
  requireInlineClassVarDocs: false,
  requireReturnSectionWhenReturningNothing: false,
  requireYieldSectionWhenYieldingNothing: false,
  shouldDocumentStarArguments: true,
  omitStarsWhenDocumentingVarargs: false,
  shouldDeclareAssertErrorIfAssertStatementExists: false,
  checkArgDefaults: false,
  nativeModeNoqaLocation: 'docstring',
  checkStyleMismatch: false,
  optionalEquivalence: false,
  nodocqa: true,
});

/**
 * The quality options under the coverage options' skip-comment settings, so that `# nodocqa` means the
 * same to the checks as to the inventory (off with `--no-markers` or without `nodocqa` in `nodocqa-markers`).
 * The same object when nothing changes (caches key on it).
 */
export function withMarkers(options: QualityOptions, markers: Pick<MarkerOptions, 'nodocqa'>): QualityOptions {
  return options.nodocqa === markers.nodocqa ? options : { ...options, nodocqa: markers.nodocqa };
}

const ROW_BY_KEY = new Map<string, QualityOptionRow>();
for (const row of QUALITY_OPTION_ROWS) {
  ROW_BY_KEY.set(row.key, row);
  ROW_BY_KEY.set(row.key.replace(/-/g, '_'), row); // pydoclint reads `check_return_types` too
}

export interface QualityOptionsResult {
  options: Partial<QualityOptions>;
  problems: ConfigProblem[];
  /** Whether the file has a `[tool.pydoclint]` table. */
  found: boolean;
}

/**
 * Checks the entries of a `[tool.pydoclint]` table (or `--key=value` pairs): known keys, valid values.
 * @param keyLines 1-based lines of the keys in the file, for the problems (the editor shows them there)
 */
export function readQualityTable(entries: Record<string, unknown>, where = '[tool.pydoclint]', keyLines?: ReadonlyMap<string, number>): QualityOptionsResult {
  const options: Partial<QualityOptions> = {};
  const problems: ConfigProblem[] = [];
  for (const [key, raw] of Object.entries(entries)) {
    const row = ROW_BY_KEY.get(key);
    if (!row) {
      if (!ACCEPTED_UNUSED.has(key.replace(/_/g, '-'))) {
        problems.push({ key, ...lineOf(key, keyLines), message: `Unknown key "${key}" in ${where}; it is ignored.`, severity: 'warning' });
      }
      continue;
    }
    const converted = convert({ kind: row.kind, choices: row.choices as string[] | undefined }, raw);
    if ('error' in converted) {
      problems.push({ key, ...lineOf(key, keyLines), message: `${where} ${key}: ${converted.error} (got ${show(raw)}); the default is used.`, severity: 'error' });
      continue;
    }
    (options as Record<string, unknown>)[row.field] = converted.value;
  }
  return { options, problems, found: true };
}

function lineOf(key: string, keyLines: ReadonlyMap<string, number> | undefined): { line?: number } {
  const line = keyLines?.get(key);
  return line === undefined ? {} : { line };
}

/** `[tool.pydoclint]` of a pyproject.toml's text. A file that is not TOML is reported by the coverage loader. */
export function readPyprojectQualityOptions(text: string): QualityOptionsResult {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch {
    return { options: {}, problems: [], found: false };
  }
  const tool = doc.tool as Record<string, unknown> | undefined;
  const table = tool !== null && typeof tool === 'object' ? tool.pydoclint : undefined;
  if (table === undefined) return { options: {}, problems: [], found: false };
  if (table === null || typeof table !== 'object' || Array.isArray(table)) {
    return { options: {}, problems: [{ message: `"tool.pydoclint" must be a table, got ${show(table)}; defaults are used.`, severity: 'error' }], found: true };
  }
  return readQualityTable(table as Record<string, unknown>, undefined, tomlKeyLines(text, 'pydoclint'));
}
