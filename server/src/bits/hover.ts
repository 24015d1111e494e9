/**
 * Bitwise hovers (README, "In the editor"): the public entry point. Tokenizes the document, finds the operation
 * under the position (locate.ts), resolves constants (scope.ts), evaluates exactly (evaluate.ts), recognises
 * idioms (idioms.ts) and draws the markdown (render.ts). Pure: no editor or LSP imports.
 */
import { lineStarts } from '../python/lines';
import { DEFAULT_EVALUATION_LIMITS, EvaluationLimits, evaluateTree, Value, WorkBudget } from './evaluate';
import { builtinValue, nonIntegerContext } from './context';
import { describeIdiom } from './idioms';
import { followerFor, ModuleIndexCache, ModuleReader } from './imports';
import { layoutSentence } from './layoutText';
import { Layout, layoutTree, Operands } from './symbolic';
import { Located, locate, LogicalLine, sourceOf } from './locate';
import { BitsHoverOptions, normalizeOptions } from './options';
import { renderLiteral, renderOperation } from './render';
import { ScopeIndex } from './scope';
import { parseIntLiteral } from './literals';
import { childrenOf, dottedPath, ExprNode, innerRange } from './tree';


/** Where the hovered file is and how to read the workspace's other modules (for names imported from them). */
export interface HoverWorkspace {
  file: string;
  reader: ModuleReader;
  cache: ModuleIndexCache;
}

export interface BitsHover {
  markdown: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/**
 * What hovers on one text keep for the next hover: its bindings and where its logical lines start, read only
 * as far as hovers have needed (scope.ts ScopeIndex, straight from the tokenizer's cursor). The server keeps
 * one per document version, so hovering up and down a file reads its statements at most once.
 */
export class HoverTokens {
  constructor(readonly text: string, readonly scopes: ScopeIndex = new ScopeIndex(text)) {}
}

/**
 * The hover for (line, character), 0-based with UTF-16 columns; null when there is nothing to show.
 * `cache` (for this very text) saves tokenizing again for the next hover.
 */
export function bitsHover(text: string, line: number, character: number, options?: Partial<BitsHoverOptions>, cache?: HoverTokens,
  workspace?: HoverWorkspace): BitsHover | null {
  try {
    const settings = normalizeOptions(options);
    if (!settings.enabled || typeof text !== 'string') return null;
    const window = hoverWindow(text, line, character);
    if (window === null) return null;
    const source = window.start === 0 ? text : text.slice(window.start);
    const localLine = line - window.lineOffset;
    // Only what comes before the hovered line matters (its bindings), and the hovered expression: bounded, or a
    // statement megabytes long would be read whole (seconds on 10 MB). Small texts are read from the start.
    const cached = window.readUpTo === Infinity && cache?.text === text ? cache : undefined;
    const scopes = cached?.scopes ?? new ScopeIndex(source, { maxOffset: window.readUpTo - window.start });
    const tokens = scopes.lineTokens(localLine);
    if (tokens === null) return null;
    const located = locate(tokens, source, localLine, character);
    const hover = located === null ? null : hoverFor(located, source, settings, scopes, window.lineOffset, workspace);
    if (hover && window.lineOffset > 0) {
      hover.range.start.line += window.lineOffset;
      hover.range.end.line += window.lineOffset;
    }
    return hover;
  } catch {
    // A hover is never worth an error in the editor: an internal failure shows nothing.
    return null;
  }
}

/** How much text before the hovered line a hover reads (its bindings): about a megabyte. */
const HOVER_WINDOW_CHARS = 1_000_000;
/** How far past the cursor a hovered expression may reach in a huge file. */
const HOVER_AFTER_CURSOR_CHARS = 100_000;
/** How far from where the reading starts the cursor may be (a line of a megabyte and a half still works). */
const HOVER_MAX_READ_CHARS = 1_500_000;

/**
 * What a hover reads of a text over HOVER_WINDOW_CHARS: from the start of the text or, deep inside, from the
 * start of a top-level statement (a line starting in column 0 with a name, `@` or a bracket) within
 * HOVER_WINDOW_CHARS before the hovered line (names bound earlier stay symbolic there), up to
 * HOVER_AFTER_CURSOR_CHARS past the cursor. null when there is nothing sensible to show: the hovered line sits
 * in a statement over a megabyte long, the cursor is more than HOVER_MAX_READ_CHARS from where reading would
 * start, or the line is past the end of the text.
 */
function hoverWindow(text: string, line: number, character: number): { start: number; lineOffset: number; readUpTo: number } | null {
  if (text.length <= HOVER_WINDOW_CHARS) return { start: 0, lineOffset: 0, readUpTo: Infinity };
  const starts = lineStarts(text);
  if (line >= starts.length) return null;
  const target = starts[line];
  const cursor = target + character;
  const window = (start: number, lineOffset: number): { start: number; lineOffset: number; readUpTo: number } | null =>
    cursor - start > HOVER_MAX_READ_CHARS ? null : { start, lineOffset, readUpTo: cursor + HOVER_AFTER_CURSOR_CHARS };
  if (target <= HOVER_WINDOW_CHARS) return window(0, 0);
  for (let l = line - 1; l >= 0 && target - starts[l] <= HOVER_WINDOW_CHARS; l--) {
    const c = text.charCodeAt(starts[l]);
    if (c === 0x5f || c === 0x40 || c === 0x28 || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a)) return window(starts[l], l);
  }
  return null;
}

