/**
 * Exact evaluation of integer expressions under Python's rules, with BigInt.
 *
 * `~x == -x-1`, `>>` floors, a negative shift count is a ValueError, `//` and `%` floor and raise
 * ZeroDivisionError, `**` with a negative exponent gives a float (not an int: reported, not computed).
 * Operands are evaluated left to right and the first error wins, as in Python.
 *
 * Guards: a left shift by more than `maxShift` bits, any value wider than `resultBitBudget` (a literal, a
 * result, a step in between) and more total work than the hover's `WorkBudget` are reported as too large
 * instead of computed, so `1 << 10**9`, `2 ** 10**9` and a megabyte of multiplications all return at once.
 * Every check happens before the BigInt operation it guards: a refused value is never built, and a value
 * shown is always Python's. Evaluation walks the tree with an explicit stack: trees 10,000 levels deep are fine.
 */
import { tokenize } from '../python/lexer/cursor';
import { isCodeKind } from '../python/tokens';
import { bitLength, floorDiv, floorMod } from './bigints';
import { callValue } from './context';
import { parseIntLiteral } from './literals';
import { parseLine } from './parse';
import { BinaryNode, BoolOpNode, childrenOf, CompareNode, dottedPath, ExprNode, IfExpNode, UnaryNode } from './tree';

export type PythonError = 'ValueError' | 'ZeroDivisionError';

export type Value =
  /** `flag`: the value is a member (or a combination of members) of this enum.Flag / IntFlag class. */
  | { kind: 'int'; value: bigint; flag?: FlagClass }
  /** Python would raise. */
  | { kind: 'error'; error: PythonError; message: string }
  /** Python would build a number too big to compute for a hover. */
  | { kind: 'tooLarge'; message: string }
  /**
   * Python would give something other than an int (a float, a string, a TypeError). `object`: an operand is an
   * object of another type (a display, a string, None, a class): the operation is not integer arithmetic at all.
   */
  | { kind: 'notInt'; message: string; object?: true }
  /** Depends on something we do not know (a name, a call); `reason` when the hover can say why. */
  | { kind: 'unknown'; reason?: string };

/** An enum.Flag or IntFlag class: its name and members in definition order (for `Perm.R|Perm.W`). */
export interface FlagClass {
  name: string;
  /** The same object for one class however often it is looked up (its class statement's record). */
  identity: object;
  /** A plain Flag is not an int: only `| & ^` between its own members are computed. */
  isInt: boolean;
  members: ReadonlyArray<{ name: string; value: bigint }>;
  /**
   * What `~member` keeps to, when every member is known and one bit: a Flag's members together
   * (`_flag_mask_`), an IntFlag's bits up to its highest member (`_all_bits_`, its KEEP boundary).
   */
  invertMask?: bigint;
}

export interface EvaluationLimits {
  /** Widest left shift computed. */
  maxShift: number;
  /** Widest intermediate result computed. */
  resultBitBudget: number;
  /**
   * Total work of one hover (its expression and every constant it resolves), in steps: a 64-bit word
   * operation of BigInt arithmetic, a node evaluated, a token of a binding parsed. About 2 ns each.
   */
  workBudget: number;
}

/**
 * 64K bits per value: `3**20000` (31,700 bits) and its square are shown, `3**50000` is not. 5M steps: about 10 ms
 * of BigInt work on a laptop (a 64K-bit product costs a million), well inside the hover's 100 ms.
 */
export const DEFAULT_EVALUATION_LIMITS: EvaluationLimits = { maxShift: 4096, resultBitBudget: 1 << 16, workBudget: 5e6 };

/**
 * The work one hover may still do, shared by every evaluation it makes (the hovered expression and each
 * constant resolved through scope.ts), so a file of a million cheap steps costs no more than one expensive one.
 */
export class WorkBudget {
  private spent = 0;

  constructor(readonly limit: number) {}

  /** Takes `cost` steps if that many are left; otherwise takes nothing and says no (the work is not done). */
  take(cost: number): boolean {
    if (this.spent + cost > this.limit) return false;
    this.spent += cost;
    return true;
  }

