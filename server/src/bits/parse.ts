/**
 * Operator-precedence parser for the expressions on one logical line.
 *
 * Python's precedence, lowest first: `x if c else y` < `or` < `and` < `not` < comparisons (chained: `a < b < c`)
 * < `|` < `^` < `&` < `<< >>` < `+ -` < `* / // % @` < unary `- + ~` < `**`. `**` is right-associative and its
 * right operand may be unary (`2 ** -1`), while a unary operator on its left binds looser (`-2 ** 2 == -4`).
 * Everything else (`,`, `=`, `:`, `lambda`, other keywords, an `if` with no `else`, as in a comprehension)
 * separates expressions.
 *
 * The parser is a shunting-yard with an explicit stack of bracket frames instead of recursion, so 10,000
 * nested parentheses cost memory, not call stack. It never fails: a missing operand becomes a `missing` node,
 * unmatched closers are skipped, and unclosed brackets are closed at the end of the line.
 */
import { isKeyword } from '../python/lexer/chars';
import { Token, TokenKind } from '../python/tokens';
import { BinaryNode, BinaryOp, BoolOpNode, CompareNode, CompareOp, ExprNode, IfExpNode, MissingNode, OpaqueNode, UnaryNode, UnaryOp } from './tree';

export interface ParsedLine {
  /** The top-level expressions, left to right. */
  roots: ExprNode[];
  /** For each token index, the node it belongs to (operators belong to their operation). */
  owner: Array<ExprNode | undefined>;
}

interface OpInfo { precedence: number; rightAssociative: boolean }

const BINARY_OPERATORS: ReadonlyMap<string, OpInfo> = new Map<string, OpInfo>([
  ['|', { precedence: 1, rightAssociative: false }],
  ['^', { precedence: 2, rightAssociative: false }],
  ['&', { precedence: 3, rightAssociative: false }],
  ['<<', { precedence: 4, rightAssociative: false }],
  ['>>', { precedence: 4, rightAssociative: false }],
  ['+', { precedence: 5, rightAssociative: false }],
  ['-', { precedence: 5, rightAssociative: false }],
  ['*', { precedence: 6, rightAssociative: false }],
  ['/', { precedence: 6, rightAssociative: false }],
  ['//', { precedence: 6, rightAssociative: false }],
  ['%', { precedence: 6, rightAssociative: false }],
  ['@', { precedence: 6, rightAssociative: false }],
  ['**', { precedence: 8, rightAssociative: true }],
]);
const UNARY_PRECEDENCE = 7;
const COMPARISON: OpInfo = { precedence: 0.5, rightAssociative: false };
const NOT_PRECEDENCE = 0.4;
const AND: OpInfo = { precedence: 0.3, rightAssociative: false };
const OR: OpInfo = { precedence: 0.2, rightAssociative: false };
const CONDITIONAL: OpInfo = { precedence: 0.1, rightAssociative: true };
const COMPARISON_OPERATORS: ReadonlySet<string> = new Set(['<', '>', '==', '>=', '<=', '!=']);

/** The augmented assignments that count as bitwise operations, mapped to their operator. */
export const BITWISE_AUGMENTED: ReadonlyMap<string, BinaryOp> = new Map<string, BinaryOp>([
  ['&=', '&'], ['|=', '|'], ['^=', '^'], ['<<=', '<<'], ['>>=', '>>'],
]);

type PendingOp =
  | { unary: true; op: UnaryOp; token: number }
  | { unary: false; type: 'binary'; op: BinaryOp; token: number; info: OpInfo }
  | { unary: false; type: 'compare'; op: CompareOp; token: number; info: OpInfo }
  | { unary: false; type: 'bool'; op: 'and' | 'or'; token: number; info: OpInfo }
  /** `if` of a conditional expression; `elseToken` once its `else` is read (it then takes three operands). */
  | { unary: false; type: 'if'; token: number; info: OpInfo; elseToken?: number };

const CLOSER_OF: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };

