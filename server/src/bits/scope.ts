/**
 * Names the hover can resolve: those bound by a simple constant assignment (`NAME = <const expr>`, also chained
 * `A = B = 3` and annotated `A: int = 3`) earlier in the same scope or at module level, by line order.
 *
 * A ScopeIndex reads the statements of a text once, in order, as far as hovers have needed, and records every
 * binding with its scope and position, keeping one scope per function or class body. Anything else that binds
 * a name (augmented or unpacking assignment, `def`, `class`, parameters, `for`, `import`, `as`) is recorded
 * as unknown, so a parameter never picks up a module constant of the same name. The server keeps one index per
 * document version (hover.ts HoverTokens), so hovering up and down a file reads its statements once.
 *
 * Values are not computed while reading: a constant is evaluated only when a hover looks its name up, against
 * the bindings visible at its own statement, so `HIGH = LOW << 4` works and a later rebinding wins. A megabyte
 * of `A = B * B` lines therefore costs one multiplication, not a hundred thousand. What a hover resolves is
 * bounded: every constant it evaluates is charged to the hover's WorkBudget, at most MAX_EVALUATIONS of them
 * are evaluated, and a chain of names defined by one another is followed MAX_CHAIN_DEPTH deep at most.
 */
import { isCodeKind, Token, TokenKind } from '../python/tokens';
import { DEFAULT_EVALUATION_LIMITS, EvaluationLimits, evaluateTree, Value, WorkBudget } from './evaluate';
import { codeTokensOf, logicalLineAround } from './lines';
import { parseLine } from './parse';
import { partitionPoint } from '../python/partition';
import { parseSignature } from '../python/signature';

export interface Binding {
  name: string;
  /** An int, a too-large marker, or unknown (bound, but not to a constant we can use). */
  value: Value;
  /** 0-based line of the binding statement. */
  line: number;
}

export interface NameLookup {
  lookup(name: string): Binding | undefined;
}

/**
 * Names defined by one another that a lookup follows at most (`A0 = 1`, `A1 = A0 + 1`, ... `A50000`): the
 * evaluation recurses once per name, and deep recursion costs more than its share (100: a few milliseconds).
 */
export const MAX_CHAIN_DEPTH = 100;
/** Constants one hover evaluates at most (`x = A0 | A1 | ... | A20000`): some microseconds each. */
export const MAX_EVALUATIONS = 2000;

/**
 * One binding as read: evaluated (if it has an expression) only when looked up. Kept small and free of token
 * arrays: a megabyte of assignments makes a hundred thousand of them, all kept for the document version.
 */
interface BindingRecord {
  name: string;
  line: number;
  /** Index in the file's tokens of the binding statement's first token (of the INDENT, for parameters). */
  index: number;
  /**
   * The constant expression bound, as the file's tokens [from, to) (its statement's NEWLINE ends it; `A = B =
   * ...` shares one); from is UNKNOWN_VALUE when the name is bound to something unknown, CLASS or FUNCTION
   * for `class` and `def`.
   */
  from: number;
  to: number;
}

interface Scope {
  /** Indentation level (count of INDENTs) of the scope's body; 0 for the module. */
  bodyLevel: number;
  /** Each name's bindings in this scope, in the order read. */
  bindings: Map<string, BindingRecord[]>;
}

const UNKNOWN: Value = { kind: 'unknown' };
/** BindingRecord.from for bindings without a constant expression. */
const UNKNOWN_VALUE = -1, CLASS = -2, FUNCTION = -3;

/**
 * The bindings visible from the statement whose first token is tokens[limit]: that statement's own scope,
 * then the module (class bodies are not visible from their methods, as in Python). One hover's lookups share
 * `budget`.
 */
export function bindingsBefore(tokens: readonly Token[], text: string, limit: number,
  limits: EvaluationLimits = DEFAULT_EVALUATION_LIMITS, budget = new WorkBudget(limits.workBudget)): NameLookup {
  return new ScopeIndex(text).lookupBefore(tokens, limit, limits, budget);
}

