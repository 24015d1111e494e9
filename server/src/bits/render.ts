/**
 * The hover's markdown: one code block with the operation laid out bit by bit, then `= result` in the
 * configured bases, then notes.
 *
 * Every row is right-aligned to one width shared by the whole block, so bits line up across operands,
 * results and steps; shifts therefore show the bits moving. The operator sits at the left, a rule precedes
 * each result. Negative numbers are drawn in two's complement; when any row is negative every row gets a
 * `…` prefix (the leftmost bit shown repeats forever), with a note saying why. Values wider than `maxBits`
 * show their low bits behind a `«` prefix.
 */
import { bitLength, popCount, pythonRepr, signedBitLength } from './bigints';
import { FlagClass, Value } from './evaluate';
import { Base, BitsHoverOptions } from './options';
import { layoutMap, movedBits } from './layoutText';
import { bitAt, isInformative, Layout, meaningOf } from './symbolic';
import { BinaryNode, ExprNode, isBitwise, UnaryNode } from './tree';

export interface RenderContext {
  values: ReadonlyMap<ExprNode, Value>;
  /** The node's source on one line, without its outer parentheses. */
  sourceOf(node: ExprNode): string;
  /** For names bound to a constant: the 1-based line of the binding. */
  bindingLineOf(node: ExprNode): number | undefined;
  options: BitsHoverOptions;
  /** Symbolic layouts of nodes whose value is unknown (symbolic.ts), and the operands they name. */
  layouts?: ReadonlyMap<ExprNode, Layout>;
  operandSources?: readonly string[];
}

/** A row of the block: an operator column, a bits column, a label. */
type Row =
  /** `layout`: the symbolic bits drawn when the value is not known. */
  | { type: 'value'; op: string; value: bigint | undefined; label: string; layout?: Layout }
  | { type: 'rule'; op: string; label: string }
  | { type: 'gap' };

const MAX_LABEL = 48;
/** Steps drawn at most; earlier ones are summarized (a 10,000-step chain must not draw 10,000 steps). */
const MAX_STEPS = 8;
const RULE = '─';

export function renderOperation(node: BinaryNode | UnaryNode, context: RenderContext, notes: readonly string[]): string {
  const steps = bitwiseSteps(node);
  const shown = steps.slice(-MAX_STEPS);
  const rows: Row[] = [];
  let failure: Value | undefined;
  for (const step of shown) {
    if (rows.length > 0) rows.push({ type: 'gap' });
    const result = context.values.get(step)!;
    const failed = result.kind === 'error' || result.kind === 'tooLarge' || result.kind === 'notInt';
    // Only the step where a failure starts is drawn; the steps above it just pass it on.
    if (failed && childrenOfStep(step).some((child) => isFailure(context.values.get(child)!))) break;
    rows.push(...stepRows(step, context, !failed));
    if (failed) {
      failure = result;
      break;
    }
  }
  const letters = operandLetters(context.operandSources ?? []);
  const parts = [codeBlock(rows, context.options, letters)];
  if (steps.length > shown.length) parts.push(`(${steps.length - shown.length} earlier steps not shown)`);
  const value = context.values.get(node)!;
  parts.push(resultLine(failure ?? value, context, node));
  parts.push(...notes);
  const legend = legendOf(rows, context.options, letters, context.operandSources ?? []);
  if (legend) parts.push(legend);
  return parts.filter((p) => p.length > 0).join('\n\n');
}

/** An integer literal in every base with its bit layout. */
export function renderLiteral(text: string, value: bigint, options: BitsHoverOptions): string {
  const rows: Row[] = [{ type: 'value', op: '', value, label: text }];
  const all: Base[] = ['dec', 'hex', 'bin', 'oct'];
  const bits = bitLength(value);
  const parts = [
    codeBlock(rows, options),
    '= ' + all.map((base) => '`' + abbreviate(pythonRepr(value, base)) + '`').join(' · '),
    `${bits} bit${bits === 1 ? '' : 's'} long, ${popCount(value)} set`,
  ];
  const legend = legendOf(rows, options);
  if (legend) parts.push(legend);
  return parts.join('\n\n');
}

/** The bitwise operations inside node (not inside calls or displays), innermost first, node last. */
function bitwiseSteps(node: ExprNode): Array<BinaryNode | UnaryNode> {
  const steps: Array<BinaryNode | UnaryNode> = [];
  const stack: Array<[ExprNode, boolean]> = [[node, false]];
  while (stack.length > 0) {
    const [current, childrenDone] = stack.pop()!;
    if (childrenDone) {
      if (isBitwise(current)) steps.push(current);
      continue;
    }
    stack.push([current, true]);
    for (const child of childrenOfStep(current).reverse()) stack.push([child, false]);
  }
  return steps;
}