/** One bracket level (or the line itself): the expression being built and the ones already finished. */
interface Frame {
  /** 'line' for the top level; 'group' for `( )` that may be plain parentheses; the rest become opaque. */
  role: 'line' | 'group' | 'call' | 'subscript' | 'display';
  openToken: number;
  closer: string;
  /** The called or subscripted expression, for 'call' and 'subscript'. */
  target?: ExprNode;
  items: ExprNode[];
  /** Tokens at this level that belong to no expression (commas, keywords); they belong to the bracket. */
  separators: number[];
  operands: ExprNode[];
  ops: PendingOp[];
  /** How many of `ops` are binary: an operand is expected while operands do not outnumber them. */
  binaryOps: number;
  /** `target op= ...` seen at this level, waiting for its value. */
  augmented?: { target: ExprNode; op: BinaryOp; token: number };
}

function newFrame(role: Frame['role'], openToken: number, closer: string, target?: ExprNode): Frame {
  return { role, openToken, closer, target, items: [], separators: [], operands: [], ops: [], binaryOps: 0 };
}

export function parseLine(tokens: readonly Token[], text: string): ParsedLine {
  return new LineParser(tokens, text).parse();
}

class LineParser {
  private readonly owner: Array<ExprNode | undefined>;
  private readonly frames: Frame[] = [newFrame('line', -1, '')];
  /** The `if` tokens that have their `else` (the others end a comprehension's clause or a match guard). */
  private readonly conditionalIfs = new Set<number>();

  constructor(private readonly tokens: readonly Token[], private readonly text: string) {
    this.owner = new Array<ExprNode | undefined>(tokens.length);
    this.findConditionalIfs();
  }

  /** One pass: each `else` belongs to the latest `if` at its bracket depth not cut off by `,` `:` `=` `;` or `for`. */
  private findConditionalIfs(): void {
    const pending: number[][] = [[]];
    for (let i = 0; i < this.tokens.length; i++) {
      const t = this.tokens[i];
      if (t.kind !== TokenKind.Name && t.kind !== TokenKind.Op) continue;
      const v = this.value(i);
      const level = pending[pending.length - 1];
      if (v === '(' || v === '[' || v === '{') pending.push([]);
      else if ((v === ')' || v === ']' || v === '}') && pending.length > 1) pending.pop();
      else if (v === 'if') level.push(i);
      else if (v === 'else') {
        const found = level.pop();
        if (found !== undefined) this.conditionalIfs.add(found);
      } else if (v === ',' || v === ':' || v === '=' || v === ';' || v === 'for') level.length = 0;
    }
  }

  parse(): ParsedLine {
    for (let i = 0; i < this.tokens.length; i += this.step(i));
    while (this.frames.length > 1) this.closeFrame(this.tokens.length - 1);
    const line = this.frames[0];
    this.finishExpression(line);
    this.finishAugmented(line);
    return { roots: line.items, owner: this.owner };
  }

  private get frame(): Frame {
    return this.frames[this.frames.length - 1];
  }

  private value(i: number): string {
    const t = this.tokens[i];
    return this.text.slice(t.start, t.end);
  }

  /** Whether the expression being built ends in an operand (so the next token should be an operator). */
  private expectsOperator(frame: Frame): boolean {
    return frame.operands.length > frame.binaryOps;
  }

  /** Handles the token at i (and sometimes the next); returns how many tokens it consumed. */
  private step(i: number): number {
    const token = this.tokens[i];
    const value = this.value(i);
    const frame = this.frame;
    switch (token.kind) {
      case TokenKind.Number:
        this.pushOperand(frame, isIntegerNumber(value)
          ? { kind: 'int', token: i, text: value, first: i, last: i, parens: 0 }
          : this.opaque('number', i, i, []));
        return 1;
      case TokenKind.String:
        if (this.expectsOperator(frame)) {
          // Adjacent string literals are one string.
          const last = frame.operands[frame.operands.length - 1];
          if (last.kind === 'opaque' && last.what === 'string' && last.last === i - 1) {
            last.last = i;
            this.owner[i] = last;
            return 1;
          }
        }
        this.pushOperand(frame, this.opaque('string', i, i, []));
        return 1;
      case TokenKind.Name:
        if (value === 'True' || value === 'False') {
          this.pushOperand(frame, { kind: 'int', token: i, text: value, first: i, last: i, parens: 0 });
        } else if (value === 'None') {
          this.pushOperand(frame, this.opaque('None', i, i, []));
        } else if (isKeyword(value)) {
          const consumed = this.keywordOperator(frame, i, value);
          if (consumed > 0) return consumed;
          this.separate(frame, i);
        } else {
          this.pushOperand(frame, { kind: 'name', name: value, first: i, last: i, parens: 0 });
        }
        return 1;
      case TokenKind.Op:
        return this.operatorToken(frame, i, value);
      default:
        // Error tokens and anything else end the expression being built.
        this.separate(frame, i);
        return 1;
    }
  }

