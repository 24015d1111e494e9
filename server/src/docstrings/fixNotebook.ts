/**
 * `--fix` on a Jupyter notebook's JSON text: the docstring updates of fixFile.ts made on the notebook's module
 * (python/notebook.ts: its Python cells joined), then carried back into the cells' `source`. Pure: JSON text
 * in, new JSON text (or a refusal) out; never throws.
 *
 * The JSON is not written again: only the `source` values of cells whose docstrings changed are replaced, at
 * their spans in the text (notebookJson.ts), in the file's own style (a list stays a list, with its blanks;
 * `\u00e9` escapes when the file has them), so every other byte stays, whoever wrote the notebook (CRLF,
 * indent 1 or 2, compact, `1.0`, any key order). A notebook whose sources cannot be located is refused.
 */
import { notebookModuleOfText } from '../coverage/notebookCoverage';
import { lineStarts } from '../python/lines';
import type { TextEditLike } from '../coverage/stubs';
import type { Finding, QualityOptions } from './checks';
import { applyTextEdits, DocstringFix, fixDocstrings } from './fixFile';
import { pythonJsonString } from '../python/compat/jsonString';
import { NotebookJson, scanNotebookJson, SourceSpan } from './notebookJson';

export type NotebookFixOutcome =
  | { ok: true; text: string; fixes: DocstringFix[]; before: Finding[] }
  | { ok: false; reason: string; before: Finding[] };

/** The notebook's text with the docstrings of its definitions with findings updated (`fixes` empty: none). */
export function fixNotebookDocstrings(text: string, options: QualityOptions): NotebookFixOutcome {
  try {
    const module = notebookModuleOfText(text);
    if (module === null) return { ok: true, text, fixes: [], before: [] }; // another language: nothing is checked
    if (typeof module === 'string') return { ok: false, reason: module, before: [] };
    const outcome = fixDocstrings(module.text, options);
    const before = outcome.before.map((f) => {
      const at = module.cellPosition(f.line, f.column);
      return at ? { ...f, cell: at.cell + 1, line: at.line, column: at.character } : f;
    });
    if (!outcome.ok) return { ok: false, reason: outcome.reason, before };
    if (outcome.fixes.length === 0) return { ok: true, text, fixes: [], before };
    const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
    const body = text.slice(bom.length);
    const scanned = scanNotebookJson(body);
    if (typeof scanned === 'string') return { ok: false, reason: scanned, before };
    const json = JSON.parse(body) as { cells: Array<{ source: string | string[] }> };
    // Each edit lies in one docstring, so in one cell: grouped by cell, in the cell's own lines.
    const byCell = new Map<number, TextEditLike[]>();
    for (const edit of outcome.edits) {
      const start = module.cellPosition(edit.range.start.line, edit.range.start.character);
      const end = module.cellPosition(edit.range.end.line, edit.range.end.character);
      if (!start || !end || start.cell !== end.cell) return { ok: false, reason: 'an update would cross cells', before };
      const list = byCell.get(start.cell) ?? [];
      list.push({ range: { start: { line: start.line, character: start.character }, end: { line: end.line, character: end.character } }, newText: edit.newText });
      byCell.set(start.cell, list);
    }
    const splices: Array<{ start: number; end: number; text: string }> = [];
    for (const [cell, edits] of byCell) {
      const span = scanned.cells[cell];
      const raw = json.cells[cell]?.source;
      const source = span ? span.items.map((item) => item.value).join('') : null;
      // The scan and JSON.parse must read the same cell: else the spans are not to be trusted.
      if (span === null || span === undefined || source !== (Array.isArray(raw) ? raw.join('') : raw)) {
        return { ok: false, reason: `cell ${cell + 1}'s source could not be located in the JSON`, before };
      }
      const fixed = applyTextEdits(source, lineStarts(source), edits);
      const value = span.form === 'list' ? sourceListText(body, span, fixed, scanned) : pythonJsonString(fixed, scanned.style);
      splices.push({ start: span.start, end: span.end, text: value });
    }
    splices.sort((a, b) => a.start - b.start);
    const pieces: string[] = [bom];
    let at = 0;
    for (const splice of splices) {
      pieces.push(body.slice(at, splice.start), splice.text);
      at = splice.end;
    }
    pieces.push(body.slice(at));
    const fixedText = pieces.join('');
    // Where each fixed definition now is: in the module of the fixed notebook.
    const fixedModule = notebookModuleOfText(fixedText);
    if (fixedModule === null || typeof fixedModule === 'string' || fixedModule.text !== outcome.text) {
      return { ok: false, reason: 'the updated notebook does not read back the same', before };
    }
    const fixes = outcome.fixes.map((fix) => {
      const at = fixedModule.cellPosition(fix.line);
      return at ? { ...fix, cell: at.cell + 1, line: at.line } : fix;
    });
    return { ok: true, text: fixedText, fixes, before };
  } catch (error) {
    return { ok: false, reason: `the update failed: ${error instanceof Error ? error.message : String(error)}`, before: [] };
  }
}