function childrenOfStep(node: ExprNode): ExprNode[] {
  if (node.kind === 'binary') return [node.left, node.right];
  if (node.kind === 'unary') return [node.operand];
  return [];
}

function isFailure(value: Value): boolean {
  return value.kind === 'error' || value.kind === 'tooLarge' || value.kind === 'notInt';
}

function stepRows(step: BinaryNode | UnaryNode, context: RenderContext, withResult: boolean): Row[] {
  const rows: Row[] = [];
  if (step.kind === 'unary') {
    rows.push(operandRow('', step.operand, context));
    rows.push({ type: 'rule', op: '~', label: 'flip every bit' });
  } else if (step.op === '<<' || step.op === '>>') {
    // The count is not a bit pattern: it labels the rule, and the aligned rows show the bits moving.
    rows.push(operandRow('', step.left, context));
    rows.push({ type: 'rule', op: step.op, label: `${step.op === '<<' ? 'left' : 'right'} by ${operandLabel(step.right, context)}` });
  } else {
    rows.push(operandRow('', step.left, context));
    rows.push(operandRow(step.op, step.right, context));
    rows.push({ type: 'rule', op: '', label: '' });
  }
  if (withResult) {
    const value = intOf(context.values.get(step)!);
    let label = truncate(context.sourceOf(step)) + valueSuffix(value, context);
    // Letters do not say which bit of the operand they are: a step that moves bits says where they come from.
    const layout = value === undefined ? context.layouts?.get(step) : undefined;
    const moved = layout && movedBits(layout, context.operandSources ?? []);
    if (moved) label += ` = ${moved}`;
    const dropped = droppedBits(step, context);
    if (dropped) label += ` (shifted out: ${dropped})`;
    rows.push({ type: 'value', op: '', value, label, layout: layoutFor(step, value, context) });
  }
  return rows;
}

function operandRow(op: string, node: ExprNode, context: RenderContext): Row {
  const value = intOf(context.values.get(node)!);
  return { type: 'value', op, value, label: operandLabel(node, context), layout: layoutFor(node, value, context) };
}

/** The node's symbolic layout, when its value is not known and the layout says something. */
function layoutFor(node: ExprNode, value: bigint | undefined, context: RenderContext): Layout | undefined {
  const layout = value === undefined ? context.layouts?.get(node) : undefined;
  return layout && isInformative(layout) ? layout : undefined;
}

/**
 * The letter drawn for each operand's bits: the first letter of its last name part (`f` for `self.flags`,
 * `r` for `self.read(4)`, `b` for `buf[i]`) if free (never o or l, like 0 and 1).
 */
