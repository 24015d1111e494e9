/**
 * The targets and their invariants. Each check runs one target on one input and throws a Violation when an
 * invariant breaks; exceptions from the target itself are reported as `throws`.
 */
import { isDeepStrictEqual } from 'util';
import { bitsHover } from '../../server/src/bits/hover';
import { analyzeBytes, countNodes, inventory } from '../../server/src/coverage/inventory';
import { allStubEdits, docstringStubEdit, DocstringStyle, nodocqaEdit, parsedFile, TextEditLike } from '../../server/src/coverage/stubs';
import { CoverageOptions, DEFAULT_OPTIONS } from '../../server/src/coverage/types';
import { decodePython } from '../../server/src/python/decode';
import { parseStructure, ModuleStructure } from '../../server/src/python/structure';
import { tokenize } from '../../server/src/python/lexer/cursor';
import { Token, TokenKind } from '../../server/src/python/tokens';
import { lineEndOffset, lineStarts, positionAt as positionOf } from '../../server/src/python/lines';
import { Prng as Rng } from '../helpers/prng';

export const TARGETS = ['decode', 'analyzeBytes', 'tokenize', 'structure', 'inventory', 'stubs', 'nodocqa', 'docstrings', 'quality', 'hover'] as const;
export type Target = typeof TARGETS[number];

export class Violation extends Error {
  /** The text that failed, when it is not the case's own (a target's own mutation of it): saved instead. */
  input?: string;

  constructor(readonly target: Target, readonly check: string, message: string) {
    super(message);
  }
}

/** Runs fn on a text the target made from the case's (a mutation); a violation there saves that text. */
export function onMutated<T>(mutated: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof Violation) e.input = mutated;
    throw e;
  }
}

export function fail(target: Target, check: string, message: string): never {
  throw new Violation(target, check, message);
}

/** Runs fn; a thrown non-Violation becomes a `throws` violation of the target. */
export function guard<T>(target: Target, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof Violation) throw e;
    const err = e as Error;
    const where = (err && err.stack ? err.stack.split('\n').slice(0, 4).join(' | ') : String(e)).slice(0, 600);
    throw new Violation(target, 'throws', where);
  }
}

/** Length of line `line` without its line break. */
function lineLength(text: string, starts: number[], line: number): number {
  return lineEndOffset(text, starts, line) - starts[line];
}

export function checkDecode(bytes: Uint8Array): string | undefined {
  const r = guard('decode', () => decodePython(bytes));
  if (r === null || typeof r !== 'object') fail('decode', 'shape', 'not an object');
  if (r.ok) {
    if (typeof r.text !== 'string') fail('decode', 'shape', 'ok without text');
    return r.text;
  }
  if (typeof r.error !== 'string' || r.error.length === 0) fail('decode', 'shape', 'error without message');
  return undefined;
}

export function checkAnalyzeBytes(bytes: Uint8Array, options: CoverageOptions, decodedText: string | undefined): void {
  const r = guard('analyzeBytes', () => analyzeBytes(bytes, 'pkg/mod.py', options));
  if (r.error !== null) {
    if (r.nodes.length !== 0 || r.total !== 0) fail('analyzeBytes', 'error-with-nodes', `error ${r.error} but ${r.nodes.length} nodes`);
    if (r.error.startsWith('internal error')) fail('analyzeBytes', 'internal-error', r.error);
    if (decodedText !== undefined) fail('analyzeBytes', 'error-although-decodable', r.error);
    return;
  }
  if (decodedText === undefined) fail('analyzeBytes', 'nodes-although-undecodable', 'decodePython failed but analyzeBytes gave nodes');
  const c = countNodes(r.nodes);
  if (c.total !== r.total || c.covered !== r.covered || c.missed !== r.missed || c.excused !== r.excused) {
    fail('analyzeBytes', 'totals', `reported ${JSON.stringify([r.total, r.covered, r.missed, r.excused])} vs nodes ${JSON.stringify(c)}`);
  }
  if (r.total !== r.covered + r.missed) fail('analyzeBytes', 'totals', 'total != covered + missed');
  const inv = guard('analyzeBytes', () => inventory(decodedText!, 'mod.py', options));
  if (!isDeepStrictEqual(inv.nodes, r.nodes)) fail('analyzeBytes', 'matches-inventory', 'analyzeBytes nodes differ from inventory(decoded text)');
}