/** The bindings of one text, read as far as lookups have needed (see the top of this file). */
export class ScopeIndex {
  private readonly module: Scope = { bodyLevel: 0, bindings: new Map() };
  private readonly open: Scope[] = [this.module];
  /** Where the current scope changes, in token order: from `index` on, statements are in `scope`. */
  private readonly changes: Array<{ index: number; scope: Scope }> = [];
  /** The next token to read. */
  private next = 0;
  private level = 0;
  /** A `def` or `class` statement just ended: its body's INDENT opens a scope holding these names. */
  private opening: string[] | undefined;

  constructor(readonly text: string) {}

  /**
   * The lookup for the statement starting at tokens[limit]. `tokens` are the text's tokens from its start
   * through at least that statement, the same tokens on every call (a longer prefix is fine).
   */
  lookupBefore(tokens: readonly Token[], limit: number, limits: EvaluationLimits = DEFAULT_EVALUATION_LIMITS,
    budget = new WorkBudget(limits.workBudget)): NameLookup {
    this.readTo(tokens, limit);
    const resolver = new Resolver(tokens, this.text, this.module, limits, budget);
    const scope = this.scopeAt(limit);
    return { lookup: (name) => resolver.lookup(name, scope, limit) };
  }

  /** Reads the statements before tokens[limit] not read yet. */
  private readTo(tokens: readonly Token[], limit: number): void {
    let i = this.next;
    while (i < limit) {
      const kind = tokens[i].kind;
      if (kind === TokenKind.Indent) {
        this.level++;
        if (this.opening) {
          const scope: Scope = { bodyLevel: this.level, bindings: new Map() };
          for (const name of this.opening) add(scope, { name, line: tokens[i].startLine }, i);
          this.open.push(scope);
          this.changes.push({ index: i, scope });
        }
        this.opening = undefined;
        i++;
      } else if (kind === TokenKind.Dedent) {
        this.level--;
        const before = this.current;
        while (this.open.length > 1 && this.current.bodyLevel > this.level) this.open.pop();
        if (this.current !== before) this.changes.push({ index: i, scope: this.current });
        i++;
      } else if (kind === TokenKind.NL || kind === TokenKind.Comment || kind === TokenKind.Newline) {
        i++;
      } else if (kind === TokenKind.EndMarker) {
        break;
      } else {
        const { end } = logicalLineAround(tokens, i);
        const { code, indices } = codeTokensOf(tokens, i, end);
        const statement = new Statement(code, indices, end, this.text);
        this.opening = statement.opensScope();
        for (const binding of statement.bindings()) add(this.current, binding, i);
        i = end + 1;
      }
    }
    this.next = Math.max(this.next, i);
  }

  private get current(): Scope {
    return this.open[this.open.length - 1];
  }

  /** The scope of the statement starting at tokens[limit] (already read up to). */
  private scopeAt(limit: number): Scope {
    const changes = this.changes;
    const count = partitionPoint(changes.length, (i) => changes[i].index < limit);
    return count === 0 ? this.module : changes[count - 1].scope;
  }
}

function add(scope: Scope, binding: ReadBinding, index: number): void {
  const from = binding.from ?? (binding.what === 'class' ? CLASS : binding.what === 'function' ? FUNCTION : UNKNOWN_VALUE);
  const record: BindingRecord = { name: binding.name, line: binding.line, index, from, to: binding.to ?? -1 };
  const list = scope.bindings.get(record.name);
  if (list) list.push(record);
  else scope.bindings.set(record.name, [record]);
}

/** The last binding of `name` in scope before token index `limit`. */
function lastBefore(scope: Scope, name: string, limit: number): BindingRecord | undefined {
  const list = scope.bindings.get(name);
  if (list === undefined) return undefined;
  const count = partitionPoint(list.length, (i) => list[i].index < limit);
  return count === 0 ? undefined : list[count - 1];
}

/**
 * Evaluates constants for one hover, each once (`A = B * B` looks B up twice). A value cut short by the chain
 * depth is kept with the depth it was reached at: reached again less deep, it is evaluated again (it may well
 * resolve), which MAX_EVALUATIONS bounds.
 */
class Resolver {
  /** By the expression's first token. */
  private readonly values = new Map<number, { value: Value; depth: number; complete: boolean }>();
  private depth = 0;
  private evaluations = 0;
  /** How many values were cut short so far: a value computed while this grew depends on one. */
  private cutShort = 0;

