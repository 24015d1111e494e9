/**
 * Editor settings (`docbits.*`) and how they combine with the project's config file.
 *
 * Settings arrive as untrusted JSON (from VS Code, Neovim, Helix, ...). Every setting named in the option
 * registry is checked by the same code as the config files' keys (values.ts): a wrong value keeps the
 * default and becomes a problem naming the setting (`docbits.failUnder`), never silently clamped or dropped,
 * so the server can show it. One setting is clamped, loudly: `docbits.maxFileSize` above MAX_FILE_SIZE_CEILING
 * (options.ts) is lowered to it, with a problem. A typo in settings.json never breaks the server.
 *
 * `docbits.exclude` entries are returned as written: a relative one is relative to the workspace folder that
 * holds the file, which only the caller knows (resolveExcludes, or the folder argument of
 * effectiveCoverageOptions).
 *
 * Precedence (README, "In the editor"): with `configPrecedence: "projectFile"` (the default) a project whose
 * pyproject.toml / setup.cfg has an interrogate section is measured with that section alone over
 * interrogate's defaults, exactly as `interrogate` in CI measures it, so squiggles, status bar and CI agree;
 * the editor's coverage settings apply only to projects without such a section. With "editorSettings" the
 * file is still read but the editor's settings win key by key.
 */
import { BitsHoverOptions, DEFAULT_BITS_HOVER_OPTIONS } from '../bits/options';
import type { DocstringStyle } from '../coverage/stubs';
import { CoverageOptions } from '../coverage/types';
import { closest } from './fileKeys';
import { resolveExcludes } from './loader';
import { mergeOptions } from './merge';
import { DEFAULT_OPTIONS, MAX_FILE_SIZE_CEILING, OptionRow, SETTING_ROWS } from './options';
import { ConfigOptions, ConfigProblem } from './types';
import { convert } from './values';

import type { RuleGroup } from '../docstrings/checks';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type ConfigPrecedence = 'projectFile' | 'editorSettings';

export interface EditorSettings {
  /** interrogate's options as set in the editor; absent keys were not set (or were invalid). */
  coverage: ConfigOptions;
  severity: Severity;
  /** Layout of generated docstring stubs (quick fixes). */
  docstringStyle: DocstringStyle;
  /** Docstring-quality diagnostics: `auto` when the project has `[tool.pydoclint]`. */
  qualityEnabled: 'auto' | 'on' | 'off';
  /** Rule groups of the docstring-quality diagnostics shown ([] = none). */
  qualityRules: RuleGroup[];
  hover: Partial<BitsHoverOptions>;
  /** Documents larger than this (in UTF-16 code units, ~bytes) get no diagnostics. */
  maxFileSize: number;
  configPrecedence: ConfigPrecedence;
  /** Only flag definitions changed since this git base (`staged`: since HEAD, tracked files); "" flags all. */
  changedSince: string;
  /** The standard library's folder for hovers (a machine setting); "" looks in well-known places. */
  stdlibPath: string;
  /** The Python extension's interpreter (or the user's): where the stdlib is when stdlibPath is "". */
  pythonInterpreter: string;
}

function editorDefault(prop: string): unknown {
  return SETTING_ROWS.find((row) => row.scope === 'editor' && row.prop === prop)!.default;
}

export const DEFAULT_EDITOR_SETTINGS: EditorSettings = {
  coverage: {},
  severity: editorDefault('severity') as Severity,
  docstringStyle: editorDefault('docstringStyle') as DocstringStyle,
  qualityEnabled: editorDefault('qualityEnabled') as EditorSettings['qualityEnabled'],
  qualityRules: editorDefault('qualityRules') as RuleGroup[],
  hover: {},
  maxFileSize: editorDefault('maxFileSize') as number,
  configPrecedence: editorDefault('configPrecedence') as ConfigPrecedence,
  changedSince: editorDefault('changedSince') as string,
  stdlibPath: editorDefault('stdlibPath') as string,
  pythonInterpreter: editorDefault('pythonInterpreter') as string,
};