  /** `and`, `or`, `not`, `in`, `not in`, `is`, `is not`, `if`/`else` of a conditional: tokens consumed, or 0. */
  private keywordOperator(frame: Frame, i: number, value: string): number {
    const afterOperand = this.expectsOperator(frame);
    const next = this.tokens[i + 1] === undefined ? '' : this.value(i + 1);
    if (!afterOperand) {
      if (value !== 'not') return 0;
      frame.ops.push({ unary: true, op: 'not', token: i });
      return 1;
    }
    if (value === 'and' || value === 'or') {
      this.pushBinary(frame, { unary: false, type: 'bool', op: value, token: i, info: value === 'and' ? AND : OR });
      return 1;
    }
    if (value === 'in' || value === 'is' || (value === 'not' && next === 'in')) {
      const two = value === 'not' || (value === 'is' && next === 'not');
      const op: CompareOp = value === 'in' ? 'in' : value === 'not' ? 'not in' : two ? 'is not' : 'is';
      if (two) this.ownerOfSecond.set(i, i + 1);
      this.pushBinary(frame, { unary: false, type: 'compare', op, token: i, info: COMPARISON });
      return two ? 2 : 1;
    }
    if (value === 'if' && this.conditionalIfs.has(i)) {
      this.pushBinary(frame, { unary: false, type: 'if', token: i, info: CONDITIONAL });
      return 1;
    }
    if (value === 'else') {
      // Everything since the `if` (its test) is complete: reduce down to the `if` waiting for this `else`.
      while (frame.ops.length > 0) {
        const top = frame.ops[frame.ops.length - 1];
        if (!top.unary && top.type === 'if' && top.elseToken === undefined) {
          top.elseToken = i;
          frame.binaryOps++;
          return 1;
        }
        this.reduceOnce(frame);
      }
    }
    return 0;
  }

  /** Second tokens of `not in` and `is not`, by their first: owned by the same comparison. */
  private readonly ownerOfSecond = new Map<number, number>();

  private pushBinary(frame: Frame, op: Exclude<PendingOp, { unary: true }>): void {
    this.reduceWhileTighter(frame, op.info);
    frame.ops.push(op);
    frame.binaryOps++;
  }

  private operatorToken(frame: Frame, i: number, value: string): number {
    const afterOperand = this.expectsOperator(frame);
    if (value === '(' || value === '[' || value === '{') {
      if (afterOperand && value !== '{') {
        const target = frame.operands.pop()!;
        this.frames.push(newFrame(value === '(' ? 'call' : 'subscript', i, CLOSER_OF[value], target));
      } else {
        if (afterOperand) this.finishExpression(frame);
        this.frames.push(newFrame(value === '(' ? 'group' : 'display', i, CLOSER_OF[value]));
      }
      return 1;
    }
    if (value === ')' || value === ']' || value === '}') {
      const depth = this.innermostFrameClosedBy(value);
      if (depth < 0) {
        this.separate(frame, i); // an unmatched closer
        return 1;
      }
      while (this.frames.length - 1 > depth) this.closeFrame(i - 1);
      this.closeFrame(i);
      return 1;
    }
    if (value === '.' && afterOperand && this.tokens[i + 1]?.kind === TokenKind.Name) {
      // Attribute access: the base stays inside as an item so hovering it still works.
      const base = frame.operands.pop()!;
      const node = this.opaque('attribute', base.first, i + 1, [base]);
      node.attribute = this.value(i + 1);
      this.owner[i] = this.owner[i + 1] = node;
      frame.operands.push(node);
      return 2;
    }
    const augmented = BITWISE_AUGMENTED.get(value);
    if (augmented && this.frames.length === 1) {
      this.finishExpression(frame);
      const target = frame.items.pop();
      if (target) frame.augmented = { target, op: augmented, token: i };
      return 1;
    }
    const isUnary = value === '-' || value === '+' || value === '~';
    if (value === '~' && afterOperand) this.finishExpression(frame); // `~` is never binary: `a ~b` is two expressions
    if (isUnary && !this.expectsOperator(frame)) {
      frame.ops.push({ unary: true, op: value, token: i });
      return 1;
    }
    if (COMPARISON_OPERATORS.has(value) && afterOperand) {
      this.pushBinary(frame, { unary: false, type: 'compare', op: value as CompareOp, token: i, info: COMPARISON });
      return 1;
    }
    const info = BINARY_OPERATORS.get(value);
    if (info === undefined || (!afterOperand && (value === '*' || value === '**' || value === '@'))) {
      // Punctuation, comparisons, `*args`, `**kwargs`, a decorator's `@`: not arithmetic.
      this.separate(frame, i);
      return 1;
    }
    // A binary operator with nothing on its left (code being typed): keep going with a placeholder.
    if (!afterOperand) this.pushOperand(frame, this.missing(i));
    this.pushBinary(frame, { unary: false, type: 'binary', op: value as BinaryOp, token: i, info });
    return 1;
  }

