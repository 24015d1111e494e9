/**
 * Well-known bit tricks, recognised on the tree (so they are explained even when the operands are unknown),
 * each explained in one plain sentence.
 *
 * Operands are compared by their tokens, so `x & (x - 1)` matches however it is spaced, and `&`, `|`, `^`
 * match with their operands either way round.
 */
import { Value } from './evaluate';
import { BinaryNode, ExprNode, isBitwise } from './tree';

export interface IdiomContext {
  /** The node's source on one line, without outer parentheses. */
  sourceOf(node: ExprNode): string;
  /** The token texts of the node, without outer parentheses (for comparing operands). */
  tokensOf(node: ExprNode): string[];
  values: ReadonlyMap<ExprNode, Value>;
  /** The text of the code tokens right after the node (to see `== 0` following it). */
  tokenAfter(node: ExprNode, offset: number): string | undefined;
}

type Recognizer = (node: BinaryNode, context: IdiomContext) => string | undefined;

/** The sentence for the first idiom found at node or at one of its two nearest bitwise ancestors. */
export function describeIdiom(node: ExprNode, context: IdiomContext): string | undefined {
  let current: ExprNode | undefined = node;
  for (let level = 0; level < 3 && current !== undefined && isBitwise(current); level++) {
    if (current.kind === 'binary') {
      for (const recognize of RECOGNIZERS) {
        const sentence = recognize(current, context);
        if (sentence !== undefined) return sentence;
      }
    }
    current = current.parent;
  }
  return undefined;
}

/** Tries `match(a, b)` with the operands in both orders (the operators here are commutative). */
function eitherOrder<T>(node: BinaryNode, match: (a: ExprNode, b: ExprNode) => T | undefined): T | undefined {
  return match(node.left, node.right) ?? match(node.right, node.left);
}

function same(a: ExprNode, b: ExprNode, context: IdiomContext): boolean {
  if (a.last - a.first > 200) return false; // long operands are never an idiom's `x`; keeps comparison cheap
  const ta = context.tokensOf(a), tb = context.tokensOf(b);
  return ta.length === tb.length && ta.every((t, i) => t === tb[i]);
}

function isLiteral(node: ExprNode, value: bigint): boolean {
  if (node.kind !== 'int') return false;
  const text = node.text.replace(/_/g, '').toLowerCase();
  try {
    return BigInt(text === 'true' ? 1 : text === 'false' ? 0 : text) === value;
  } catch {
    return false;
  }
}

/** k, if node is `1 << k`. */
function bitK(node: ExprNode): ExprNode | undefined {
  return node.kind === 'binary' && node.op === '<<' && isLiteral(node.left, 1n) ? node.right : undefined;
}

function code(node: ExprNode, context: IdiomContext): string {
  return '`' + context.sourceOf(node) + '`';
}

/** `bit k` with k's value when k is not a literal but is known. */
function bitName(k: ExprNode, context: IdiomContext): string {
  const value = context.values.get(k);
  return k.kind !== 'int' && value?.kind === 'int' ? `bit ${code(k, context)} (${value.value})` : `bit ${code(k, context)}`;
}

const clearsLowestSetBit: Recognizer = (node, context) => {
  if (node.op !== '&') return undefined;
  const x = eitherOrder(node, (a, b) => (b.kind === 'binary' && b.op === '-' && isLiteral(b.right, 1n) && same(b.left, a, context) ? a : undefined));
  if (x === undefined) return undefined;
  const comparison = context.tokenAfter(node, 0);
  if ((comparison === '==' || comparison === '!=') && context.tokenAfter(node, 1) === '0') {
    return comparison === '=='
      ? `Tests whether ${code(x, context)} is a power of two (or zero): \`x & (x - 1)\` clears the lowest set bit, leaving 0 only when at most one bit was set.`
      : `Tests whether ${code(x, context)} has more than one bit set: \`x & (x - 1)\` clears the lowest set bit.`;
  }
  return `Clears the lowest set bit of ${code(x, context)}.`;
};

const isolatesLowestSetBit: Recognizer = (node, context) => {
  if (node.op !== '&') return undefined;
  const x = eitherOrder(node, (a, b) => (b.kind === 'unary' && b.op === '-' && same(b.operand, a, context) ? a : undefined));
  return x && `Isolates the lowest set bit of ${code(x, context)} (\`-x\` is \`~x + 1\`, which flips every bit above it).`;
};

const readsBitK: Recognizer = (node, context) => {
  if (node.op !== '&') return undefined;
  return eitherOrder(node, (a, b) => (isLiteral(b, 1n) && a.kind === 'binary' && a.op === '>>'
    ? `Reads ${bitName(a.right, context)} of ${code(a.left, context)} (0 or 1).` : undefined));
};

const testsOddness: Recognizer = (node, context) => {
  if (node.op !== '&') return undefined;
  const x = eitherOrder(node, (a, b) => (isLiteral(b, 1n) ? a : undefined));
  return x && `Tests whether ${code(x, context)} is odd (keeps only its lowest bit).`;
};

const testsBitK: Recognizer = (node, context) => {
  if (node.op !== '&') return undefined;
  return eitherOrder(node, (a, b) => {
    const k = bitK(b);
    return k && `Tests ${bitName(k, context)} of ${code(a, context)} (nonzero when it is set).`;
  });
};

const setsClearsOrFlipsBitK: Recognizer = (node, context) => {
  return eitherOrder(node, (a, b) => {
    if (node.op === '&' && b.kind === 'unary' && b.op === '~') {
      const k = bitK(b.operand);
      return k && `Clears ${bitName(k, context)} of ${code(a, context)}.`;
    }
    const k = bitK(b);
    if (k === undefined) return undefined;
    if (node.op === '|') return `Sets ${bitName(k, context)} of ${code(a, context)}.`;
    if (node.op === '^') return `Flips ${bitName(k, context)} of ${code(a, context)}.`;
    return undefined;
  });
};

/** `(x & ~m) | (-s & m)`: the bits of m in x become s's (0 or 1), without a branch. */
const conditionalSet: Recognizer = (node, context) => {
  if (node.op !== '|') return undefined;
  return eitherOrder(node, (cleared, filled) => {
    if (cleared.kind !== 'binary' || cleared.op !== '&' || filled.kind !== 'binary' || filled.op !== '&') return undefined;
    const keep = eitherOrder(cleared, (x, notM) => (notM.kind === 'unary' && notM.op === '~' ? { x, m: notM.operand } : undefined));
    if (keep === undefined) return undefined;
    const s = eitherOrder(filled, (negS, m) => (negS.kind === 'unary' && negS.op === '-' && same(m, keep.m, context) ? negS.operand : undefined));
    return s && `Sets the bits of ${code(keep.m, context)} in ${code(keep.x, context)} when ${code(s, context)} is 1 `
      + `and clears them when it is 0, without a branch (\`-s\` is all ones or all zeros).`;
  });
};

/** Most specific first: `(x >> k) & 1` is also `something & 1`. */
const RECOGNIZERS: readonly Recognizer[] = [
  clearsLowestSetBit, isolatesLowestSetBit, readsBitK, testsOddness, testsBitK, setsClearsOrFlipsBitK, conditionalSet,
];
