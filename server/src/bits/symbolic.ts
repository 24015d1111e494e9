/**
 * Symbolic bit layouts: what each bit of a result is when some operands are not known constants. A bit is a
 * known 0 or 1, bit k of a named operand (a name or an attribute chain such as `self.flags`), that bit
 * flipped, or unknown. Layouts follow `& | ^ ~ << >>` and the arithmetic that is a mask or a shift in disguise
 * (`* 2**k`, `// 2**k`, `% 2**k`), assuming every operand is an int, as the rest of the hover does.
 *
 * A layout is finite: `bits` for positions 0..n-1, then a `tail` saying what every higher bit is: a constant
 * (a known value's sign), unknown, or an operand's bits continuing without end (`x >> 5` is bits 5 and up of
 * x, for ever: a Python int has no width). So `ip >> 112` needs no 112 explicit bits, and nothing here
 * grows with a shift count. Widths are capped by MAX_LAYOUT_BITS (past it the bits are unknown), and every
 * step is charged to the hover's WorkBudget.
 */
import { bitLength } from './bigints';
import { Value, WorkBudget } from './evaluate';
import { ExprNode } from './tree';

/** A bit: ZERO, ONE, UNKNOWN_BIT, or an operand's bit (see operandBit). */
export type Bit = number;
export const ZERO = 0, ONE = 1, UNKNOWN_BIT = 2;
const INDEX_LIMIT = 1 << 26;

export type Tail =
  | { kind: 'const'; bit: 0 | 1 }
  | { kind: 'unknown' }
  /** Bit p (p >= bits.length) is bit p - shift of the operand, flipped when `flipped`. */
  | { kind: 'operand'; operand: number; shift: number; flipped: boolean };

export interface Layout { bits: Bit[]; tail: Tail }

/** Explicit bits a layout may hold: wider constants and longer left shifts make the bits unknown. */
export const MAX_LAYOUT_BITS = 4096;

function operandBit(operand: number, index: number, flipped: boolean): Bit {
  return 3 + (operand * INDEX_LIMIT + index) * 2 + (flipped ? 1 : 0);
}

/** What a bit is, decoded. */
export type BitMeaning = { kind: 'const'; bit: 0 | 1 } | { kind: 'unknown' } | { kind: 'operand'; operand: number; index: number; flipped: boolean };

export function meaningOf(bit: Bit): BitMeaning {
  if (bit === ZERO || bit === ONE) return { kind: 'const', bit };
  if (bit === UNKNOWN_BIT) return { kind: 'unknown' };
  const code = bit - 3;
  const flipped = code % 2 === 1;
  const rest = (code - (flipped ? 1 : 0)) / 2;
  return { kind: 'operand', operand: Math.floor(rest / INDEX_LIMIT), index: rest % INDEX_LIMIT, flipped };
}

function flip(bit: Bit): Bit {
  if (bit === ZERO) return ONE;
  if (bit === ONE) return ZERO;
  if (bit === UNKNOWN_BIT) return bit;
  return (bit - 3) % 2 === 1 ? bit - 1 : bit + 1;
}

/** Whether a and b are one operand bit and its complement. */
function complementary(a: Bit, b: Bit): boolean {
  return a > UNKNOWN_BIT && b > UNKNOWN_BIT && flip(a) === b;
}

function andBit(a: Bit, b: Bit): Bit {
  if (a === ZERO || b === ZERO) return ZERO;
  if (a === ONE) return b;
  if (b === ONE || a === b) return a;
  return complementary(a, b) ? ZERO : UNKNOWN_BIT;
}

function orBit(a: Bit, b: Bit): Bit {
  if (a === ONE || b === ONE) return ONE;
  if (a === ZERO) return b;
  if (b === ZERO || a === b) return a;
  return complementary(a, b) ? ONE : UNKNOWN_BIT;
}

function xorBit(a: Bit, b: Bit): Bit {
  if (a === ZERO) return b;
  if (b === ZERO) return a;
  if (a === ONE) return flip(b);
  if (b === ONE) return flip(a);
  if (a === UNKNOWN_BIT || b === UNKNOWN_BIT) return UNKNOWN_BIT; // two unknown bits need not be the same bit
  if (a === b) return ZERO;
  return complementary(a, b) ? ONE : UNKNOWN_BIT;
}

