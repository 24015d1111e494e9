/**
 * `[tool.interrogate]` of a pyproject.toml, read with smol-toml (TOML 1.0) and checked key by key. Nothing here
 * throws: a malformed file is one problem (with the parser's line and column) and the defaults apply.
 */
import { parse as parseToml, TomlError } from 'smol-toml';
import { applyEntry } from './fileKeys';
import { ConfigOptions, ConfigParseResult, ConfigProblem } from './types';
import { show } from './values';

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
