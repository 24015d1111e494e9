/**
 * The docstring parser and "Update docstring" as fuzz targets: on every input, and on mutations of its own
 * docstrings (lines swapped, duplicated, deleted, re-indented, colons added or removed, section titles
 * renamed), the parser never throws and keeps every span inside the docstring, and the update never throws,
 * keeps its edits inside the docstring, and changes nothing on a second run. The edited texts go to CPython
 * with the stub probes (the file must still compile when the original does).
 */
import { parsedFile, TextEditLike } from '../../server/src/coverage/stubs';
import { DocstringStyleName, parseDocstring, Span } from '../../server/src/docstrings/parse';
import { allDocstringUpdates, docstringUpdate } from '../../server/src/docstrings/update';
import { lineStarts } from '../../server/src/python/lines';
import { ModuleStructure } from '../../server/src/python/structure';
import { Prng as Rng } from '../helpers/prng';
import { applyEdits, fail, guard, onMutated, StubProbe } from './check';

const STYLES: DocstringStyleName[] = ['google', 'numpy', 'sphinx'];
const TITLES = ['Args:', 'Returns:', 'Yields:', 'Raises:', 'Parameters', '----------', ':param x:', ':type x: int', ':rtype: int', 'Warns:'];

/** Parses some docstrings in a random style and checks their spans. */
function checkParse(text: string, starts: number[], structure: ModuleStructure, rng: Rng, count: number): void {
  const t = 'docstrings';
  const docs = structure.definitions.filter((d) => d.docstring).map((d) => d.docstring!);
  if (structure.docstring) docs.push(structure.docstring);
  for (let k = 0; k < Math.min(count, docs.length); k++) {
    const doc = docs[rng.int(0, docs.length - 1)];
    const style = rng.pick(STYLES);
    const parsed = guard(t, () => parseDocstring(text, starts, doc, { style }));
    const spans: Span[] = [];
    if (parsed.summarySpan) spans.push(parsed.summarySpan);
    for (const s of parsed.sections) {
      spans.push(s.span);
      if (s.titleSpan) spans.push(s.titleSpan);
      for (const e of s.entries) for (const x of [e.span, e.nameSpan, e.typeSpan, e.descriptionSpan, e.typeField]) if (x) spans.push(x);
    }
    for (const p of parsed.problems) spans.push(p.span);
    for (const x of spans) {
      if (!(parsed.span.start <= x.start && x.start <= x.end && x.end <= parsed.span.end)) {
        fail(t, 'span-inside-docstring', `${style}: ${JSON.stringify(x)} outside ${JSON.stringify(parsed.span)}`);
      }
    }
  }
}

/** Updates one definition (or all): edits inside the docstring, and a second update is a no-op. */
function checkUpdate(text: string, starts: number[], index: number | 'all', style: DocstringStyleName): string | null {
  const t = 'docstrings';
  const file = parsedFile(text);
  let edits: TextEditLike[];
  if (index === 'all') edits = guard(t, () => allDocstringUpdates(file, { defaultStyle: style })).edits;
  else edits = guard(t, () => docstringUpdate(file, index, { defaultStyle: style }))?.edits ?? [];
  if (edits.length === 0) return null;
  const edited = applyEdits(text, edits, starts, t);
  if (index !== 'all') {
    const d = file.structure.definitions[index].docstring!;
    for (const e of edits) {
      const before = (p: { line: number; character: number }, q: { line: number; character: number }): boolean => p.line < q.line || (p.line === q.line && p.character <= q.character);
      if (!before({ line: d.startLine, character: d.startCol }, e.range.start) || !before(e.range.end, { line: d.endLine, character: d.endCol })) {
        fail(t, 'edit-inside-docstring', `edit ${JSON.stringify(e.range)} outside the docstring of #${index}`);
      }
    }
  }
  const again = parsedFile(edited);
  if (again.structure.definitions.length !== file.structure.definitions.length) {
    fail(t, 'definitions-kept', `${file.structure.definitions.length} definitions -> ${again.structure.definitions.length}`);
  }
  const second = index === 'all' ? allDocstringUpdates(again, { defaultStyle: style }).edits : docstringUpdate(again, index, { defaultStyle: style })?.edits ?? [];
  if (second.length > 0) fail(t, 'idempotent', `second update of ${index} changes ${second.length} places`);
  return edited;
}