const GAP_OK = /^(?:[ \t\f\v\r\n]|\\(?:\r\n|\r|\n))*\\?$/;

/**
 * Line starts as positions count columns: line 0 from after a BOM left in the text, as CPython's col_offset
 * does and the tokenizer follows.
 */
function columnOrigins(text: string, starts: number[]): number[] {
  if (text.charCodeAt(0) !== 0xfeff) return starts;
  const origins = starts.slice();
  origins[0] = 1;
  return origins;
}

export function checkTokens(text: string, lineStartOffsets: number[]): Token[] {
  const starts = columnOrigins(text, lineStartOffsets);
  const tokens = guard('tokenize', () => tokenize(text));
  const t = 'tokenize';
  if (tokens.length === 0) fail(t, 'endmarker', 'no tokens');
  let prevEnd = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let prevStart = 0;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    const isEnd = tok.kind === TokenKind.EndMarker;
    if (isEnd !== (i === tokens.length - 1)) fail(t, 'endmarker', `ENDMARKER at ${i} of ${tokens.length}`);
    if (!(tok.start <= tok.end)) fail(t, 'start<=end', `token ${i} ${tok.start}>${tok.end}`);
    if (tok.start < 0 || tok.end > text.length) fail(t, 'offsets-in-text', `token ${i} [${tok.start},${tok.end}) of ${text.length}`);
    if (tok.start < prevStart) fail(t, 'order', `token ${i} starts at ${tok.start} before previous start ${prevStart}`);
    const zeroWidth = tok.start === tok.end;
    if (!zeroWidth) {
      if (tok.start < prevEnd) fail(t, 'overlap', `token ${i} (${TokenKind[tok.kind]}) starts at ${tok.start} before previous end ${prevEnd}`);
      const gap = text.slice(prevEnd, tok.start);
      if (!GAP_OK.test(gap)) fail(t, 'gap', `text skipped before token ${i} (${TokenKind[tok.kind]}) at ${prevEnd}: ${JSON.stringify(gap.slice(0, 80))}`);
      prevEnd = tok.end;
    }
    prevStart = tok.start;
    // Positions agree with offsets and lie inside the document.
    if (tok.startLine < 0 || tok.startLine > starts.length || tok.endLine > starts.length || tok.endLine < tok.startLine) {
      fail(t, 'lines-in-document', `token ${i} lines ${tok.startLine}-${tok.endLine} of ${starts.length}`);
    }
    const atEof = tok.start === text.length && (isEnd || tok.kind === TokenKind.Dedent);
    if (atEof && tok.startLine === starts.length && tok.startCol === 0) continue; // after the last line
    const s = positionOf(starts, tok.start), e = positionOf(starts, tok.end);
    if (s.line !== tok.startLine || s.character !== tok.startCol) {
      fail(t, 'start-position', `token ${i} (${TokenKind[tok.kind]}) offset ${tok.start} is ${s.line}:${s.character}, token says ${tok.startLine}:${tok.startCol}`);
    }
    // A token ending right after a line break (NEWLINE, NL) may say either position.
    const endOk = (e.line === tok.endLine && e.character === tok.endCol) ||
      ((tok.kind === TokenKind.Newline || tok.kind === TokenKind.NL) && tok.endLine === tok.startLine && tok.endCol === tok.startCol + (tok.end - tok.start));
    if (!endOk) fail(t, 'end-position', `token ${i} (${TokenKind[tok.kind]}) end ${tok.end} is ${e.line}:${e.character}, token says ${tok.endLine}:${tok.endCol}`);
    if (tok.startCol > lineLength(text, starts, tok.startLine) + 2) fail(t, 'column-in-line', `token ${i} column ${tok.startCol}`);
  }
  const rest = text.slice(prevEnd);
  if (!GAP_OK.test(rest)) fail(t, 'gap', `text after the last token: ${JSON.stringify(rest.slice(0, 80))}`);
  const end = tokens[tokens.length - 1];
  if (end.start !== text.length) fail(t, 'endmarker', `ENDMARKER at ${end.start}, text length ${text.length}`);
  return tokens;
}

