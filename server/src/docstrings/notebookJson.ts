/**
 * Where each cell's `source` sits in a notebook's JSON text, and how the file writes JSON strings, so `--fix`
 * (fixNotebook.ts) can replace those few spans and leave every other byte as it was, whatever wrote the file
 * (nbformat's indent 1, `ensure_ascii`, CRLF, compact JSON, `1.0`, any key order).
 *
 * One pass over the text, no recursion: containers are kept on an explicit stack, bounded in depth. Strings are
 * only decoded (by JSON.parse of the literal alone: no eval) where the path needs them: keys, and the strings of
 * a cell's `source`. Anything that is not JSON, or a notebook whose cells cannot be located without doubt (a
 * `cells` or `source` key twice: which one counts depends on the reader), is a message, never an exception.
 * New strings are written in the style found here by python/compat/jsonString.ts.
 */
import type { JsonStringStyle } from '../python/compat/jsonString';

/** A JSON string literal in the text: `start` at its opening quote, `end` after its closing one. */
export interface JsonString {
  start: number;
  end: number;
  value: string;
}

/** A cell's `source` value: its span in the text, and its strings (one for the string form). */
export interface SourceSpan {
  start: number;
  end: number;
  form: 'string' | 'list';
  items: JsonString[];
}

export interface NotebookJson {
  /** Each cell's source, by the cell's index; null for a cell without a `source` key. */
  cells: Array<SourceSpan | null>;
  /** How the file writes strings, read from the file itself. */
  style: JsonStringStyle;
  /** The first `,` outside strings and the blanks after it: how a compact file separates items. */
  separator: string;
}

/** Deeper than any notebook nests; past it the text is refused rather than a stack grown without end. */
const MAX_DEPTH = 10_000;

const OBJECT = 1;
const ARRAY = 2;

/** The notebook's cell sources in `text` (the JSON, after any BOM), or why they cannot be located. */
export function scanNotebookJson(text: string): NotebookJson | string {
  const kinds: number[] = []; // the open containers, innermost last
  const cells: Array<SourceSpan | null> = [];
  let cellsSeen = false;
  let cellsDepth = -1; // depth of the "cells" array while inside it
  let sourceSeen = false; // the current cell has a "source" key
  let source: SourceSpan | null = null; // the current cell's source list, while inside it
  let key: string | null = null; // the key whose value comes next, in an object
  let separator = '';
  let expectKey = false;
  let i = skipBlanks(text, 0);
  let valueDone = false; // a value just ended: a `,` or a closing bracket comes next
  if (i >= text.length) return 'not a notebook: the file is empty';
  for (;;) {
    if (valueDone) {
      valueDone = false;
      i = skipBlanks(text, i);
      if (kinds.length === 0) return i === text.length ? { cells, style: styleOf(text), separator } : 'not a notebook: text after the JSON';
      const c = text.charCodeAt(i);
      const kind = kinds[kinds.length - 1];
      if (c === 0x2c /* , */) {
        if (separator === '') separator = text.slice(i, skipBlanks(text, i + 1));
        i = skipBlanks(text, i + 1);
        expectKey = kind === OBJECT;
        if (expectKey) continue;
      } else if ((c === 0x7d /* } */ && kind === OBJECT) || (c === 0x5d /* ] */ && kind === ARRAY)) {
        const depth = kinds.length;
        kinds.pop();
        if (source && depth === cellsDepth + 2) {
          source.end = i + 1;
          source = null;
        }
        if (depth === cellsDepth) cellsDepth = -1;
        i++;
        valueDone = true;
        continue;
      } else {
        return `not a notebook: unexpected ${describe(text, i)}`;
      }
    }
    if (expectKey) {
      expectKey = false;
      if (text.charCodeAt(i) !== 0x22) return `not a notebook: expected a key, found ${describe(text, i)}`;
      const literal = readString(text, i);
      if (typeof literal === 'string') return literal;
      key = literal.value;
      i = skipBlanks(text, literal.end);
      if (text.charCodeAt(i) !== 0x3a /* : */) return `not a notebook: expected ":", found ${describe(text, i)}`;
      i = skipBlanks(text, i + 1);
      const depth = kinds.length;
      if (depth === 1 && key === 'cells') {
        if (cellsSeen) return 'the notebook has "cells" twice: which one counts depends on the reader';
        cellsSeen = true;
      } else if (depth === cellsDepth + 1 && cellsDepth > 0 && key === 'source') {
        if (sourceSeen) return `cell ${cells.length} has "source" twice: which one counts depends on the reader`;
        sourceSeen = true;
      }
    }
    // A value starts at i; `key` is its key when its container is an object.
    const depth = kinds.length;
    const inObject = kinds[depth - 1] === OBJECT;
    const isCells = depth === 1 && inObject && key === 'cells';
    const isCell = cellsDepth > 0 && depth === cellsDepth;
    const isSource = cellsDepth > 0 && depth === cellsDepth + 1 && inObject && key === 'source';
    const inSource = source !== null && depth === cellsDepth + 2;
    key = null;
    if (isCell) {
      cells.push(null);
      sourceSeen = false;
    }
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (depth >= MAX_DEPTH) return 'not a notebook: the JSON nests too deep';
      if (inSource) return `cell ${cells.length}'s "source" is not a list of strings`;
      const kind = c === 0x7b ? OBJECT : ARRAY;
      kinds.push(kind);
      if (isCells && kind === ARRAY) cellsDepth = kinds.length;
      if (isSource) {
        if (kind !== ARRAY) return `cell ${cells.length}'s "source" is not a string or a list of strings`;
        source = { start: i, end: -1, form: 'list', items: [] };
        cells[cells.length - 1] = source;
      }
      i = skipBlanks(text, i + 1);
      const close = kind === OBJECT ? 0x7d : 0x5d;
      if (text.charCodeAt(i) === close) {
        valueDone = true; // an empty container: closed on the next round
        continue;
      }
      if (kind === OBJECT) expectKey = true;
      continue;
    }
    if (c === 0x22 /* " */) {
      const needed = isSource || inSource;
      const literal = needed ? readString(text, i) : skipString(text, i);
      if (typeof literal === 'string') return literal;
      if (isSource) cells[cells.length - 1] = { start: literal.start, end: literal.end, form: 'string', items: [literal as JsonString] };
      else if (inSource) source!.items.push(literal as JsonString);
      i = literal.end;
      valueDone = true;
      continue;
    }
    SCALAR.lastIndex = i;
    const scalar = SCALAR.exec(text);
    if (!scalar) return `not a notebook: unexpected ${describe(text, i)}`;
    if (isSource) return `cell ${cells.length}'s "source" is not a string or a list of strings`;
    if (inSource) return `cell ${cells.length}'s "source" is not a list of strings`;
    i += scalar[0].length;
    valueDone = true;
  }
}

