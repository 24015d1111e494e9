/**
 * The docstring parser: a docstring as python/structure.ts finds it -> its style, summary, sections and
 * entries with their exact spans in the file (types.ts says what each field means). Pure, never throws:
 * malformed sections come back as `problems`.
 *
 *   const parsed = parseDocstring(text, lineStarts, definition.docstring, { defaultStyle: 'google' });
 *   for (const section of parsed.sections) if (section.kind === 'params') ...
 */
import { Docstring } from '../../python/structure';
import { matchedStyles } from './detect';
import { parseGoogle } from './google';
import { parseNumpy } from './numpy';
import { parseSphinx } from './sphinx';
import { DocSource, isOneLiteral, lineContent, readDocSource } from './source';
import { StyleResult, lastNonBlank, trimmedSpan } from './build';
import { DocSection, DocstringStyleName, ParsedDocstring, Span } from './types';

export * from './types';
export { combinedNames } from './numpy';

export interface ParseOptions {
  /** The style used when the docstring shows none (or several): pydoclint's `style` option. Default numpy, as pydoclint's. */
  defaultStyle?: DocstringStyleName;
  /** Parse in this style whatever the docstring shows (detection still fills matchedStyles). */
  style?: DocstringStyleName;
}

const STYLE_PARSERS: Record<DocstringStyleName, (source: DocSource) => StyleResult> = {
  google: parseGoogle,
  numpy: parseNumpy,
  sphinx: parseSphinx,
};

/** Parses the docstring `doc` of `text` (positions as structure.ts gives them; lineStarts from python/lines.ts). */
export function parseDocstring(text: string, lineStarts: readonly number[], doc: Docstring, options: ParseOptions = {}): ParsedDocstring {
  const start = lineStarts[doc.startLine] + doc.startCol;
  const end = lineStarts[doc.endLine] + doc.endCol;
  return parseDocstringAt(text, start, end, options);
}

/**
 * Characters without which no style reads a section, an entry or a problem: a colon (google titles and
 * entries, sphinx fields), a dash first on its line (numpy underlines), a backslash (an escape can make either),
 * and anything outside ASCII (trimming could then differ from Python's, so the summary is checked by parsing).
 */
const SECTION_MAKERS = /[:\\\u0080-\uffff]|^[ \t\v\f\x1c-\x1f]*-/m;
/**
 * The same for numpy style alone, whose sections are made only by a line of only dashes under a title, or by a
 * `.. deprecated::` directive, also right after the opening quotes (colons and bullets make nothing there). Read
 * on one literal without backslashes (isPlainProse), so the text's lines are the value's, but for the closing
 * quotes that may follow the last one.
 */
const NUMPY_SECTION_MAKERS = /[\u0080-\uffff]|^[ \t\v\f\r\x1c-\x1f]*(?:-+[ \t\v\f\r\x1c-\x1f]*(?:$|["'])|\.\.\s*deprecated)|^\w*(?:"""|'''|"|')\s*\.\.\s*deprecated/m;

/**
 * Whether the docstring `doc` is prose and nothing else in every style (or in `style`, when given): parsed,
 * it has a summary and no section or problem (pydoclint's "short" docstring). Tells it from the raw text,
 * without parsing.
 */
export function isPlainProse(text: string, lineStarts: readonly number[], doc: Docstring, style?: DocstringStyleName): boolean {
  if (doc.blank) return false;
  const statement = text.slice(lineStarts[doc.startLine] + doc.startCol, lineStarts[doc.endLine] + doc.endCol);
  // Joined literals (a second one opening a line of the value in the middle of the text's line) are parsed.
  return isOneLiteral(statement) && !(style === 'numpy' ? NUMPY_SECTION_MAKERS : SECTION_MAKERS).test(statement);
}

/** The same, from the docstring statement's offsets in the text. */
export function parseDocstringAt(text: string, start: number, end: number, options: ParseOptions = {}): ParsedDocstring {
  const source = readDocSource(text, start, end);
  // With a style given (the checks), detection is made only if asked for.
  const matched = options.style === undefined ? matchedStyles(source) : undefined;
  const style = options.style ?? (matched!.length === 1 ? matched![0] : options.defaultStyle ?? 'numpy');
  let result: StyleResult;
  try {
    result = STYLE_PARSERS[style](source);
  } catch (error) {
    // Never expected; a parser bug must not take the checks or the editor down.
    result = { sections: [], problems: [{ message: `Docstring not parsed: ${String(error)}`, span: { start: 0, end: 0 } }], firstSectionLine: -1 };
  }
  const lines = source.lines;
  let first = 0;
  while (first < lines.length && lines[first].blank) first++;
  const proseEnd = result.firstSectionLine >= 0 ? result.firstSectionLine - 1 : lines.length - 1;
  let summarySpan: Span | null = null;
  let longSpan: Span | null = null;
  if (first < lines.length && first <= proseEnd) {
    summarySpan = trimmedSpan(source, lines[first].contentStart, lines[first].end);
    const lastProse = lastNonBlank(source, first + 1, proseEnd);
    if (lastProse > first) {
      let from = first + 1;
      while (lines[from].blank) from++;
      longSpan = trimmedSpan(source, lines[from].start, lines[lastProse].end);
    }
  }
  const summary = summarySpan ? lineContent(source, first) : '';
  let longDescription = '';
  if (longSpan) {
    const parts: string[] = [];
    for (let i = first + 1; i <= proseEnd; i++) parts.push(lineContent(source, i));
    longDescription = parts.join('\n').trim();
  }
  const map = (span: Span): void => {
    const from = source.toFile(span.start);
    span.end = Math.max(from, source.toFile(span.end, true));
    span.start = from;
  };
  for (const section of result.sections) mapSection(section, map);
  for (const problem of result.problems) map(problem.span);
  if (summarySpan) map(summarySpan);
  return new Parsed(source, matched, style, summary, summarySpan, longDescription, result);
}

/**
 * A parse whose style detection runs when first read (the checks ask for it only with check-style-mismatch).
 * A class, not an object literal with a getter: such a literal is built on V8's slow path, and was a fifth of
 * the parse's time.
 */
class Parsed implements ParsedDocstring {
  readonly sections: DocSection[];
  readonly problems: ParsedDocstring['problems'];
  readonly span: Span;
  readonly literals: ParsedDocstring['literals'];
  #source: DocSource;
  #matched: DocstringStyleName[] | undefined;

  constructor(source: DocSource, matched: DocstringStyleName[] | undefined, readonly style: DocstringStyleName, readonly summary: string,
    readonly summarySpan: Span | null, readonly longDescription: string, result: StyleResult) {
    this.sections = result.sections;
    this.problems = result.problems;
    this.span = source.span;
    this.literals = source.literals;
    this.#source = source;
    this.#matched = matched;
  }

  get matchedStyles(): DocstringStyleName[] {
    return (this.#matched ??= matchedStyles(this.#source));
  }
}

function mapSection(section: DocSection, map: (span: Span) => void): void {
  if (section.titleSpan) map(section.titleSpan);
  map(section.span);
  for (const entry of section.entries) {
    map(entry.span);
    if (entry.nameSpan) map(entry.nameSpan);
    if (entry.typeSpan) map(entry.typeSpan);
    if (entry.descriptionSpan) map(entry.descriptionSpan);
    if (entry.typeField) map(entry.typeField);
  }
}