export function checkStructure(text: string, lineStartOffsets: number[]): ModuleStructure {
  const starts = columnOrigins(text, lineStartOffsets);
  const t = 'structure';
  const fast = guard(t, () => parseStructure(text));
  const ref = guard(t, () => parseStructure(text, { fastSkip: false }));
  if (!isDeepStrictEqual(fast, ref)) {
    let what = 'structure differs';
    for (const key of ['definitions', 'docstring', 'comments', 'problems', 'lineCount'] as const) {
      if (!isDeepStrictEqual(fast[key], ref[key])) {
        what = `${key} differ`;
        if (Array.isArray(fast[key])) {
          const a = fast[key] as unknown[], b = ref[key] as unknown[];
          const k = a.findIndex((x, j) => !isDeepStrictEqual(x, b[j]));
          what += ` (lengths ${a.length}/${b.length}, first at ${k}: fast ${JSON.stringify(a[k])?.slice(0, 300)} ref ${JSON.stringify(b[k])?.slice(0, 300)})`;
        }
        break;
      }
    }
    fail(t, 'fastSkip-equals-reference', what);
  }
  const lines = starts.length;
  const inLine = (line: number, col: number, what: string): void => {
    if (!(line >= 0 && line < lines && col >= 0 && col <= lineLength(text, starts, line) + 2)) fail(t, 'positions-in-text', `${what} at ${line}:${col} (lines ${lines})`);
  };
  fast.definitions.forEach((d, i) => {
    const w = `def #${i} ${d.name}`;
    if (!(d.parent >= -1 && d.parent < i)) fail(t, 'parent-before-child', `${w} parent ${d.parent}`);
    if (!(d.headerStartLine <= d.line && d.line <= d.headerEndLine)) fail(t, 'header-lines', `${w} header ${d.headerStartLine}..${d.headerEndLine}, line ${d.line}`);
    if (!(d.line <= d.nameLine && d.nameLine <= d.headerEndLine)) fail(t, 'header-lines', `${w} name line ${d.nameLine}`);
    if (!(d.endLine >= d.headerEndLine)) fail(t, 'end-line', `${w} endLine ${d.endLine} < headerEndLine ${d.headerEndLine}`);
    if (d.parent >= 0 && fast.definitions[d.parent].endLine < d.endLine) fail(t, 'child-inside-parent', `${w} ends at ${d.endLine} after its parent's end ${fast.definitions[d.parent].endLine}`);
    inLine(d.line, d.column, `${w} keyword`);
    inLine(d.nameLine, d.nameStart, `${w} name start`);
    inLine(d.nameLine, d.nameEnd, `${w} name end`);
    inLine(d.bodyLine, d.bodyColumn, `${w} body`);
    if (!(0 <= d.headerStart && d.headerStart <= d.headerEnd && d.headerEnd <= text.length)) fail(t, 'positions-in-text', `${w} header offsets ${d.headerStart}..${d.headerEnd}`);
    if (positionOf(starts, d.headerStart).line !== d.headerStartLine) fail(t, 'header-lines', `${w} headerStart offset not on headerStartLine`);
    const nameOffset = starts[d.nameLine] + d.nameStart;
    // The name is the identifier as CPython reads it: NFKC-normalised (`def º` defines `o`).
    if (d.name !== '' && text.slice(nameOffset, starts[d.nameLine] + d.nameEnd).normalize('NFKC') !== d.name) {
      fail(t, 'name-text', `${w}: text at name span is ${JSON.stringify(text.slice(nameOffset, starts[d.nameLine] + d.nameEnd))}`);
    }
    const kwText = text.slice(starts[d.line] + d.column, starts[d.line] + d.column + (d.isAsync ? 5 : d.keyword.length));
    if (kwText !== (d.isAsync ? 'async' : d.keyword)) fail(t, 'keyword-text', `${w}: text at keyword is ${JSON.stringify(kwText)}`);
    if (d.docstring) {
      inLine(d.docstring.startLine, d.docstring.startCol, `${w} docstring start`);
      inLine(d.docstring.endLine, d.docstring.endCol, `${w} docstring end`);
    }
  });
  if (fast.docstring) {
    inLine(fast.docstring.startLine, fast.docstring.startCol, 'module docstring start');
    inLine(fast.docstring.endLine, fast.docstring.endCol, 'module docstring end');
  }
  for (const c of fast.comments) {
    inLine(c.line, c.column, 'comment');
    if (text.substr(starts[c.line] + c.column, c.text.length) !== c.text || !c.text.startsWith('#')) fail(t, 'comment-text', `comment at ${c.line}:${c.column}`);
  }
  if (!(fast.lineCount >= lines - 1 && fast.lineCount <= lines)) fail(t, 'line-count', `lineCount ${fast.lineCount}, text has ${lines} line starts`);
  return fast;
}

