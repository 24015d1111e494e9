/**
 * Where a `|` (or any operator) is not integer arithmetic, judged from the tokens of its logical line: type
 * annotations (`def f(x: A | None) -> B | C`, `x: A | B = ...`, `X: TypeAlias = A | B`, `type X = A | B`), a
 * class's bases and type parameters (`class R(dict[str, int | None])`), the second argument of
 * isinstance/issubclass, and match patterns (`case 0 | 1:`, where `|` means "or" between patterns). The hover
 * shows nothing there.
 *
 * Also what is known not to be an int without evaluating anything: builtin classes (`int | None` outside an
 * annotation is still a type union), calls of the builtin containers (`frozenset(...) | frozenset(...)`) and
 * dict views (`a.keys() & b.keys()`, set operations on real code's dicts).
 */
import { isKeyword } from '../python/lexer/chars';
import { Token, TokenKind } from '../python/tokens';
import { Value } from './evaluate';
import { ExprNode, OpaqueNode } from './tree';

/** Builtin names that are classes, not ints: a `|` between them is a type union. */
const BUILTIN_CLASSES: ReadonlySet<string> = new Set([
  'int', 'str', 'bytes', 'bytearray', 'float', 'complex', 'bool', 'list', 'dict', 'set', 'frozenset', 'tuple',
  'type', 'object', 'memoryview', 'range', 'slice', 'Ellipsis', 'NotImplemented',
]);

/** Calls that build something other than an int (a container, a string, a float). */
const NON_INT_CALLS: ReadonlySet<string> = new Set([
  'set', 'frozenset', 'dict', 'list', 'tuple', 'str', 'bytes', 'bytearray', 'float', 'complex', 'repr', 'format',
  'sorted', 'defaultdict', 'OrderedDict', 'Counter', 'ChainMap', 'deque',
]);

/** The value of a builtin name no statement binds, when it is known not to be an int. */
export function builtinValue(name: string): Value | undefined {
  return BUILTIN_CLASSES.has(name) ? { kind: 'notInt', message: `\`${name}\` is a class`, object: true } : undefined;
}

/** Methods that, called without arguments, give a dict's view: a set-like object, never an int. */
const DICT_VIEW_METHODS: ReadonlySet<string> = new Set(['keys', 'values', 'items']);

/** For a call node, the value when the call builds a non-int (`frozenset(...)`, `d.keys()`). */
export function callValue(call: OpaqueNode): Value | undefined {
  const target = call.items[0];
  const name = target?.kind === 'name' ? target.name : undefined;
  if (name !== undefined && NON_INT_CALLS.has(name)) return { kind: 'notInt', message: `\`${name}(...)\` is not an int`, object: true };
  const method = target?.kind === 'opaque' && target.what === 'attribute' ? target.attribute : undefined;
  if (method !== undefined && DICT_VIEW_METHODS.has(method) && call.items.length === 1) {
    return { kind: 'notInt', message: `\`.${method}()\` gives a dict view, not an int`, object: true };
  }
  return undefined;
}

/** The reason the node (tokens [first, last] of `code`) is not integer arithmetic, or undefined when it may be. */
export function nonIntegerContext(code: readonly Token[], text: string, node: ExprNode): string | undefined {
  const words = new LineWords(code, text);
  return words.matchPattern(node.first) ?? words.typeStatement() ?? words.classBases(node.first) ?? words.defAnnotation(node.first)
    ?? words.variableAnnotation(node.first) ?? typeCheckArgument(node);
}

/** The second argument of isinstance/issubclass (a class or a union of classes), anywhere inside it. */
function typeCheckArgument(node: ExprNode): string | undefined {
  for (let child = node, parent = node.parent; parent !== undefined; child = parent, parent = parent.parent) {
    if (parent.kind !== 'opaque' || parent.what !== 'call') continue;
    const target = parent.items[0];
    if (target?.kind === 'name' && (target.name === 'isinstance' || target.name === 'issubclass') && parent.items[2] === child) {
      return `the second argument of ${target.name} is a class`;
    }
  }
  return undefined;
}

class LineWords {
  /** Bracket depth before each token (a closer counts at its opener's depth). */
  private readonly depth: number[];

