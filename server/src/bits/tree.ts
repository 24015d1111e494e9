/**
 * The expression tree the bitwise hover works on: one logical line of Python, parsed as far as integer
 * arithmetic goes. Everything the hover cannot reason about (calls, subscripts, strings, lambdas, displays)
 * becomes an opaque node that still keeps its inner expressions, so hovering inside `f(a & b)` works.
 *
 * Nodes refer to tokens by index into the token array the parser was given; spans include the parentheses
 * that wrap a node, so a node's source text is exactly what a reader sees.
 */

export type BinaryOp = '|' | '^' | '&' | '<<' | '>>' | '+' | '-' | '*' | '/' | '//' | '%' | '@' | '**';
export type UnaryOp = '-' | '+' | '~' | 'not';
export type CompareOp = '<' | '>' | '==' | '>=' | '<=' | '!=' | 'in' | 'not in' | 'is' | 'is not';

/** The operators the hover is about (the trigger of section 4 of the design). */
export const BITWISE_BINARY_OPS: ReadonlySet<string> = new Set(['&', '|', '^', '<<', '>>']);

interface NodeBase {
  /** First and last token index (inclusive), wrapping parentheses included. */
  first: number;
  last: number;
  /** How many pairs of parentheses wrap the node. */
  parens: number;
  /** The enclosing node; opaque nodes are the parents of their inner expressions. */
  parent?: ExprNode;
}

/** An integer literal, or True/False. */
export interface IntLiteralNode extends NodeBase { kind: 'int'; token: number; text: string }
export interface NameNode extends NodeBase { kind: 'name'; name: string }
/** Anything that is not integer arithmetic; `items` are the expressions found inside it. */
export interface OpaqueNode extends NodeBase {
  kind: 'opaque'; what: string; items: ExprNode[];
  /** For `what: 'attribute'`: the attribute's name (the base is items[0]). */
  attribute?: string;
}

/** `a.b.c` as ['a', 'b', 'c'] when the node is a name or an attribute chain of names, else undefined. */
export function dottedPath(node: ExprNode): string[] | undefined {
  const parts: string[] = [];
  let current = node;
  while (current.kind === 'opaque' && current.what === 'attribute' && current.attribute !== undefined && current.items.length === 1) {
    parts.push(current.attribute);
    current = current.items[0];
  }
  if (current.kind !== 'name') return undefined;
  parts.push(current.name);
  return parts.reverse();
}
export interface UnaryNode extends NodeBase { kind: 'unary'; op: UnaryOp; opToken: number; operand: ExprNode }
export interface BinaryNode extends NodeBase {
  kind: 'binary'; op: BinaryOp; opToken: number; left: ExprNode; right: ExprNode;
  /** Built from `target op= value`: the right side is the whole value, as Python evaluates it. */
  augmented: boolean;
}
/** A comparison chain `a < b <= c` (Python's: `a < b and b <= c`, b evaluated once). */
export interface CompareNode extends NodeBase { kind: 'compare'; operands: ExprNode[]; ops: CompareOp[] }
/** `a and b`, `a or b`: the value of one operand, the right one evaluated only when needed. */
export interface BoolOpNode extends NodeBase { kind: 'boolop'; op: 'and' | 'or'; opToken: number; left: ExprNode; right: ExprNode }
/** `body if test else orelse`: the test is evaluated first. */
export interface IfExpNode extends NodeBase { kind: 'ifexp'; body: ExprNode; test: ExprNode; orelse: ExprNode }
/** Where an operand was expected but the line does not have one (code being typed). */
export interface MissingNode extends NodeBase { kind: 'missing' }

export type ExprNode = IntLiteralNode | NameNode | OpaqueNode | UnaryNode | BinaryNode | CompareNode | BoolOpNode | IfExpNode
  | MissingNode;

/** The node's inner expressions, in the order Python evaluates them. */
export function childrenOf(node: ExprNode): readonly ExprNode[] {
  switch (node.kind) {
    case 'binary': case 'boolop': return [node.left, node.right];
    case 'unary': return [node.operand];
    case 'compare': return node.operands;
    case 'ifexp': return [node.test, node.body, node.orelse];
    case 'opaque': return node.items;
    default: return [];
  }
}

/** Whether the node is an operation the hover lays out bit by bit. */
export function isBitwise(node: ExprNode): node is BinaryNode | UnaryNode {
  return (node.kind === 'binary' && BITWISE_BINARY_OPS.has(node.op)) || (node.kind === 'unary' && node.op === '~');
}

/** The node with its wrapping parentheses taken off, as a token range. */
export function innerRange(node: ExprNode): [number, number] {
  return [node.first + node.parens, node.last - node.parens];
}
