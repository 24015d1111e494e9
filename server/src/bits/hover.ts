/**
 * Bitwise hovers (design section 4): the public entry point. Tokenizes the document, finds the operation
 * under the position (locate.ts), resolves constants (scope.ts), evaluates exactly (evaluate.ts), recognises
 * idioms (idioms.ts) and draws the markdown (render.ts). Pure: no editor or LSP imports.
 */
import { tokenizeThrough } from '../python/tokenizer';
import { Token } from '../python/tokens';
import { DEFAULT_EVALUATION_LIMITS, EvaluationLimits, evaluateTree } from './evaluate';
import { describeIdiom } from './idioms';
import { Located, locate, LogicalLine, sourceOf } from './locate';
import { BitsHoverOptions, normalizeOptions } from './options';
import { renderLiteral, renderOperation } from './render';
import { bindingsBefore } from './scope';
import { parseIntLiteral } from './literals';
import { ExprNode, innerRange } from './tree';

export { BitsHoverOptions, DEFAULT_BITS_HOVER_OPTIONS } from './options';

export interface BitsHover {
  markdown: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** The hover for (line, character), 0-based with UTF-16 columns; null when there is nothing to show. */
export function bitsHover(text: string, line: number, character: number, options?: Partial<BitsHoverOptions>): BitsHover | null {
  try {
    const settings = normalizeOptions(options);
    if (!settings.enabled || typeof text !== 'string') return null;
    // Only what comes before the hovered line matters (its bindings), and the line itself.
    const tokens = tokenizeThrough(text, line);
    const located = locate(tokens, text, line, character);
    return located === null ? null : hoverFor(located, tokens, text, settings);
  } catch {
    // A hover is never worth an error in the editor: an internal failure shows nothing.
    return null;
  }
}

function hoverFor(located: Located, tokens: readonly Token[], text: string, options: BitsHoverOptions): BitsHover | null {
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
  const bindings = bindingsBefore(tokens, text, line.firstTokenIndex, limits);
  const values = evaluateTree(node, (name) => bindings.lookup(name)?.value, limits);
  const source = (n: ExprNode): string => sourceOf(n, line, text);
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
  const markdown = renderOperation(node, {
    values,
    sourceOf: source,
    bindingLineOf: (n) => {
      if (n.kind !== 'name') return undefined;
      const binding = bindings.lookup(n.name);
      return binding && binding.value.kind !== 'unknown' ? binding.line + 1 : undefined;
    },
    options,
  }, idiom ? [idiom] : []);
  return { markdown, range: rangeOf(node, line) };
}

function rangeOf(node: ExprNode, line: LogicalLine): BitsHover['range'] {
  const first = line.code[node.first], last = line.code[Math.max(node.first, node.last)];
  return {
    start: { line: first.startLine, character: first.startCol },
    end: { line: last.endLine, character: last.endCol },
  };
}
