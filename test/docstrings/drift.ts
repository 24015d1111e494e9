/**
 * Signature drift for the "Update docstring" machine checks: real functions whose code moved on while their
 * docstring did not. In each function's header one parameter is renamed (the docstring's entry for it is
 * now stale and the new name undocumented) and one parameter, `drifted: int = 0`, is added.
 */
import { ParsedFile } from '../../server/src/coverage/stubs';
import { Tokenizer } from '../../server/src/python/lexer/cursor';
import { TokenKind } from '../../server/src/python/tokens';

interface Segment {
  start: number;
  end: number;
  /** Offsets of the parameter's name token. */
  nameStart: number;
  nameEnd: number;
  star: string;
}

/** The parameter segments of the header text[from, to) (from: after the name), or null when it has none to read. */
function segments(text: string, from: number, to: number): { segments: Segment[]; close: number; trailingComma: boolean } | null {
  const tk = new Tokenizer(text.slice(from, to));
  const out: Segment[] = [];
  let current: Segment | null = null;
  let open = -1;
  let lastCode = '';
  let depthBefore = 0;
  for (let kind = tk.next(); kind !== TokenKind.EndMarker; depthBefore = tk.depth, kind = tk.next()) {
    if (kind === TokenKind.Comment || kind === TokenKind.NL || kind === TokenKind.Newline) continue;
    const value = tk.value;
    if (open < 0) {
      if (depthBefore === 0 && value === '(') open = tk.end;
      continue;
    }
    if (depthBefore === 1 && tk.depth === 0) {
      if (current) out.push(current);
      return { segments: out, close: from + tk.start, trailingComma: lastCode === ',' };
    }
    if (depthBefore === 1 && value === ',') {
      if (current) out.push(current);
      current = null;
    } else if (depthBefore === 1 && !current) {
      current = { start: from + tk.start, end: from + tk.end, nameStart: -1, nameEnd: -1, star: '' };
      if (value === '*' || value === '**') current.star = value;
      else if (kind === TokenKind.Name) [current.nameStart, current.nameEnd] = [from + tk.start, from + tk.end];
    } else if (current) {
      if (current.nameStart < 0 && kind === TokenKind.Name && depthBefore === 1) [current.nameStart, current.nameEnd] = [from + tk.start, from + tk.end];
      current.end = from + tk.end;
    }
    lastCode = value;
  }
  return null;
}

/** The text with every listed function's header drifted, and the functions that were. */
export function driftSignatures(file: ParsedFile, indexes: number[]): { text: string; drifted: number[] } {
  const { text, structure, lineStarts } = file;
  const edits: Array<{ at: number; end: number; text: string }> = [];
  const drifted: number[] = [];
  for (const index of indexes) {
    const def = structure.definitions[index];
    const from = lineStarts[def.nameLine] + def.nameEnd;
    const read = segments(text, from, def.headerEnd);
    if (!read) continue;
    const method = structure.definitions[def.parent]?.keyword === 'class';
    const plain = read.segments.filter((s, i) => s.star === '' && s.nameStart >= 0 && !(method && i === 0) &&
      text.slice(s.nameStart, s.nameEnd) !== '_');
    const kwargs = read.segments.find((s) => s.star === '**');
    const renamed = plain[plain.length - 1];
    if (kwargs) edits.push({ at: kwargs.start, end: kwargs.start, text: 'drifted: int = 0, ' });
    else if (read.segments.length === 0) edits.push({ at: read.close, end: read.close, text: 'drifted: int = 0' });
    else if (read.trailingComma) edits.push({ at: read.close, end: read.close, text: ' drifted: int = 0,' });
    else edits.push({ at: read.close, end: read.close, text: ', drifted: int = 0' });
    // After the insertion: at the same offset (a name just before `)`), the later edit lands first in the text.
    if (renamed) edits.push({ at: renamed.nameEnd, end: renamed.nameEnd, text: '_renamed' });
    drifted.push(index);
  }
  edits.sort((a, b) => b.at - a.at);
  let out = text;
  for (const e of edits) out = out.slice(0, e.at) + e.text + out.slice(e.end);
  return { text: out, drifted };
}

/**
 * Type drift: every listed function's plain parameters without an annotation get `: Drifted` (a type no
 * docstring writes), so each typed entry disagrees with its annotation and each untyped one lacks a type.
 */
export function annotateSignatures(file: ParsedFile, indexes: number[]): string {
  const { text, structure, lineStarts } = file;
  const edits: number[] = [];
  for (const index of indexes) {
    const def = structure.definitions[index];
    const read = segments(text, lineStarts[def.nameLine] + def.nameEnd, def.headerEnd);
    if (!read) continue;
    const method = structure.definitions[def.parent]?.keyword === 'class';
    read.segments.forEach((s, i) => {
      if (s.star !== '' || s.nameStart < 0 || (method && i === 0) || text.slice(s.nameEnd, s.end).includes(':')) return;
      edits.push(s.nameEnd);
    });
  }
  edits.sort((a, b) => b - a);
  let out = text;
  for (const at of edits) out = `${out.slice(0, at)}: Drifted${out.slice(at)}`;
  return out;
}