function hoverFor(located: Located, text: string, options: BitsHoverOptions, scopes: ScopeIndex,
  lineOffset: number, workspace: HoverWorkspace | undefined): BitsHover | null {
  const line = located.line;
  if (located.kind === 'literal') {
    const literal = parseIntLiteral(located.node.text);
    if (!literal.ok) return null;
    return { markdown: renderLiteral(located.node.text, literal.value, options), range: rangeOf(located.node, line) };
  }
  const node = located.node;
  const limits: EvaluationLimits = {
    ...DEFAULT_EVALUATION_LIMITS, maxShift: options.maxShift,
    resultBitBudget: Math.max(DEFAULT_EVALUATION_LIMITS.resultBitBudget, options.maxShift + 64),
  };
  // One budget for the whole hover: the hovered expression and every constant it resolves.
  const budget = new WorkBudget(limits.workBudget);
  const imports = workspace && followerFor(workspace.file, workspace.reader, workspace.cache, limits, budget);
  const bindings = scopes.lookupBefore(line.start, limits, budget, imports);
  // Type annotations, match patterns, isinstance's classes: `|` there is not integer OR.
  if (nonIntegerContext(line.code, text, node) !== undefined) return null;
  const values = evaluateTree(node, (name) => bindings.lookup(name)?.value ?? builtinValue(name), limits, budget,
    (path) => bindings.lookupPath(path));
  const value = values.get(node)!;
  if (located.kind === 'name') {
    // A name bound to an int constant, here or in another module: its value, like a literal's. A name the
    // hover could not read says why, when it can (`os.O_RDONLY` comes from a C module).
    if (value.kind === 'unknown' && value.reason !== undefined) {
      return { markdown: unknownNote(sourceOf(node, line, text), value.reason), range: rangeOf(node, line) };
    }
    if (value.kind !== 'int') return null;
    return { markdown: renderLiteral(sourceOf(node, line, text), value.value, options), range: rangeOf(node, line) };
  }
  // A set, dict, string, None or class operand: not integer arithmetic, so no bit table.
  if (value.kind === 'notInt' && value.object) return null;
  const source = (n: ExprNode): string => sourceOf(n, line, text);
  // Unknown operands: what each bit of the result is, in terms of the named operands' bits.
  const operands = new Operands();
  const layouts = value.kind === 'unknown'
    ? layoutTree(node, { values, operands, budget, operandSource: (n) => operandOf(n, source) })
    : undefined;
  const idiom = describeIdiom(node, {
    sourceOf: source,
    values,
    tokensOf: (n) => {
      const [first, last] = innerRange(n);
      return line.code.slice(first, last + 1).map((t) => text.slice(t.start, t.end));
    },
    tokenAfter: (n, offset) => {
      const t = line.code[n.last + 1 + offset];
      return t && text.slice(t.start, t.end);
    },
  });
  const markdown = renderOperation(located.node, {
    values,
    sourceOf: source,
    bindingLineOf: (n) => {
      if (n.kind !== 'name') return undefined;
      const binding = bindings.lookup(n.name);
      return binding && binding.value.kind !== 'unknown' ? binding.line + 1 + lineOffset : undefined;
    },
    options,
    layouts,
    operandSources: operands.sources,
  }, [...notesFor(idiom, layouts?.get(node), operands.sources), ...reasonsIn(node, values, source)]);
  return { markdown, range: rangeOf(node, line) };
}