export function checkInventory(text: string, starts: number[], options: CoverageOptions): void {
  const t = 'inventory';
  const inv = guard(t, () => inventory(text, 'mod.py', options));
  if (inv.skipped) {
    if (inv.nodes.length !== 0) fail(t, 'skipped-empty', 'skipped with nodes');
    return;
  }
  const nodes = inv.nodes;
  if (nodes.length === 0 || nodes[0].kind !== 'module' || nodes[0].level !== 0) fail(t, 'module-first', 'first node is not the module');
  if (inv.definitionOf.length !== nodes.length) fail(t, 'definitionOf', 'definitionOf length');
  const c = countNodes(nodes);
  if (c.total !== c.covered + c.missed) fail(t, 'totals', JSON.stringify(c));
  const counted = nodes.filter((n) => n.counted).length;
  if (counted !== c.covered + c.missed + c.excused) fail(t, 'totals', `${counted} counted nodes vs ${JSON.stringify(c)}`);
  const defs = inv.structure.definitions;
  nodes.forEach((n, k) => {
    if (k === 0) return;
    if (n.kind === 'module') fail(t, 'module-first', `second module node at ${k}`);
    if (!(n.line >= 1 && n.line <= starts.length)) fail(t, 'lines-1-based', `node ${n.qualname} line ${n.line} of ${starts.length}`);
    const d = defs[inv.definitionOf[k]];
    if (!d || d.line + 1 !== n.line || d.name !== n.name) fail(t, 'node-matches-definition', `node ${k} ${n.qualname}`);
    if (n.level < 1 || n.qualname.split('.').length !== n.level || !n.qualname.endsWith(n.name)) {
      fail(t, 'levels', `node ${n.qualname} level ${n.level}`);
    }
    if (n.status === 'excused' && !(n.marker)) fail(t, 'excused-has-marker', n.qualname);
    if (!['covered', 'missed', 'excused'].includes(n.status)) fail(t, 'status', n.status);
  });
}

