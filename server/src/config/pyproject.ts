/**
 * `[tool.interrogate]` of a pyproject.toml, read with smol-toml (TOML 1.0) and checked key by key. Nothing here
 * throws: a malformed file is one problem (with the parser's line and column) and the defaults apply.
 */
import { parse as parseToml, TomlError } from 'smol-toml';
import { applyEntry } from './fileKeys';
import { ConfigOptions, ConfigParseResult, ConfigProblem } from './types';
import { clip, show } from './values';

/** A bare or quoted key followed by `=` (the quoted forms without escapes, which keys of these tables never need). */
const KEY_AT_START = /^\s*(?:([A-Za-z0-9_-]+)|"([^"\\]*)"|'([^']*)')\s*=/;

/**
 * Best-effort 1-based lines of the keys of `[tool.<table>]` (smol-toml does not report value positions): one
 * pass over the text, so a file with many keys costs no more than its length. `table` is a bare key
 * (`interrogate`, `pydoclint`).
 */
export function tomlKeyLines(text: string, table: string): Map<string, number> {
  const lines = text.split(/\r\n|\n|\r/);
  const header = new RegExp(`^\\s*\\[\\s*tool\\s*\\.\\s*${table}\\s*\\]`);
  const dottedPrefix = new RegExp(`^\\s*tool\\s*\\.\\s*${table}\\s*\\.(?=\\s*[A-Za-z0-9_"'-])`);
  const found = new Map<string, number>();
  const note = (m: RegExpExecArray | null, line: number): void => {
    const key = m ? (m[1] ?? m[2] ?? m[3]) : undefined;
    if (key !== undefined && !found.has(key)) found.set(key, line);
  };
  let inTable = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*\[/.test(line)) {
      inTable = header.test(line);
      continue;
    }
    const dotted = dottedPrefix.exec(line);
    if (dotted) note(KEY_AT_START.exec(line.slice(dotted[0].length)), i + 1);
    else if (inTable) note(KEY_AT_START.exec(line), i + 1);
  }
  return found;
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
    problems.push({ message: `pyproject.toml is not valid TOML${at}: ${clip(detail, 300)}. Using default settings.`, line, column, severity: 'error' });
    return { options: {}, problems, found: false };
  }
  const tool = doc.tool;
  const tools = tool !== null && typeof tool === 'object' && !Array.isArray(tool) ? tool as Record<string, unknown> : {};
  const lineLength = formatterLineLength(tools);
  const withLineLength = (result: ConfigParseResult): ConfigParseResult => (lineLength === undefined ? result : { ...result, lineLength });
  const table = tools.interrogate;
  const own = tools.docbits;
  if (own !== undefined) {
    return withLineLength(withDocbitsTable(table === undefined ? { options: {}, problems, found: false } : parseInterrogateTable(text, table, problems), own));
  }
  if (table === undefined) return withLineLength({ options: {}, problems, found: false });
  return withLineLength(parseInterrogateTable(text, table, problems));
}

/**
 * `[tool.docbits]`: the same keys (docbits' own among them), winning over `[tool.interrogate]`, so options
 * interrogate would refuse as unknown can live beside its table.
 */
function withDocbitsTable(base: ConfigParseResult, table: unknown): ConfigParseResult {
  if (table === null || typeof table !== 'object' || Array.isArray(table)) {
    base.problems.push({ message: `"tool.docbits" must be a table ([tool.docbits]), got ${show(table)}. It is ignored.`, severity: 'error' });
    return base;
  }
  const options: ConfigOptions = { ...base.options };
  for (const [key, value] of Object.entries(table as Record<string, unknown>)) {
    applyEntry(key, value, undefined, '[tool.docbits]', options, base.problems);
  }
  return { options, problems: base.problems, found: true };
}

function parseInterrogateTable(text: string, table: unknown, problems: ConfigProblem[]): ConfigParseResult {
  if (table === null || typeof table !== 'object' || Array.isArray(table)) {
    problems.push({ message: `"tool.interrogate" must be a table ([tool.interrogate]), got ${show(table)}. Using default settings.`, severity: 'error' });
    return { options: {}, problems, found: true };
  }
  const keyLines = tomlKeyLines(text, 'interrogate');
  const options: ConfigOptions = {};
  for (const [key, value] of Object.entries(table as Record<string, unknown>)) {
    applyEntry(key, value, keyLines.get(key), '[tool.interrogate]', options, problems);
  }
  return { options, problems, found: true };
}

/** ruff's limit (its largest accepted line-length); black has none, and a larger value is no use to a stub. */
const MAX_LINE_LENGTH = 320;

/**
 * The project's line length for the stubs: `[tool.ruff] line-length`, else `[tool.black] line-length`, when
 * it is an integer from 1 to 320 (ruff's range); anything else is ignored (those are the formatters' keys to
 * check, not ours).
 */
function formatterLineLength(tools: Record<string, unknown>): number | undefined {
  for (const name of ['ruff', 'black']) {
    const table = tools[name];
    if (table === null || typeof table !== 'object' || Array.isArray(table)) continue;
    const value = (table as Record<string, unknown>)['line-length'];
    const n = typeof value === 'bigint' ? Number(value) : value;
    if (typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_LINE_LENGTH) return n;
  }
  return undefined;
}
