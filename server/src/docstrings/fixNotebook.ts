/**
 * `--fix` on a Jupyter notebook's JSON text: the docstring updates of fixFile.ts made on the notebook's module
 * (python/notebook.ts: its Python cells joined), then carried back into the cells' `source`. Pure: JSON text
 * in, new JSON text (or a refusal) out; never throws.
 *
 * The JSON is written back as it was laid out (the indent, key order, `source` as a string or a list of
 * lines, the trailing newline): the notebook is first parsed and written again unchanged, and when that does
 * not give its text back byte for byte (a layout JSON.stringify does not make: CRLF, `\u00e9` escapes, `1.0`)
 * it is left alone, with the reason. Only the `source` of cells whose docstrings changed differs.
 */
import { notebookModuleOfText } from '../coverage/notebookCoverage';
import { lineStarts } from '../python/lines';
import type { TextEditLike } from '../coverage/stubs';
import type { Finding, QualityOptions } from './checks';
import { applyTextEdits, DocstringFix, fixDocstrings } from './fixFile';

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
    const json = JSON.parse(body) as { cells: Array<{ source: string | string[] }> };
    const layout = layoutOf(body);
    if (layout.write(JSON.parse(body)) !== body) {
      return { ok: false, reason: 'docbits writes notebooks as JSON.stringify lays them out (as Jupyter does), and this one is laid out otherwise', before };
    }
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
    for (const [cell, edits] of byCell) {
      const raw = json.cells[cell];
      const source = Array.isArray(raw.source) ? raw.source.join('') : raw.source;
      const fixed = applyTextEdits(source, lineStarts(source), edits);
      raw.source = Array.isArray(raw.source) ? linesOf(fixed) : fixed;
    }
    const fixedText = bom + layout.write(json);
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

/** How the notebook's JSON is written: its indent (a space, two, a tab; none) and what follows the last brace. */
function layoutOf(body: string): { write: (json: unknown) => string } {
  const indent = /^\{(?:\r?\n)([ \t]+)"/.exec(body)?.[1] ?? '';
  const tail = /\s*$/.exec(body)![0];
  return { write: (json) => JSON.stringify(json, null, indent) + tail };
}

/** nbformat's list form of a multiline string: each line with its line break, the last one without. */
function linesOf(text: string): string[] {
  return text.split(/(?<=\r\n|\n|\r(?!\n))/).filter((line) => line !== '');
}
