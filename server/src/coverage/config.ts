/**
 * interrogate's configuration: found, read and parsed as interrogate does, then checked.
 *
 * - The project root is the first folder upwards from the scanned paths holding `.git`, `.hg` or
 *   `pyproject.toml`; its `pyproject.toml` (`[tool.interrogate]`) wins over its `setup.cfg`
 *   (`[tool:interrogate]`).
 * - Keys are normalised as interrogate does (`--` dropped, `-` -> `_`), so `fail-under`, `fail_under` and
 *   `--fail-under` are the same key.
 * - Docbits' own key lives in the same table: `nodocqa-markers = ["nodocqa", "noqa", "pylint",
 *   "docstr-coverage"]` chooses which skip comments count (all four by default; `[]` turns them all off).
 *
 * Nothing here throws: every mistake becomes a ConfigProblem and the key keeps its default. Only
 * findProjectRoot, findConfigFile and loadConfig touch the filesystem; the parsers take text.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse as parseToml, TomlError } from 'smol-toml';
import { compileNameRegex } from '../python/compat/regex';
import { CoverageOptions, DEFAULT_OPTIONS, MarkerOptions } from './types';

// ---------------------------------------------------------------------------------------------------------
// Types

export interface ConfigProblem {
  message: string;
  /** The key as written in the file. */
  key?: string;
  /** 1-based. */
  line?: number;
  /** 1-based. */
  column?: number;
  /** 'error': the value (or the file) was not used; 'warning': something was ignored or adjusted. */
  severity: 'error' | 'warning';
}

export type BadgeStyle = 'flat' | 'flat-square' | 'flat-square-modified' | 'for-the-badge' | 'plastic' | 'social';
export const BADGE_STYLES: readonly BadgeStyle[] = ['flat', 'flat-square', 'flat-square-modified', 'for-the-badge', 'plastic', 'social'];

/** interrogate's options that shape the output rather than the coverage. */
export interface ReportSettings {
  /** 0, 1 (-v) or 2 (-vv). */
  verbose: number;
  quiet: boolean;
  color: boolean;
  /** `-g/--generate-badge`: a file or folder for the badge. */
  generateBadge?: string;
  badgeFormat: 'svg' | 'png';
  badgeStyle: BadgeStyle;
  /** `-o/--output`: a file for the report. */
  output?: string;
}

export const DEFAULT_REPORT_SETTINGS: ReportSettings = {
  verbose: 0,
  quiet: false,
  color: false,
  badgeFormat: 'svg',
  badgeStyle: 'flat-square-modified',
};

/** What a config file (or the command line) sets; absent keys keep their defaults. */
export type ConfigOptions = Partial<CoverageOptions> & Partial<ReportSettings>;

export type ResolvedOptions = CoverageOptions & ReportSettings;

export interface ConfigParseResult {
  options: ConfigOptions;
  problems: ConfigProblem[];
  /** Whether the file has an interrogate table/section at all. */
  found: boolean;
}

export interface LoadedConfig {
  /** The config file read, if any. */
  path?: string;
  options: ConfigOptions;
  problems: ConfigProblem[];
}

// ---------------------------------------------------------------------------------------------------------
// Finding the file (interrogate's find_project_root / find_project_config)

function resolveReal(p: string): string {
  const absolute = path.resolve(p);
  try {
    return fs.realpathSync(absolute);
  } catch {
    return absolute; // pathlib's resolve() is not strict either: a missing path stays as written
  }
}

