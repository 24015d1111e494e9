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
import { bitLength } from './bigints';
import { DEFAULT_EVALUATION_LIMITS, EvaluationLimits, evaluateTree, FlagClass, Value, WorkBudget } from './evaluate';
import { dottedPath, ExprNode } from './tree';
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
  /** The value of an attribute chain `a.b.c` (a module's constant, an enum member), or undefined. */
  lookupPath(path: readonly string[]): Value | undefined;
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
  /** What an import binds, or a class's bases and body (for enum members). */
  detail?: RecordDetail;
}

/**
 * `import a.b.c as d` is {module: 'a.b.c'}; `import a.b.c` binds `a` and is {module: 'a', submodule: 'a.b.c'};
 * `from ..m import X` is {level: 2, module: 'm', name: 'X'}.
 */
export type ImportDetail = { kind: 'import'; level: number; module: string; name?: string; submodule?: string };
type RecordDetail = ImportDetail | { kind: 'class'; bases: string[]; scope?: Scope };

/** Follows imports into other modules of the workspace (bits/imports.ts), for one hover. */
export interface ImportFollower {
  /** The value of `path` (an attribute chain, possibly empty) read from what the import binds, or undefined. */
  follow(detail: ImportDetail, path: readonly string[]): Value | undefined;
}

export interface Scope {
  /** Indentation level (count of INDENTs) of the scope's body; 0 for the module. */
  bodyLevel: number;
  /** For a class body: the class statement's record. */
  owner?: BindingRecord;
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
  /** The class statement's record, whose body the next INDENT opens. */
  private openingClass: BindingRecord | undefined;

  constructor(readonly text: string) {}

  /**
   * The lookup for the statement starting at tokens[limit]. `tokens` are the text's tokens from its start
   * through at least that statement, the same tokens on every call (a longer prefix is fine).
   */
  lookupBefore(tokens: readonly Token[], limit: number, limits: EvaluationLimits = DEFAULT_EVALUATION_LIMITS,
    budget = new WorkBudget(limits.workBudget), imports?: ImportFollower): NameLookup {
    this.readTo(tokens, limit);
    const resolver = new Resolver(tokens, this.text, this.module, limits, budget, imports);
    const scope = this.scopeAt(limit);
    return {
      lookup: (name) => resolver.lookup(name, scope, limit),
      lookupPath: (path) => resolver.lookupPath(path, scope, limit),
    };
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
          if (this.openingClass?.detail?.kind === 'class') {
            this.openingClass.detail.scope = scope;
            scope.owner = this.openingClass;
          }
          this.open.push(scope);
          this.changes.push({ index: i, scope });
        }
        this.opening = this.openingClass = undefined;
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
        this.openingClass = undefined;
        for (const binding of statement.bindings()) {
          const record = add(this.current, binding, i);
          if (binding.detail?.kind === 'class') this.openingClass = record;
        }
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

function add(scope: Scope, binding: ReadBinding, index: number): BindingRecord {
  const from = binding.from ?? (binding.what === 'class' ? CLASS : binding.what === 'function' ? FUNCTION : UNKNOWN_VALUE);
  const record: BindingRecord = { name: binding.name, line: binding.line, index, from, to: binding.to ?? -1 };
  if (binding.detail) record.detail = binding.detail.kind === 'class' ? { ...binding.detail } : binding.detail;
  const list = scope.bindings.get(record.name);
  if (list) list.push(record);
  else scope.bindings.set(record.name, [record]);
  return record;
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
    private readonly limits: EvaluationLimits, private readonly budget: WorkBudget, private readonly imports?: ImportFollower) {}

  /** The record of `name` visible from token index `limit` in `scope` (the scope's own, else the module's), and its scope. */
  private find(name: string, scope: Scope, limit: number): { record: BindingRecord; scope: Scope } | undefined {
    const record = lastBefore(scope, name, limit);
    if (record !== undefined) return { record, scope };
    const outer = scope !== this.module ? lastBefore(this.module, name, limit) : undefined;
    return outer && { record: outer, scope: this.module };
  }

  /** The binding of `name` visible from token index `limit` in `scope`: the scope's own, else the module's. */
  lookup(name: string, scope: Scope, limit: number): Binding | undefined {
    const found = this.find(name, scope, limit);
    if (found === undefined) return undefined;
    const { record } = found;
    const value = record.from >= 0 ? this.valueOf(record, found.scope)
      : record.detail?.kind === 'import' ? this.imports?.follow(record.detail, []) ?? UNKNOWN
      : record.from === CLASS ? { kind: 'notInt', message: `\`${name}\` is a class`, object: true } as const
      : record.from === FUNCTION ? { kind: 'notInt', message: `\`${name}\` is a function`, object: true } as const : UNKNOWN;
    return { name, line: record.line, value };
  }