/** Bit p of the layout. */
export function bitAt(layout: Layout, p: number): Bit {
  if (p < layout.bits.length) return layout.bits[p];
  const tail = layout.tail;
  switch (tail.kind) {
    case 'const': return tail.bit;
    case 'unknown': return UNKNOWN_BIT;
    case 'operand': return operandBit(tail.operand, p - tail.shift, tail.flipped);
  }
}

const UNKNOWN_LAYOUT: Layout = { bits: [], tail: { kind: 'unknown' } };

/** Whether the layout says anything at all (some bit is not unknown). */
export function isInformative(layout: Layout): boolean {
  return layout.tail.kind !== 'unknown' || layout.bits.some((b) => b !== UNKNOWN_BIT);
}

/** Drops explicit bits at the top that the tail already gives. */
function trimmed(bits: Bit[], tail: Tail): Layout {
  const layout: Layout = { bits, tail };
  while (bits.length > 0) {
    const top = bits.length - 1;
    const bit = bits[top];
    bits.length = top; // bitAt(layout, top) is now the tail's bit there
    if (bitAt(layout, top) !== bit) {
      bits.push(bit);
      break;
    }
  }
  return layout;
}

function fromInt(value: bigint): Layout {
  const width = bitLength(value) + 1;
  if (width > MAX_LAYOUT_BITS) return UNKNOWN_LAYOUT;
  const bits: Bit[] = [];
  for (let p = 0; p < width; p++) bits.push(Number((value >> BigInt(p)) & 1n));
  return trimmed(bits, { kind: 'const', bit: value < 0n ? 1 : 0 });
}

function combineTails(a: Tail, b: Tail, op: (x: Bit, y: Bit) => Bit): Tail {
  if (a.kind === 'const' && b.kind === 'const') return { kind: 'const', bit: op(a.bit, b.bit) as 0 | 1 };
  // A constant tail against anything: the rule for one bit holds for every bit.
  const probe = (constant: 0 | 1, other: Tail, constantFirst: boolean): Tail => {
    if (other.kind === 'unknown') {
      const r = constantFirst ? op(constant, UNKNOWN_BIT) : op(UNKNOWN_BIT, constant);
      return r === UNKNOWN_BIT ? { kind: 'unknown' } : { kind: 'const', bit: r as 0 | 1 };
    }
    if (other.kind !== 'operand') return { kind: 'unknown' };
    const sample = operandBit(other.operand, 0, other.flipped);
    const r = constantFirst ? op(constant, sample) : op(sample, constant);
    if (r === ZERO || r === ONE) return { kind: 'const', bit: r };
    return { ...other, flipped: other.flipped !== (r !== sample) };
  };
  if (a.kind === 'const') return probe(a.bit, b, true);
  if (b.kind === 'const') return probe(b.bit, a, false);
  if (a.kind === 'operand' && b.kind === 'operand' && a.operand === b.operand && a.shift === b.shift) {
    const r = meaningOf(op(operandBit(a.operand, 0, a.flipped), operandBit(b.operand, 0, b.flipped)));
    if (r.kind === 'const') return r;
    if (r.kind === 'operand') return { ...a, flipped: r.flipped };
  }
  return { kind: 'unknown' };
}

function bitwise(a: Layout, b: Layout, op: (x: Bit, y: Bit) => Bit): Layout {
  const n = Math.max(a.bits.length, b.bits.length);
  const bits: Bit[] = new Array<Bit>(n);
  for (let p = 0; p < n; p++) bits[p] = op(bitAt(a, p), bitAt(b, p));
  return trimmed(bits, combineTails(a.tail, b.tail, op));
}

function invert(a: Layout): Layout {
  const tail: Tail = a.tail.kind === 'const' ? { kind: 'const', bit: a.tail.bit === 1 ? 0 : 1 }
    : a.tail.kind === 'operand' ? { ...a.tail, flipped: !a.tail.flipped } : a.tail;
  return { bits: a.bits.map(flip), tail };
}

function shiftLeft(a: Layout, k: number): Layout {
  if (a.bits.length + k > MAX_LAYOUT_BITS) return UNKNOWN_LAYOUT;
  const bits: Bit[] = new Array<Bit>(k).fill(ZERO);
  for (const bit of a.bits) bits.push(bit);
  const tail = a.tail.kind === 'operand' ? { ...a.tail, shift: a.tail.shift + k } : a.tail;
  return trimmed(bits, tail);
}

