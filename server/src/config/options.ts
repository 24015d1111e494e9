/**
 * The option registry: every option docbits knows has exactly one row here, naming it everywhere it can be set
 * (the `[tool.interrogate]` key in interrogate's spelling, the command-line flags, the editor setting), with its
 * value kind, default and help text. Everything else is derived from these rows:
 *
 * - DEFAULT_OPTIONS / DEFAULT_REPORT_SETTINGS / DEFAULT_EDITOR_SETTINGS (the defaults),
 * - the config-file key table (fileKeys.ts), shared by pyproject.toml and setup.cfg,
 * - the command line's parser and `--help` (commandLine.ts),
 * - the editor-settings reader (editorSettings.ts),
 * - package.json's `contributes.configuration` and the README's settings table (settingsSchema.ts; a test
 *   fails when they differ, `node scripts/gen-settings.mjs` rewrites them).
 *
 * Values from every source are checked by the same code (values.ts); only the command line words its errors
 * as click does, since interrogate's users know those.
 */
import { DEFAULT_BITS_HOVER_OPTIONS } from '../bits/options';
import type { CoverageOptions, MarkerOptions } from '../coverage/types';
import type { ReportSettings } from './types';

/** How a value is read and checked (values.ts), and what shape the editor setting has. */
export type ValueKind =
  | 'bool'
  | 'failUnder'
  | 'verbose'
  | 'style'
  | 'badgeFormat'
  | 'badgeStyle'
  | 'path'
  /** An absolute path, or "" for none (the editor's `docbits.hover.stdlibPath`, `docbits.hover.pythonInterpreter`). */
  | 'absolutePath'
  | 'regexList'
  | 'pathList'
  | 'markers'
  | 'ext'
  /** One of `choices`. */
  | 'choice'
  /** A list of `choices`. */
  | 'choiceList'
  /** A whole number from `min` to `max`. */
  | 'int'
  /** An object of booleans, one per key of `subSettings` (the editor's `docbits.markers.*`). */
  | 'markerFlags'
  /** A command-line switch that takes no value (`--json`, `--help`). */
  | 'switch'
  /** `-j N`: a whole number >= 0. */
  | 'jobs'
  /** A table of path prefix -> fail-under (`[tool.docbits.per-path]`). */
  | 'perPath'
  /** A git branch, tag or commit, `staged`, or "" (off). */
  | 'gitBase';

/**
 * Where a row's value lands: `coverage` (CoverageOptions: what is counted), `report` (ReportSettings: how the
 * CLI prints), `editor` (EditorSettings only), `cli` (an Invocation field of the command line only), `client`
 * (read by the VS Code client only: the server checks the value and knows the key, and uses neither).
 */
export type OptionScope = 'coverage' | 'report' | 'editor' | 'cli' | 'client';

export interface CliFlag {
  /** Without the dashes. */
  long: string;
  short?: string;
  /** Shown after the flag in --help (`-f, --fail-under INT | FLOAT`). */
  metavar?: string;
  /** `--color / --no-color`: the long name of the flag that sets false. */
  negation?: string;
  /** Repeatable (`-e a -e b`). */
  multiple?: boolean;
  /** Relative paths are made absolute against the current folder, symlinks resolved (click's resolve_path). */
  resolvePath?: boolean;
  /** Only valid together with `-g/--generate-badge` (interrogate's rule). */
  needsBadge?: boolean;
  /** --help text when the flag means something else than the key (`--no-markers`); default: `help`. */
  help?: string;
  /** Appended to the --help line (`[default: 80.0]`, `(repeatable)`). */
  helpSuffix?: string;
}

export interface EditorSetting {
  /** The full key, `docbits.failUnder`. */
  key: string;
  /** Appended to `help` in the settings description. */
  note?: string;
  /** Older keys still read, with a warning naming the new one. */
  renamedFrom?: string[];
  /** Extra JSON-schema fields of the package.json property (enumDescriptions, items, ...). */
  schema?: Record<string, unknown>;
  /** When the setting's value has another shape than the key's (markers: an object of flags, not a list). */
  kind?: ValueKind;
  /** markerFlags: the sub-keys and their descriptions (package.json gets one property each). */
  subSettings?: Record<string, string>;
  /** The config key named in the description (default: the row's `file`). */
  shownFileKey?: string;
}

