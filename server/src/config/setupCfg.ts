/**
 * `[tool:interrogate]` of a setup.cfg: a reader that behaves as Python's configparser does on what setup.cfg
 * files hold, then interrogate's list handling, then the same key checks as pyproject.toml. Nothing here throws.
 */
import { applyEntry, isListKey } from './fileKeys';
import { ConfigOptions, ConfigParseResult, ConfigProblem } from './types';
import { clip } from './values';

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
        problems.push({ message: `Section [${clip(name)}] appears twice; its keys are merged.`, line: lineNo, severity: 'warning', section: name });
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
    // configparser's `(?P<option>.*?)\s*(?P<vi>=|:)\s*(?P<value>.*)$`: the key runs to the first `=` or `:`. Found
    // with indexOf: that regex backtracks quadratically on a long line with neither (100,000 spaces: 40 s).
    const equals = stripped.indexOf('=');
    const colon = stripped.indexOf(':');
    const delimiter = equals < 0 ? colon : colon < 0 ? equals : Math.min(equals, colon);
    const name = delimiter < 0 ? '' : stripped.slice(0, delimiter).trimEnd();
    if (name === '') {
      problems.push({ message: `Line ${lineNo} is not "key = value": ${clip(stripped)}`, line: lineNo, column: indent + 1, severity: 'error' });
      entry = undefined;
      return;
    }
    const key = name.toLowerCase();
    if (section.has(key)) {
      problems.push({ message: `Key "${clip(key)}" appears twice in [${clip(sectionName ?? '')}]; the last one is used.`, key, line: lineNo, severity: 'warning', section: sectionName });
    }
    entry = { lines: [stripped.slice(delimiter + 1).trimStart()], line: lineNo, key: name };
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

/**
 * How much work `%(key)s` references may cause, in characters read and written: configparser has no such limit,
 * and a hostile file of a few lines (ten keys each naming the next ten times) would expand to 10^10 characters.
 */
const INTERPOLATION_BUDGET = 1_000_000;

const REFERENCE = /%\(([^)]*)\)s/y;

type Expanded = string | { fail: 'percent' | 'budget' | 'depth' };

/**
 * configparser's BasicInterpolation: `%(name)s` is another key's value, `%%` a percent sign; at most 10 levels
 * deep, as in configparser. A value that would cost more than INTERPOLATION_BUDGET is used as written.
 */
function interpolate(value: string, entries: Map<string, { value: string }>, key: string, line: number, problems: ConfigProblem[]): string {
  const budget = { left: INTERPOLATION_BUDGET };
  const expand = (text: string, depth: number): Expanded => {
    budget.left -= text.length + 1;
    if (budget.left < 0) return { fail: 'budget' };
    if (!text.includes('%')) return text;
    let out = '';
    let i = 0;
    while (i < text.length) {
      const percent = text.indexOf('%', i);
      out += text.slice(i, percent < 0 ? text.length : percent);
      if (percent < 0) break;
      if (text[percent + 1] === '%') {
        out += '%';
        i = percent + 2;
        continue;
      }
      REFERENCE.lastIndex = percent;
      const ref = REFERENCE.exec(text);
      const target = ref ? entries.get(ref[1].toLowerCase()) : undefined;
      if (!ref || !target) return { fail: 'percent' };
      // configparser's MAX_INTERPOLATION_DEPTH: InterpolationDepthError past 10 levels.
      if (depth >= 10) return { fail: 'depth' };
      const inner = expand(target.value, depth + 1);
      if (typeof inner !== 'string') return inner;
      out += inner;
      budget.left -= inner.length;
      if (budget.left < 0) return { fail: 'budget' };
      i = percent + ref[0].length;
    }
    return out;
  };
  const result = expand(value, 0);
  if (typeof result === 'string') return result;
  const why = result.fail === 'percent'
    ? 'a "%" must be written "%%" in setup.cfg (or "%(key)s" naming another key)'
    : result.fail === 'depth'
      ? 'its "%(key)s" references nest more than 10 levels deep (configparser\'s InterpolationDepthError)'
      : `its "%(key)s" references expand to more than ${INTERPOLATION_BUDGET} characters`;
  problems.push({ message: `"${clip(key)}": ${why}; the value is used as written.`, key, line, severity: 'warning' });
  return value;
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
    // interrogate turns list keys into lists and "true"/"false" into booleans; the other checks are ours.
    const raw: unknown = isListKey(lowerKey) ? sanitizeListValue(value) : value;
    applyEntry(key, raw, line, '[tool:interrogate]', options, problems, lowerKey); // configparser keys are case-insensitive
  }
  return { options, problems, found: true };
}