function shiftRight(a: Layout, k: number): Layout {
  if (k >= INDEX_LIMIT / 2) return UNKNOWN_LAYOUT;
  const bits = a.bits.slice(Math.min(k, a.bits.length));
  const tail = a.tail.kind === 'operand' ? { ...a.tail, shift: a.tail.shift - k } : a.tail;
  return trimmed(bits, tail);
}

/** The low k bits of a (what `& (2**k - 1)` and `% 2**k` keep). */
function lowBits(a: Layout, k: number): Layout {
  if (k > MAX_LAYOUT_BITS) return UNKNOWN_LAYOUT;
  const bits: Bit[] = [];
  for (let p = 0; p < k; p++) bits.push(bitAt(a, p));
  return trimmed(bits, { kind: 'const', bit: 0 });
}

/** For a positive power of two, its exponent. */
function log2Exact(value: bigint): number | undefined {
  return value > 0n && (value & (value - 1n)) === 0n ? bitLength(value) - 1 : undefined;
}

/**
 * The operands a hover's layouts name, by source text (`d`, `self.flags`, `buf[i]`, `f(x)`). An operand that
 * gives the same value wherever it appears (a name, an attribute, a subscript) is one operand however often
 * it is written; one that may not (a call: `f() ^ f()` need not be 0) is named where it first appears, and
 * later copies are unknown bits.
 */
export class Operands {
  readonly sources: string[] = [];
  private readonly once = new Set<string>();

  idOf(source: string, repeatable = true): number | undefined {
    const known = this.sources.indexOf(source);
    if (known >= 0) return repeatable && !this.once.has(source) ? known : undefined;
    if (this.sources.length >= 26) return undefined;
    this.sources.push(source);
    if (!repeatable) this.once.add(source);
    return this.sources.length - 1;
  }
}

export interface SymbolicContext {
  values: ReadonlyMap<ExprNode, Value>;
  /**
   * The source of an operand whose bits a layout can name (a name, an attribute chain, a call, a subscript),
   * and whether each copy of it is the same value (not when a call is in it); undefined for anything else.
   */
  operandSource(node: ExprNode): { source: string; repeatable: boolean } | undefined;
  operands: Operands;
  budget: WorkBudget;
}

/** The layout of every node under root whose value is an int or unknown (post-order, an explicit stack). */
export function layoutTree(root: ExprNode, context: SymbolicContext): Map<ExprNode, Layout> {
  const layouts = new Map<ExprNode, Layout>();
  const stack: Array<[ExprNode, boolean]> = [[root, false]];
  while (stack.length > 0) {
    const [node, childrenDone] = stack.pop()!;
    if (childrenDone) {
      const layout = layoutOf(node, layouts, context);
      if (layout) layouts.set(node, layout);
      continue;
    }
    stack.push([node, true]);
    // Only arithmetic passes layouts on: inside calls and displays nothing is needed.
    if (node.kind === 'binary') stack.push([node.right, false], [node.left, false]);
    else if (node.kind === 'unary') stack.push([node.operand, false]);
  }
  return layouts;
}