  constructor(private readonly code: readonly Token[], private readonly text: string) {
    this.depth = new Array<number>(code.length);
    let depth = 0;
    for (let i = 0; i < code.length; i++) {
      const v = this.value(i);
      if (v === ')' || v === ']' || v === '}') depth = Math.max(0, depth - 1);
      this.depth[i] = depth;
      if (v === '(' || v === '[' || v === '{') depth++;
    }
  }

  private value(i: number): string {
    const t = this.code[i];
    return t === undefined || t.kind === TokenKind.String ? '' : this.text.slice(t.start, t.end);
  }

  /** The first token at or after `from` at bracket depth `depth` that is `word`, or -1. */
  private find(word: string, from = 0, depth = 0, before = this.code.length): number {
    for (let i = from; i < before; i++) if (this.depth[i] === depth && this.value(i) === word) return i;
    return -1;
  }

  /** `case <pattern> [if <guard>]:`: the pattern, not the guard. */
  matchPattern(at: number): string | undefined {
    if (this.value(0) !== 'case' || this.code.length < 3) return undefined;
    const colon = this.find(':', 1);
    if (colon < 0 || this.find('=', 1, 0, colon) >= 0) return undefined;
    const guard = this.find('if', 1, 0, colon);
    return at > 0 && at < (guard < 0 ? colon : guard) ? 'a match pattern' : undefined;
  }

  /** `type X = ...` and `type X[T] = ...` (Python 3.12). */
  typeStatement(): string | undefined {
    return this.value(0) === 'type' && this.code[1]?.kind === TokenKind.Name && ['=', '['].includes(this.value(2))
      ? 'a type alias' : undefined;
  }

  /** Inside `class Name(...)` or `class Name[...]`: bases, keywords like `metaclass=`, type parameters (all classes). */
  classBases(at: number): string | undefined {
    if (this.value(0) !== 'class' || this.code[1]?.kind !== TokenKind.Name) return undefined;
    const open = this.value(2);
    if (open !== '(' && open !== '[') return undefined;
    const close = this.find(open === '(' ? ')' : ']', 3);
    return at > 2 && (close < 0 || at < close) ? 'a class\'s bases' : undefined;
  }

  /** A parameter's annotation or the return annotation of a `def`. */
  defAnnotation(at: number): string | undefined {
    const defAt = this.value(0) === 'async' ? 1 : 0;
    if (this.value(defAt) !== 'def') return undefined;
    const open = this.find('(', defAt + 1);
    if (open < 0) return undefined;
    const close = this.find(')', open + 1);
    const arrow = this.find('->', close < 0 ? open : close);
    if (arrow >= 0 && at > arrow && at < this.lastColon()) return 'a return annotation';
    if (at <= open || (close >= 0 && at >= close)) return undefined;
    // Each parameter reads name [: annotation] [= default]; a `:` inside a default (a lambda) is the default's.
    let state: 'name' | 'annotation' | 'default' = 'name';
    for (let i = open + 1; i <= at; i++) {
      if (this.depth[i] !== 1) continue;
      const v = this.value(i);
      if (v === ',') state = 'name';
      else if (v === ':' && state === 'name') state = 'annotation';
      else if (v === '=' && state !== 'default') state = 'default';
    }
    return state === 'annotation' ? 'a parameter annotation' : undefined;
  }

  private lastColon(): number {
    for (let i = this.code.length - 1; i >= 0; i--) if (this.depth[i] === 0 && this.value(i) === ':') return i;
    return -1;
  }

  /** `target: annotation [= value]`; with a `TypeAlias` annotation the value is a type too. */
  variableAnnotation(at: number): string | undefined {
    const first = this.code[0];
    if (first === undefined || first.kind !== TokenKind.Name || isKeyword(this.value(0))) return undefined;
    const colon = this.find(':');
    if (colon < 0) return undefined;
    const equals = this.find('=');
    if (equals >= 0 && equals < colon) return undefined;
    const end = equals < 0 ? this.code.length : equals;
    if (at > colon && at < end) return 'a variable annotation';
    if (equals >= 0 && at > equals && this.value(end - 1) === 'TypeAlias') return 'a type alias';
    return undefined;
  }
}
