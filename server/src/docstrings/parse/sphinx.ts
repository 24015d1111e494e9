/**
 * Sphinx style (reST field lists, as the fork's rest.py reads them): a field starts on a line at the base
 * indentation with `:` (`:param x: ...`, `:param int x: ...`, `:type x: int`, `:returns: ...`, `:rtype: int`,
 * `:raises ValueError: ...`, `:yields:`, `:ytype:`, `:ivar x:` / `:cvar x:` / `:var x:`), and goes on to the
 * next field. Unlike the fork, a field also ends where a blank line is followed by prose at the base
 * indentation (`.. versionadded::`, a paragraph), so that prose is not counted as the field's description.
 *
 * Sections are the fields grouped by kind, in order of their first field. A `:type x:` field goes to the
 * entry of `x` (its typeField); one without a `:param x:` is an entry of its own with field `type`, and
 * `:rtype:` / `:ytype:` without a `:returns:` / `:yields:` likewise.
 */
import { description, indexInLine, isOptionalType, lastNonBlank, linesSpan, newEntry, newSection, spanText, StyleResult } from './build';
import { DocSource, lineContent, relIndent } from './source';
import { DocEntry, DocSection, SectionKind, Span } from './types';

const PARAM_FIELDS = new Set(['param', 'parameter', 'arg', 'argument', 'key', 'keyword']);
const RAISE_FIELDS = new Set(['raises', 'raise', 'except', 'exception']);
const RETURN_FIELDS = new Set(['return', 'returns']);
/** `:deprecated: 1.2 Use g.` (the fork's DEPRECATION_KEYWORDS): a docstring with one is not short. */
const DEPRECATION_FIELDS = new Set(['deprecated', 'deprecation']);
const YIELD_FIELDS = new Set(['yield', 'yields']);
const ATTRIBUTE_FIELDS = new Set(['ivar', 'cvar', 'var']);

function isFieldStart(source: DocSource, i: number): boolean {
  const line = source.lines[i];
  return !line.blank && relIndent(source, i) === 0 && source.value.charCodeAt(line.contentStart) === 0x3a;
}

interface Field {
  key: string;
  /** The words between the field's colons, with their value spans. */
  args: Array<{ text: string; span: Span }>;
  entry: DocEntry;
}

export function parseSphinx(source: DocSource): StyleResult {
  const result: StyleResult = { sections: [], problems: [], firstSectionLine: -1 };
  const lines = source.lines;
  const fields: Field[] = [];
  for (let i = 0; i < lines.length;) {
    if (!isFieldStart(source, i)) {
      i++;
      continue;
    }
    if (result.firstSectionLine < 0) result.firstSectionLine = i;
    let end = i + 1;
    while (end < lines.length && !isFieldStart(source, end) &&
      !(relIndent(source, end) === 0 && !lines[end].blank && lines[end - 1].blank)) end++;
    const field = readField(source, i, lastNonBlank(source, i, end - 1), result);
    if (field) fields.push(field);
    i = end;
  }
  group(source, fields, result);
  return result;
}

function readField(source: DocSource, head: number, last: number, result: StyleResult): Field | null {
  const v = source.value;
  const line = source.lines[head];
  const span = linesSpan(source, head, last);
  // The fork strips every leading colon (a `::` line opens a literal block) and splits at the next colon.
  let open = line.contentStart;
  while (open < line.end && v.charCodeAt(open) === 0x3a) open++;
  const close = indexInLine(source, ':', open, line.end);
  if (close < 0) {
    // The fork looks for that colon through the whole chunk, up to the next line starting with one: found on a
    // later line, it makes a field of no kind (nothing to check), not an error.
    if (!colonLaterInChunk(source, head)) result.problems.push({ message: `Field "${lineContent(source, head)}" has no closing colon.`, span: { ...span } });
    return null;
  }
  const args: Field['args'] = [];
  const words = /\S+/g;
  const inner = v.slice(open, close);
  for (let m = words.exec(inner); m; m = words.exec(inner)) {
    const start = open + m.index;
    args.push({ text: m[0], span: { start, end: start + m[0].length } });
  }
  const entry = newEntry(span);
  const described = description(source, close + 1, head, last);
  entry.description = described.text;
  entry.descriptionSpan = described.span;
  const key = args.length > 0 ? args[0].text : '';
  entry.field = key;
  return { key, args, entry };
}

/** Whether a line after `head`, before the next one starting with a colon, has a colon. */
function colonLaterInChunk(source: DocSource, head: number): boolean {
  for (let k = head + 1; k < source.lines.length && !isFieldStart(source, k); k++) {
    if (indexInLine(source, ':', source.lines[k].start, source.lines[k].end) >= 0) return true;
  }
  return false;
}

function fieldKind(key: string): SectionKind | 'type' | 'rtype' | 'ytype' {
  if (PARAM_FIELDS.has(key)) return 'params';
  if (RAISE_FIELDS.has(key)) return 'raises';
  if (RETURN_FIELDS.has(key)) return 'returns';
  if (YIELD_FIELDS.has(key)) return 'yields';
  if (ATTRIBUTE_FIELDS.has(key)) return 'attributes';
  if (DEPRECATION_FIELDS.has(key)) return 'deprecated';
  if (key === 'type' || key === 'rtype' || key === 'ytype') return key;
  return 'other';
}

/**
 * Entries still waiting for a `:type:` / `:rtype:` / `:ytype:` field, in order, by what they are looked up
 * by (`p name`, `a name`, `returns`, `yields`): each lookup takes the first, so many fields stay linear.
 */
class Untyped {
  private readonly queues = new Map<string, { entries: DocEntry[]; next: number }>();
  readonly owner = new Map<DocEntry, DocSection>();