/** pathlib orders paths part by part ("/a/b/c" < "/a/b-c"), not character by character. */
function comparePathParts(a: string, b: string): number {
  const pa = a.split(path.sep);
  const pb = b.split(path.sep);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1;
  }
  return pa.length - pb.length;
}

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function exists(p: string): boolean {
  try {
    fs.statSync(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * The folder interrogate treats as the project root: from the smallest of the resolved paths (itself if a
 * folder, else its parent) upwards, the first folder holding `.git` (file or folder), a `.hg` folder or a
 * `pyproject.toml` file; the filesystem root if none does. No paths means the current folder.
 */
export function findProjectRoot(paths: readonly string[]): string {
  const resolved = (paths.length > 0 ? paths : [process.cwd()]).map(resolveReal);
  const smallest = resolved.reduce((a, b) => (comparePathParts(b, a) < 0 ? b : a));
  let dir = isDir(smallest) ? smallest : path.dirname(smallest);
  for (;;) {
    if (exists(path.join(dir, '.git')) || isDir(path.join(dir, '.hg')) || isFile(path.join(dir, 'pyproject.toml'))) {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return dir;
    dir = parent;
  }
}

/** `<root>/pyproject.toml` if it is a file, else `<root>/setup.cfg` if it is one, else undefined. */
export function findConfigFile(paths: readonly string[]): string | undefined {
  const root = findProjectRoot(paths);
  const pyproject = path.join(root, 'pyproject.toml');
  if (isFile(pyproject)) return pyproject;
  const setupCfg = path.join(root, 'setup.cfg');
  return isFile(setupCfg) ? setupCfg : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Keys

type ValueKind = 'bool' | 'failUnder' | 'verbose' | 'style' | 'badgeFormat' | 'badgeStyle' | 'path' | 'regexList' | 'pathList' | 'markers' | 'ext';

interface KeySpec {
  prop: keyof ResolvedOptions;
  kind: ValueKind;
}

/** Every key interrogate knows (normalised), plus ours; the value is where it lands and how it is checked. */
const KEYS: Record<string, KeySpec> = {
  fail_under: { prop: 'failUnder', kind: 'failUnder' },
  ignore_init_method: { prop: 'ignoreInitMethod', kind: 'bool' },
  ignore_init_module: { prop: 'ignoreInitModule', kind: 'bool' },
  ignore_magic: { prop: 'ignoreMagic', kind: 'bool' },
  ignore_module: { prop: 'ignoreModule', kind: 'bool' },
  ignore_nested_classes: { prop: 'ignoreNestedClasses', kind: 'bool' },
  ignore_nested_functions: { prop: 'ignoreNestedFunctions', kind: 'bool' },
  ignore_private: { prop: 'ignorePrivate', kind: 'bool' },
  ignore_property_decorators: { prop: 'ignorePropertyDecorators', kind: 'bool' },
  ignore_semiprivate: { prop: 'ignoreSemiprivate', kind: 'bool' },
  ignore_setters: { prop: 'ignoreSetters', kind: 'bool' },
  ignore_overloaded_functions: { prop: 'ignoreOverloadedFunctions', kind: 'bool' },
  ignore_regex: { prop: 'ignoreRegex', kind: 'regexList' },
  whitelist_regex: { prop: 'whitelistRegex', kind: 'regexList' },
  exclude: { prop: 'exclude', kind: 'pathList' },
  omit_covered_files: { prop: 'omitCoveredFiles', kind: 'bool' },
  docstring_style: { prop: 'docstringStyle', kind: 'style' },
  verbose: { prop: 'verbose', kind: 'verbose' },
  quiet: { prop: 'quiet', kind: 'bool' },
  color: { prop: 'color', kind: 'bool' },
  generate_badge: { prop: 'generateBadge', kind: 'path' },
  badge_format: { prop: 'badgeFormat', kind: 'badgeFormat' },
  badge_style: { prop: 'badgeStyle', kind: 'badgeStyle' },
  output: { prop: 'output', kind: 'path' },
  // interrogate's `--ext pyi`, and our `--pyi` switch spelled as a key.
  ext: { prop: 'includeStubs', kind: 'ext' },
  pyi: { prop: 'includeStubs', kind: 'bool' },
  // Docbits: which skip comments count.
  nodocqa_markers: { prop: 'markers', kind: 'markers' },
};

/** setup.cfg keys whose value is a list (interrogate's keys_for_list_values, plus ours). */
const INI_LIST_KEYS = new Set(['whitelist_regex', 'ignore_regex', 'exclude', 'ext', 'nodocqa_markers']);

/** interrogate's key normalisation. */
export function normalizeKey(key: string): string {
  return key.split('--').join('').split('-').join('_');
}

function displayKey(normalized: string): string {
  return normalized.split('_').join('-');
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

/** The known key closest to an unknown one, if it is close enough to be a typo. */
export function suggestKey(unknown: string): string | undefined {
  const key = normalizeKey(unknown.toLowerCase());
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const known of Object.keys(KEYS)) {
    const d = editDistance(key, known);
    if (d < bestDistance) [best, bestDistance] = [known, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? displayKey(best) : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Values

const TRUE_WORDS = new Set(['1', 'true', 't', 'yes', 'y', 'on']);
const FALSE_WORDS = new Set(['0', 'false', 'f', 'no', 'n', 'off']);
const MARKER_NAMES: Record<string, keyof MarkerOptions> = {
  nodocqa: 'nodocqa',
  noqa: 'noqa',
  pylint: 'pylint',
  'docstr-coverage': 'docstrCoverage',
  docstr_coverage: 'docstrCoverage',
};

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'a table';
  return String(value);
}

type Converted = { value: unknown; problems: string[] } | { error: string };

/** click's BOOL: true/false, 1/0, and the words click accepts ("yes", "on", ...). */
function toBool(raw: unknown): boolean | undefined {
  if (typeof raw === 'boolean') return raw;
  if (raw === 0 || raw === 1) return raw === 1;
  if (typeof raw === 'string') {
    const word = raw.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
  }
  return undefined;
}

/** A number as Python's float() reads a config string ("80", " 80.5 ", "1e2"); booleans are not numbers. */
function toNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw === 'bigint') return Number(raw);
  if (typeof raw === 'string' && /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/.test(raw)) return Number(raw);
  return undefined;
}

function toStringList(raw: unknown): string[] | { error: string } {
  if (typeof raw === 'string') return [raw]; // interrogate accepts a single ignore-regex string
  if (Array.isArray(raw) && raw.every((v) => typeof v === 'string')) return raw as string[];
  return { error: `expected a list of strings, got ${show(raw)}` };
}

function convert(kind: ValueKind, raw: unknown): Converted {
  switch (kind) {
    case 'bool': {
      const b = toBool(raw);
      return b === undefined ? { error: `expected true or false, got ${show(raw)}` } : { value: b, problems: [] };
    }
    case 'failUnder': {
      const n = toNumber(raw);
      if (n === undefined) return { error: `expected a number from 0 to 100, got ${show(raw)}` };
      if (n < 0 || n > 100) return { error: `expected a number from 0 to 100, got ${n}` };
      return { value: n, problems: [] };
    }
    case 'verbose': {
      const n = toNumber(raw);
      if (n === undefined || !Number.isInteger(n) || n < 0) return { error: `expected 0, 1 or 2, got ${show(raw)}` };
      return { value: Math.min(n, 2), problems: [] }; // like -vvv, anything above 2 is 2
    }
    case 'style': {
      const s = typeof raw === 'string' ? raw.trim().toLowerCase() : undefined;
      if (s === 'sphinx' || s === 'google') return { value: s, problems: [] };
      // interrogate has no numpy style; numpy docstrings are judged like sphinx ones (no class/__init__ pairing).
      if (s === 'numpy') return { value: 'sphinx', problems: [] };
      return { error: `expected "sphinx", "google" or "numpy", got ${show(raw)}` };
    }
    case 'badgeFormat': {
      const s = typeof raw === 'string' ? raw.trim().toLowerCase() : undefined;
      return s === 'svg' || s === 'png' ? { value: s, problems: [] } : { error: `expected "svg" or "png", got ${show(raw)}` };
    }
    case 'badgeStyle': {
      const s = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
      return (BADGE_STYLES as readonly string[]).includes(s)
        ? { value: s, problems: [] }
        : { error: `expected one of ${BADGE_STYLES.join(', ')}; got ${show(raw)}` };
    }
    case 'path':
      return typeof raw === 'string' && raw.trim() !== '' ? { value: raw.trim(), problems: [] } : { error: `expected a path, got ${show(raw)}` };
    case 'pathList': {
      const list = toStringList(raw);
      return Array.isArray(list) ? { value: list, problems: [] } : list;
    }
    case 'regexList': {
      const list = toStringList(raw);
      if (!Array.isArray(list)) return list;
      const problems: string[] = [];
      const valid = list.filter((pattern) => {
        const compiled = compileNameRegex(pattern);
        if (compiled instanceof RegExp) return true;
        problems.push(compiled.error);
        return false;
      });
      return { value: valid, problems };
    }
    case 'markers': {
      const list = toStringList(raw);
      if (!Array.isArray(list)) return list;
      const markers: MarkerOptions = { nodocqa: false, noqa: false, pylint: false, docstrCoverage: false };
      const problems: string[] = [];
      for (const name of list) {
        const prop = MARKER_NAMES[name.trim().toLowerCase()];
        if (prop) markers[prop] = true;
        else problems.push(`unknown marker ${show(name)}; known: nodocqa, noqa, pylint, docstr-coverage`);
      }
      return { value: markers, problems };
    }
    case 'ext': {
      const list = toStringList(raw);
      if (!Array.isArray(list)) return list;
      const problems: string[] = [];
      let stubs = false;
      for (const ext of list) {
        if (ext.trim().replace(/^\./, '').toLowerCase() === 'pyi') stubs = true;
        else problems.push(`unsupported extension ${show(ext)}; only "pyi" is supported`);
      }
      return { value: stubs, problems };
    }
  }
}

/** Check one raw key/value pair and put it into `options`, or report why not. */
function applyEntry(
  rawKey: string,
  raw: unknown,
  line: number | undefined,
  where: string,
  options: ConfigOptions,
  problems: ConfigProblem[],
  lookupKey = rawKey,
): void {
  const spec = KEYS[normalizeKey(lookupKey)];
  if (!spec) {
    const suggestion = suggestKey(rawKey);
    const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
    problems.push({ message: `Unknown key "${rawKey}" in ${where}; it is ignored.${hint}`, key: rawKey, line, severity: 'warning' });
    return;
  }
  const result = convert(spec.kind, raw);
  if ('error' in result) {
    problems.push({ message: `"${rawKey}": ${result.error}. Using the default instead.`, key: rawKey, line, severity: 'error' });
    return;
  }
  for (const message of result.problems) {
    problems.push({ message: `"${rawKey}": ${message}; it is ignored.`, key: rawKey, line, severity: 'warning' });
  }
  (options as Record<string, unknown>)[spec.prop] = result.value;
}

// ---------------------------------------------------------------------------------------------------------
// pyproject.toml

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Best-effort 1-based line of a key of [tool.interrogate] (smol-toml does not report value positions). */
function findTomlKeyLine(lines: readonly string[], key: string): number | undefined {
  const keyPattern = `(?:${escapeRegExp(key)}|"${escapeRegExp(key)}"|'${escapeRegExp(key)}')`;
  const inTable = new RegExp(`^\\s*${keyPattern}\\s*=`);
  const dotted = new RegExp(`^\\s*tool\\s*\\.\\s*interrogate\\s*\\.\\s*${keyPattern}\\s*=`);
  let inInterrogate = false;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i];
    if (/^\s*\[/.test(text)) {
      inInterrogate = /^\s*\[\s*tool\s*\.\s*interrogate\s*\]/.test(text);
      continue;
    }
    if ((inInterrogate && inTable.test(text)) || dotted.test(text)) return i + 1;
  }
  return undefined;
}

/** `[tool.interrogate]` of a pyproject.toml. */
export function parsePyprojectToml(text: string): ConfigParseResult {
  const problems: ConfigProblem[] = [];
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (e) {
    const err = e as TomlError;
    const detail = String(err.message ?? e).split('\n')[0].replace(/^Invalid TOML document:\s*/, '');
    const line = typeof err.line === 'number' ? err.line : undefined;
    const column = typeof err.column === 'number' ? err.column : undefined;
    const at = line !== undefined ? ` at line ${line}${column !== undefined ? `, column ${column}` : ''}` : '';
    problems.push({ message: `pyproject.toml is not valid TOML${at}: ${detail}. Using default settings.`, line, column, severity: 'error' });
    return { options: {}, problems, found: false };
  }
  const tool = doc.tool;
  const table = tool !== null && typeof tool === 'object' && !Array.isArray(tool) ? (tool as Record<string, unknown>).interrogate : undefined;
  if (table === undefined) return { options: {}, problems, found: false };
  if (table === null || typeof table !== 'object' || Array.isArray(table)) {
    problems.push({ message: `"tool.interrogate" must be a table ([tool.interrogate]), got ${show(table)}. Using default settings.`, severity: 'error' });
    return { options: {}, problems, found: true };
  }
  const lines = text.split(/\r\n|\n|\r/);
  const options: ConfigOptions = {};
  for (const [key, value] of Object.entries(table as Record<string, unknown>)) {
    applyEntry(key, value, findTomlKeyLine(lines, key), '[tool.interrogate]', options, problems);
  }
  return { options, problems, found: true };
}

// ---------------------------------------------------------------------------------------------------------
// setup.cfg (a configparser-compatible reader)

interface IniEntry {
  /** Lines of the value; continuation lines are joined with "\n" as configparser does. */
  lines: string[];
  line: number;
  key: string;
}

export interface IniValue {
  /** Continuation lines joined with "\n", not yet interpolated (configparser interpolates on reading). */
  value: string;
  line: number;
  /** The key as written. */
  key: string;
}

export interface IniDocument {
  /** Section name (case-sensitive) -> lower-cased key -> value. DEFAULT's keys are merged into every section. */
  sections: Map<string, Map<string, IniValue>>;
  /** `section` tells which section a problem belongs to (none: the file as a whole). */
  problems: (ConfigProblem & { section?: string })[];
}

/**
 * Python's configparser.ConfigParser, as far as setup.cfg needs: `[section]`, `key = value` / `key: value`
 * (split at the first delimiter, keys lower-cased), full-line `#`/`;` comments, indented continuation lines
 * (blank lines inside a value kept, trailing ones dropped), the DEFAULT section, and `%(key)s` / `%%`
 * interpolation. No inline comments: like configparser, `a = b # c` has the value "b # c".
 */
export function parseIni(text: string): IniDocument {
  const problems: (ConfigProblem & { section?: string })[] = [];
  const raw = new Map<string, Map<string, IniEntry>>();
  let section: Map<string, IniEntry> | undefined;
  let sectionName: string | undefined;
  let entry: IniEntry | undefined;
  let indentLevel = 0;
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  lines.forEach((line, index) => {
    const lineNo = index + 1;
    const stripped = line.trim();
    if (stripped.startsWith('#') || stripped.startsWith(';')) return; // comments never end or extend a value
    if (stripped === '') {
      if (entry) entry.lines.push('');
      return;
    }
    const indent = line.search(/\S/);
    if (section && entry && indent > indentLevel) {
      entry.lines.push(stripped);
      return;
    }
    indentLevel = indent;
    const header = /^\[(.+)\]/.exec(stripped);
    if (header) {
      const name = header[1];
      if (raw.has(name) && name !== 'DEFAULT') {
        problems.push({ message: `Section [${name}] appears twice; its keys are merged.`, line: lineNo, severity: 'warning', section: name });
      }
      sectionName = name;
      section = raw.get(name) ?? new Map();
      raw.set(name, section);
      entry = undefined;
      return;
    }
    if (!section) {
      problems.push({ message: `Line ${lineNo} is outside any [section].`, line: lineNo, column: indent + 1, severity: 'error' });
      return;
    }
    const option = /^(.*?)\s*([=:])\s*(.*)$/.exec(stripped);
    if (!option || option[1] === '') {
      problems.push({ message: `Line ${lineNo} is not "key = value": ${stripped}`, line: lineNo, column: indent + 1, severity: 'error' });
      entry = undefined;
      return;
    }
    const key = option[1].trimEnd().toLowerCase();
    if (section.has(key)) {
      problems.push({ message: `Key "${key}" appears twice in [${sectionName}]; the last one is used.`, key, line: lineNo, severity: 'warning', section: sectionName });
    }
    entry = { lines: [option[3]], line: lineNo, key: option[1].trimEnd() };
    section.set(key, entry);
  });

  const defaults = raw.get('DEFAULT') ?? new Map<string, IniEntry>();
  const sections = new Map<string, Map<string, IniValue>>();
  for (const [name, entries] of raw) {
    if (name === 'DEFAULT') continue;
    const joined = new Map<string, IniValue>();
    for (const [k, e] of [...defaults, ...entries]) joined.set(k, { value: e.lines.join('\n').trimEnd(), line: e.line, key: e.key });
    sections.set(name, joined);
  }
  return { sections, problems };
}

/** configparser's BasicInterpolation: `%(name)s` is another key's value, `%%` a percent sign. */
function interpolate(value: string, entries: Map<string, { value: string }>, key: string, line: number, problems: ConfigProblem[], depth = 0): string {
  if (!value.includes('%')) return value;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    if (value[i + 1] === '%') {
      out += '%';
      i++;
      continue;
    }
    const ref = /^%\(([^)]*)\)s/.exec(value.slice(i));
    const target = ref ? entries.get(ref[1].toLowerCase()) : undefined;
    if (!ref || !target || depth >= 10) {
      problems.push({
        message: `"${key}": a "%" must be written "%%" in setup.cfg (or "%(key)s" naming another key); the value is used as written.`,
        key,
        line,
        severity: 'warning',
      });
      return value;
    }
    out += interpolate(target.value, entries, ref[1], line, problems, depth + 1);
    i += ref[0].length - 1;
  }
  return out;
}

/**
 * interrogate's sanitize_list_values: drop a leading "[" and trailing "]", split on commas, strip spaces and
 * double quotes. We also split on newlines, so one-value-per-line lists work, and drop empty items (an empty
 * exclude pattern would exclude everything).
 */
export function sanitizeListValue(value: string): string[] {
  let v = value.trim();
  if (v.startsWith('[')) v = v.slice(1);
  if (v.endsWith(']')) v = v.slice(0, -1);
  return v
    .split(/[,\n]/)
    .map((item) => item.trim().replace(/^"+|"+$/g, ''))
    .filter((item) => item !== '');
}

const SETUP_CFG_SECTION = 'tool:interrogate';

/** `[tool:interrogate]` of a setup.cfg. */
export function parseSetupCfg(text: string): ConfigParseResult {
  const doc = parseIni(text);
  const fatal = doc.problems.filter((p) => p.severity === 'error');
  if (fatal.length > 0) {
    return {
      options: {},
      problems: fatal.map((p) => ({ ...p, message: `setup.cfg cannot be read: ${p.message} Using default settings.` })),
      found: false,
    };
  }
  const section = doc.sections.get(SETUP_CFG_SECTION);
  if (!section) return { options: {}, problems: [], found: false };
  const problems: ConfigProblem[] = doc.problems
    .filter((p) => p.section === SETUP_CFG_SECTION || p.section === 'DEFAULT')
    .map(({ section: _section, ...p }) => p);
  const options: ConfigOptions = {};
  for (const [lowerKey, { value: rawValue, line, key }] of section) {
    const value = interpolate(rawValue, section, key, line, problems);
    const normalized = normalizeKey(lowerKey);
    // interrogate turns list keys into lists and "true"/"false" into booleans; the other checks are ours.
    const raw: unknown = INI_LIST_KEYS.has(normalized) ? sanitizeListValue(value) : value;
    applyEntry(key, raw, line, '[tool:interrogate]', options, problems, lowerKey); // configparser keys are case-insensitive
  }
  return { options, problems, found: true };
}

// ---------------------------------------------------------------------------------------------------------
// Loading and merging

/**
 * The configuration for a run over `paths`: the explicit file if given (`-c/--config`), else the one
 * interrogate would find. Unreadable or missing files are problems, never exceptions.
 */
export function loadConfig(paths: readonly string[], explicitConfigPath?: string): LoadedConfig {
  const configPath = explicitConfigPath !== undefined ? path.resolve(explicitConfigPath) : findConfigFile(paths);
  if (configPath === undefined) return { options: {}, problems: [] };
  let text: string;
  try {
    text = fs.readFileSync(configPath, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a folder' : `${(e as Error).message}`;
    return {
      path: configPath,
      options: {},
      problems: [{ message: `Cannot read config file ${configPath}: ${reason}. Check the path given to --config.`, severity: 'error' }],
    };
  }
  let parsed: ConfigParseResult;
  if (configPath.endsWith('.toml')) parsed = parsePyprojectToml(text);
  else if (configPath.endsWith('.cfg')) parsed = parseSetupCfg(text);
  else {
    return {
      path: configPath,
      options: {},
      problems: [{ message: `Config file ${configPath} is neither .toml nor .cfg, so it is not read (as in interrogate). Use a pyproject.toml or setup.cfg.`, severity: 'error' }],
    };
  }
  return { path: configPath, options: parsed.options, problems: parsed.problems };
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * The options of a run: command line over config file over defaults (lists are replaced, not appended, as
 * click does with a config default). A non-empty whitelist-regex forces ignore-module, as interrogate does.
 */
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
