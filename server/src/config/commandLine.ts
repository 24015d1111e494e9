/**
 * The `docbits` command line: its parser and its `--help`, both derived from the option registry, with
 * interrogate's (click's) flags, spellings and error messages. Relative `-e/--exclude` and `-g` paths are
 * resolved against the current folder, as click's resolve_path does.
 */
import * as fs from 'fs';
import * as path from 'path';
import { pyRepr } from '../python/printable';
import { ArgumentError, FlagSpec, splitArguments } from './argv';
import { compileNameRegex } from '../python/compat/regex';
import { resolvePath } from './loader';
import { pythonRealpath } from './realpath';
import { BADGE_STYLES, CLI_ROWS, OptionRow } from './options';
import { isDir } from './project';
import { ConfigOptions } from './types';
import { ALL_MARKERS_OFF, convert } from './values';

/** Bad usage: the CLI prints it, after the usage line unless `withUsage` is false, and exits 2. */
export class UsageError extends Error {
  constructor(message: string, readonly withUsage = true) {
    super(message);
  }
}

export interface Invocation {
  /** Absolute, symlinks resolved where they exist. */
  paths: string[];
  /** `-c/--config` as given. */
  configPath?: string;
  fromCli: ConfigOptions;
  json: boolean;
  /** `--format`: interrogate's tables, or one line per missing docstring. */
  format: 'table' | 'concise';
  /** Worker threads for the scan (-j); undefined = one per core, 0 = analyse in the main thread. */
  jobs?: number;
  /** `--diff BASE` / `--diff --staged`: only the definitions changed since then count. */
  diff?: { ref: string } | { staged: true };
  /** `--check-docstrings`: docstring-quality findings instead of coverage. */
  checkDocstrings: boolean;
  /** `--fix`: update the docstrings with findings in place (implies checkDocstrings). */
  fix: boolean;
}

const HELP_COLUMN = 34;
/** click's default: help is wrapped to 80 columns. */
const HELP_WIDTH = 80;

/** Words to lines of at most `width` characters (a longer word gets a line of its own). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line];
}

function flagLabel(row: OptionRow): string {
  const cli = row.cli!;
  const names = `${cli.short ? `-${cli.short}, ` : '    '}--${cli.long}${cli.negation ? ` / --${cli.negation}` : ''}`;
  return `  ${names}${cli.metavar ? ` ${cli.metavar}` : ''}`;
}

/** `docbits --help`, one line per flag of the registry, laid out as click lays out interrogate's. */
export function helpText(): string {
  const lines = [
    'Usage: docbits [OPTIONS] [PATHS]...',
    '',
    '  Measure and report on documentation coverage in Python modules',
    '  (interrogate-compatible; reads [tool.interrogate] from pyproject.toml or',
    '  setup.cfg).',
    '',
    'Options:',
  ];
  const indent = ' '.repeat(HELP_COLUMN);
  for (const row of CLI_ROWS) {
    const label = flagLabel(row);
    const text = (row.cli!.help ?? row.help) + (row.cli!.helpSuffix ?? '');
    const [first, ...rest] = text.split('\n').flatMap((paragraph) => wrap(paragraph, HELP_WIDTH - HELP_COLUMN));
    if (label.length <= HELP_COLUMN - 2) lines.push(label.padEnd(HELP_COLUMN) + first);
    else lines.push(label, indent + first);
    for (const more of rest) lines.push(indent + more);
  }
  return `${lines.join('\n')}\n`;
}

/** How click names a flag in its messages: `'-f' / '--fail-under'`. */
function flagName(row: OptionRow): string {
  const cli = row.cli!;
  return cli.short ? `'-${cli.short}' / '--${cli.long}'` : `'--${cli.long}'`;
}