/** Names in the operation that are unknown for a reason the hover can give, at most 3, each once. */
function reasonsIn(root: ExprNode, values: ReadonlyMap<ExprNode, Value>, source: (n: ExprNode) => string): string[] {
  const notes: string[] = [];
  const stack = [root];
  while (stack.length > 0 && notes.length < 3) {
    const node = stack.pop()!;
    const value = values.get(node);
    if (value?.kind === 'unknown' && value.reason !== undefined && dottedPath(node) !== undefined) {
      const note = unknownNote(source(node), value.reason);
      if (!notes.includes(note)) notes.push(note);
      continue;
    }
    if (node.kind === 'binary' || node.kind === 'unary') for (const child of childrenOf(node).slice().reverse()) stack.push(child);
  }
  return notes;
}

function unknownNote(name: string, reason: string): string {
  return `\`${name}\` is not known: ${reason}.`;
}

/** An idiom's sentence wins; otherwise the sentence the symbolic layout makes, if any. */
function notesFor(idiom: string | undefined, layout: Layout | undefined, sources: readonly string[]): string[] {
  const sentence = idiom ?? (layout && layoutSentence(layout, sources));
  return sentence ? [sentence] : [];
}

/** Sources longer than this are cut (locate.ts sourceOf): two such operands may not be the same one. */
const MAX_OPERAND_SOURCE = 4000;

/**
 * An operand whose bits a layout can name: a name, an attribute chain (`self.flags`), a call (`f(x)`,
 * `self.read(4)`) or a subscript (`buf[i]`, `data[4:8]`), assumed to be an int like every operand. Copies of
 * one are the same value unless a call is in it (a call may return something else each time).
 */
function operandOf(node: ExprNode, source: (n: ExprNode) => string): { source: string; repeatable: boolean } | undefined {
  let current = node;
  while (current.kind === 'opaque' && (current.what === 'attribute' || current.what === 'call' || current.what === 'subscript') && current.items.length >= 1) {
    current = current.items[0];
  }
  if (current.kind !== 'name') return undefined;
  const text = source(node);
  return { source: text, repeatable: text.length < MAX_OPERAND_SOURCE && !containsCall(node) };
}

/** Whether a call is anywhere in the node (an explicit stack: operands may nest deeply). */
function containsCall(node: ExprNode): boolean {
  const stack = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.kind === 'opaque' && current.what === 'call') return true;
    for (const child of childrenOf(current)) stack.push(child);
  }
  return false;
}

function rangeOf(node: ExprNode, line: LogicalLine): BitsHover['range'] {
  const first = line.code[node.first], last = line.code[Math.max(node.first, node.last)];
  return {
    start: { line: first.startLine, character: first.startCol },
    end: { line: last.endLine, character: last.endCol },
  };
}
