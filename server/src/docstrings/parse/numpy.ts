/**
 * Numpy style (as the fork's numpydoc.py reads it): a title line at the base indentation underlined by dashes
 * (`Parameters` / `----------`); the section runs to the next title. In entry sections every line at the base
 * indentation starts an entry (`name : type`, `type` or `name : type` for returns, `ValueError` for raises);
 * its description is the lines indented under it.
 */
import { description, indexInLine, isOptionalType, lastNonBlank, linesSpan, newEntry, newSection, spanText, StyleResult, trimmedSpan } from './build';
import { DocSource, lineContent, relIndent } from './source';
import { DocSection, SectionKind } from './types';

const TITLES = new Map<string, SectionKind>([
  ['Parameters', 'params'], ['Params', 'params'], ['Arguments', 'params'], ['Args', 'params'],
  ['Other Parameters', 'otherParams'], ['Other Params', 'otherParams'], ['Other Arguments', 'otherParams'],
  ['Other Args', 'otherParams'], ['Receives', 'receives'], ['Receive', 'receives'],
  ['Raises', 'raises'], ['Raise', 'raises'], ['Warns', 'warns'], ['Warn', 'warns'],
  ['Attributes', 'attributes'], ['Attribute', 'attributes'], ['Returns', 'returns'], ['Return', 'returns'],
  ['Yields', 'yields'], ['Yield', 'yields'], ['Examples', 'examples'], ['Example', 'examples'],
  ['Warnings', 'warnings'], ['Warning', 'warnings'], ['See Also', 'seeAlso'], ['Related', 'seeAlso'],
  ['Notes', 'notes'], ['Note', 'notes'], ['References', 'references'], ['Reference', 'references'],
]);
/** Napoleon's numpy titles that the fork does not know. */
const NONSTANDARD_TITLES = new Map<string, SectionKind>([
  ['Keyword Arguments', 'keywordParams'], ['Keyword Args', 'keywordParams'], ['Methods', 'methods'], ['Todo', 'todo'],
]);

const LIST_KINDS: ReadonlySet<SectionKind> = new Set<SectionKind>([
  'params', 'keywordParams', 'otherParams', 'receives', 'raises', 'warns', 'attributes', 'methods', 'returns', 'yields',
]);
/** The titles pydoclint accepts above a dashed line (the fork's sections, its `.. deprecated::` among them). */
const ACCEPTED_TITLES: ReadonlySet<string> = new Set([...TITLES.keys(), 'deprecated']);

/**
 * pydoclint's check before it parses a numpy docstring: any line above a line of 3 or more dashes (blank lines
 * between, any indentation, an example's output included) is a section title, and one it does not know
 * (`Keyword Arguments`, `parameters`, `Foo options`) makes the docstring unreadable. A title ending in a colon
 * is google's and is let be.
 */
function unsupportedTitles(source: DocSource, result: StyleResult): void {
  const lines = source.lines;
  const seen = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].blank) continue;
    let j = i + 1;
    while (j < lines.length && lines[j].blank) j++;
    // A dash first, before the line is cut out: most lines are not underlines.
    if (j >= lines.length || source.value.charCodeAt(lines[j].contentStart) !== 45 || !/^-{3,}$/.test(lineContent(source, j))) continue;
    const title = lineContent(source, i);
    if (!title.endsWith(':') && !ACCEPTED_TITLES.has(title) && !seen.has(title)) {
      seen.add(title);
      result.problems.push({ message: `Unknown section "${title}".`, span: linesSpan(source, i, j), wholeText: true });
    }
    if (!title.endsWith(':')) i = j; // the dashes are taken: they title nothing further down
  }
}

/** Whether line i is a title: the next line is only dashes (3 or more, or as many as the title has characters). */
function isTitleAt(source: DocSource, i: number): boolean {
  if (i + 1 >= source.lines.length || source.lines[i].blank || relIndent(source, i) !== 0) return false;
  const underline = lineContent(source, i + 1);
  const title = lineContent(source, i);
  return /^-+$/.test(underline) && (underline.length >= 3 || underline.length === title.length) && !title.endsWith(':') &&
    !/^-+$/.test(title);
}

/**
 * Whether line i is `.. deprecated:: 1.2` at the base indentation: the fork reads that directive as a section
 * (its DeprecationSection), running to the next title, and a docstring with one is not short.
 */
function isDeprecationAt(source: DocSource, i: number): boolean {
  return !source.lines[i].blank && relIndent(source, i) === 0 && /^\.\.\s*deprecated\s*::/.test(lineContent(source, i));
}

