/**
 * Which operation a hover position asks about.
 *
 * Hovering a bitwise operator shows that operator's operation; hovering anything else in an expression (an
 * operand, a non-bitwise operator, a parenthesis) shows the innermost bitwise operation containing it; an
 * integer literal outside any bitwise operation shows the literal itself. Whitespace, comments and strings
 * show nothing. The whole logical line is parsed, so expressions spanning lines inside brackets work.
 */
import { partitionPoint } from '../python/partition';
import { Token, TokenKind } from '../python/tokens';
import { codeTokensOf, logicalLineAround } from './lines';
import { parseLine, ParsedLine } from './parse';
import { BinaryNode, childrenOf, dottedPath, ExprNode, innerRange, IntLiteralNode, isBitwise, UnaryNode } from './tree';

export interface LogicalLine {
  /** The line's code tokens; node token indices refer to this array. */
  code: Token[];
  parsed: ParsedLine;
  /** Text offset of the logical line's first code token (the bindings before it are the hover's). */
  start: number;
}

export type Located =
  | { kind: 'operation'; node: BinaryNode | UnaryNode; line: LogicalLine }
  | { kind: 'literal'; node: IntLiteralNode; line: LogicalLine }
  /** A name or attribute chain (`MASK`, `consts.MASK`, `Perm.R`) outside any bitwise operation. */
  | { kind: 'name'; node: ExprNode; line: LogicalLine };

/** The token of the file under (line, character), by binary search; undefined between tokens. */
export function tokenAt(tokens: readonly Token[], line: number, character: number): number | undefined {
  const found = partitionPoint(tokens.length, (i) => tokens[i].startLine < line || (tokens[i].startLine === line && tokens[i].startCol <= character)) - 1;
  // Nothing else starts between the last token starting at or before the position and the position itself.
  if (found < 0) return undefined;
  const t = tokens[found];
  return t.endLine > line || (t.endLine === line && t.endCol > character) ? found : undefined;
}

/**
 * Logical lines longer than this many code tokens are parsed only in a window around the position: a tree
 * for a megabyte-long line costs more than a hover may take.
 */
const MAX_PARSED_TOKENS = 50_000;

export function locate(tokens: readonly Token[], text: string, line: number, character: number): Located | null {
  const index = tokenAt(tokens, line, character);
  if (index === undefined) return null;
  const token = tokens[index];
  if (token.kind !== TokenKind.Name && token.kind !== TokenKind.Number && token.kind !== TokenKind.Op) return null;
  const { start, end } = logicalLineAround(tokens, index);
  const { code: allCode, indices } = codeTokensOf(tokens, start, end);
  const position = indices.indexOf(index);
  const windowStart = Math.max(0, Math.min(position - MAX_PARSED_TOKENS / 2, allCode.length - MAX_PARSED_TOKENS));
  const code = allCode.length <= MAX_PARSED_TOKENS ? allCode : allCode.slice(windowStart, windowStart + MAX_PARSED_TOKENS);
  const cut = { start: windowStart > 0, end: windowStart + code.length < allCode.length };
  const parsed = parseLine(code, text);
  const logicalLine: LogicalLine = { code, parsed, start: allCode[0].start };
  const owner = parsed.owner[position - windowStart];
  if (owner === undefined) return null;
  const found: Located | null = innermostBitwise(owner) !== undefined
    ? { kind: 'operation', node: innermostBitwise(owner)!, line: logicalLine }
    : owner.kind === 'int' && token.kind === TokenKind.Number ? { kind: 'literal', node: owner, line: logicalLine }
    : token.kind === TokenKind.Name ? namedAt(owner, position - windowStart, logicalLine) : null;
  // In a window, an operation reaching a cut edge (or missing an operand there) may be only part of the real one.
  if (found && code !== allCode && (cut.start && found.node.first === 0 || cut.end && found.node.last === code.length - 1
    || containsMissing(found.node))) return null;
  return found;
}

/** The name, or the attribute chain whose last name is the token (`consts.MASK` on `MASK`), at token `at`. */
function namedAt(owner: ExprNode, at: number, line: LogicalLine): Located | null {
  if (owner.kind === 'name') {
    // `a.b` on `a`: the base alone is what the reader points at only when it is not followed by `.`.
    return owner.parent?.kind === 'opaque' && owner.parent.what === 'attribute' ? null : { kind: 'name', node: owner, line };
  }
  if (owner.kind !== 'opaque' || owner.what !== 'attribute' || owner.last !== at || dottedPath(owner) === undefined) return null;
  if (owner.parent?.kind === 'opaque' && owner.parent.what === 'attribute') return null; // `a.b.c` on `b`
  return { kind: 'name', node: owner, line };
}

function containsMissing(node: ExprNode): boolean {
  const stack = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.kind === 'missing') return true;
    if (current.kind !== 'opaque') stack.push(...childrenOf(current));
  }
  return false;
}

/** The node itself if bitwise (so an operator picks its own operation), else its nearest bitwise ancestor. */
function innermostBitwise(node: ExprNode): BinaryNode | UnaryNode | undefined {
  for (let current: ExprNode | undefined = node; current !== undefined; current = current.parent) {
    if (isBitwise(current)) return current;
  }
  return undefined;
}

/**
 * The node's source (outer parentheses removed) on one line: its tokens, with one space wherever the source
 * had any gap (line breaks and comments included).
 */
export function sourceOf(node: ExprNode, line: LogicalLine, text: string): string {
  const [first, last] = innerRange(node);
  const code = line.code;
  let out = '';
  // A megabyte-long operand only needs its start for a label.
  for (let i = first; i <= last && i < code.length && out.length < 4096; i++) {
    if (i > first && code[i].start > code[i - 1].end) out += ' ';
    out += text.slice(code[i].start, code[i].end);
  }
  return out;
}