export function applyEdits(text: string, edits: TextEditLike[], starts: number[], target: Target): string {
  const offsetOf = (p: { line: number; character: number }): number => {
    if (!(Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.line < starts.length && p.character >= 0 &&
      p.character <= lineLength(text, starts, p.line))) {
      fail(target, 'edit-range-in-document', `position ${JSON.stringify(p)} (lines ${starts.length})`);
    }
    return starts[p.line] + p.character;
  };
  const spans = edits.map((e) => ({ start: offsetOf(e.range.start), end: offsetOf(e.range.end), newText: e.newText }));
  for (const s of spans) if (s.end < s.start) fail(target, 'edit-range-in-document', 'end before start');
  for (let i = 1; i < spans.length; i++) {
    if (spans[i].start < spans[i - 1].end || (spans[i].start === spans[i - 1].start)) fail(target, 'edits-disjoint', 'edits overlap');
  }
  // Linear in the number of edits (100,000 stubs on a big file must not copy the file 100,000 times).
  const parts: string[] = [];
  let at = 0;
  for (const s of spans) {
    parts.push(text.slice(at, s.start), s.newText);
    at = s.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** A stub applied to a text; judged once CPython has said whether the original compiles. */
export interface StubProbe {
  label: string;
  edited: string;
  /** Problems that count only if the original compiles. */
  problemsIfValid: string[];
}

const STYLES: DocstringStyle[] = ['google', 'numpy', 'sphinx', 'pep257'];

export function checkStubs(text: string, starts: number[], structure: ModuleStructure, rng: Rng, maxProbes: number): StubProbe[] {
  const t = 'stubs';
  const probes: StubProbe[] = [];
  const n = structure.definitions.length;
  const style = rng.pick(STYLES);
  const indexes = new Set<number>([-1]);
  for (let i = 0; i < Math.min(3, n); i++) indexes.add(rng.int(0, n - 1));
  for (const index of indexes) {
    const edit = guard(t, () => docstringStubEdit(parsedFile(text), index, style));
    if (edit === null) continue;
    if (typeof edit.newText !== 'string' || edit.newText.length === 0) fail(t, 'shape', 'empty newText');
    const edited = applyEdits(text, [edit], starts, t);
    if (probes.length >= maxProbes) continue;
    const problems: string[] = [];
    try {
      const inv = inventory(edited, 'mod.py', DEFAULT_OPTIONS);
      if (index === -1) {
        if (inv.nodes[0].status !== 'covered') problems.push('module not covered after its stub');
      } else {
        if (inv.structure.definitions.length !== n) problems.push(`definition count ${n} -> ${inv.structure.definitions.length}`);
        const k = inv.definitionOf.indexOf(index);
        if (k < 0 || inv.nodes[k].status !== 'covered') problems.push(`#${index} not covered after its stub (${k < 0 ? 'no node' : inv.nodes[k].status})`);
        if (docstringStubEdit(parsedFile(edited), index, style) !== null) problems.push(`#${index} offered a second stub`);
      }
    } catch (e) {
      problems.push(`inventory of the stubbed text throws: ${(e as Error).message}`);
    }
    probes.push({ label: `docstringStubEdit #${index} ${style}`, edited, problemsIfValid: problems });
  }
  // Everything at once.
  const all = guard(t, () => allStubEdits(parsedFile(text), [-1, ...structure.definitions.map((_, i) => i)], style));
  if (all.length > 0) {
    const edited = applyEdits(text, all, starts, t);
    if (probes.length < maxProbes + 1) probes.push({ label: `allStubEdits ${style}`, edited, problemsIfValid: [] });
  }
  return probes;
}

export function checkNodocqa(text: string, starts: number[], structure: ModuleStructure, rng: Rng): StubProbe[] {
  const t = 'nodocqa';
  const n = structure.definitions.length;
  if (n === 0) {
    if (guard(t, () => nodocqaEdit(parsedFile(text), 0)) !== null) fail(t, 'null-when-no-definition', 'edit for a missing definition');
    return [];
  }
  const index = rng.int(0, n - 1);
  const edit = guard(t, () => nodocqaEdit(parsedFile(text), index));
  if (edit === null) return [];
  const edited = applyEdits(text, [edit], starts, t);
  const problems: string[] = [];
  const inv = inventory(edited, 'mod.py', DEFAULT_OPTIONS);
  const k = inv.definitionOf.indexOf(index);
  const before = inventory(text, 'mod.py', DEFAULT_OPTIONS);
  const kb = before.definitionOf.indexOf(index);
  if (kb >= 0 && before.nodes[kb].status === 'missed' && (k < 0 || inv.nodes[k].status !== 'excused')) {
    problems.push(`#${index} not excused after # nodocqa (${k < 0 ? 'no node' : inv.nodes[k].status})`);
  }
  return [{ label: `nodocqaEdit #${index}`, edited, problemsIfValid: problems }];
}

export function checkHover(text: string, starts: number[], tokens: Token[], rng: Rng, calls: number, limitMs: number): number {
  const t = 'hover';
  let made = 0;
  const interesting = tokens.filter((k) => k.kind === TokenKind.Number || k.kind === TokenKind.Op || k.kind === TokenKind.Name);
  for (let i = 0; i < calls; i++) {
    let line: number, character: number;
    const mode = rng.int(0, 5);
    if (mode <= 2 && interesting.length) {
      const k = rng.pick(interesting);
      line = k.startLine;
      character = k.startCol + rng.int(0, Math.max(0, k.endCol - k.startCol));
    } else if (mode === 3) {
      line = rng.int(-2, starts.length + 2);
      character = rng.int(-2, 300);
    } else {
      line = rng.int(0, starts.length - 1);
      character = rng.int(0, lineLength(text, starts, line) + 1);
    }
    const options = rng.chance(0.3)
      ? { minWidth: rng.pick([1, 8, 64, 1024, -5, NaN]), grouping: rng.pick(['nibble', 'byte'] as const), maxShift: rng.pick([0, 64, 4096, 1 << 20]), bases: rng.pick([['hex'], ['dec', 'oct', 'bin'], []]) as never }
      : undefined;
    const t0 = performance.now();
    const h = guard(t, () => bitsHover(text, line, character, options));
    const ms = performance.now() - t0;
    made++;
    if (ms > limitMs) {
      // Re-measure before blaming (the machine is shared).
      const t1 = performance.now();
      bitsHover(text, line, character, options);
      const ms2 = performance.now() - t1;
      if (ms2 > limitMs) fail(t, 'under-1s', `bitsHover(${line}, ${character}) took ${Math.round(Math.min(ms, ms2))} ms on ${text.length} chars`);
    }
    if (h === null) continue;
    if (typeof h.markdown !== 'string' || h.markdown.trim().length === 0) fail(t, 'markdown', 'empty markdown');
    const r = h.range;
    for (const p of [r.start, r.end]) {
      if (!(p.line >= 0 && p.line < starts.length && p.character >= 0 && p.character <= lineLength(text, starts, p.line))) {
        fail(t, 'range-in-document', `range ${JSON.stringify(r)} (hover at ${line}:${character})`);
      }
    }
    if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character)) fail(t, 'range-in-document', `reversed range ${JSON.stringify(r)}`);
  }
  return made;
}

export function randomOptions(rng: Rng): CoverageOptions {
  if (rng.chance(0.5)) return DEFAULT_OPTIONS;
  const b = (): boolean => rng.chance(0.3);
  return {
    ...DEFAULT_OPTIONS,
    ignoreInitMethod: b(), ignoreInitModule: b(), ignoreMagic: b(), ignoreModule: b(), ignoreNestedClasses: b(),
    ignoreNestedFunctions: b(), ignorePrivate: b(), ignorePropertyDecorators: b(), ignoreSemiprivate: b(), ignoreSetters: b(),
    ignoreOverloadedFunctions: b(), docstringStyle: rng.chance(0.5) ? 'google' : 'sphinx',
    ignoreRegex: rng.chance(0.2) ? [rng.pick(['^test', 'f.*', '(?P<x>a)', '[', '_+'])] : [],
    whitelistRegex: rng.chance(0.1) ? [rng.pick(['f', 'C', '(?i)m'])] : [],
    markers: { nodocqa: b() || true, noqa: rng.chance(0.7), pylint: rng.chance(0.7), docstrCoverage: rng.chance(0.7) },
  };
}

export { lineStarts };
