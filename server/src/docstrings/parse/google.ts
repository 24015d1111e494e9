/**
 * Google style (as pydoclint's docstring_parser_fork reads it, google.py): a title alone on a line at the
 * docstring's base indentation, with a colon (`Args:`); the section runs to the next title or the next line
 * back at the base indentation. In entry sections each line at the entries' indentation starts an entry
 * (`name (type): description`, `ValueError: description`); continuation lines are indented deeper.
 * Returns and Yields are one entry (`type: description`, or just a description).
 */
import { description, indexInLine, lastNonBlank, linesSpan, newEntry, newSection, StyleResult, trimmedSpan, spanText, isOptionalType } from './build';
import { DocSource, lineContent, relIndent } from './source';
import { DocEntry, DocSection, SectionKind } from './types';

interface Title {
  kind: SectionKind;
  /** Not a title for pydoclint's parser. */
  nonstandard: boolean;
}

const TITLES = new Map<string, Title>();
function titles(kind: SectionKind, nonstandard: boolean, ...names: string[]): void {
  for (const name of names) TITLES.set(name, { kind, nonstandard });
}
// The fork's own sections...
titles('params', false, 'Args', 'Arguments', 'Parameters', 'Params');
titles('raises', false, 'Raises', 'Exceptions', 'Except');
titles('attributes', false, 'Attributes');
titles('examples', false, 'Example', 'Examples');
titles('returns', false, 'Returns');
titles('yields', false, 'Yields');
// ...and the rest of Napoleon's (Sphinx's google reader), which pydoclint reads as prose.
titles('params', true, 'Parameter', 'Arg', 'Argument', 'Param');
titles('keywordParams', true, 'Keyword Args', 'Keyword Arguments', 'Kwargs', 'Keyword Parameters');
titles('otherParams', true, 'Other Parameters', 'Other Params', 'Other Args', 'Other Arguments');
titles('receives', true, 'Receives', 'Receive');
titles('returns', true, 'Return');
titles('yields', true, 'Yield');
titles('raises', true, 'Raise', 'Exception');
titles('warns', true, 'Warns', 'Warn');
titles('attributes', true, 'Attribute');
titles('methods', true, 'Methods');
titles('notes', true, 'Note', 'Notes');
titles('warnings', true, 'Warning', 'Warnings', 'Caution', 'Attention', 'Danger', 'Important', 'Hint', 'Tip', 'Error');
titles('seeAlso', true, 'See Also');
titles('references', true, 'References', 'Reference');
titles('todo', true, 'Todo');

/** Kinds whose body is a list of entries, one per line at the entries' indentation. */
const LIST_KINDS: ReadonlySet<SectionKind> = new Set<SectionKind>([
  'params', 'keywordParams', 'otherParams', 'receives', 'raises', 'warns', 'attributes', 'methods',
]);
const PARAM_LIKE: ReadonlySet<SectionKind> = new Set<SectionKind>(['params', 'keywordParams', 'otherParams', 'receives', 'attributes', 'methods']);

/** The title on line i, if the line is one. */
function titleAt(source: DocSource, i: number): { name: string; title: Title } | null {
  if (source.lines[i].blank || relIndent(source, i) !== 0) return null;
  const content = lineContent(source, i);
  if (!content.endsWith(':')) return null;
  const name = content.slice(0, -1);
  const title = TITLES.get(name);
  return title ? { name, title } : null;
}

export function parseGoogle(source: DocSource): StyleResult {
  const result: StyleResult = { sections: [], problems: [], firstSectionLine: -1 };
  const lines = source.lines;
  let i = 0;
  while (i < lines.length) {
    const found = titleAt(source, i);
    if (!found) {
      i++;
      continue;
    }
    if (result.firstSectionLine < 0) result.firstSectionLine = i;
    // The body: up to the next title or the next line back at the base indentation.
    let end = i + 1;
    while (end < lines.length && (lines[end].blank || relIndent(source, end) > 0)) end++;
    const last = lastNonBlank(source, i + 1, end - 1);
    const titleLine = lines[i];
    const titleSpan = { start: titleLine.contentStart, end: titleLine.contentStart + found.name.length + 1 };
    const section = newSection(found.title.kind, found.name, titleSpan, linesSpan(source, i, Math.max(i, last)), found.title.nonstandard);
    result.sections.push(section);
    if (LIST_KINDS.has(section.kind)) listEntries(source, section, i + 1, last, result);
    else if (section.kind === 'returns' || section.kind === 'yields') outcomeEntry(source, section, i + 1, last);
    i = end;
  }
  return result;
}

function listEntries(source: DocSource, section: DocSection, from: number, last: number, result: StyleResult): void {
  let first = from;
  while (first <= last && source.lines[first].blank) first++;
  if (first > last) {
    result.problems.push({ message: `Section ${section.title} is empty.`, span: { ...section.titleSpan! } });
    return;
  }
  const indent = relIndent(source, first);
  const heads: number[] = [];
  for (let i = first; i <= last; i++) {
    if (!source.lines[i].blank && relIndent(source, i) === indent) heads.push(i);
  }
  for (let h = 0; h < heads.length; h++) {
    const head = heads[h];
    const entryLast = lastNonBlank(source, head, h + 1 < heads.length ? heads[h + 1] - 1 : last);
    section.entries.push(listEntry(source, section, head, entryLast, result));
  }
}