  /** The message of a value not computed for want of budget. */
  get refusal(): string {
    return `too much work to compute here (over the hover's budget of ${this.limit.toLocaleString('en-US')} steps)`;
  }
}

/** A name's value, if the caller knows it (see scope.ts). */
export type NameResolver = (name: string) => Value | undefined;
/** An attribute chain's value (`consts.MASK`, `Perm.R`), if the caller knows it. */
export type PathResolver = (path: readonly string[]) => Value | undefined;

const UNKNOWN: Value = { kind: 'unknown' };

function int(value: bigint): Value {
  return { kind: 'int', value };
}

function error(kind: PythonError, message: string): Value {
  return { kind: 'error', error: kind, message };
}

/** Evaluates every node under root; the map holds each node's value. */
export function evaluateTree(root: ExprNode, resolve: NameResolver = () => undefined,
  limits: EvaluationLimits = DEFAULT_EVALUATION_LIMITS, budget = new WorkBudget(limits.workBudget),
  resolvePath?: PathResolver): Map<ExprNode, Value> {
  const evaluator = new Evaluator(resolve, limits, budget, resolvePath);
  // Post-order with an explicit stack: a node is computed once its children are.
  const stack: Array<[ExprNode, boolean]> = [[root, false]];
  while (stack.length > 0) {
    const [node, childrenDone] = stack.pop()!;
    if (childrenDone) {
      evaluator.values.set(node, evaluator.valueOf(node));
      continue;
    }
    stack.push([node, true]);
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i], false]);
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

  constructor(private readonly resolve: NameResolver, private readonly limits: EvaluationLimits,
    private readonly budget: WorkBudget, private readonly resolvePath?: PathResolver) {}

  valueOf(node: ExprNode): Value {
    // Every node costs a step, so a million cheap operations run out of budget too.
    if (!this.budget.take(1)) return this.tooLarge(this.budget.refusal);
    switch (node.kind) {
      case 'int': {
        if (!this.budget.take(words(node.text.length * 4))) return this.tooLarge(this.budget.refusal);
        const literal = parseIntLiteral(node.text);
        if (!literal.ok) {
          return literal.reason === 'too long'
            ? { kind: 'tooLarge', message: 'the literal is too long to convert' }
            : { kind: 'notInt', message: `\`${node.text}\` is not an integer literal` };
        }
        const bits = bitLength(literal.value);
        return bits <= this.limits.resultBitBudget ? int(literal.value)
          : this.tooLarge(`the literal has ${bits} bits, over the ${this.limits.resultBitBudget}-bit limit`);
      }
      case 'name':
        return this.resolve(node.name) ?? UNKNOWN;
      case 'missing':
        return UNKNOWN;
      case 'opaque':
        // Calls, subscripts and attributes may well be ints (unless a builtin container is called); literals of
        // other types are not, nor is a float literal.
        if (node.what === 'call') return callValue(node) ?? UNKNOWN;
        if (node.what === 'attribute') {
          const path = this.resolvePath && dottedPath(node);
          return (path && this.resolvePath!(path)) ?? UNKNOWN;
        }
        return node.what === 'subscript' ? UNKNOWN : { kind: 'notInt', message: `a ${node.what} is not an int`, object: true };
      case 'unary':
        return this.unary(node);
      case 'binary':
        return this.binary(node);
      case 'compare':
        return this.compare(node);
      case 'boolop':
        return this.boolOp(node);
      case 'ifexp':
        return this.conditional(node);
    }
  }

  /**
   * A chain stops at its first false comparison (later operands are not evaluated, their errors not raised).
   * Only int comparisons are decided: `in`, `is` and other types make the chain unknown.
   */
  private compare(node: CompareNode): Value {
    let left = this.values.get(node.operands[0])!;
    if (left.kind === 'error' || left.kind === 'tooLarge') return left;
    for (let k = 0; k < node.ops.length; k++) {
      const right = this.values.get(node.operands[k + 1])!;
      if (right.kind === 'error' || right.kind === 'tooLarge') return right;
      if (left.kind !== 'int' || right.kind !== 'int') return UNKNOWN;
      if (left.flag?.isInt === false || right.flag?.isInt === false) return UNKNOWN; // a Flag member is no int
      const a = left.value, b = right.value;
      let holds: boolean;
      switch (node.ops[k]) {
        case '<': holds = a < b; break;
        case '>': holds = a > b; break;
        case '==': holds = a === b; break;
        case '!=': holds = a !== b; break;
        case '<=': holds = a <= b; break;
        case '>=': holds = a >= b; break;
        default: return UNKNOWN;
      }
      if (!holds) return int(0n);
      left = right;
    }
    return int(1n);
  }

  /** `a and b` is a when a is false, else b; `a or b` is a when a is true, else b (bools are ints). */
  private boolOp(node: BoolOpNode): Value {
    const left = this.values.get(node.left)!;
    if (left.kind === 'error' || left.kind === 'tooLarge') return left;
    if (left.kind !== 'int') return UNKNOWN;
    return (left.value === 0n) === (node.op === 'and') ? left : this.values.get(node.right)!;
  }

  /** The test first, then only the branch it picks. */
  private conditional(node: IfExpNode): Value {
    const test = this.values.get(node.test)!;
    if (test.kind === 'error' || test.kind === 'tooLarge') return test;
    if (test.kind !== 'int') return UNKNOWN;
    return this.values.get(test.value !== 0n ? node.body : node.orelse)!;
  }

  private unary(node: UnaryNode): Value {
    const operand = this.values.get(node.operand)!;
    if (node.op === 'not') {
      if (operand.kind === 'error' || operand.kind === 'tooLarge') return operand;
      return operand.kind === 'int' ? int(operand.value === 0n ? 1n : 0n) : UNKNOWN;
    }
    if (operand.kind !== 'int') return operand;
    // `~Perm.R` keeps to the class's bits (3 for R=4, W=2, X=1), not -5, as enum.Flag.__invert__ does.
    if (operand.flag !== undefined) {
      const mask = operand.flag.invertMask;
      if (node.op !== '~' || mask === undefined || operand.value < 0n || (operand.value & ~mask) !== 0n) return UNKNOWN;
      return { kind: 'int', value: mask ^ operand.value, flag: operand.flag };
    }
    if (node.op === '+') return operand;
    const bits = bitLength(operand.value);
    if (!this.budget.take(words(bits))) return this.tooLarge(this.budget.refusal);
    // `~x` is `-x-1`: one bit wider than x when x is 2**k - 1.
    return node.op === '-' ? int(-operand.value) : this.fits(-operand.value - 1n, bits + 1);
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
    const flag = left.flag ?? right.flag;
    if (flag !== undefined) {
      // Members of one Flag class combine into that class; a plain Flag does nothing else (TypeError).
      const bitwise = node.op === '|' || node.op === '&' || node.op === '^';
      if (bitwise && left.flag?.identity === right.flag?.identity) {
        const result = this.apply(node.op, left.value, right.value);
        return result.kind === 'int' ? { ...result, flag } : result;
      }
      if ((left.flag && !left.flag.isInt) || (right.flag && !right.flag.isInt)) return UNKNOWN;
    }
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
    // Linear operations: the result is at most one bit wider than the wider operand (`-2**k ^ 2**k` is).
    const linear = (compute: () => bigint): Value =>
      this.budget.take(words(aBits) + words(bBits)) ? this.fits(compute(), Math.max(aBits, bBits) + 1) : this.tooLarge(this.budget.refusal);
    switch (op) {
      case '|': return linear(() => a | b);
      case '&': return linear(() => a & b);
      case '^': return linear(() => a ^ b);
      case '+': return linear(() => a + b);
      case '-': return linear(() => a - b);
      case '<<': {
        if (b < 0n) return error('ValueError', 'negative shift count');
        if (a === 0n) return int(0n);
        if (b > BigInt(this.limits.maxShift)) return this.tooLarge(`a shift by ${b} bits is over the ${this.limits.maxShift}-bit limit`);
        // |a| << b has exactly aBits + b bits.
        const bits = aBits + Number(b);
        if (bits > this.limits.resultBitBudget) return this.tooWide(bits, 'exactly');
        return this.budget.take(words(aBits) + words(bits)) ? int(a << b) : this.tooLarge(this.budget.refusal);
      }
      case '>>': {
        if (b < 0n) return error('ValueError', 'negative shift count');
        // Shifting out every bit leaves the sign; JS would refuse a shift count this large.
        if (b >= BigInt(aBits)) return int(a < 0n ? -1n : 0n);
        return this.budget.take(words(aBits)) ? int(a >> b) : this.tooLarge(this.budget.refusal);
      }
      case '*': {
        if (a === 0n || b === 0n) return int(0n);
        // The product has aBits + bBits - 1 or aBits + bBits bits.
        if (aBits + bBits - 1 > this.limits.resultBitBudget) return this.tooWide(aBits + bBits - 1, 'at least');
        if (!this.budget.take(words(aBits) * words(bBits))) return this.tooLarge(this.budget.refusal);
        return this.fits(a * b, aBits + bBits);
      }
      case '//':
      case '%': {
        if (b === 0n) return divisionByZero(op);
        // Never wider than the dividend (`//`) or the divisor (`%`).
        if (!this.budget.take(words(aBits) * words(bBits))) return this.tooLarge(this.budget.refusal);
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
    if (b === 0n) return int(1n);
    const budget = this.limits.resultBitBudget;
    // |a| ** b has at least (aBits - 1) * b + 1 bits (aBits >= 2 here, so b itself is at most the budget).
    if (b > BigInt(budget) || (aBits - 1) * Number(b) + 1 > budget) {
      return this.tooWide(b > BigInt(budget) ? (BigInt(aBits) - 1n) * b + 1n : (aBits - 1) * Number(b) + 1, 'at least');
    }
    // About b * log2|a| bits: refuse what is clearly over, compute (and check) what is near the limit.
    const estimate = Number(b) * log2(a, aBits);
    if (estimate > budget + 1) return this.tooWide(Math.floor(estimate) + 1, 'about');
    const bits = Math.min(aBits * Number(b), budget + 2);
    if (!this.budget.take(words(bits) * words(bits))) return this.tooLarge(this.budget.refusal);
    return this.fits(a ** b, aBits * Number(b));
  }

  /** The value, or too large when it is wider than the bit budget; `atMost` bounds its width (saves measuring it). */
  private fits(value: bigint, atMost: number): Value {
    if (atMost <= this.limits.resultBitBudget) return int(value);
    const bits = bitLength(value);
    return bits > this.limits.resultBitBudget ? this.tooWide(bits, 'exactly') : int(value);
  }

  /** A value over the bit budget, of `bits` bits exactly, about (an estimate) or at least (a lower bound). */
  private tooWide(bits: number | bigint, how: 'exactly' | 'about' | 'at least'): Value {
    const width = how === 'exactly' ? `${bits}` : `${how} ${bits}`;
    return this.tooLarge(`the result would have ${width} bits, over the ${this.limits.resultBitBudget}-bit limit`);
  }

  private tooLarge(message: string): Value {
    return { kind: 'tooLarge', message };
  }
}

/** log2 of |a| (aBits its bit length), to within float precision. */
function log2(a: bigint, aBits: number): number {
  const magnitude = a < 0n ? -a : a;
  const drop = Math.max(0, aBits - 53);
  return drop + Math.log2(Number(magnitude >> BigInt(drop)));
}

function words(bits: number): number {
  return Math.ceil(bits / 64) + 1;
}

function divisionByZero(op: string): Value {
  return error('ZeroDivisionError', op === '%' ? 'integer modulo by zero' : op === '/' ? 'division by zero' : 'integer division or modulo by zero');
}