/** click.Choice's refusal: `Invalid value for '--style': 'foo' is not one of 'sphinx', 'google'.` */
function notOneOf(row: OptionRow, value: string, choices: readonly string[]): UsageError {
  return new UsageError(`Invalid value for ${flagName(row)}: ${pyRepr(value)} is not one of ${choices.map(pyRepr).join(', ')}.`);
}

type Values = Record<string, string | boolean | Array<string | boolean> | undefined>;

/** The registry's flags as click declares them: `-f` / `--fail-under`, and `--no-color` for a negation. */
function flagSpecs(): FlagSpec[] {
  const specs: FlagSpec[] = [];
  for (const row of CLI_ROWS) {
    const cli = row.cli!;
    const takesValue = !['bool', 'switch', 'verbose', 'markers'].includes(row.kind);
    specs.push({ key: cli.long, names: [...(cli.short ? [`-${cli.short}`] : []), `--${cli.long}`], takesValue });
    if (cli.negation) specs.push({ key: cli.negation, names: [`--${cli.negation}`], takesValue: false });
  }
  return specs;
}

/** Every occurrence for repeatable flags and -v's count, the last one for the others (click's rule). */
function valuesOf(split: Map<string, Array<string | true>>): Values {
  const v: Values = {};
  for (const row of CLI_ROWS) {
    const cli = row.cli!;
    const given = split.get(cli.long);
    if (given) v[cli.long] = cli.multiple || row.kind === 'verbose' ? given : given[given.length - 1];
    if (cli.negation && split.has(cli.negation)) v[cli.negation] = true;
  }
  return v;
}

function checkedRegexes(flag: string, patterns: string[]): string[] {
  for (const pattern of patterns) {
    const compiled = compileNameRegex(pattern);
    if (!(compiled instanceof RegExp)) throw new UsageError(`Invalid value for '${flag}': ${compiled.error}`);
  }
  return patterns;
}

/** The value of one flag as the row's option, or a UsageError in click's words. */
function flagValue(row: OptionRow, given: string | boolean | Array<string | boolean>, v: Values, cwd: string): unknown {
  const cli = row.cli!;
  const strings = (Array.isArray(given) ? given : [given]).map(String);
  const last = strings[strings.length - 1];
  if (cli.needsBadge && v['generate-badge'] === undefined) {
    // interrogate's words, its missing closing backtick included (its own tests assert this exact text).
    throw new UsageError(`Invalid value: The \`--${cli.long}\` option must be used along with the \`-g/--generate-badge option.`);
  }
  switch (row.kind) {
    case 'bool':
    case 'switch':
      return true;
    case 'verbose':
      return (given as boolean[]).length;
    case 'markers':
      return { ...ALL_MARKERS_OFF };
    case 'failUnder': {
      const value = Number(last);
      if (last.trim() === '' || !Number.isFinite(value)) throw new UsageError(`Invalid value for ${flagName(row)}: '${last}' is not a valid float.`);
      return value;
    }
    case 'pathList':
      // As click's resolve_path: a pattern under a symlinked folder gets the folder's real path.
      return strings.map((e) => pythonRealpath(cwd, e));
    case 'regexList':
      return checkedRegexes(cli.short ? `-${cli.short}` : `--${cli.long}`, strings);
    case 'path':
      return cli.resolvePath ? resolvePath(cwd, last) : last;
    case 'badgeStyle': {
      const style = last.toLowerCase();
      if (!(BADGE_STYLES as readonly string[]).includes(style)) throw notOneOf(row, last, BADGE_STYLES);
      return style;
    }
    case 'badgeFormat':
      if (last.toLowerCase() !== 'svg') throw new UsageError('Only SVG badges can be generated: use --badge-format svg.');
      return 'svg';
    case 'style': {
      const result = convert(row, last);
      if ('error' in result) throw notOneOf(row, last, ['sphinx', 'google']);
      return result.value;
    }
    case 'ext': {
      for (const ext of strings) {
        const lower = ext.toLowerCase();
        if (lower === 'ipynb') throw new UsageError(`Invalid value for ${flagName(row)}: notebooks (ipynb) are measured by default (--ignore-notebooks leaves them out); only 'pyi' is supported.`);
        if (lower !== 'pyi') throw notOneOf(row, ext, ['pyi', 'ipynb']);
      }
      return true;
    }
    case 'choice':
      if (!row.choices!.includes(last)) throw notOneOf(row, last, row.choices!);
      return last;
    case 'jobs': {
      const jobs = Number(last);
      if (!Number.isInteger(jobs) || jobs < 0) throw new UsageError(`Invalid value for ${flagName(row)}: '${last}' is not a whole number >= 0.`);
      return jobs;
    }
    default:
      throw new Error(`no command-line handling for ${row.kind}`);
  }
}