  constructor(private readonly tokens: readonly Token[], private readonly text: string, private readonly module: Scope,
    private readonly limits: EvaluationLimits, private readonly budget: WorkBudget) {}

  /** The binding of `name` visible from token index `limit` in `scope`: the scope's own, else the module's. */
  lookup(name: string, scope: Scope, limit: number): Binding | undefined {
    let record = lastBefore(scope, name, limit);
    if (record === undefined && scope !== this.module) {
      scope = this.module;
      record = lastBefore(scope, name, limit);
    }
    if (record === undefined) return undefined;
    const value = record.from >= 0 ? this.valueOf(record, scope)
      : record.from === CLASS ? { kind: 'notInt', message: `\`${name}\` is a class`, object: true } as const
      : record.from === FUNCTION ? { kind: 'notInt', message: `\`${name}\` is a function`, object: true } as const : UNKNOWN;
    return { name, line: record.line, value };
  }

  /** The value of a constant bound in `scope`, against the bindings visible at its own statement. */
  private valueOf(record: BindingRecord, scope: Scope): Value {
    const known = this.values.get(record.from);
    if (known !== undefined && (known.complete || known.depth <= this.depth)) {
      if (!known.complete) this.cutShort++;
      return known.value;
    }
    const refusal = this.depth >= MAX_CHAIN_DEPTH
      ? `the names it uses are defined through a chain of over ${MAX_CHAIN_DEPTH} assignments`
      : this.evaluations >= MAX_EVALUATIONS ? `it needs over ${MAX_EVALUATIONS} constants evaluated`
      : !this.budget.take(record.to - record.from + 1) ? this.budget.refusal : undefined;
    if (refusal !== undefined) {
      this.cutShort++;
      return { kind: 'tooLarge', message: refusal };
    }
    this.evaluations++;
    const cutBefore = this.cutShort;
    this.depth++;
    let value: Value;
    try {
      const code: Token[] = [];
      for (let i = record.from; i < record.to; i++) if (isCodeKind(this.tokens[i].kind)) code.push(this.tokens[i]);
      const { roots } = parseLine(code, this.text);
      value = roots.length !== 1 ? UNKNOWN
        : evaluateTree(roots[0], (name) => this.lookup(name, scope, record.index)?.value, this.limits, this.budget).get(roots[0])!;
    } finally {
      this.depth--;
    }
    // A display or a string is known not to be an int (`EMPTY = frozenset()`); anything else is just unknown.
    if (value.kind !== 'int' && value.kind !== 'tooLarge' && !(value.kind === 'notInt' && value.object)) value = UNKNOWN;
    this.values.set(record.from, { value, depth: this.depth, complete: this.cutShort === cutBefore });
    return value;
  }
}

/** A binding as a statement reads it (without its position). */
type ReadBinding = { name: string; line: number; from?: number; to?: number; what?: 'class' | 'function' };

function unknown(name: string, line: number): ReadBinding {
  return { name, line };
}

/** One logical line's code tokens, and what it binds. */
class Statement {
  /** code: the statement's code tokens; indices: their indices in the file's tokens; end: its NEWLINE's. */
  constructor(private readonly code: readonly Token[], private readonly indices: readonly number[], private readonly end: number,
    private readonly text: string) {}

  private value(i: number): string {
    const t = this.code[i];
    return t === undefined ? '' : this.text.slice(t.start, t.end);
  }

  /** Whether code[i] is `word`, without making a string (the scan reads every statement of a file). */
  private is(i: number, word: string): boolean {
    const t = this.code[i];
    return t !== undefined && t.end - t.start === word.length && this.text.startsWith(word, t.start);
  }

  private get line(): number {
    return this.code[0]?.startLine ?? 0;
  }

  /** For `def`/`class` statements, the names the new scope starts with (parameters); otherwise undefined. */
  opensScope(): string[] | undefined {
    const nameAt = this.is(0, 'async') ? 2 : 1;
    if (this.is(nameAt - 1, 'class')) return [];
    if (!this.is(nameAt - 1, 'def')) return undefined;
    const name = this.code[nameAt];
    const last = this.code[this.code.length - 1];
    if (name === undefined || name.kind !== TokenKind.Name) return [];
    // The header's parameters as python/signature.ts reads them for docstring stubs (an inline body after the
    // colon only adds to the return annotation, which is not read here).
    return parseSignature(this.text, name.end, last.end).params.map((p) => p.name);
  }