/**
 * A `source` list holding `fixed`, written as the file writes it: the old list's strings kept where they still
 * start or end the text on a line boundary (byte for byte, escapes and all), the lines between them split as
 * nbformat does (Python's `splitlines(keepends=True)`) and written in the file's string style, with the old
 * list's blanks after `[`, between items and before `]`.
 */
function sourceListText(body: string, span: SourceSpan, fixed: string, json: NotebookJson): string {
  const items = span.items;
  let first = 0;
  let from = 0;
  while (first < items.length) {
    const value = items[first].value;
    if (value === '' || !fixed.startsWith(value, from)) break;
    if (!endsWithLineBreak(value) && from + value.length !== fixed.length) break;
    from += value.length;
    first++;
  }
  let last = items.length;
  let to = fixed.length;
  while (last > first) {
    const value = items[last - 1].value;
    const at = to - value.length;
    if (value === '' || at < from || !fixed.endsWith(value, to) || !(at === from || isLineStart(fixed, at))) break;
    to = at;
    last--;
  }
  const texts: string[] = [];
  for (let i = 0; i < first; i++) texts.push(body.slice(items[i].start, items[i].end));
  for (const line of splitLines(fixed.slice(from, to))) texts.push(pythonJsonString(line, json.style));
  for (let i = last; i < items.length; i++) texts.push(body.slice(items[i].start, items[i].end));
  if (texts.length === 0) return '[]';
  const open = items.length > 0 ? body.slice(span.start + 1, items[0].start) : '';
  const close = items.length > 0 ? body.slice(items[items.length - 1].end, span.end - 1) : '';
  let separator: string;
  if (items.length >= 2) separator = body.slice(items[0].end, items[1].start);
  else if (/[\r\n]/.test(open)) separator = ',' + open; // one item per line: the next at the same indent
  else separator = /[\r\n]/.test(json.separator) || json.separator === '' ? ',' : json.separator; // compact: the file's own
  return '[' + open + texts.join(separator) + close + ']';
}

/** Python's line boundaries (str.splitlines): \n, \r, \r\n, \v, \f, \x1c-\x1e, \x85, \u2028, \u2029. */
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/g;
/** One of those characters (`\r\n` ends in one too). */
const LINE_BREAK_CHAR = /[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;

/** nbformat's list form of a multiline string: each line with its line break, the last one without. */
function splitLines(text: string): string[] {
  const lines: string[] = [];
  let at = 0;
  for (const m of text.matchAll(LINE_BREAK)) {
    const end = m.index! + m[0].length;
    lines.push(text.slice(at, end));
    at = end;
  }
  if (at < text.length) lines.push(text.slice(at));
  return lines;
}

function endsWithLineBreak(s: string): boolean {
  return s.length > 0 && LINE_BREAK_CHAR.test(s[s.length - 1]);
}

/** `at` starts a line of `text`: the character before it ends one (and is not the `\r` of a `\r\n`). */
function isLineStart(text: string, at: number): boolean {
  if (at === 0) return true;
  if (!LINE_BREAK_CHAR.test(text[at - 1])) return false;
  return !(text.charCodeAt(at - 1) === 13 && text.charCodeAt(at) === 10);
}