export interface OptionRow {
  /** The property the value lands in (CoverageOptions, ReportSettings, EditorSettings, or the Invocation). */
  prop: string;
  scope: OptionScope;
  kind: ValueKind;
  /** The default (undefined: unset, e.g. `output`). */
  default?: unknown;
  /** The CLI's --help line and the editor setting's description (plain text with `code`). */
  help: string;
  /** The key in `[tool.interrogate]` / `[tool:interrogate]`, as interrogate spells it. */
  file?: string;
  /** Other spellings of the key that are read the same (documented in the README). */
  fileAliases?: string[];
  cli?: CliFlag;
  setting?: EditorSetting;
  /** choice / choiceList: the accepted values; int: the bounds. */
  choices?: readonly string[];
  min?: number;
  max?: number;
}

export type BadgeStyle = 'flat' | 'flat-square' | 'flat-square-modified' | 'for-the-badge' | 'plastic' | 'social';
export const BADGE_STYLES: readonly BadgeStyle[] = ['flat', 'flat-square', 'flat-square-modified', 'for-the-badge', 'plastic', 'social'];

export const DEFAULT_MARKERS: MarkerOptions = { nodocqa: true, noqa: true, pylint: true, docstrCoverage: true };

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;
/**
 * The most `docbits.maxFileSize` can raise the limit to: past this a single file's text, parse and inventory
 * can outgrow the server's heap (a 200 MB file under a limit of 1e12 aborted it). A larger setting is lowered
 * to this, with a settings problem (editorSettings.ts). Not the row's `max`, which would refuse the setting
 * outright and keep the 10 MB default, further from what its author wanted.
 */
export const MAX_FILE_SIZE_CEILING = 50 * 1024 * 1024;

const bool = (prop: string, file: string, short: string | undefined, help: string, setting?: string, note?: string): OptionRow => ({
  prop, scope: 'coverage', kind: 'bool', default: false, help, file,
  cli: { long: file, ...(short ? { short } : {}) },
  ...(setting ? { setting: { key: setting, ...(note ? { note } : {}) } } : {}),
});