  /** The index of the innermost frame that `closer` closes, or -1 (the line frame is never closed). */
  private innermostFrameClosedBy(closer: string): number {
    for (let k = this.frames.length - 1; k > 0; k--) if (this.frames[k].closer === closer) return k;
    return -1;
  }

  private pushOperand(frame: Frame, node: ExprNode): void {
    // Two operands in a row (`match x & 1`, code being typed): the first expression ends there.
    if (this.expectsOperator(frame)) this.finishExpression(frame);
    if (node.kind !== 'opaque' || node.items.length === 0) this.owner[node.first] = node;
    frame.operands.push(node);
  }

  /** A token that is not part of any arithmetic expression: it ends the one being built. */
  private separate(frame: Frame, token: number): void {
    this.finishExpression(frame);
    // `x &= v; y = 1`: the augmented value ends at the first separator.
    if (frame.augmented && frame.items[frame.items.length - 1]?.first > frame.augmented.token) this.finishAugmented(frame);
    frame.separators.push(token);
  }

  private reduceWhileTighter(frame: Frame, incoming: OpInfo): void {
    for (;;) {
      const top = frame.ops[frame.ops.length - 1];
      if (top === undefined) return;
      const precedence = top.unary ? (top.op === 'not' ? NOT_PRECEDENCE : UNARY_PRECEDENCE) : top.info.precedence;
      const tighter = precedence > incoming.precedence || (precedence === incoming.precedence && !incoming.rightAssociative);
      if (!tighter) return;
      this.reduceOnce(frame);
    }
  }

  private reduceOnce(frame: Frame): void {
    const op = frame.ops.pop()!;
    if (op.unary) {
      const operand = frame.operands.pop() ?? this.missing(op.token);
      const node: UnaryNode = { kind: 'unary', op: op.op, opToken: op.token, operand, first: op.token, last: operand.last, parens: 0 };
      operand.parent = node;
      this.owner[op.token] = node;
      frame.operands.push(node);
      return;
    }
    frame.binaryOps--;
    if (op.type === 'if' && op.elseToken !== undefined) frame.binaryOps--;
    const third = op.type === 'if' && op.elseToken !== undefined ? frame.operands.pop() ?? this.missing(op.elseToken) : undefined;
    const right = frame.operands.pop() ?? this.missing(op.token);
    const left = frame.operands.pop() ?? this.missing(op.token);
    let node: ExprNode;
    if (op.type === 'binary') {
      node = { kind: 'binary', op: op.op, opToken: op.token, left, right, augmented: false, first: left.first, last: right.last, parens: 0 } satisfies BinaryNode;
    } else if (op.type === 'bool') {
      node = { kind: 'boolop', op: op.op, opToken: op.token, left, right, first: left.first, last: right.last, parens: 0 } satisfies BoolOpNode;
    } else if (op.type === 'compare') {
      // `a < b < c` is one chain; a parenthesized `(a < b) < c` is not.
      if (left.kind === 'compare' && left.parens === 0) {
        left.operands.push(right);
        left.ops.push(op.op);
        left.last = right.last;
        node = left;
      } else {
        node = { kind: 'compare', operands: [left, right], ops: [op.op], first: left.first, last: right.last, parens: 0 } satisfies CompareNode;
      }
      const second = this.ownerOfSecond.get(op.token);
      if (second !== undefined) this.owner[second] = node;
    } else {
      const orelse = third ?? this.missing(op.token);
      node = { kind: 'ifexp', body: left, test: right, orelse, first: left.first, last: orelse.last, parens: 0 } satisfies IfExpNode;
      orelse.parent = node;
      if (op.elseToken !== undefined) this.owner[op.elseToken] = node;
    }
    // A chain extended (`a < b < c`) is `left` itself: it must not become its own parent (a hover on `a` looped).
    if (node !== left) left.parent = node;
    right.parent = node;
    this.owner[op.token] = node;
    frame.operands.push(node);
  }