/** One entry: `name (type): description` (params, attributes) or `Name: description` (raises, warns). */
function listEntry(source: DocSource, section: DocSection, head: number, last: number, result: StyleResult): DocEntry {
  const v = source.value;
  const line = source.lines[head];
  const entry = newEntry(linesSpan(source, head, last));
  // The colon that ends the entry's head: on its first line, else (as the fork joins lines) a later one.
  let colonLine = head;
  let colon = indexInLine(source, ':', line.contentStart, line.end);
  for (let i = head + 1; colon < 0 && i <= last; i++) {
    const at = indexInLine(source, ':', source.lines[i].start, source.lines[i].end);
    if (at >= 0) [colon, colonLine] = [at, i];
  }
  const headEnd = colon >= 0 && colonLine === head ? colon : line.end;
  if (colon < 0) {
    result.problems.push({ message: `Entry "${lineContent(source, head)}" in ${section.title} has no colon.`, span: { ...entry.span } });
  }
  if (PARAM_LIKE.has(section.kind)) {
    const before = colon >= 0 && colonLine > head ? joinedHead(source, head, colon, colonLine) : { text: v.slice(line.contentStart, headEnd), at: (k: number) => line.contentStart + k };
    // The fork's GOOGLE_TYPED_ARG_REGEX: the name up to the first `(`, the type up to the last `)`.
    const typed = /^\s*(.+?)\s*\(\s*(.*[^\s]+)\s*\)/d.exec(before.text);
    if (typed && typed.indices) {
      const [nameStart, nameEnd] = typed.indices[1];
      const [typeStart, typeEnd] = typed.indices[2];
      entry.nameSpan = { start: before.at(nameStart), end: before.at(nameEnd - 1) + 1 };
      entry.typeSpan = { start: before.at(typeStart), end: before.at(typeEnd - 1) + 1 };
      entry.type = typed[2].replace(/\s+/g, ' ');
      entry.optional = isOptionalType(entry.type);
    } else {
      entry.nameSpan = trimmedSpan(source, line.contentStart, headEnd);
    }
  } else {
    entry.nameSpan = trimmedSpan(source, line.contentStart, headEnd);
  }
  entry.name = entry.nameSpan ? spanText(source, entry.nameSpan) : null;
  if (colon >= 0) {
    const described = description(source, colon + 1, colonLine, last);
    entry.description = described.text;
    entry.descriptionSpan = described.span;
  }
  return entry;
}

/**
 * An entry's head whose colon is on a later line (`validator` then `    (Callable | None): ...`), as the fork
 * joins it: the first line, then the lines up to the colon cleaned (inspect.cleandoc) and glued on without a
 * space; `at` maps an index of the text to its value offset.
 */
function joinedHead(source: DocSource, head: number, colon: number, colonLine: number): { text: string; at: (k: number) => number } {
  const v = source.value;
  const first = source.lines[head];
  let text = v.slice(first.contentStart, first.end);
  const offsets: number[] = [];
  for (let k = first.contentStart; k < first.end; k++) offsets.push(k);
  const rest = [];
  for (let i = head + 1; i <= colonLine; i++) {
    const l = source.lines[i];
    rest.push({ start: l.start, end: i === colonLine ? colon : l.end, lead: (i === colonLine ? Math.min(l.contentStart, colon) : l.contentStart) - l.start });
  }
  const margin = Math.min(...rest.slice(1).filter((r) => r.start + r.lead < r.end).map((r) => r.lead), Number.MAX_SAFE_INTEGER);
  const cleaned = rest.map((r, i) => ({ start: r.start + (i === 0 ? r.lead : Math.min(margin, r.end - r.start)), end: r.end }));
  while (cleaned.length > 0 && cleaned[0].start >= cleaned[0].end) cleaned.shift();
  while (cleaned.length > 0 && cleaned[cleaned.length - 1].start >= cleaned[cleaned.length - 1].end) cleaned.pop();
  cleaned.forEach((r, i) => {
    if (i > 0) {
      text += '\n';
      offsets.push(r.start - 1);
    }
    text += v.slice(r.start, r.end);
    for (let k = r.start; k < r.end; k++) offsets.push(k);
  });
  return { text, at: (k) => offsets[k] };
}

/** Returns / Yields: one entry, `type: description` when its text has a colon, else only a description. */
function outcomeEntry(source: DocSource, section: DocSection, from: number, last: number): void {
  let first = from;
  while (first <= last && source.lines[first].blank) first++;
  if (first > last) return;
  const entry = newEntry(linesSpan(source, first, last));
  let colon = -1, colonLine = -1;
  for (let i = first; i <= last && colon < 0; i++) {
    const at = indexInLine(source, ':', source.lines[i].start, source.lines[i].end);
    if (at >= 0) [colon, colonLine] = [at, i];
  }
  if (colon < 0) {
    const described = description(source, source.lines[first].contentStart, first, last);
    entry.description = described.text;
    entry.descriptionSpan = described.span;
  } else {
    entry.typeSpan = trimmedSpan(source, source.lines[first].contentStart, colon);
    entry.type = entry.typeSpan ? spanText(source, entry.typeSpan).replace(/\s+/g, ' ') : null;
    const described = description(source, colon + 1, colonLine, last);
    entry.description = described.text;
    entry.descriptionSpan = described.span;
  }
  section.entries.push(entry);
}