/** A line-level mutation of one docstring's lines (the rest of the file unchanged); the quality target uses it too. */
export function mutateDocstring(text: string, starts: number[], structure: ModuleStructure, rng: Rng): string | null {
  const documented = structure.definitions.filter((d) => d.docstring && d.docstring.endLine > d.docstring.startLine);
  if (documented.length === 0) return null;
  const d = rng.pick(documented).docstring!;
  const from = d.startLine + 1, to = d.endLine - 1; // lines strictly inside the literal
  if (to < from) return null;
  const lines = text.slice(starts[from], starts[to + 1]).split(/(?<=\n)/);
  const i = rng.int(0, lines.length - 1), j = rng.int(0, lines.length - 1);
  const eol = lines[i].endsWith('\r\n') ? '\r\n' : lines[i].endsWith('\n') ? '\n' : '';
  const indent = /^[ \t]*/.exec(lines[i])![0];
  switch (rng.int(0, 6)) {
    case 0: [lines[i], lines[j]] = [lines[j], lines[i]]; break;
    case 1: lines.splice(i, 0, lines[j]); break;
    case 2: lines.splice(i, 1); break;
    case 3: lines[i] = rng.pick(['', ' ', '    ', '\t', '        ']) + lines[i].trimStart(); break;
    case 4: lines[i] = lines[i].includes(':') ? lines[i].replace(':', '') : lines[i].replace(/(\S)(\s|$)/, '$1:$2'); break;
    case 5: lines.splice(i, 0, indent + rng.pick(TITLES) + eol); break;
    default: lines.splice(i, 0, indent + '    ' + rng.pick(['x', '*args', 'y (int)', 'ValueError', 'z : str']) + ': Made up.' + eol); break;
  }
  const body = lines.join('');
  if (body.includes('"""') || body.includes("'''")) return null;
  return text.slice(0, starts[from]) + body + text.slice(starts[to + 1]);
}

/** The docstrings target on one input; returns probes whose edited texts CPython must still compile. */
export function checkDocstrings(text: string, starts: number[], structure: ModuleStructure, rng: Rng, maxProbes: number): StubProbe[] {
  const probes: StubProbe[] = [];
  checkParse(text, starts, structure, rng, 4);
  const style = rng.pick(STYLES);
  const functions = structure.definitions.flatMap((d, i) => (d.keyword === 'def' && d.docstring ? [i] : []));
  for (let k = 0; k < Math.min(2, functions.length); k++) {
    const index = rng.pick(functions);
    const edited = checkUpdate(text, starts, index, style);
    if (edited !== null && probes.length < maxProbes) probes.push({ label: `docstringUpdate #${index} ${style}`, edited, problemsIfValid: [] });
  }
  const all = checkUpdate(text, starts, 'all', style);
  if (all !== null && probes.length < maxProbes + 1) probes.push({ label: `allDocstringUpdates ${style}`, edited: all, problemsIfValid: [] });
  // Mutated docstrings of this input: they do not go to CPython (their original is a new text).
  for (let k = 0; k < 3; k++) {
    const mutated = mutateDocstring(text, starts, structure, rng);
    if (mutated === null) continue;
    onMutated(mutated, () => {
      const mutatedStarts = lineStarts(mutated);
      const mutatedFile = parsedFile(mutated);
      checkParse(mutated, mutatedStarts, mutatedFile.structure, rng, 2);
      checkUpdate(mutated, mutatedStarts, 'all', rng.pick(STYLES));
    });
  }
  return probes;
}