  /** Completes the expression being built in the frame and adds it to the frame's items. */
  private finishExpression(frame: Frame): void {
    if (frame.operands.length === 0 && frame.ops.length === 0) return;
    if (!this.expectsOperator(frame)) {
      const lastOp = frame.ops[frame.ops.length - 1];
      frame.operands.push(this.missing(lastOp ? lastOp.token : 0));
    }
    while (frame.ops.length > 0) this.reduceOnce(frame);
    // Exactly one operand remains: two in a row finish the expression before the second is pushed.
    frame.items.push(frame.operands.pop()!);
    frame.operands.length = 0;
  }

  /** Turns `target op= value` into the operation Python performs: `target op (value)`. */
  private finishAugmented(frame: Frame): void {
    const pending = frame.augmented;
    if (pending === undefined) return;
    frame.augmented = undefined;
    const value = frame.items.pop() ?? this.missing(pending.token);
    const node: BinaryNode = {
      kind: 'binary', op: pending.op, opToken: pending.token, left: pending.target, right: value, augmented: true,
      first: pending.target.first, last: value.last, parens: 0,
    };
    pending.target.parent = value.parent = node;
    this.owner[pending.token] = node;
    frame.items.push(node);
  }

  /** Closes the innermost frame at token `closeToken` (its closer, or the last token if unclosed). */
  private closeFrame(closeToken: number): void {
    const frame = this.frames.pop()!;
    this.finishExpression(frame);
    const parent = this.frame;
    const closed = closeToken > frame.openToken && this.value(closeToken) === frame.closer;
    let node: ExprNode;
    if (frame.role === 'group' && frame.items.length === 1 && frame.separators.length === 0 && closed) {
      // Plain parentheses: the same expression, one more pair around it.
      node = frame.items[0];
      node.parens++;
      node.first = frame.openToken;
      node.last = closeToken;
    } else {
      const first = frame.target ? frame.target.first : frame.openToken;
      const items = frame.target ? [frame.target, ...frame.items] : frame.items;
      node = this.opaque(frame.role === 'group' ? 'tuple' : frame.role, first, Math.max(closeToken, frame.openToken), items);
      for (const separator of frame.separators) this.owner[separator] = node;
    }
    this.owner[frame.openToken] = node;
    if (closed) this.owner[closeToken] = node;
    parent.operands.push(node);
  }

  private opaque(what: string, first: number, last: number, items: ExprNode[]): OpaqueNode {
    const node: OpaqueNode = { kind: 'opaque', what, items, first, last, parens: 0 };
    for (const item of items) item.parent = node;
    if (items.length === 0) for (let i = first; i <= last; i++) this.owner[i] = node;
    return node;
  }

  private missing(token: number): MissingNode {
    return { kind: 'missing', first: token, last: token, parens: 0 };
  }
}

/** Whether a NUMBER token is an integer literal (not a float or an imaginary number). */
export function isIntegerNumber(text: string): boolean {
  const c1 = text.charCodeAt(1) | 0x20;
  if (text.charCodeAt(0) === 48 && (c1 === 0x78 || c1 === 0x6f || c1 === 0x62)) return true; // 0x 0o 0b
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || c === 95)) return false;
  }
  return true;
}