  /** What the statement binds, in order (a later one of the same name wins). */
  bindings(): ReadBinding[] {
    if (this.is(0, 'def') || this.is(0, 'class') || this.is(0, 'async')) {
      const nameAt = this.is(0, 'async') ? 2 : 1;
      const what = this.is(nameAt - 1, 'class') ? 'class' : 'function';
      return this.code[nameAt]?.kind === TokenKind.Name ? [{ name: this.value(nameAt), line: this.line, what }] : [];
    }
    const bound: ReadBinding[] = [];
    const importsNames = this.is(0, 'import') || this.is(0, 'from');
    for (let i = 0; i < this.code.length; i++) {
      // `import a.b as c`, `with x as c`, `except E as c`, `for a, b in`: all make names unknown.
      if (this.code[i + 1]?.kind === TokenKind.Name && (this.is(i, 'as') || this.is(i, 'import') || (importsNames && this.is(i, ',')))) {
        bound.push(unknown(this.value(i + 1), this.line));
      }
    }
    if (this.is(0, 'for')) bound.push(...this.namesIn(1, this.indexOfTopLevel('in')).map((n) => unknown(n, this.line)));
    if (this.code[1] !== undefined && this.code[0].kind === TokenKind.Name && this.code[1].kind === TokenKind.Op
      && isAugmentedAssignment(this.value(1))) {
      bound.push(unknown(this.value(0), this.line));
    }
    bound.push(...this.assignments());
    return bound;
  }

  /** `A = B = value` and `A: T = value` bind the value; `a, b = value` makes a and b unknown. */
  private assignments(): ReadBinding[] {
    const equals: number[] = [];
    let depth = 0;
    for (let i = 0; i < this.code.length; i++) {
      const t = this.code[i];
      if (t.kind === TokenKind.Name) {
        if (depth === 0 && this.is(i, 'lambda')) break; // `=` after it is not this assignment's
        continue;
      }
      if (t.kind !== TokenKind.Op || t.end - t.start !== 1) continue;
      const c = this.text.charCodeAt(t.start);
      if (c === 0x28 || c === 0x5b || c === 0x7b) depth++; // ( [ {
      else if (c === 0x29 || c === 0x5d || c === 0x7d) depth--; // ) ] }
      else if (c === 0x3d && depth === 0) equals.push(i); // =
      else if (c === 0x3b && depth === 0) break; // `;`: `=` after it is not this assignment's
    }
    if (equals.length === 0) return [];
    const valueStart = equals[equals.length - 1] + 1;
    const expression = { from: this.indices[valueStart] ?? this.end, to: this.end };
    const bound: ReadBinding[] = [];
    let targetStart = 0;
    for (const equal of equals) {
      const simpleName = this.code[targetStart].kind === TokenKind.Name
        && (equal === targetStart + 1 || this.is(targetStart + 1, ':'));
      if (simpleName) {
        bound.push({ name: this.value(targetStart), line: this.line, ...expression });
      } else {
        bound.push(...this.namesIn(targetStart, equal).map((n) => unknown(n, this.line)));
      }
      targetStart = equal + 1;
    }
    return bound;
  }

  /** The names an unpacking target binds, if code[start, end) is only names, commas, brackets and stars. */
  private namesIn(start: number, end: number): string[] {
    const names: string[] = [];
    for (let i = start; i < end; i++) {
      const v = this.value(i);
      if (this.code[i].kind === TokenKind.Name) names.push(v);
      else if (![',', '(', ')', '[', ']', '*'].includes(v)) return [];
    }
    return names;
  }

  private indexOfTopLevel(word: string): number {
    for (let i = 0; i < this.code.length; i++) if (this.is(i, word)) return i;
    return this.code.length;
  }
}

function isAugmentedAssignment(op: string): boolean {
  return op.length >= 2 && op.endsWith('=') && op !== '==' && op !== '<=' && op !== '>=' && op !== '!=';
}