function layoutOf(node: ExprNode, layouts: ReadonlyMap<ExprNode, Layout>, context: SymbolicContext): Layout | undefined {
  const value = context.values.get(node);
  if (value === undefined) return undefined;
  if (value.kind === 'int') return fromInt(value.value);
  if (value.kind !== 'unknown') return undefined;
  // An enum Flag member is not a plain int (`~Perm.R` keeps to the class's bits): nothing is claimed about it.
  const children = node.kind === 'binary' ? [node.left, node.right] : node.kind === 'unary' ? [node.operand] : [];
  if (children.some((child) => { const v = context.values.get(child); return v?.kind === 'int' && v.flag !== undefined; })) return UNKNOWN_LAYOUT;
  const cost = (...inputs: Array<Layout | undefined>): boolean =>
    context.budget.take(1 + inputs.reduce((sum, l) => sum + (l ? l.bits.length >> 4 : 0), 0));
  switch (node.kind) {
    case 'compare':
      // A comparison of ints is a bool: 0 or 1.
      return { bits: [UNKNOWN_BIT], tail: { kind: 'const', bit: 0 } };
    case 'unary': {
      if (node.op === 'not') return { bits: [UNKNOWN_BIT], tail: { kind: 'const', bit: 0 } };
      const operand = layouts.get(node.operand);
      if (operand === undefined || !cost(operand)) return UNKNOWN_LAYOUT;
      return node.op === '~' ? invert(operand) : node.op === '+' ? operand : UNKNOWN_LAYOUT;
    }
    case 'binary': {
      const left = layouts.get(node.left), right = layouts.get(node.right);
      if (left === undefined || right === undefined || !cost(left, right)) return UNKNOWN_LAYOUT;
      const rightValue = context.values.get(node.right), leftValue = context.values.get(node.left);
      const count = rightValue?.kind === 'int' ? rightValue.value : undefined;
      const power = (v: Value | undefined): number | undefined => (v?.kind === 'int' ? log2Exact(v.value) : undefined);
      switch (node.op) {
        case '&': return bitwise(left, right, andBit);
        case '|': return bitwise(left, right, orBit);
        case '^': return bitwise(left, right, xorBit);
        case '<<': return count !== undefined && count >= 0n && count <= BigInt(MAX_LAYOUT_BITS) ? shiftLeft(left, Number(count)) : UNKNOWN_LAYOUT;
        case '>>': return count !== undefined && count >= 0n && count < BigInt(INDEX_LIMIT / 2) ? shiftRight(left, Number(count)) : UNKNOWN_LAYOUT;
        case '*': {
          const k = power(rightValue) ?? power(leftValue);
          if (k === undefined) return UNKNOWN_LAYOUT;
          return power(rightValue) !== undefined ? shiftLeft(left, k) : shiftLeft(right, k);
        }
        case '//': {
          const k = power(rightValue);
          return k === undefined ? UNKNOWN_LAYOUT : shiftRight(left, k);
        }
        case '%': {
          const k = power(rightValue);
          return k === undefined ? UNKNOWN_LAYOUT : lowBits(left, k);
        }
        default: return UNKNOWN_LAYOUT;
      }
    }
    default: {
      const operand = context.operandSource(node);
      const id = operand === undefined ? undefined : context.operands.idOf(operand.source, operand.repeatable);
      return id === undefined ? UNKNOWN_LAYOUT : { bits: [], tail: { kind: 'operand', operand: id, shift: 0, flipped: false } };
    }
  }
}

/**
 * A run of result bits `from`..`to` (to is Infinity for "and up") that are one constant, unknown, or one
 * operand's consecutive bits from `index` up (flipped or not).
 */
export type Run = { from: number; to: number } & (
  | { kind: 'const'; bit: 0 | 1 } | { kind: 'unknown' } | { kind: 'operand'; operand: number; index: number; flipped: boolean });

/** The layout as runs, lowest bits first; the last run reaches Infinity. */
export function runsOf(layout: Layout): Run[] {
  const runs: Run[] = [];
  const extend = (p: number, m: BitMeaning): boolean => {
    const last = runs[runs.length - 1];
    if (last === undefined || last.to !== p - 1 || last.kind !== m.kind) return false;
    if (last.kind === 'const' && m.kind === 'const' && last.bit !== m.bit) return false;
    if (last.kind === 'operand' && m.kind === 'operand'
      && (last.operand !== m.operand || last.flipped !== m.flipped || last.index + (p - last.from) !== m.index)) return false;
    last.to = p;
    return true;
  };
  const n = layout.bits.length;
  for (let p = 0; p < n; p++) {
    const m = meaningOf(layout.bits[p]);
    if (!extend(p, m)) runs.push(m.kind === 'operand' ? { from: p, to: p, ...m } : { from: p, to: p, ...m } as Run);
  }
  const tail = layout.tail;
  const tailMeaning: BitMeaning = tail.kind === 'operand'
    ? { kind: 'operand', operand: tail.operand, index: n - tail.shift, flipped: tail.flipped } : tail;
  if (!extend(n, tailMeaning)) runs.push({ from: n, to: n, ...tailMeaning } as Run);
  runs[runs.length - 1].to = Infinity;
  return runs;
}
