/**
 * Small builders the three style parsers share: spans of lines and entries, descriptions, and the result
 * each style parser returns. Spans are in VALUE offsets here; parse.ts maps them to the file at the end.
 */
import { contentEnd, DocSource, lineContent } from './source';
import { DocEntry, DocProblem, DocSection, SectionKind, Span } from './types';

export interface StyleResult {
  sections: DocSection[];
  problems: DocProblem[];
  /** The line where the first section starts (the summary and long description end before it), or -1. */
  firstSectionLine: number;
}

/** Index of the last non-blank line in [from, to], or from - 1. */
export function lastNonBlank(source: DocSource, from: number, to: number): number {
  let last = to;
  while (last >= from && source.lines[last].blank) last--;
  return last;
}

/** From line `first`'s first character to the end of line `last`'s text. */
export function linesSpan(source: DocSource, first: number, last: number): Span {
  return { start: source.lines[first].contentStart, end: contentEnd(source, Math.max(first, last)) };
}

/** What a regex's `\s` matches, by character code (a test per character was a string and a match per character). */
function isJsSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 ||
    c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** A span of `text` found at value offset `at`, trimmed of surrounding whitespace, or null if blank. */
export function trimmedSpan(source: DocSource, start: number, end: number): Span | null {
  const v = source.value;
  while (start < end && isJsSpace(v.charCodeAt(start))) start++;
  while (end > start && isJsSpace(v.charCodeAt(end - 1))) end--;
  return start < end ? { start, end } : null;
}

/** Offset of `ch` in value[from, end) (one line), or -1: never searches past the line, so many lines stay linear. */
export function indexInLine(source: DocSource, ch: string, from: number, end: number): number {
  const code = ch.charCodeAt(0), v = source.value;
  for (let i = from; i < end; i++) if (v.charCodeAt(i) === code) return i;
  return -1;
}

export function spanText(source: DocSource, span: Span | null): string {
  return span ? source.value.slice(span.start, span.end) : '';
}

/**
 * A description that starts at value offset `from` on line `head` (after the entry's name and type) and goes
 * on over the lines up to `last`: its text (lines trimmed, joined with `\n`) and span.
 */
export function description(source: DocSource, from: number, head: number, last: number): { text: string; span: Span | null } {
  const parts: string[] = [];
  const first = source.value.slice(from, source.lines[head].end).trim();
  if (first !== '') parts.push(first);
  for (let i = head + 1; i <= last; i++) parts.push(lineContent(source, i));
  const text = parts.join('\n').trim();
  if (text === '') return { text, span: null };
  let start = from;
  const firstLine = source.lines[head];
  if (first === '') {
    let i = head + 1;
    while (i <= last && source.lines[i].blank) i++;
    start = source.lines[i].contentStart;
  } else {
    while (start < firstLine.end && isJsSpace(source.value.charCodeAt(start))) start++;
  }
  const end = contentEnd(source, lastNonBlank(source, head, last));
  return { text, span: { start, end: Math.max(start, end) } };
}

export function newSection(kind: SectionKind, title: string, titleSpan: Span | null, span: Span, nonstandard: boolean): DocSection {
  return { kind, title, titleSpan, span, entries: [], nonstandard };
}

export function newEntry(span: Span): DocEntry {
  return { name: null, nameSpan: null, type: null, typeSpan: null, optional: false, description: '', descriptionSpan: null, span };
}

/** Whether a type text says the value may be left out (numpy's and google's spellings). */
export function isOptionalType(type: string): boolean {
  return /(?:,\s*optional|\(optional\)|\?)\s*$/.test(type) || /(?:,\s*default\b|\(default\))/.test(type);
}
