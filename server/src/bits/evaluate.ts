/**
 * Exact evaluation of integer expressions under Python's rules, with BigInt.
 *
 * `~x == -x-1`, `>>` floors, a negative shift count is a ValueError, `//` and `%` floor and raise
 * ZeroDivisionError, `**` with a negative exponent gives a float (not an int: reported, not computed).
 * Operands are evaluated left to right and the first error wins, as in Python.
 *
 * Guards: a left shift by more than `maxShift` bits, any result wider than `resultBitBudget`, and more total
 * big-number work than `workBudget` are reported as too large instead of computed, so `1 << 10**9`,
 * `2 ** 10**9` and a megabyte of multiplications all return at once. Evaluation walks the tree with an
 * explicit stack: trees 10,000 levels deep are fine.
 */
import { tokenize } from '../python/lexer/cursor';
import { isCodeKind } from '../python/tokens';
import { bitLength, floorDiv, floorMod } from './bigints';
import { parseIntLiteral } from './literals';
import { parseLine } from './parse';
import { BinaryNode, ExprNode, UnaryNode } from './tree';

export type PythonError = 'ValueError' | 'ZeroDivisionError';

export type Value =
  | { kind: 'int'; value: bigint }
  /** Python would raise. */
  | { kind: 'error'; error: PythonError; message: string }
  /** Python would build a number too big to compute for a hover. */
  | { kind: 'tooLarge'; message: string }
  /** Python would give something other than an int (a float, a string, a TypeError). */
  | { kind: 'notInt'; message: string }
  /** Depends on something we do not know (a name, a call). */
  | { kind: 'unknown' };

export interface EvaluationLimits {
  /** Widest left shift computed. */
  maxShift: number;
  /** Widest intermediate result computed. */
  resultBitBudget: number;
  /** Total big-number work, in 64-bit word operations. */
  workBudget: number;
}

export const DEFAULT_EVALUATION_LIMITS: EvaluationLimits = { maxShift: 4096, resultBitBudget: 1 << 16, workBudget: 2e6 };

/** A name's value, if the caller knows it (see scope.ts). */
export type NameResolver = (name: string) => Value | undefined;

const UNKNOWN: Value = { kind: 'unknown' };

function int(value: bigint): Value {
  return { kind: 'int', value };
}

function error(kind: PythonError, message: string): Value {
  return { kind: 'error', error: kind, message };
}

/** Evaluates every node under root; the map holds each node's value. */
export function evaluateTree(root: ExprNode, resolve: NameResolver = () => undefined,
  limits: EvaluationLimits = DEFAULT_EVALUATION_LIMITS): Map<ExprNode, Value> {
  const evaluator = new Evaluator(resolve, limits);
  // Post-order with an explicit stack: a node is computed once its children are.
  const stack: Array<[ExprNode, boolean]> = [[root, false]];
  while (stack.length > 0) {
    const [node, childrenDone] = stack.pop()!;
    if (childrenDone) {
      evaluator.values.set(node, evaluator.valueOf(node));
      continue;
    }
    stack.push([node, true]);
    if (node.kind === 'binary') stack.push([node.right, false], [node.left, false]);
    else if (node.kind === 'unary') stack.push([node.operand, false]);
    else if (node.kind === 'opaque') for (let i = node.items.length - 1; i >= 0; i--) stack.push([node.items[i], false]);
  }
  return evaluator.values;
}

/** Evaluates Python source holding one expression (used by tests and for constants). */
export function evaluateSource(source: string, resolve?: NameResolver, limits?: EvaluationLimits): Value {
  const tokens = tokenize(source).filter((t) => isCodeKind(t.kind));
  const { roots } = parseLine(tokens, source);
  if (roots.length !== 1) return { kind: 'notInt', message: 'not a single expression' };
  return evaluateTree(roots[0], resolve, limits).get(roots[0])!;
}

class Evaluator {
  readonly values = new Map<ExprNode, Value>();
  private work = 0;

  constructor(private readonly resolve: NameResolver, private readonly limits: EvaluationLimits) {}

  valueOf(node: ExprNode): Value {
    switch (node.kind) {
      case 'int': {
        const literal = parseIntLiteral(node.text);
        if (literal.ok) return int(literal.value);
        return literal.reason === 'too long'
          ? { kind: 'tooLarge', message: 'the literal is too long to convert' }
          : { kind: 'notInt', message: `\`${node.text}\` is not an integer literal` };
      }
      case 'name':
        return this.resolve(node.name) ?? UNKNOWN;
      case 'missing':
        return UNKNOWN;
      case 'opaque':
        // Calls, subscripts and attributes may well be ints; literals of other types are not.
        return node.what === 'call' || node.what === 'subscript' || node.what === 'attribute'
          ? UNKNOWN : { kind: 'notInt', message: `a ${node.what} is not an int` };
      case 'unary':
        return this.unary(node);
      case 'binary':
        return this.binary(node);
    }
  }

