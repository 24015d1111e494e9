/** Reading docstring fixtures: every definition's docstring of a file, parsed. */
import * as fs from 'fs';
import * as path from 'path';
import { parseDocstring, ParsedDocstring, ParseOptions } from '../../server/src/docstrings/parse';
import { lineStarts } from '../../server/src/python/lines';
import { parseStructure } from '../../server/src/python/structure';

export const ROOT = path.join(__dirname, '..', '..', '..');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'docstrings');

export function readFixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** The parsed docstring of each documented definition, by name (the last one wins on redefinition). */
export function docstringsOf(text: string, options: ParseOptions = {}): Map<string, ParsedDocstring> {
  const structure = parseStructure(text);
  const starts = lineStarts(text);
  const byName = new Map<string, ParsedDocstring>();
  if (structure.docstring) byName.set('<module>', parseDocstring(text, starts, structure.docstring, options));
  for (const def of structure.definitions) {
    if (def.docstring) byName.set(def.name, parseDocstring(text, starts, def.docstring, options));
  }
  return byName;
}

/** Applies LSP-shaped edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: ReadonlyArray<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>): string {
  const starts = lineStarts(text);
  const offset = (p: { line: number; character: number }): number => starts[p.line] + p.character;
  const sorted = edits.map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