/** Every option, in --help order (the editor settings appear in package.json in this order too). */
export const OPTION_ROWS: readonly OptionRow[] = [
  {
    prop: 'configPrecedence', scope: 'editor', kind: 'choice', choices: ['projectFile', 'editorSettings'], default: 'projectFile',
    help: "Who decides the coverage options: the project's config file (default, so squiggles, status bar and CI agree) or these editor settings.",
    setting: {
      key: 'docbits.configPrecedence',
      schema: {
        enumDescriptions: [
          'A project with [tool.interrogate] (pyproject.toml) or [tool:interrogate] (setup.cfg) is measured with that section alone, exactly as interrogate measures it in CI, so the editor and CI agree. The coverage settings below apply only to projects without one.',
          'The coverage settings below win over the project file, key by key.',
        ],
      },
    },
  },
  {
    prop: 'verbose', scope: 'report', kind: 'verbose', default: 0, file: 'verbose',
    help: 'Level of verbosity (-v summary table, -vv detailed table).', cli: { long: 'verbose', short: 'v' },
  },
  { prop: 'quiet', scope: 'report', kind: 'bool', default: false, file: 'quiet', help: 'Do not print output.', cli: { long: 'quiet', short: 'q' } },
  {
    prop: 'failUnder', scope: 'coverage', kind: 'failUnder', default: 80, file: 'fail-under',
    help: 'Fail when coverage % is less than a given amount.',
    cli: { long: 'fail-under', short: 'f', metavar: 'INT | FLOAT', helpSuffix: '  [default: 80.0]' },
    setting: { key: 'docbits.failUnder', note: 'Below it the status bar turns to its warning colour.', schema: { minimum: 0, maximum: 100 } },
  },
  {
    prop: 'exclude', scope: 'coverage', kind: 'pathList', default: [], file: 'exclude',
    help: 'Exclude PATHs of files and/or directories (fnmatch patterns).',
    cli: { long: 'exclude', short: 'e', metavar: 'PATH', multiple: true, helpSuffix: ' Repeatable; relative to the current folder.' },
    setting: {
      key: 'docbits.exclude',
      note: 'Relative entries are relative to the workspace folder (in a config file: to its folder). Files there get no diagnostics and are not in the report.',
    },
  },
  bool('ignoreInitMethod', 'ignore-init-method', 'i', 'Ignore `__init__` method of classes.', 'docbits.ignoreInitMethod'),
  bool('ignoreInitModule', 'ignore-init-module', 'I', 'Ignore `__init__.py` modules.', 'docbits.ignoreInitModule'),
  bool('ignoreMagic', 'ignore-magic', 'm', 'Ignore all magic methods of classes (`__eq__`, ...; not `__init__`).', 'docbits.ignoreMagic'),
  bool('ignoreModule', 'ignore-module', 'M', 'Ignore module-level docstrings.', 'docbits.ignoreModule'),
  bool('ignoreNestedFunctions', 'ignore-nested-functions', 'n', 'Ignore nested functions and methods.', 'docbits.ignoreNestedFunctions'),
  bool('ignoreNestedClasses', 'ignore-nested-classes', 'C', 'Ignore nested classes (inside classes and functions).', 'docbits.ignoreNestedClasses'),
  bool('ignoreOverloadedFunctions', 'ignore-overloaded-functions', 'O', 'Ignore `@typing.overload`-decorated functions.', 'docbits.ignoreOverloadedFunctions'),
  bool('ignorePrivate', 'ignore-private', 'p', 'Ignore private classes, methods, and functions (`__name`).', 'docbits.ignorePrivate'),
  bool('ignorePropertyDecorators', 'ignore-property-decorators', 'P', 'Ignore methods with property getter/setter/deleter decorators.', 'docbits.ignorePropertyDecorators'),
  bool('ignoreSetters', 'ignore-setters', 'S', 'Ignore methods with property setter decorators.', 'docbits.ignoreSetters'),
  bool('ignoreSemiprivate', 'ignore-semiprivate', 's', 'Ignore semiprivate classes, methods, and functions (`_name`).', 'docbits.ignoreSemiprivate'),
  {
    prop: 'ignoreRegex', scope: 'coverage', kind: 'regexList', default: [], file: 'ignore-regex',
    help: 'Regex (Python syntax) of class, method and function names to ignore, matched from the start of the name.',
    cli: { long: 'ignore-regex', short: 'r', metavar: 'STR', multiple: true, helpSuffix: ' Repeatable.' },
    setting: { key: 'docbits.ignoreRegex' },
  },
  {
    prop: 'whitelistRegex', scope: 'coverage', kind: 'regexList', default: [], file: 'whitelist-regex',
    help: 'Regex of class, method and function names to include: only those count (implies ignoring modules).',
    cli: { long: 'whitelist-regex', short: 'w', metavar: 'STR', multiple: true, helpSuffix: ' Repeatable.' },
    setting: { key: 'docbits.whitelistRegex' },
  },
  {
    prop: 'docstringStyle', scope: 'coverage', kind: 'style', default: 'sphinx', file: 'style', fileAliases: ['docstring-style'],
    help: 'How classes and `__init__` are counted: with google, a class docstring covers its `__init__` and the other way round (interrogate\'s `style`; numpy counts as sphinx).',
    cli: { long: 'style', metavar: 'sphinx|google', helpSuffix: '  [default: sphinx]' },
    setting: {
      key: 'docbits.interrogateStyle',
      renamedFrom: ['docbits.coverageStyle'],
      note: 'This is about counting, not about the stubs: see `#docbits.docstringStyle#`.',
      schema: {
        enumDescriptions: [
          'Every class and `__init__` needs its own docstring.',
          'A class docstring covers its `__init__` and the other way round.',
        ],
      },
    },
    choices: ['sphinx', 'google'],
  },
  {
    prop: 'includeStubs', scope: 'coverage', kind: 'bool', default: false, file: 'pyi',
    help: 'Include stub files that end in `.pyi`.', cli: { long: 'pyi' },
    setting: { key: 'docbits.includeStubs', shownFileKey: 'ext = ["pyi"]' },
  },
  {
    prop: 'ignoreNotebooks', scope: 'coverage', kind: 'bool', default: false, file: 'ignore-notebooks',
    help: 'Ignore Jupyter notebooks (`.ipynb`; measured by default: their Python code cells, magics skipped) (docbits).',
    cli: { long: 'ignore-notebooks' },
    setting: { key: 'docbits.ignoreNotebooks' },
  },
  {
    prop: 'includeStubs', scope: 'coverage', kind: 'ext', file: 'ext',
    help: 'Include Python-like files with the given extension (supported: `pyi`).',
    cli: { long: 'ext', metavar: 'STR', multiple: true, helpSuffix: ' Repeatable.' },
  },
  {
    prop: 'output', scope: 'report', kind: 'path', file: 'output',
    help: 'Write output to a given FILE.', cli: { long: 'output', short: 'o', metavar: 'FILE', helpSuffix: '  [default: stdout]' },
  },
  {
    prop: 'color', scope: 'report', kind: 'bool', default: true, file: 'color',
    help: 'Toggle color output on/off when printing to a terminal.', cli: { long: 'color', negation: 'no-color' },
  },
  {
    prop: 'onlyMissing', scope: 'report', kind: 'bool', default: false, file: 'only-missing',
    help: 'List only definitions missing a docstring in the detailed table (docbits).', cli: { long: 'only-missing' },
  },
  bool('omitCoveredFiles', 'omit-covered-files', undefined, 'Omit reporting files that have 100% documentation coverage.', 'docbits.omitCoveredFiles'),
  {
    prop: 'generateBadge', scope: 'report', kind: 'path', file: 'generate-badge',
    help: 'Generate an SVG status badge at a given file or directory.',
    cli: { long: 'generate-badge', short: 'g', metavar: 'PATH', resolvePath: true },
  },
  {
    prop: 'badgeFormat', scope: 'report', kind: 'badgeFormat', default: 'svg', file: 'badge-format',
    help: 'File format of the badge: svg (png is not supported).', cli: { long: 'badge-format', metavar: 'FORMAT', needsBadge: true },
  },
  {
    prop: 'badgeStyle', scope: 'report', kind: 'badgeStyle', default: 'flat-square-modified', file: 'badge-style',
    help: 'flat, flat-square, flat-square-modified (default), for-the-badge, plastic, social.',
    cli: { long: 'badge-style', metavar: 'STYLE', needsBadge: true },
  },
  {
    prop: 'configPath', scope: 'cli', kind: 'path',
    help: 'Read configuration from `pyproject.toml` or `setup.cfg`.', cli: { long: 'config', short: 'c', metavar: 'FILE' },
  },
  { prop: 'json', scope: 'cli', kind: 'switch', help: 'Print the report as one JSON object (docbits).', cli: { long: 'json' } },
  {
    prop: 'checkDocstrings', scope: 'cli', kind: 'switch',
    help: 'Check that docstrings match the code (pydoclint\'s DOC1xx-DOC6xx, [tool.pydoclint] options) instead of coverage; exit 1 on any finding (docbits).',
    cli: { long: 'check-docstrings' },
  },
  {
    prop: 'fix', scope: 'cli', kind: 'switch',
    help: 'With --check-docstrings (implied): update the docstrings with findings to match their signatures, in place; exit 1 if findings remain (docbits).',
    cli: { long: 'fix' },
  },
  {
    prop: 'format', scope: 'cli', kind: 'choice', choices: ['table', 'concise'],
    help: 'table (interrogate\'s), or concise: one `path:line:col: D103 Missing docstring in ...` line per missing docstring (docbits).',
    cli: { long: 'format', metavar: 'FORMAT' },
  },
  bool('inheritDocstrings', 'inherit-docstrings', undefined,
    'A method without a docstring counts as documented ("inherited") when a base class in the workspace documents the method it overrides, or it is decorated @override (docbits).'),
  {
    prop: 'perPath', scope: 'coverage', kind: 'perPath', default: [], file: 'per-path',
    help: 'A fail-under per path prefix, `[tool.docbits.per-path]` `"src/" = 95`: each file is judged by its longest matching prefix (relative to the config file), the rest by fail-under (docbits).',
  },
  {
    // A string as given, like a path that is not resolved.
    prop: 'diff', scope: 'cli', kind: 'path',
    help: 'Count only the definitions changed since BASE (a branch, tag or commit; `--diff --staged`: the staged changes); fail when one lacks a docstring, or below -f (docbits).',
    cli: { long: 'diff', metavar: 'BASE' },
  },
  { prop: 'staged', scope: 'cli', kind: 'switch', help: 'Same as `--diff --staged` (docbits).', cli: { long: 'staged' } },
  {
    prop: 'markers', scope: 'coverage', kind: 'markers', default: DEFAULT_MARKERS, file: 'nodocqa-markers',
    help: 'Which skip comments count: a list of nodocqa, noqa, pylint, docstr-coverage (docbits).',
    cli: { long: 'no-markers', help: 'Ignore skip comments (# nodocqa, # noqa, ...) (docbits).' },
    setting: {
      key: 'docbits.markers',
      kind: 'markerFlags',
      subSettings: {
        nodocqa: '`# nodocqa` and `# nodocqa: file` excuse definitions.',
        noqa: 'A bare `# noqa` or `# noqa: D1xx` excuses a definition.',
        pylint: '`# pylint: disable=missing-...-docstring` (C0114-C0116) excuses a definition.',
        docstrCoverage: '`# docstr-coverage:excused` / `:inherited` excuse a definition.',
      },
    },
  },
  {
    prop: 'jobs', scope: 'cli', kind: 'jobs',
    help: 'Worker threads for the scan; 0 analyses in the main thread (docbits).\n[default: one per core for runs of 4,000 files or more]',
    cli: { long: 'jobs', short: 'j', metavar: 'N' },
  },
  { prop: 'version', scope: 'cli', kind: 'switch', help: 'Show the version and exit.', cli: { long: 'version', short: 'V' } },
  { prop: 'help', scope: 'cli', kind: 'switch', help: 'Show this message and exit.', cli: { long: 'help', short: 'h' } },
  // Editor only.
  {
    prop: 'severity', scope: 'editor', kind: 'choice', choices: ['error', 'warning', 'information', 'hint'], default: 'warning',
    help: 'Severity of "Missing docstring" and docstring-quality diagnostics.', setting: { key: 'docbits.severity' },
  },
  {
    prop: 'qualityEnabled', scope: 'editor', kind: 'choice', choices: ['auto', 'on', 'off'], default: 'auto',
    help: 'Docstring-quality diagnostics (do docstrings match the code?): auto shows them when the project\'s pyproject.toml has a [tool.pydoclint] table.',
    setting: { key: 'docbits.quality.enabled' },
  },
  {
    prop: 'qualityRules', scope: 'editor', kind: 'choiceList', choices: ['args', 'returns', 'yields', 'raises', 'class', 'attributes'],
    default: ['args', 'returns', 'yields', 'raises', 'class', 'attributes'],
    help: 'Docstring-quality diagnostics to show, by rule group (pydoclint\'s DOC1xx args, DOC2xx returns, DOC4xx yields, DOC5xx raises, DOC3xx class, DOC6xx attributes; options from [tool.pydoclint]). [] turns them off.',
    setting: { key: 'docbits.quality.rules' },
  },
  {
    prop: 'docstringStyle', scope: 'editor', kind: 'choice', choices: ['google', 'numpy', 'sphinx', 'pep257'], default: 'google',
    help: 'Layout of the docstring stubs that "Add docstring" inserts (not how coverage is counted: see `#docbits.interrogateStyle#`).',
    setting: { key: 'docbits.docstringStyle' },
  },
  {
    prop: 'hover.enabled', scope: 'editor', kind: 'bool', default: DEFAULT_BITS_HOVER_OPTIONS.enabled,
    help: 'Show bitwise expressions bit by bit on hover.', setting: { key: 'docbits.hover.enabled' },
  },
  {
    prop: 'hover.minWidth', scope: 'editor', kind: 'int', min: 1, max: 1024, default: DEFAULT_BITS_HOVER_OPTIONS.minWidth,
    help: 'Fewest bits a hover row shows.', setting: { key: 'docbits.hover.minWidth' },
  },
  {
    prop: 'hover.grouping', scope: 'editor', kind: 'choice', choices: ['nibble', 'byte'], default: DEFAULT_BITS_HOVER_OPTIONS.grouping,
    help: 'Group bits by 4 (nibble) or 8 (byte).', setting: { key: 'docbits.hover.grouping' },
  },
  {
    prop: 'hover.bases', scope: 'editor', kind: 'choiceList', choices: ['dec', 'hex', 'bin', 'oct'], default: DEFAULT_BITS_HOVER_OPTIONS.bases,
    help: 'Bases of the `= result` line, in order.', setting: { key: 'docbits.hover.bases' },
  },
  {
    prop: 'hover.maxShift', scope: 'editor', kind: 'int', min: 0, default: DEFAULT_BITS_HOVER_OPTIONS.maxShift,
    help: 'Widest left shift a hover computes; larger ones are reported, not built.', setting: { key: 'docbits.hover.maxShift' },
  },
  {
    prop: 'stdlibPath', scope: 'editor', kind: 'absolutePath', default: '',
    help: 'Folder of the Python standard library whose `.py` sources hovers read for names such as `re.VERBOSE` (read only, never run); "" looks in /usr/lib/python3.* and /usr/local/lib/python3.*. A machine setting: a workspace cannot set it.',
    setting: { key: 'docbits.hover.stdlibPath', schema: { scope: 'machine' } },
  },
  {
    prop: 'pythonInterpreter', scope: 'editor', kind: 'absolutePath', default: '',
    help: 'Python interpreter whose standard library hovers read when `docbits.hover.stdlibPath` is "" (found from its path and a venv\'s pyvenv.cfg; never run). VS Code fills it from the Python extension\'s selected interpreter. A machine setting.',
    setting: { key: 'docbits.hover.pythonInterpreter', schema: { scope: 'machine' } },
  },
  {
    prop: 'changedSince', scope: 'editor', kind: 'gitBase', default: '',
    help: 'Only flag the definitions changed since this git branch, tag or commit (unsaved edits included), like `docbits --diff BASE`; `staged`: changed since HEAD, in files git tracks (as the `docbits-diff` pre-commit hook sees them); "" flags all.',
    setting: { key: 'docbits.coverage.changedSince' },
  },
  {
    prop: 'maxFileSize', scope: 'editor', kind: 'int', min: 1, default: DEFAULT_MAX_FILE_SIZE,
    help: 'Files larger than this many bytes get no diagnostics and are reported, not read, in the workspace report.',
    setting: { key: 'docbits.maxFileSize' },
  },
  // VS Code client only.
  {
    prop: 'report.outputTable', scope: 'client', kind: 'choice', choices: ['off', 'summary', 'full'], default: 'off',
    help: 'Write the coverage table to the Docbits output channel after each report run (the command and the view\'s updates): off (one summary line), summary (one row per file, as -v) or full (every definition, as -vv; cut at 5,000 lines, the stdlib\'s is 77,318). "Show Coverage Table" opens the full table in an editor whatever this says.',
    setting: { key: 'docbits.report.outputTable' },
  },
];

function defaultsOf(scope: OptionScope): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const row of OPTION_ROWS) if (row.scope === scope && row.default !== undefined && !(row.prop in result)) result[row.prop] = row.default;
  return result;
}

/** interrogate's defaults (and ours for the skip markers), from the registry. */
export const DEFAULT_OPTIONS: CoverageOptions = defaultsOf('coverage') as unknown as CoverageOptions;

/** How the CLI prints by default (interrogate's defaults). */
export const DEFAULT_REPORT_SETTINGS: ReportSettings = defaultsOf('report') as unknown as ReportSettings;

/** The rows with an editor setting. */
export const SETTING_ROWS: readonly OptionRow[] = OPTION_ROWS.filter((row) => row.setting !== undefined);

/** The rows with a config-file key. */
export const FILE_ROWS: readonly OptionRow[] = OPTION_ROWS.filter((row) => row.file !== undefined);

/** The rows with a command-line flag. */
export const CLI_ROWS: readonly OptionRow[] = OPTION_ROWS.filter((row) => row.cli !== undefined);