export interface EditorSettingsResult {
  settings: EditorSettings;
  /** One per setting that was not used as given (`key` is the full setting name, `docbits.failUnder`). */
  problems: ConfigProblem[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at `hover.minWidth` of the `docbits` object. */
function lookup(section: Json, dotted: string): unknown {
  let value: unknown = section;
  for (const part of dotted.split('.')) {
    if (!isObject(value)) return undefined;
    value = value[part];
  }
  return value;
}

const PREFIX = 'docbits.';
const relative = (key: string): string => key.slice(PREFIX.length);

/** Every `docbits.*` key the reader knows, as nested paths below `docbits` (`hover.minWidth`, `markers`). */
const KNOWN_PATHS = new Set(SETTING_ROWS.flatMap((row) => [row.setting!.key, ...(row.setting!.renamedFrom ?? [])].map(relative)));

/** Read by the LSP client library itself (`docbits.trace.server`), not by the server: never reported. */
const CLIENT_SETTINGS = new Set(['trace']);

/** Paths of the leaves of the raw section that no row reads (a nested object is descended when a row lives below it). */
function unknownPaths(section: Json, prefix = ''): string[] {
  const result: string[] = [];
  for (const [name, value] of Object.entries(section)) {
    const p = prefix + name;
    if (KNOWN_PATHS.has(p) || CLIENT_SETTINGS.has(p)) continue;
    const below = [...KNOWN_PATHS].some((k) => k.startsWith(`${p}.`));
    if (below && isObject(value)) result.push(...unknownPaths(value, `${p}.`));
    else result.push(p);
  }
  return result;
}

function place(settings: EditorSettings, row: OptionRow, value: unknown): void {
  if (row.scope === 'client') return; // the VS Code client's own: checked here, used there
  if (row.scope === 'coverage' || row.scope === 'report') {
    (settings.coverage as Record<string, unknown>)[row.prop] = value;
  } else if (row.prop.startsWith('hover.')) {
    (settings.hover as Record<string, unknown>)[row.prop.slice('hover.'.length)] = value;
  } else {
    (settings as unknown as Record<string, unknown>)[row.prop] = value;
  }
}

/** The `docbits` section of the editor's settings (the object under the `docbits` key), checked. */
export function readEditorSettings(raw: unknown): EditorSettingsResult {
  const section = isObject(raw) ? raw : {};
  const settings: EditorSettings = { ...DEFAULT_EDITOR_SETTINGS, coverage: {}, hover: {} };
  const problems: ConfigProblem[] = [];
  for (const row of SETTING_ROWS) {
    const key = row.setting!.key;
    let value = lookup(section, relative(key));
    if (value === undefined || value === null) {
      const old = (row.setting!.renamedFrom ?? []).find((k) => lookup(section, relative(k)) != null);
      if (old === undefined) continue;
      value = lookup(section, relative(old));
      problems.push({ message: `"${old}" is now called "${key}"; please rename it.`, key: old, severity: 'warning' });
    }
    const result = convert({ ...row, kind: row.setting!.kind ?? row.kind }, value);
    if ('error' in result) {
      problems.push({ message: `"${key}": ${result.error}. Using the default instead.`, key, severity: 'error' });
      continue;
    }
    for (const message of result.problems) problems.push({ message: `"${key}": ${message}; it is ignored.`, key, severity: 'warning' });
    place(settings, row, result.value);
  }
  if (settings.maxFileSize > MAX_FILE_SIZE_CEILING) {
    problems.push({
      message: `"docbits.maxFileSize": ${settings.maxFileSize} is above the ceiling of ${MAX_FILE_SIZE_CEILING} (50 MB); using ${MAX_FILE_SIZE_CEILING}.`,
      key: 'docbits.maxFileSize', severity: 'warning',
    });
    settings.maxFileSize = MAX_FILE_SIZE_CEILING;
  }
  for (const p of unknownPaths(section)) {
    const suggestion = closest(p, KNOWN_PATHS);
    const hint = suggestion ? ` Did you mean "${PREFIX}${suggestion}"?` : '';
    problems.push({ message: `Unknown setting "${PREFIX}${p}"; it is ignored.${hint}`, key: PREFIX + p, severity: 'warning' });
  }
  return { settings, problems };
}

/** What the project's config file contributes (config/loader.ts's LoadedConfig is one). */
export interface ProjectFileOptions {
  /** Whether the file has an interrogate section at all. */
  found: boolean;
  options: ConfigOptions;
}

/**
 * The coverage options for a document: editor settings and project file combined per `configPrecedence`.
 * `workspaceFolder` is the folder that holds the document (or the scanned folder): relative
 * `docbits.exclude` entries are resolved against it. The project file's excludes are already absolute.
 */
export function effectiveCoverageOptions(editor: EditorSettings, project: ProjectFileOptions | undefined, workspaceFolder?: string): CoverageOptions {
  const fromEditor = workspaceFolder !== undefined ? resolveExcludes(editor.coverage, workspaceFolder) : editor.coverage;
  const fromFile = project?.found ? project.options : undefined;
  if (!fromFile) return mergeOptions(DEFAULT_OPTIONS, fromEditor);
  if (editor.configPrecedence === 'projectFile') return mergeOptions(DEFAULT_OPTIONS, fromFile);
  return mergeOptions(DEFAULT_OPTIONS, fromFile, fromEditor);
}

/** The hover's options from the editor settings (no project file has a say in hovers). */
export function hoverOptions(editor: EditorSettings): BitsHoverOptions {
  return { ...DEFAULT_BITS_HOVER_OPTIONS, ...editor.hover };
}
