/**
 * Editor settings (`docbits.*`) and how they combine with the project's config file.
 *
 * Settings arrive as untrusted JSON (from VS Code, Neovim, Helix, ...): `readEditorSettings` keeps what is
 * well-formed and falls back to the default for the rest, so a typo in settings.json never breaks the server.
 *
 * Precedence (DESIGN.md §6): with `configPrecedence: "projectFile"` (the default) a project whose
 * pyproject.toml / setup.cfg has an interrogate section is measured with that section alone over
 * interrogate's defaults, exactly as `interrogate` in CI measures it, so squiggles, status bar and CI agree;
 * the editor's coverage settings apply only to projects without such a section. With "editorSettings" the
 * file is still read but the editor's settings win key by key.
 */
import { BitsHoverOptions, DEFAULT_BITS_HOVER_OPTIONS } from '../bits/options';
import { ConfigOptions, mergeOptions } from './config';
import { CoverageOptions, DEFAULT_MARKERS, DEFAULT_OPTIONS, MarkerOptions } from './types';
import { DocstringStyle } from './stubs';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type ConfigPrecedence = 'projectFile' | 'editorSettings';

export interface EditorSettings {
  /** interrogate's options as set in the editor; absent keys were not set (or were invalid). */
  coverage: ConfigOptions;
  severity: Severity;
  /** Layout of generated docstring stubs (quick fixes). */
  docstringStyle: DocstringStyle;
  hover: Partial<BitsHoverOptions>;
  /** Documents larger than this (in UTF-16 code units, ~bytes) get no diagnostics. */
  maxFileSize: number;
  configPrecedence: ConfigPrecedence;
}

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

export const DEFAULT_EDITOR_SETTINGS: EditorSettings = {
  coverage: {},
  severity: 'warning',
  docstringStyle: 'google',
  hover: {},
  maxFileSize: DEFAULT_MAX_FILE_SIZE,
  configPrecedence: 'projectFile',
};

const BOOLEAN_KEYS = [
  'ignoreInitMethod', 'ignoreInitModule', 'ignoreMagic', 'ignoreModule', 'ignoreNestedClasses', 'ignoreNestedFunctions',
  'ignoreOverloadedFunctions', 'ignorePrivate', 'ignorePropertyDecorators', 'ignoreSemiprivate', 'ignoreSetters',
  'omitCoveredFiles', 'includeStubs',
] as const;
const LIST_KEYS = ['ignoreRegex', 'whitelistRegex', 'exclude'] as const;
const MARKER_KEYS: ReadonlyArray<keyof MarkerOptions> = ['nodocqa', 'noqa', 'pylint', 'docstrCoverage'];

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return value.trim() === '' ? [] : [value];
  if (!Array.isArray(value)) return undefined;
  return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
}

/** The `docbits` section of the editor's settings (the object under the `docbits` key), checked. */
export function readEditorSettings(raw: unknown): EditorSettings {
  const s = isObject(raw) ? raw : {};
  const coverage: ConfigOptions = {};
  for (const key of BOOLEAN_KEYS) if (typeof s[key] === 'boolean') coverage[key] = s[key] as boolean;
  for (const key of LIST_KEYS) {
    const list = stringList(s[key]);
    if (list !== undefined) coverage[key] = list;
  }
  if (typeof s.failUnder === 'number' && Number.isFinite(s.failUnder)) coverage.failUnder = Math.min(100, Math.max(0, s.failUnder));
  if (s.coverageStyle === 'google' || s.coverageStyle === 'sphinx') coverage.docstringStyle = s.coverageStyle;
  if (isObject(s.markers)) {
    const markers: MarkerOptions = { ...DEFAULT_MARKERS };
    for (const key of MARKER_KEYS) if (typeof s.markers[key] === 'boolean') markers[key] = s.markers[key] as boolean;
    coverage.markers = markers;
  }
  const hover: Partial<BitsHoverOptions> = {};
  if (isObject(s.hover)) {
    const h = s.hover;
    if (typeof h.enabled === 'boolean') hover.enabled = h.enabled;
    if (typeof h.minWidth === 'number') hover.minWidth = h.minWidth;
    if (h.grouping === 'nibble' || h.grouping === 'byte') hover.grouping = h.grouping;
    if (Array.isArray(h.bases)) hover.bases = h.bases.filter((b) => typeof b === 'string') as BitsHoverOptions['bases'];
    if (typeof h.maxShift === 'number') hover.maxShift = h.maxShift;
  }
  return {
    coverage,
    severity: oneOf(s.severity, ['error', 'warning', 'information', 'hint'] as const, DEFAULT_EDITOR_SETTINGS.severity),
    docstringStyle: oneOf(s.docstringStyle, ['google', 'numpy', 'sphinx', 'pep257'] as const, DEFAULT_EDITOR_SETTINGS.docstringStyle),
    hover,
    maxFileSize: typeof s.maxFileSize === 'number' && s.maxFileSize > 0 ? s.maxFileSize : DEFAULT_MAX_FILE_SIZE,
    configPrecedence: oneOf(s.configPrecedence, ['projectFile', 'editorSettings'] as const, DEFAULT_EDITOR_SETTINGS.configPrecedence),
  };
}

/** What the project's config file contributes (see projectConfig.ts). */
export interface ProjectFileOptions {
  /** Whether the file has an interrogate section at all. */
  found: boolean;
  options: ConfigOptions;
}

/** The coverage options for a document: editor settings and project file combined per `configPrecedence`. */
export function effectiveCoverageOptions(editor: EditorSettings, project: ProjectFileOptions | undefined): CoverageOptions {
  const fromFile = project?.found ? project.options : undefined;
  if (!fromFile) return mergeOptions(DEFAULT_OPTIONS, editor.coverage);
  if (editor.configPrecedence === 'projectFile') return mergeOptions(DEFAULT_OPTIONS, fromFile);
  return mergeOptions(DEFAULT_OPTIONS, fromFile, editor.coverage);
}

/** The hover's options from the editor settings (no project file has a say in hovers). */
export function hoverOptions(editor: EditorSettings): BitsHoverOptions {
  return { ...DEFAULT_BITS_HOVER_OPTIONS, ...editor.hover };
}