  add(key: string, entry: DocEntry, section: DocSection): void {
    this.owner.set(entry, section);
    const queue = this.queues.get(key);
    if (queue) queue.entries.push(entry);
    else this.queues.set(key, { entries: [entry], next: 0 });
  }

  take(key: string): DocEntry | undefined {
    const queue = this.queues.get(key);
    if (!queue || queue.next >= queue.entries.length) return undefined;
    return queue.entries[queue.next++];
  }
}

function lookupKey(kind: SectionKind, name: string | null): string | null {
  if (kind === 'params') return `p ${name}`;
  if (kind === 'attributes') return `a ${name}`;
  return kind === 'returns' || kind === 'yields' ? kind : null;
}

function group(source: DocSource, fields: Field[], result: StyleResult): void {
  const sections = new Map<SectionKind, DocSection>();
  const untyped = new Untyped();
  const sectionFor = (kind: SectionKind, field: Field): DocSection => {
    let section = sections.get(kind);
    if (!section) {
      section = newSection(kind, field.key, null, { ...field.entry.span }, kind === 'attributes');
      sections.set(kind, section);
      result.sections.push(section);
    }
    section.span.start = Math.min(section.span.start, field.entry.span.start);
    section.span.end = Math.max(section.span.end, field.entry.span.end);
    return section;
  };
  const badArgs = (field: Field): void => {
    result.problems.push({ message: `Field :${field.args.map((a) => a.text).join(' ')}: has the wrong number of words.`, span: { ...field.entry.span } });
  };
  const typeFields: Field[] = [];
  for (const field of fields) {
    const kind = fieldKind(field.key);
    const { args, entry } = field;
    if (kind === 'type' || kind === 'rtype' || kind === 'ytype') {
      typeFields.push(field);
      continue;
    }
    if (kind === 'params' || kind === 'attributes') {
      // `:param x:` or `:param int x:`; the fork refuses more words, we read the last as the name.
      if (args.length < 2) {
        badArgs(field);
        continue;
      }
      if (args.length > 3 && kind === 'params') badArgs(field);
      const name = args[args.length - 1];
      entry.name = name.text;
      entry.nameSpan = { ...name.span };
      if (args.length >= 3) {
        entry.typeSpan = { start: args[1].span.start, end: args[args.length - 2].span.end };
        entry.type = spanText(source, entry.typeSpan).replace(/\s+/g, ' ');
      }
    } else if (kind === 'raises' || kind === 'returns' || kind === 'yields') {
      if (args.length > 2) badArgs(field);
      if (args.length >= 2) {
        const span = { start: args[1].span.start, end: args[args.length - 1].span.end };
        if (kind === 'raises') {
          entry.nameSpan = span;
          entry.name = spanText(source, span);
        } else {
          entry.typeSpan = span;
          entry.type = spanText(source, span);
        }
      }
    }
    entry.optional = entry.type !== null && isOptionalType(entry.type);
    const section = sectionFor(kind, field);
    section.entries.push(entry);
    const key = lookupKey(kind, entry.name);
    if (key) untyped.add(key, entry, section);
  }
  // The fork keeps one type per name, the last (`types[name] = ...`): fields are matched from the last, and
  // those left over (an earlier `:type x:` for the same x, a type for no field) are entries of their own.
  const leftOver: Field[] = [];
  for (let i = typeFields.length - 1; i >= 0; i--) if (attachType(typeFields[i], untyped) === 'left over') leftOver.push(typeFields[i]);
  for (let i = leftOver.length - 1; i >= 0; i--) addTypeEntry(leftOver[i], sectionFor);
}

/** Gives a `:type:` / `:rtype:` / `:ytype:` field to the entry it types; 'left over' when there is none. */
function attachType(field: Field, untyped: Untyped): 'attached' | 'ignored' | 'left over' {
  const { key, args, entry } = field;
  let target: DocEntry | undefined;
  // The fork reads `:type x:` only with its two words, `:rtype:` / `:ytype:` with one or two; any other is a
  // field of no kind (`:type node NodeNG:`, a property's `:type: int`), ignored rather than an error.
  if (key === 'type') {
    if (args.length !== 2) return 'ignored';
    target = untyped.take(`p ${args[1].text}`) ?? untyped.take(`a ${args[1].text}`);
  } else {
    if (args.length > 2) return 'ignored';
    target = untyped.take(key === 'rtype' ? 'returns' : 'yields');
  }
  if (!target) return 'left over';
  target.typeField = { ...entry.span };
  const section = untyped.owner.get(target)!;
  section.span.start = Math.min(section.span.start, entry.span.start);
  section.span.end = Math.max(section.span.end, entry.span.end);
  if (target.type === null) {
    const typeText = entry.description.replace(/\s+/g, ' ');
    target.type = typeText || null;
    target.typeSpan = entry.descriptionSpan ? { ...entry.descriptionSpan } : null;
    target.optional = target.type !== null && isOptionalType(target.type);
  }
  return 'attached';
}

/** A type field with no entry to type (a type for a parameter the docstring does not describe): an entry of its own. */
function addTypeEntry(field: Field, sectionFor: (kind: SectionKind, field: Field) => DocSection): void {
  const { key, args, entry } = field;
  if (key === 'type') {
    entry.name = args[1].text;
    entry.nameSpan = { ...args[1].span };
  }
  const typeText = entry.description.replace(/\s+/g, ' ');
  entry.type = typeText || null;
  entry.typeSpan = entry.descriptionSpan ? { ...entry.descriptionSpan } : null;
  entry.optional = entry.type !== null && isOptionalType(entry.type);
  entry.description = '';
  entry.descriptionSpan = null;
  entry.typeField = { ...entry.span };
  sectionFor(key === 'type' ? 'params' : key === 'rtype' ? 'returns' : 'yields', field).entries.push(entry);
}