function operandLetters(sources: readonly string[]): string[] {
  const taken = new Set(['o', 'l']);
  return sources.map((source) => {
    const bracket = source.search(/[([]/);
    const head = bracket < 0 ? source : source.slice(0, bracket);
    const name = head.slice(head.lastIndexOf('.') + 1).toLowerCase();
    const letter = [...name, ...'abcdefghijkmnpqrstuvwxyz'].find((c) => c >= 'a' && c <= 'z' && !taken.has(c)) ?? '?';
    taken.add(letter);
    return letter;
  });
}

/** The symbolic row's bits: 0, 1, ? or the operand's letter (capital: flipped). */
function symbolicBits(layout: Layout, width: number, letters: readonly string[]): string {
  let out = '';
  for (let p = width - 1; p >= 0; p--) {
    const m = meaningOf(bitAt(layout, p));
    out += m.kind === 'const' ? String(m.bit) : m.kind === 'unknown' ? '?'
      : m.flipped ? letters[m.operand].toUpperCase() : letters[m.operand];
  }
  return out;
}

/** Bits a symbolic row needs to show (its tail at least once when that is not 0). */
function layoutWidth(layout: Layout): number {
  return layout.bits.length + (layout.tail.kind === 'const' && layout.tail.bit === 0 ? 0 : 1);
}

function unboundedTail(layout: Layout): boolean {
  return !(layout.tail.kind === 'const' && layout.tail.bit === 0);
}

/** The operand's source, its value when the source does not already spell it, and where a name was bound. */
function operandLabel(node: ExprNode, context: RenderContext): string {
  const value = context.values.get(node)!;
  const source = truncate(context.sourceOf(node));
  if (value.kind === 'tooLarge') return `${source} (not computed: ${value.message})`;
  const known = intOf(value);
  const line = context.bindingLineOf(node);
  // `15` and `-6` already say their value; `0x0F`, `MASK` and `x - 1` do not.
  const spelled = known !== undefined && source.replace(/[_ ]/g, '') === known.toString();
  return source + (spelled ? '' : valueSuffix(known, context)) + (line !== undefined ? ` (line ${line})` : '');
}

function valueSuffix(value: bigint | undefined, context: RenderContext): string {
  if (value === undefined) return '';
  return bitLength(value) > context.options.maxBits ? ` = ${bitLength(value)}-bit number` : ` = ${value}`;
}

/** For `>>` with known operands, the bits that fall off the right end (if few enough to show). */
function droppedBits(step: BinaryNode | UnaryNode, context: RenderContext): string | undefined {
  if (step.kind !== 'binary' || step.op !== '>>') return undefined;
  const left = intOf(context.values.get(step.left)!);
  const count = intOf(context.values.get(step.right)!);
  if (left === undefined || count === undefined || count <= 0n || count > 16n) return undefined;
  return (left & ((1n << count) - 1n)).toString(2).padStart(Number(count), '0');
}

function intOf(value: Value): bigint | undefined {
  return value.kind === 'int' ? value.value : undefined;
}

interface BlockLayout {
  /** Bits drawn per row. */
  width: number;
  groupSize: number;
  anyNegative: boolean;
  /** Widest row, when wider than `width`. */
  cutFrom?: number;
}

function layoutOf(rows: readonly Row[], options: BitsHoverOptions): BlockLayout {
  const groupSize = options.grouping === 'byte' ? 8 : 4;
  const values = rows.flatMap((r) => (r.type === 'value' && r.value !== undefined ? [r.value] : []));
  const layouts = rows.flatMap((r) => (r.type === 'value' && r.layout !== undefined ? [r.layout] : []));
  const anyNegative = values.some((v) => v < 0n) || layouts.some(unboundedTail);
  // With negatives present every row keeps a sign bit, so the leftmost bit shown is the one that repeats.
  let needed = options.minWidth;
  for (const v of values) needed = Math.max(needed, anyNegative ? signedBitLength(v) : bitLength(v));
  for (const l of layouts) needed = Math.max(needed, layoutWidth(l));
  const roundUp = (bits: number): number => Math.ceil(bits / groupSize) * groupSize;
  const limit = roundUp(options.maxBits);
  return needed > limit
    ? { width: limit, groupSize, anyNegative, cutFrom: needed }
    : { width: roundUp(needed), groupSize, anyNegative };
}

function codeBlock(rows: readonly Row[], options: BitsHoverOptions, letters: readonly string[] = []): string {
  if (rows.length === 0) return '';
  const layout = layoutOf(rows, options);
  const opWidth = Math.max(...rows.map((r) => (r.type === 'gap' ? 0 : r.op.length)));
  const hasPrefix = layout.anyNegative || layout.cutFrom !== undefined;
  const bitsWidth = layout.width + (layout.width / layout.groupSize - 1) + (hasPrefix ? 1 : 0);
  const lines = rows.map((row) => {
    if (row.type === 'gap') return '';
    const op = row.op.padEnd(opWidth);
    const left = opWidth > 0 ? op + ' ' : '';
    switch (row.type) {
      case 'rule': return (left + RULE.repeat(bitsWidth) + '  ' + row.label).trimEnd();
      case 'value': {
        const bits = row.value !== undefined ? twosComplement(row.value, layout.width)
          : row.layout ? symbolicBits(row.layout, layout.width, letters) : '?'.repeat(layout.width);
        const rowWidth = row.value !== undefined ? (layout.anyNegative ? signedBitLength(row.value) : bitLength(row.value))
          : row.layout ? layoutWidth(row.layout) : 0;
        const prefix = !hasPrefix ? '' : layout.cutFrom !== undefined && rowWidth > layout.width ? '«'
          : layout.anyNegative ? '…' : ' ';
        return (left + prefix + group(bits, layout.groupSize) + '  ' + row.label).trimEnd();
      }
    }
  });
  return '```\n' + lines.join('\n') + '\n```';
}

function legendOf(rows: readonly Row[], options: BitsHoverOptions, letters: readonly string[] = [], sources: readonly string[] = []): string {
  if (!rows.some((r) => r.type === 'value')) return '';
  const layout = layoutOf(rows, options);
  const notes: string[] = [];
  const symbolic = rows.flatMap((r) => (r.type === 'value' && r.layout ? [r.layout] : []));
  const shown = new Set<number>(), flipped = new Set<number>();
  for (const l of symbolic) {
    for (let p = 0; p < layout.width; p++) {
      const m = meaningOf(bitAt(l, p));
      if (m.kind === 'operand') (m.flipped ? flipped : shown).add(m.operand);
    }
  }
  for (const k of flipped) shown.add(k);
  if (shown.size > 0) {
    const named = [...shown].sort((a, b) => a - b).map((k) => `\`${letters[k]}\` stands for a bit of \`${sources[k]}\``
      + (flipped.has(k) ? `, \`${letters[k].toUpperCase()}\` for one flipped` : ''));
    notes.push(named.join('; ') + (symbolic.some((l) => l.bits.some((b) => meaningOf(b).kind === 'unknown')) ? '; `?` is unknown.' : '.'));
  }
  if (symbolic.some((l) => l.tail.kind === 'operand')) {
    notes.push('`…` before a letter: the operand\'s higher bits go on without end (its width is not known: a Python int is unbounded).');
  }
  if (layout.anyNegative && rows.some((r) => r.type === 'value' && (r.value !== undefined ? r.value < 0n : r.layout?.tail.kind === 'const' && r.layout.tail.bit === 1))) {
    notes.push('`…` the leftmost bit shown repeats forever: Python ints have no fixed width, so a negative number '
      + 'behaves as if it had infinitely many leading 1s (two\'s complement).');
  }
  if (layout.cutFrom !== undefined) notes.push(`\`«\` only the low ${layout.width} of ${layout.cutFrom} bits are shown.`);
  return notes.join('\n\n');
}

/** The low `width` bits of value in two's complement. */
function twosComplement(value: bigint, width: number): string {
  return (value & ((1n << BigInt(width)) - 1n)).toString(2).padStart(width, '0');
}

function group(bits: string, size: number): string {
  const groups: string[] = [];
  for (let i = 0; i < bits.length; i += size) groups.push(bits.slice(i, i + size));
  return groups.join(' ');
}

/** `= 10 · 0xa · 0b1010` for an int; otherwise what went wrong or what the result depends on. */
function resultLine(value: Value, context: RenderContext, node: ExprNode): string {
  switch (value.kind) {
    case 'int': {
      const members = value.flag && flagMembers(value.value, value.flag);
      return '= ' + context.options.bases.map((base) => '`' + abbreviate(pythonRepr(value.value, base)) + '`').join(' · ')
        + (bitLength(value.value) > context.options.maxBits ? ` (${bitLength(value.value)} bits)` : '')
        + (members ? ` · \`${members}\`` : '');
    }
    case 'error':
      return `Python raises **${value.error}**: ${value.message}.`;
    case 'tooLarge':
      return `Not computed: ${value.message}.`;
    case 'notInt':
      return `Not an integer operation: ${value.message}.`;
    case 'unknown': {
      const layout = context.layouts?.get(node);
      if (layout && isInformative(layout)) return layoutMap(layout, context.operandSources ?? []);
      const unknowns = unknownOperands(node, context);
      return unknowns.length === 0 ? 'The result is not known.'
        : `The result depends on ${unknowns.map((u) => '`' + truncate(u) + '`').join(', ')}, not known constants here.`;
    }
  }
}

/** The distinct operands (names, calls) whose values are unknown, at most three. */
function unknownOperands(node: ExprNode, context: RenderContext): string[] {
  const found = new Set<string>();
  const stack: ExprNode[] = [node];
  while (stack.length > 0 && found.size < 3) {
    const current = stack.pop()!;
    const children = childrenOfStep(current);
    if (children.length === 0 && context.values.get(current)?.kind === 'unknown' && current.kind !== 'missing') {
      found.add(context.sourceOf(current));
    }
    stack.push(...children.reverse());
  }
  return [...found];
}

/**
 * A Flag value as its members, as Python names it: a member with exactly that value, else the single-bit
 * members it holds in definition order, with bits no member names as a number (`Perm.R|Perm.W`, `Perm.R|8`).
 */
function flagMembers(value: bigint, flag: FlagClass): string | undefined {
  if (value < 0n) return undefined;
  const exact = flag.members.find((m) => m.value === value);
  if (exact) return `${flag.name}.${exact.name}`;
  const names: string[] = [];
  let rest = value;
  for (const m of flag.members) {
    if (m.value > 0n && (m.value & (m.value - 1n)) === 0n && (rest & m.value) !== 0n && !names.includes(m.name)) {
      names.push(`${flag.name}.${m.name}`);
      rest &= ~m.value;
    }
  }
  if (names.length === 0) return value === 0n ? `${flag.name}(0)` : undefined;
  return names.join('|') + (rest !== 0n ? `|${rest}` : '');
}

function truncate(text: string): string {
  return text.length <= MAX_LABEL ? text : text.slice(0, MAX_LABEL - 1) + '…';
}

/** Long digit strings keep their ends: `0x1000…0000`. */
function abbreviate(repr: string): string {
  return repr.length <= 40 ? repr : `${repr.slice(0, 18)}…${repr.slice(-16)}`;
}