  /** `a.b.c`: a name, a module's constant through an import, or a member of an enum.Flag/IntFlag/IntEnum class. */
  lookupPath(path: readonly string[], scope: Scope, limit: number): Value | undefined {
    if (path.length === 1) return this.lookup(path[0], scope, limit)?.value;
    const found = this.find(path[0], scope, limit);
    const detail = found?.record.detail;
    if (detail?.kind === 'import') return this.imports?.follow(detail, path.slice(1));
    if (detail?.kind === 'class' && detail.scope && path.length === 2 && this.enumKind(found!.record) !== undefined) {
      const member = lastBefore(detail.scope, path[1], Infinity);
      return member && isMemberName(path[1]) ? this.valueOf(member, detail.scope) : undefined;
    }
    return undefined;
  }

  /** 'flag', 'intFlag' or 'intEnum' when the class's only base is that class of the `enum` module. */
  private enumKind(owner: BindingRecord): EnumKind | undefined {
    const detail = owner.detail;
    if (detail?.kind !== 'class' || detail.bases.length !== 1) return undefined;
    const parts = detail.bases[0].split('.');
    const kind = ENUM_KINDS.get(parts[parts.length - 1]);
    if (kind === undefined || parts.length > 2) return undefined;
    const imported = lastBefore(this.module, parts[0], owner.index)?.detail;
    if (imported?.kind !== 'import' || imported.level !== 0) return undefined;
    const fromEnum = parts.length === 1 ? imported.module === 'enum' && imported.name === parts[0]
      : imported.module === 'enum' && imported.name === undefined && imported.submodule === undefined;
    return fromEnum ? kind : undefined;
  }

  /**
   * An enum member's value: `auto()` as the enum module makes it (a Flag's next power of two above every
   * earlier value, an IntEnum's largest earlier value plus one, 1 for the first), tagged with its class when a
   * Flag (for `Perm.R|Perm.W`). Members are the names the body binds that do not start with `_`; a name
   * bound twice makes the class raise, so its members are unknown.
   */
  private enumValue(record: BindingRecord, scope: Scope, value: Value | 'auto'): Value {
    const owner = scope.owner!;
    const kind = this.enumKind(owner);
    if (kind === undefined || !isMemberName(record.name)) return value === 'auto' ? UNKNOWN : value;
    const members = [...scope.bindings.values()].filter((list) => isMemberName(list[0].name) && list[0].from !== FUNCTION && list[0].from !== CLASS);
    if (members.some((list) => list.length > 1)) return UNKNOWN;
    const ordered = members.map((list) => list[0]).sort((a, b) => a.index - b.index);
    if (value === 'auto') {
      let max: bigint | undefined;
      for (const earlier of ordered) {
        if (earlier.index >= record.index) break;
        const v = earlier.from >= 0 ? this.valueOf(earlier, scope) : UNKNOWN;
        if (v.kind !== 'int') return UNKNOWN;
        if (max === undefined || v.value > max) max = v.value;
      }
      if (max !== undefined && max < 0n) return UNKNOWN;
      value = { kind: 'int', value: max === undefined ? 1n : kind === 'intEnum' ? max + 1n : 1n << BigInt(bitLength(max)) };
    }
    if (value.kind !== 'int' || kind === 'intEnum') return value;
    return { ...value, flag: this.flagClass(owner, scope, ordered, kind) };
  }

  private readonly flagClasses = new Map<BindingRecord, FlagClass>();

  /** The class's members with their values, computed once per hover (a member not known is left out). */
  private flagClass(owner: BindingRecord, scope: Scope, ordered: readonly BindingRecord[], kind: EnumKind): FlagClass {
    const known = this.flagClasses.get(owner);
    if (known) return known;
    const members: Array<{ name: string; value: bigint }> = [];
    const flag: FlagClass = { name: owner.name, identity: owner, isInt: kind === 'intFlag', members };
    this.flagClasses.set(owner, flag);
    for (const record of ordered) {
      const v = record.from >= 0 ? this.valueOf(record, scope) : UNKNOWN;
      if (v.kind === 'int') members.push({ name: record.name, value: v.value });
    }
    return flag;
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
      const root = roots.length === 1 ? roots[0] : undefined;
      const raw = root === undefined ? UNKNOWN
        : scope.owner && isAutoCall(root) ? 'auto' as const
        : evaluateTree(root, (name) => this.lookup(name, scope, record.index)?.value, this.limits, this.budget,
          (path) => this.lookupPath(path, scope, record.index)).get(root)!;
      value = scope.owner ? this.enumValue(record, scope, raw) : raw === 'auto' ? UNKNOWN : raw;
    } finally {
      this.depth--;
    }
    // A display or a string is known not to be an int (`EMPTY = frozenset()`); anything else is just unknown.
    if (value.kind !== 'int' && value.kind !== 'tooLarge' && !(value.kind === 'notInt' && value.object)) value = UNKNOWN;
    this.values.set(record.from, { value, depth: this.depth, complete: this.cutShort === cutBefore });
    return value;
  }
}