const COMBINED_NAME = /^\*{0,2}[A-Za-z_\u00c0-\uffff][\w\u00c0-\uffff]*$/;

/**
 * The names of a numpy entry that names several (numpydoc: "When two or more input parameters have exactly the
 * same type, shape and description, they can be combined": `x1, x2 : array_like`), stars kept; null when the
 * name is not such a list.
 */
export function combinedNames(name: string): string[] | null {
  if (!name.includes(',')) return null;
  const names = name.split(/\s*,\s*/);
  return names.every((n) => COMBINED_NAME.test(n)) ? names : null;
}

export function parseNumpy(source: DocSource): StyleResult {
  const result: StyleResult = { sections: [], problems: [], firstSectionLine: -1 };
  const lines = source.lines;
  const titleLines: number[] = [];
  const deprecations = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    if (isTitleAt(source, i)) titleLines.push(i++);
    else if (isDeprecationAt(source, i)) {
      titleLines.push(i);
      deprecations.add(i);
    }
  }
  for (let t = 0; t < titleLines.length; t++) {
    const i = titleLines[t];
    if (result.firstSectionLine < 0) result.firstSectionLine = i;
    const end = t + 1 < titleLines.length ? titleLines[t + 1] : lines.length;
    if (deprecations.has(i)) {
      const last = lastNonBlank(source, i + 1, end - 1);
      result.sections.push(newSection('deprecated', 'deprecated', linesSpan(source, i, i), linesSpan(source, i, Math.max(i, last)), false));
      continue;
    }
    const title = lineContent(source, i);
    const underline = lineContent(source, i + 1);
    let kind = TITLES.get(title);
    // The fork reads a title only with an underline of exactly its length.
    let nonstandard = underline.length !== title.length;
    if (kind === undefined) {
      kind = NONSTANDARD_TITLES.get(title);
      nonstandard = true;
    }
    const last = lastNonBlank(source, i + 2, end - 1);
    const titleSpan = linesSpan(source, i, i + 1);
    // Unknown titles are reported by unsupportedTitles, as pydoclint does.
    kind ??= 'other';
    const section = newSection(kind, title, titleSpan, linesSpan(source, i, Math.max(i + 1, last)), nonstandard);
    result.sections.push(section);
    if (LIST_KINDS.has(kind)) entries(source, section, i + 2, last);
    // The fork refuses a list section with text under its title but no entry at the base indentation (entries
    // indented further, or none before the next title: the newline before it is text).
    if (!nonstandard && LIST_KINDS.has(kind) && section.entries.length === 0 && (t + 1 < titleLines.length || last >= i + 2)) {
      result.problems.push({ message: `Section "${title}" has text but no entry.`, span: { ...titleSpan } });
    }
  }
  unsupportedTitles(source, result);
  return result;
}

function entries(source: DocSource, section: DocSection, from: number, last: number): void {
  const heads: number[] = [];
  for (let i = from; i <= last; i++) if (!source.lines[i].blank && relIndent(source, i) === 0) heads.push(i);
  for (let h = 0; h < heads.length; h++) {
    const head = heads[h];
    const entryLast = lastNonBlank(source, head, h + 1 < heads.length ? heads[h + 1] - 1 : last);
    const line = source.lines[head];
    const entry = newEntry(linesSpan(source, head, entryLast));
    const keyEnd = line.end;
    const colon = indexInLine(source, ':', line.contentStart, keyEnd);
    const hasColon = colon >= 0;
    if (section.kind === 'raises' || section.kind === 'warns') {
      entry.nameSpan = trimmedSpan(source, line.contentStart, keyEnd);
    } else if (section.kind === 'returns' || section.kind === 'yields') {
      // `name : type`, or only `type`.
      if (hasColon) entry.nameSpan = trimmedSpan(source, line.contentStart, colon);
      entry.typeSpan = trimmedSpan(source, hasColon ? colon + 1 : line.contentStart, keyEnd);
    } else {
      entry.nameSpan = trimmedSpan(source, line.contentStart, hasColon ? colon : keyEnd);
      if (hasColon) entry.typeSpan = trimmedSpan(source, colon + 1, keyEnd);
    }
    entry.name = entry.nameSpan ? spanText(source, entry.nameSpan) : null;
    entry.type = entry.typeSpan ? spanText(source, entry.typeSpan) : null;
    entry.optional = entry.type !== null && isOptionalType(entry.type);
    if (entryLast > head) {
      const described = description(source, source.lines[head + 1].start, head + 1, entryLast);
      entry.description = described.text;
      entry.descriptionSpan = described.span;
    }
    section.entries.push(entry);
  }
}