  private unary(node: UnaryNode): Value {
    const operand = this.values.get(node.operand)!;
    if (operand.kind !== 'int') return operand;
    switch (node.op) {
      case '-': return int(-operand.value);
      case '+': return operand;
      case '~': return int(-operand.value - 1n);
    }
  }

  private binary(node: BinaryNode): Value {
    const left = this.values.get(node.left)!;
    const right = this.values.get(node.right)!;
    // Python evaluates the left operand first: its error is the one raised.
    if (left.kind === 'error' || left.kind === 'tooLarge') return left;
    if (right.kind === 'error' || right.kind === 'tooLarge') return right;
    if (left.kind === 'notInt') return left;
    if (right.kind === 'notInt') return right;
    if (right.kind === 'int' && left.kind === 'unknown') return this.errorWhateverTheLeft(node, right.value);
    if (left.kind !== 'int' || right.kind !== 'int') return UNKNOWN;
    if (this.work > this.limits.workBudget) return { kind: 'tooLarge', message: 'the expression is too much work to evaluate' };
    return this.apply(node.op, left.value, right.value);
  }

  /** Errors that happen for any int on the left (`x // 0`, `x << -1`). */
  private errorWhateverTheLeft(node: BinaryNode, right: bigint): Value {
    if ((node.op === '//' || node.op === '%' || node.op === '/') && right === 0n) return divisionByZero(node.op);
    if ((node.op === '<<' || node.op === '>>') && right < 0n) return error('ValueError', 'negative shift count');
    return UNKNOWN;
  }

  private apply(op: BinaryNode['op'], a: bigint, b: bigint): Value {
    const aBits = bitLength(a), bBits = bitLength(b);
    switch (op) {
      case '|': return this.linear(aBits, bBits, a | b);
      case '&': return this.linear(aBits, bBits, a & b);
      case '^': return this.linear(aBits, bBits, a ^ b);
      case '+': return this.linear(aBits, bBits, a + b);
      case '-': return this.linear(aBits, bBits, a - b);
      case '<<': {
        if (b < 0n) return error('ValueError', 'negative shift count');
        if (a === 0n) return int(0n);
        if (b > BigInt(this.limits.maxShift)) return this.tooLarge(`a shift by ${b} bits is over the ${this.limits.maxShift}-bit limit`);
        const bits = aBits + Number(b);
        if (bits > this.limits.resultBitBudget) return this.tooLarge(`the result would have ${bits} bits`);
        return this.linear(aBits, bits, a << b);
      }
      case '>>': {
        if (b < 0n) return error('ValueError', 'negative shift count');
        // Shifting out every bit leaves the sign; JS would refuse a shift count this large.
        if (b >= BigInt(aBits)) return int(a < 0n ? -1n : 0n);
        return this.linear(aBits, 0, a >> b);
      }
      case '*': {
        const bits = aBits + bBits;
        if (bits > this.limits.resultBitBudget) return this.tooLarge(`the result would have about ${bits} bits`);
        this.work += words(aBits) * words(bBits);
        return int(a * b);
      }
      case '//':
      case '%': {
        if (b === 0n) return divisionByZero(op);
        this.work += words(aBits) * words(bBits);
        return int(op === '//' ? floorDiv(a, b) : floorMod(a, b));
      }
      case '/':
        return b === 0n ? divisionByZero(op) : { kind: 'notInt', message: '`/` gives a float' };
      case '@':
        return { kind: 'notInt', message: '`@` is not defined for ints (TypeError)' };
      case '**':
        return this.power(a, b, aBits);
    }
  }

  private power(a: bigint, b: bigint, aBits: number): Value {
    if (b < 0n) {
      return a === 0n ? error('ZeroDivisionError', '0.0 cannot be raised to a negative power')
        : { kind: 'notInt', message: 'a negative exponent gives a float' };
    }
    if (a === 0n || a === 1n) return int(b === 0n ? 1n : a);
    if (a === -1n) return int(b % 2n === 0n ? 1n : -1n);
    const budget = BigInt(this.limits.resultBitBudget);
    // |a| ** b has at most aBits * b bits.
    if (b > budget || BigInt(aBits) * b > budget) return this.tooLarge(`the result would have up to ${BigInt(aBits) * b} bits`);
    const bits = aBits * Number(b);
    this.work += words(bits) * words(bits);
    return int(a ** b);
  }

  /** Result of an operation whose cost grows with the operands' size. */
  private linear(aBits: number, bBits: number, result: bigint): Value {
    this.work += words(aBits) + words(bBits);
    return int(result);
  }

  private tooLarge(message: string): Value {
    return { kind: 'tooLarge', message };
  }
}

function words(bits: number): number {
  return Math.ceil(bits / 64) + 1;
}

function divisionByZero(op: string): Value {
  return error('ZeroDivisionError', op === '%' ? 'integer modulo by zero' : op === '/' ? 'division by zero' : 'integer division or modulo by zero');
}