type EnumKind = 'flag' | 'intFlag' | 'intEnum';
const ENUM_KINDS: ReadonlyMap<string, EnumKind> = new Map([['Flag', 'flag'], ['IntFlag', 'intFlag'], ['IntEnum', 'intEnum']] as const);

function isMemberName(name: string): boolean {
  return !name.startsWith('_');
}

/** `auto()` or `enum.auto()`. */
function isAutoCall(node: ExprNode): boolean {
  if (node.kind !== 'opaque' || node.what !== 'call' || node.items.length !== 1) return false;
  const path = dottedPath(node.items[0]);
  return path !== undefined && path[path.length - 1] === 'auto' && path.length <= 2;
}

/** A binding as a statement reads it (without its position). */
type ReadBinding = { name: string; line: number; from?: number; to?: number; what?: 'class' | 'function'; detail?: RecordDetail };

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
      if (this.code[nameAt]?.kind !== TokenKind.Name) return [];
      const detail: RecordDetail | undefined = what === 'class' ? { kind: 'class', bases: this.bases(nameAt + 1) } : undefined;
      return [{ name: this.value(nameAt), line: this.line, what, detail }];
    }
    const bound: ReadBinding[] = [];
    const importsNames = this.is(0, 'import') || this.is(0, 'from');
    if (importsNames) {
      const imports = this.imports();
      if (imports !== undefined) return imports;
    }
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

  /** The dotted names between `(` at code[at] and its `)`, when every base is one (no keywords, calls). */
  private bases(at: number): string[] {
    if (!this.is(at, '(')) return [];
    const bases: string[] = [];
    let current = '';
    for (let i = at + 1; i < this.code.length; i++) {
      const v = this.value(i);
      if (v === ',' || v === ')') {
        if (current !== '') bases.push(current);
        current = '';
        if (v === ')') return bases;
      } else if (this.code[i].kind === TokenKind.Name || v === '.') {
        current += v;
      } else {
        return ['?']; // a keyword argument, a call, a subscript: not a plain enum class
      }
    }
    return ['?'];
  }

  /** `import a.b as c, d` and `from ..m import (x as y, z)`: each bound name with what it imports; undefined if malformed. */
  private imports(): ReadBinding[] | undefined {
    const out: ReadBinding[] = [];
    let i = 1;
    const dotted = (): string | undefined => {
      let name = '';
      while (this.code[i]?.kind === TokenKind.Name && !this.is(i, 'import') && !this.is(i, 'as')) {
        name += this.value(i++);
        if (!this.is(i, '.')) break;
        name += '.';
        i++;
      }
      return name === '' || name.endsWith('.') ? undefined : name;
    };
    if (this.is(0, 'import')) {
      for (;;) {
        const module = dotted();
        if (module === undefined) return undefined;
        if (this.is(i, 'as') && this.code[i + 1]?.kind === TokenKind.Name) {
          out.push({ name: this.value(i + 1), line: this.line, detail: { kind: 'import', level: 0, module } });
          i += 2;
        } else {
          const top = module.split('.')[0];
          out.push({ name: top, line: this.line, detail: { kind: 'import', level: 0, module: top, submodule: module === top ? undefined : module } });
        }
        if (!this.is(i, ',')) return i === this.code.length ? out : undefined;
        i++;
      }
    }
    let level = 0;
    for (; this.is(i, '.') || this.is(i, '...'); i++) level += this.value(i).length;
    const module = this.is(i, 'import') ? '' : dotted();
    if (module === undefined || !this.is(i, 'import')) return undefined;
    i++;
    if (this.is(i, '(')) i++;
    while (i < this.code.length) {
      if (this.is(i, '*') || this.code[i].kind !== TokenKind.Name) return this.is(i, '*') ? [] : undefined;
      const name = this.value(i++);
      let as = name;
      if (this.is(i, 'as') && this.code[i + 1]?.kind === TokenKind.Name) {
        as = this.value(i + 1);
        i += 2;
      }
      out.push({ name: as, line: this.line, detail: { kind: 'import', level, module, name } });
      if (this.is(i, ',')) i++;
      if (this.is(i, ')')) i++;
    }
    return out;
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
