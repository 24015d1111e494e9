/**
 * Checking one value against its row's kind: the same code for config files, the editor's settings and
 * (through commandLine.ts, with click's wording) the command line. A value is either accepted, possibly with
 * parts of it dropped (each a warning), or refused with one error; nothing here throws.
 */
import type { MarkerOptions } from '../coverage/types';
import { compileNameRegex } from '../python/compat/regex';
import * as path from 'path';
import { BADGE_STYLES, DEFAULT_MARKERS, OptionRow } from './options';

export type Converted = { value: unknown; problems: string[] } | { error: string };

const TRUE_WORDS = new Set(['1', 'true', 't', 'yes', 'y', 'on']);
const FALSE_WORDS = new Set(['0', 'false', 'f', 'no', 'n', 'off']);
const MARKER_NAMES: Record<string, keyof MarkerOptions> = {
  nodocqa: 'nodocqa',
  noqa: 'noqa',
  pylint: 'pylint',
  'docstr-coverage': 'docstrCoverage',
  docstr_coverage: 'docstrCoverage',
};
export const ALL_MARKERS_OFF: MarkerOptions = { nodocqa: false, noqa: false, pylint: false, docstrCoverage: false };

/** A value as a message shows it. */
/** Text from a config file or setting, as a message quotes it: at most `max` characters, so a message stays short. */
export function clip(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}

export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(clip(value));
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'a table';
  return String(value);
}

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

function quotedList(values: readonly string[]): string {
  const quoted = values.map((v) => JSON.stringify(v));
  return quoted.length <= 2 ? quoted.join(' or ') : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

/** Check `raw` against the row's kind. */
export function convert(row: Pick<OptionRow, 'kind' | 'choices' | 'min' | 'max'>, raw: unknown): Converted {
  switch (row.kind) {
    case 'bool':
    case 'switch': {
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
    case 'int':
    case 'jobs': {
      const n = toNumber(raw);
      const min = row.min ?? 0;
      const range = row.max !== undefined ? `from ${min} to ${row.max}` : `>= ${min}`;
      if (n === undefined || !Number.isInteger(n) || n < min || (row.max !== undefined && n > row.max)) {
        return { error: `expected a whole number ${range}, got ${show(raw)}` };
      }
      return { value: n, problems: [] };
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
      if (s === 'svg') return { value: s, problems: [] };
      if (s === 'png') return { error: 'only SVG badges can be generated (docbits has no png writer); use "svg"' };
      return { error: `expected "svg", got ${show(raw)}` };
    }
    case 'badgeStyle': {
      const s = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
      return (BADGE_STYLES as readonly string[]).includes(s)
        ? { value: s, problems: [] }
        : { error: `expected one of ${BADGE_STYLES.join(', ')}; got ${show(raw)}` };
    }
    case 'choice': {
      const choices = row.choices ?? [];
      return typeof raw === 'string' && choices.includes(raw)
        ? { value: raw, problems: [] }
        : { error: `expected ${quotedList(choices)}, got ${show(raw)}` };
    }
    case 'choiceList': {
      const list = toStringList(raw);
      if (!Array.isArray(list)) return list;
      const choices = row.choices ?? [];
      const problems = list.filter((v) => !choices.includes(v)).map((v) => `unknown value ${show(v)}; known: ${choices.join(', ')}`);
      return { value: list.filter((v) => choices.includes(v)), problems };
    }
    case 'path':
      return typeof raw === 'string' && raw.trim() !== '' ? { value: raw.trim(), problems: [] } : { error: `expected a path, got ${show(raw)}` };
    case 'absolutePath': {
      if (typeof raw !== 'string') return { error: `expected an absolute path or "", got ${show(raw)}` };
      const absolute = raw.trim();
      if (absolute !== '' && (!path.isAbsolute(absolute) || /[\x00-\x1f\x7f]/.test(absolute))) return { error: `expected an absolute path or "", got ${show(raw)}` };
      return { value: absolute, problems: [] };
    }
    case 'gitBase': {
      if (typeof raw !== 'string') return { error: `expected a branch, tag, commit, "staged" or "", got ${show(raw)}` };
      const base = raw.trim();
      // Never an option to git (it is resolved with --end-of-options anyway), never a control character.
      if (base.startsWith('-') || base.length > 256 || /[\x00-\x1f\x7f]/.test(base)) return { error: `not a git branch, tag or commit: ${show(raw)}` };
      return { value: base, problems: [] };
    }
    case 'pathList': {
      const list = toStringList(raw);
      if (!Array.isArray(list)) return list;
      // An empty pattern would exclude every file of the folder it is relative to.
      const problems = list.filter((p) => p.trim() === '').map(() => 'an empty pattern would exclude everything');
      return { value: list.filter((p) => p.trim() !== ''), problems };
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
      const markers: MarkerOptions = { ...ALL_MARKERS_OFF };
      const problems: string[] = [];
      for (const name of list) {
        const prop = MARKER_NAMES[name.trim().toLowerCase()];
        if (prop) markers[prop] = true;
        else problems.push(`unknown marker ${show(name)}; known: nodocqa, noqa, pylint, docstr-coverage`);
      }
      return { value: markers, problems };
    }
    case 'markerFlags': {
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { error: `expected an object of true/false per marker, got ${show(raw)}` };
      const markers: MarkerOptions = { ...DEFAULT_MARKERS };
      const problems: string[] = [];
      for (const [name, flag] of Object.entries(raw as Record<string, unknown>)) {
        if (!(name in markers)) problems.push(`unknown marker ${show(name)}; known: ${Object.keys(markers).join(', ')}`);
        else if (typeof flag !== 'boolean') problems.push(`"${name}": expected true or false, got ${show(flag)}`);
        else markers[name as keyof MarkerOptions] = flag;
      }
      return { value: markers, problems };
    }
    case 'perPath': {
      // A table from a config file, or the list it becomes (the registry's default, `[]`).
      const entries = Array.isArray(raw)
        ? raw.map((e: unknown) => [(e as { prefix?: unknown } | null)?.prefix, (e as { failUnder?: unknown } | null)?.failUnder] as const)
        : raw !== null && typeof raw === 'object' ? Object.entries(raw as Record<string, unknown>) : undefined;
      if (entries === undefined) return { error: `expected a table of "path" = fail-under, got ${show(raw)}` };
      const problems: string[] = [];
      const value: Array<{ prefix: string; failUnder: number }> = [];
      for (const [prefix, threshold] of entries) {
        if (typeof prefix !== 'string') {
          problems.push(`expected a path prefix, got ${show(prefix)}`);
          continue;
        }
        const n = toNumber(threshold);
        if (prefix.trim() === '') problems.push('an empty path prefix');
        else if (n === undefined || n < 0 || n > 100) problems.push(`${show(prefix)}: expected a number from 0 to 100, got ${show(threshold)}`);
        else value.push({ prefix, failUnder: n });
      }
      return { value, problems };
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