/** A number, `true`, `false` or `null` at the start (JSON's grammar for numbers). */
const SCALAR = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null/y;

/** The string literal at `start` (its quote), decoded. */
function readString(text: string, start: number): JsonString | string {
  const end = stringEnd(text, start);
  if (end < 0) return 'not a notebook: a string is not closed';
  const raw = text.slice(start, end);
  if (raw.indexOf('\\') < 0 && !CONTROL.test(raw)) return { start, end, value: raw.slice(1, -1) };
  try {
    return { start, end, value: JSON.parse(raw) as string };
  } catch {
    return 'not a notebook: a string is not valid JSON';
  }
}

/** A string literal that is only stepped over (outputs, metadata): its span, not its value. */
function skipString(text: string, start: number): { start: number; end: number } | string {
  const end = stringEnd(text, start);
  return end < 0 ? 'not a notebook: a string is not closed' : { start, end };
}

const CONTROL = /[\x00-\x1f]/;

/** The index after the closing quote of the string opened at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const quote = text.indexOf('"', i);
    if (quote < 0) return -1;
    // The quote is escaped when an odd number of backslashes precede it.
    let slashes = 0;
    while (text.charCodeAt(quote - 1 - slashes) === 0x5c) slashes++;
    if (slashes % 2 === 0) return quote + 1;
    i = quote + 1;
  }
}

function skipBlanks(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
    else return i;
  }
}

function describe(text: string, i: number): string {
  return i >= text.length ? 'the end of the text' : JSON.stringify(text.slice(i, i + 10));
}

/**
 * How the file writes strings: raw non-ASCII anywhere means raw; else a `\u` escape of a non-ASCII character
 * means `ensure_ascii`; a file with neither is written raw, as nbformat does. The case of `\u`'s hex digits
 * follows the first escape with a letter in it.
 */
function styleOf(text: string): JsonStringStyle {
  let asciiOnly = false;
  let upperHex: boolean | null = null;
  // Outside strings valid JSON has no backslash, so pairs read from the start are the escapes.
  const escapes = /\\(?:u([0-9a-fA-F]{4})|.)/gs;
  for (let m = escapes.exec(text); m !== null && (!asciiOnly || upperHex === null); m = escapes.exec(text)) {
    const hex = m[1];
    if (hex === undefined) continue;
    if (parseInt(hex, 16) >= 0x80) asciiOnly = true;
    if (upperHex === null && /[a-fA-F]/.test(hex)) upperHex = /[A-F]/.test(hex);
  }
  if (/[^\x00-\x7f]/.test(text)) asciiOnly = false;
  return { asciiOnly, upperHex: upperHex ?? false };
}