/** Parse the arguments (without `node cli.js`). Throws UsageError for bad usage. */
export function parseCommandLine(argv: string[], cwd: string): Invocation | 'help' | 'version' {
  let split;
  try {
    split = splitArguments(argv, flagSpecs());
  } catch (e) {
    if (e instanceof ArgumentError) throw new UsageError(e.message, e.withUsage);
    throw e;
  }
  const v = valuesOf(split.values);
  if (v.help) return 'help';
  if (v.version) return 'version';

  const fromCli: Record<string, unknown> = {};
  const cliOnly: Record<string, unknown> = {};
  for (const row of CLI_ROWS) {
    const cli = row.cli!;
    const given = v[cli.long];
    if (given !== undefined && given !== false) (row.scope === 'cli' ? cliOnly : fromCli)[row.prop] = flagValue(row, given, v, cwd);
    if (cli.negation && v[cli.negation]) fromCli[row.prop] = false;
  }

  // `--diff --staged`: click hands `--staged` to --diff as its value.
  const staged = cliOnly.staged === true || cliOnly.diff === '--staged';
  if (staged && typeof cliOnly.diff === 'string' && cliOnly.diff !== '--staged') {
    throw new UsageError("'--staged' compares the index with HEAD: it cannot be used with '--diff BASE'.");
  }
  if (typeof cliOnly.diff === 'string' && (cliOnly.diff === '' || cliOnly.diff.startsWith('-')) && !staged) {
    throw new UsageError(`Invalid value for '--diff': ${pyRepr(cliOnly.diff)} is not a branch, tag or commit.`);
  }
  if (cliOnly.json && cliOnly.format === 'concise') throw new UsageError("'--json' and '--format concise' cannot be used together.");
  // click.Path(dir_okay=False) on -c, in click's words; a missing file is the loader's to report.
  if (typeof cliOnly.configPath === 'string' && isDir(path.resolve(cwd, cliOnly.configPath))) {
    throw new UsageError(`Invalid value for '-c' / '--config': File ${pyRepr(cliOnly.configPath)} is a directory.`);
  }
  const paths = split.positionals.length > 0 ? split.positionals : [cwd];
  // click resolves first (a `..` after a symlink is the parent of its target), then checks the result exists.
  const resolved = paths.map((p) => pythonRealpath(cwd, p));
  paths.forEach((p, i) => {
    if (!fs.existsSync(resolved[i])) throw new UsageError(`Invalid value for '[PATHS]...': Path '${p}' does not exist.`);
  });
  return {
    paths: resolved,
    configPath: cliOnly.configPath as string | undefined,
    fromCli: fromCli as ConfigOptions,
    json: Boolean(cliOnly.json),
    format: cliOnly.format === 'concise' ? 'concise' : 'table',
    jobs: cliOnly.jobs as number | undefined,
    ...(staged ? { diff: { staged: true } } : typeof cliOnly.diff === 'string' ? { diff: { ref: cliOnly.diff } } : {}),
    checkDocstrings: Boolean(cliOnly.checkDocstrings) || Boolean(cliOnly.fix),
    fix: Boolean(cliOnly.fix),
  };
}
