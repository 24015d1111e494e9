/**
 * Names the hover can resolve: those bound by a simple constant assignment (`NAME = <const expr>`, also chained
 * `A = B = 3` and annotated `A: int = 3`) earlier in the same scope or at module level, by line order.
 *
 * A ScopeIndex reads the statements of a text once, in order, as far as hovers have needed, straight from the
 * tokenizer's cursor: each logical line's tokens live only while its statement is read, so a megabyte of
 * assignments (600,000 tokens) leaves only its bindings behind. It records every binding with its scope and
 * position (text offsets), keeping one scope per function or class body, and where each logical line starts,
 * so that the hovered line's tokens can be read again on their own (Tokenizer.resumeAt). Anything else that
 * binds a name (augmented or unpacking assignment, `def`, `class`, parameters, `for`, `import`, `as`) is
 * recorded as unknown, so a parameter never picks up a module constant of the same name. The server keeps one
 * index per document version (hover.ts HoverTokens), so hovering up and down a file reads its statements once.
 *
 * Values are not computed while reading: a constant is evaluated only when a hover looks its name up (its
 * expression tokenized again from the text), against the bindings visible at its own statement, so `HIGH =
 * LOW << 4` works and a later rebinding wins. A megabyte of `A = B * B` lines therefore costs one
 * multiplication, not a hundred thousand. What a hover resolves is bounded: every constant it evaluates is
 * charged to the hover's WorkBudget, at most MAX_EVALUATIONS of them are evaluated, and a chain of names
 * defined by one another is followed MAX_CHAIN_DEPTH deep at most.
 */
import { isKeyword } from '../python/lexer/chars';
import { Tokenizer } from '../python/lexer/cursor';
import { isCodeKind, Token, TokenKind } from '../python/tokens';
import { bitLength } from './bigints';
import { DEFAULT_EVALUATION_LIMITS, EvaluationLimits, evaluateTree, FlagClass, Value, WorkBudget } from './evaluate';
import { dottedPath, ExprNode } from './tree';
import { parseLine } from './parse';
import { partitionPoint } from '../python/partition';
import { parseSignature } from '../python/signature';
import { readImportStatement } from '../python/importStatement';

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
/** Decorators of one definition kept at most (only a class's few known ones matter). */
const MAX_DECORATORS = 8;
/** Nested classes followed at most in `K.Inner.MASK`. */
const MAX_CLASS_PATH = 8;

/**
 * One binding as read: evaluated (if it has an expression) only when looked up. Kept small and free of token
 * arrays: a megabyte of assignments makes a hundred thousand of them, all kept for the document version.
 */
interface BindingRecord {
  name: string;
  line: number;
  /** Text offset of the binding statement's first token (of the INDENT, for parameters). */
  index: number;
  /**
   * The constant expression bound, as the text offsets [from, to) (to: its statement's last code token's
   * end; `A = B = ...` shares one); from is UNKNOWN_VALUE when the name is bound to something unknown, CLASS
   * or FUNCTION for `class` and `def`.
   */
  from: number;
  to: number;
  /** What an import binds, or a class's bases and body (for enum members). */
  detail?: RecordDetail;
  /** Why the value is unknown, when it can say (made for names a star import may bind). */
  reason?: string;
  /**
   * For a name that a star import from a module without source may rebind (`from _stat import *` at the end
   * of stat.py): the module's own binding before that import, which the hover names without claiming it holds.
   */
  before?: BindingRecord;
  /** Bound inside a block of its scope (`if`, `try`, `for`, `with`): it may not run, or another branch may. */
  nested?: true;
}

/**
 * `import a.b.c as d` is {module: 'a.b.c'}; `import a.b.c` binds `a` and is {module: 'a', submodule: 'a.b.c'};
 * `from ..m import X` is {level: 2, module: 'm', name: 'X'}.
 */
export type ImportDetail = { kind: 'import'; level: number; module: string; name?: string; submodule?: string };
/** `from m import *`: recorded in the module scope under the name `*`. */
type StarDetail = { kind: 'star'; level: number; module: string };
/** A member of an `@enum.global_enum` class, bound in the module when the class body ends (as `re.VERBOSE`). */
type MemberDetail = { kind: 'member'; owner: BindingRecord };
/** A class statement: its bases and decorators (dotted text, spaces removed) and, once read, its body. */
type ClassDetail = { kind: 'class'; bases: string[]; decorators: string[]; scope?: Scope };
type RecordDetail = ImportDetail | ClassDetail | StarDetail | MemberDetail;

/** Follows imports into other modules of the workspace (bits/imports.ts), for one hover. */
export interface ImportFollower {
  /** The value of `path` (an attribute chain, possibly empty) read from what the import binds, or undefined. */
  follow(detail: ImportDetail, path: readonly string[]): Value | undefined;
  /**
   * Whether `from <level dots><module> import *` binds `name`: 'no' when the module is read and does not bind or
   * export it, 'unknown' when the module cannot be read (a C module, not found) or its `__all__` is not plain.
   */
  starBinds(level: number, module: string, name: string): 'yes' | 'no' | 'unknown';
}

/** Why a name bound in a block, and before it, is unknown. */
const BRANCHES = 'it is bound more than once, in a block (`if`, `try`, a loop), and which binding ran is not known here';

/** Star imports whose modules a lookup asks about at most (the latest first). */
const MAX_STARS = 16;

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

export interface ScopeIndexOptions {
  /** Reading stops before a token that starts past this offset (a hovered statement megabytes long). */
  maxOffset?: number;
  /**
   * Every token of the text, made up front: the index then reads statements, expressions and lines from this
   * array instead of the cursor, as the hover did before the cursor path. The tests' reference for it.
   */
  tokens?: readonly Token[];
}

/**
 * The bindings visible from the statement whose first token starts at text offset `offset`: that statement's
 * own scope, then the module (class bodies are not visible from their methods, as in Python).
 */
export function bindingsBefore(text: string, offset: number, limits: EvaluationLimits = DEFAULT_EVALUATION_LIMITS): NameLookup {
  return new ScopeIndex(text).lookupBefore(offset, limits, new WorkBudget(limits.workBudget));
}

/** What the index reads tokens through: the Tokenizer's cursor, or a TokenArrayCursor. */
interface TokenCursor {
  readonly kind: TokenKind;
  readonly start: number;
  readonly end: number;
  readonly startLine: number;
  readonly startCol: number;
  readonly endLine: number;
  readonly endCol: number;
  next(): TokenKind;
  token(): Token;
}

/**
 * One logical line's tokens in parallel arrays, reused from line to line: reading a file makes no object per
 * token (the code tokens, then the NEWLINE; `length` counts the code tokens).
 */
class LineBuffer {
  length = 0;
  /** Code tokens and the NEWLINE (or ENDMARKER) after them. */
  private count = 0;
  kinds = new Uint8Array(64);
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  startLines = new Int32Array(64);
  private startCols = new Int32Array(64);
  private endLines = new Int32Array(64);
  private endCols = new Int32Array(64);

  clear(): void {
    this.length = this.count = 0;
  }

  /** The kind of code token i, or -1 past the code tokens. */
  kind(i: number): TokenKind | -1 {
    return i < this.length ? this.kinds[i] : -1;
  }

  /** Appends the cursor's token; a code token unless the line is ended (`end`). */
  push(cursor: TokenCursor, end: boolean): void {
    if (this.count === this.kinds.length) this.grow();
    const i = this.count++;
    if (!end) this.length = this.count;
    this.kinds[i] = cursor.kind;
    this.starts[i] = cursor.start;
    this.ends[i] = cursor.end;
    this.startLines[i] = cursor.startLine;
    this.startCols[i] = cursor.startCol;
    this.endLines[i] = cursor.endLine;
    this.endCols[i] = cursor.endCol;
  }

  /** The tokens as objects (for the hovered line only). */
  tokens(): Token[] {
    const out: Token[] = [];
    for (let i = 0; i < this.count; i++) {
      out.push({
        kind: this.kinds[i], start: this.starts[i], end: this.ends[i],
        startLine: this.startLines[i], startCol: this.startCols[i], endLine: this.endLines[i], endCol: this.endCols[i],
      });
    }
    return out;
  }

  private grow(): void {
    const size = this.kinds.length * 2;
    const grown = <T extends Uint8Array | Int32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a);
      return b;
    };
    this.kinds = grown(this.kinds);
    this.starts = grown(this.starts);
    this.ends = grown(this.ends);
    this.startLines = grown(this.startLines);
    this.startCols = grown(this.startCols);
    this.endLines = grown(this.endLines);
    this.endCols = grown(this.endCols);
  }
}

/** A cursor over tokens made up front (ScopeIndexOptions.tokens): the reference path. */
class TokenArrayCursor implements TokenCursor {
  constructor(private readonly tokens: readonly Token[], public index = -1) {}
  next(): TokenKind {
    if (this.index < this.tokens.length - 1) this.index++;
    return this.kind;
  }
  get kind(): TokenKind { return this.tokens[this.index].kind; }
  get start(): number { return this.tokens[this.index].start; }
  get end(): number { return this.tokens[this.index].end; }
  get startLine(): number { return this.tokens[this.index].startLine; }
  get startCol(): number { return this.tokens[this.index].startCol; }
  get endLine(): number { return this.tokens[this.index].endLine; }
  get endCol(): number { return this.tokens[this.index].endCol; }
  token(): Token { return this.tokens[this.index]; }
}

/** The bindings of one text, read as far as lookups have needed (see the top of this file). */
export class ScopeIndex {
  private readonly module: Scope = { bodyLevel: 0, bindings: new Map() };
  private readonly open: Scope[] = [this.module];
  /** Where the current scope changes, in text order: from `offset` on, statements are in `scope`. */
  private readonly changes: Array<{ offset: number; scope: Scope }> = [];
  private level = 0;
  /** A `def` or `class` statement just ended: its body's INDENT opens a scope holding these names. */
  private opening: string[] | undefined;
  /** The class statement's record, whose body the next INDENT opens. */
  private openingClass: BindingRecord | undefined;
  /**
   * The logical lines read so far (each from just after the previous NEWLINE through its NEWLINE, or through
   * ENDMARKER for the last): where each starts (the cursor's offset and line there, or its first token's index
   * in options.tokens) and the line its NEWLINE ends on.
   */
  private readonly unitStarts: number[] = [];
  private readonly unitStartLines: number[] = [];
  private readonly unitEndLines: number[] = [];
  /** The tokens of the last logical line read (what a hover at the end of the reading asks for next). */
  private readonly lastUnit = new LineBuffer();
  /** lastUnit's tokens as objects, once asked for. */
  private lastUnitTokens: Token[] | undefined;
  private readonly tokenizer: Tokenizer;
  /** Over options.tokens, when given. */
  private readonly tokenArray?: TokenArrayCursor;
  private readonly cursor: TokenCursor;
  private readonly maxOffset: number;
  /** ENDMARKER was read, or a token past maxOffset. */
  private finished = false;
  private cut = false;
  private sawErrorToken = false;
  /** The decorators read since the last other statement: the next class statement's. */
  private decorators: string[] = [];
  /** Attribute names some statement assigns, augments or deletes (`self.mask = 0`, `K.MASK |= 1`). */
  private readonly attributeWrites = new Set<string>();

  constructor(readonly text: string, private readonly options: ScopeIndexOptions = {}) {
    this.tokenizer = new Tokenizer(text);
    if (options.tokens) this.tokenArray = new TokenArrayCursor(options.tokens);
    this.cursor = this.tokenArray ?? this.tokenizer;
    this.maxOffset = options.maxOffset ?? Infinity;
  }

  /**
   * The code tokens of the logical line that holds `line` (0-based), then its NEWLINE (or ENDMARKER): the
   * statements before it are read too. Past the end of the text, the last
   * logical line's. null when a token before that NEWLINE starts past options.maxOffset.
   */
  lineTokens(line: number): Token[] | null {
    while (!this.finished && (this.unitEndLines.length === 0 || this.unitEndLines[this.unitEndLines.length - 1] < line)) this.readUnit();
    const ends = this.unitEndLines;
    let unit = partitionPoint(ends.length, (i) => ends[i] < line);
    if (unit === ends.length) {
      if (this.cut || unit === 0) return null;
      unit--;
    }
    // lastUnit holds that line unless reading stopped in the middle of the next one.
    if (unit === ends.length - 1 && !this.cut) return (this.lastUnitTokens ??= this.lastUnit.tokens());
    // An earlier line: only its logical line is read again.
    let cursor: TokenCursor;
    if (this.options.tokens) {
      cursor = new TokenArrayCursor(this.options.tokens, this.unitStarts[unit] - 1);
    } else {
      const tokenizer = new Tokenizer(this.text);
      if (unit > 0) tokenizer.resumeAt(this.unitStarts[unit], this.unitStartLines[unit]);
      cursor = tokenizer;
    }
    const out: Token[] = [];
    for (;;) {
      const kind = cursor.next();
      if (isCodeKind(kind) || kind === TokenKind.Newline || kind === TokenKind.EndMarker) out.push(cursor.token());
      if (kind === TokenKind.Newline || kind === TokenKind.EndMarker) return out;
    }
  }

  /**
   * Whether some statement of the text assigns, augments or deletes an attribute named `name` (anywhere: a
   * method may run before the hovered line does). Reads the text to its end; true when the reading was cut.
   */
  writesAttribute(name: string): boolean {
    while (!this.finished) this.readUnit();
    return this.cut || this.attributeWrites.has(name);
  }

  /** Whether the text holds a syntax error the tokenizer sees (read to its end first). */
  get broken(): boolean {
    while (!this.finished) this.readUnit();
    return this.sawErrorToken || this.tokenizer.problems.length > 0;
  }

  /**
   * The lookup for the statement whose first token starts at text offset `offset` (Infinity: the end of the
   * text). One hover's lookups share `budget`.
   */
  lookupBefore(offset: number, limits: EvaluationLimits = DEFAULT_EVALUATION_LIMITS,
    budget = new WorkBudget(limits.workBudget), imports?: ImportFollower): NameLookup {
    while (!this.finished && this.readOffset() <= offset) this.readUnit();
    const resolver = new Resolver((from, to) => this.expression(from, to), this.module, limits, budget, imports,
      (name) => this.writesAttribute(name));
    const scope = this.scopeAt(offset);
    return {
      lookup: (name) => resolver.lookup(name, scope, offset),
      lookupPath: (path) => resolver.lookupPath(path, scope, offset),
    };
  }

  /** The text offset reading has reached. */
  private readOffset(): number {
    const tokens = this.options.tokens;
    return tokens ? tokens[Math.min(this.tokenArray!.index + 1, tokens.length - 1)].start : this.tokenizer.pos;
  }

  /**
   * Reads one logical line: scope changes at its INDENT and DEDENT tokens, then what its statement binds. Only
   * its code tokens and its NEWLINE are made into objects, and they live until the next line is read.
   */
  private readUnit(): void {
    const cursor = this.cursor;
    const unitStart = this.tokenArray ? this.tokenArray.index + 1 : this.tokenizer.pos;
    const unitStartLine = this.tokenizer.line;
    const unit = this.lastUnit;
    unit.clear();
    this.lastUnitTokens = undefined;
    for (;;) {
      const kind = cursor.next();
      if (cursor.start > this.maxOffset) {
        this.finished = this.cut = true;
        return;
      }
      if (isCodeKind(kind)) {
        unit.push(cursor, false);
        if (kind === TokenKind.ErrorToken) this.sawErrorToken = true;
      } else if (kind === TokenKind.Indent) this.indent(cursor.start, cursor.startLine);
      else if (kind === TokenKind.Dedent) this.dedent(cursor.start);
      else if (kind === TokenKind.Newline || kind === TokenKind.EndMarker) {
        this.statement(unit);
        unit.push(cursor, true);
        this.unitStarts.push(unitStart);
        this.unitStartLines.push(unitStartLine);
        this.unitEndLines.push(cursor.endLine);
        if (kind === TokenKind.EndMarker) this.finished = true;
        return;
      }
    }
  }

  private indent(offset: number, line: number): void {
    this.level++;
    if (this.opening) {
      const scope: Scope = { bodyLevel: this.level, bindings: new Map() };
      for (const name of this.opening) add(scope, { name, line }, offset);
      if (this.openingClass?.detail?.kind === 'class') {
        this.openingClass.detail.scope = scope;
        scope.owner = this.openingClass;
      }
      this.open.push(scope);
      this.changes.push({ offset, scope });
    }
    this.opening = this.openingClass = undefined;
  }

  private dedent(offset: number): void {
    this.level--;
    const before = this.current;
    while (this.open.length > 1 && this.current.bodyLevel > this.level) {
      const closed = this.open.pop()!;
      if (this.open.length === 1 && closed.owner) this.closeModuleClass(closed.owner, closed, offset);
    }
    if (this.current !== before) this.changes.push({ offset, scope: this.current });
  }

  /**
   * A module-level class body ended: a class decorated `@...global_enum` puts its members into the module
   * (the re module's `re.VERBOSE` is `RegexFlag.VERBOSE`). Whether the decorator is enum's is checked on lookup.
   */
  private closeModuleClass(owner: BindingRecord, body: Scope, offset: number): void {
    if (owner.detail?.kind !== 'class' || !owner.detail.decorators.some((d) => d === 'global_enum' || d.endsWith('.global_enum'))) return;
    for (const [name, list] of body.bindings) {
      if (isMemberName(name) && list[0].from !== FUNCTION && list[0].from !== CLASS) {
        const member = add(this.module, { name, line: owner.line, detail: { kind: 'member', owner } }, offset);
        if (owner.nested) member.nested = true;
      }
    }
  }

  /**
   * The names `__all__` lists, when the module binds it to a display of plain strings (and never changes it
   * through `__all__.extend(...)` and the like: then 'unknown', as for any other `__all__`); undefined when the
   * module does not bind `__all__`.
   */
  allNames(): ReadonlySet<string> | 'unknown' | undefined {
    if (this.exported === null) this.exported = this.readAllNames();
    return this.exported;
  }

  /** allNames, once read (null: not yet). */
  private exported: ReadonlySet<string> | 'unknown' | undefined | null = null;

  private readAllNames(): ReadonlySet<string> | 'unknown' | undefined {
    while (!this.finished) this.readUnit();
    const record = lastBefore(this.module, '__all__', Infinity);
    if (record === undefined) return undefined;
    if (record.from < 0 || this.cut || /__all__\s*[.[]/.test(this.text)) return 'unknown';
    const { code, text } = this.expression(record.from, record.to);
    const names = new Set<string>();
    for (const token of code) {
      const value = text.slice(token.start, token.end);
      const plain = /^(['"])([A-Za-z_][A-Za-z0-9_]*)\1$/.exec(value);
      if (plain) names.add(plain[2]);
      else if (!['[', ']', '(', ')', ',', '+'].includes(value)) return 'unknown';
    }
    return names;
  }

  /** Records what the statement of a logical line's code tokens binds (nothing for a line of comments). */
  private statement(code: LineBuffer): void {
    if (code.length === 0) return;
    if (code.kinds[0] === TokenKind.Op && this.text.charCodeAt(code.starts[0]) === 0x40) { // @
      if (code.length > 1 && this.decorators.length < MAX_DECORATORS) {
        this.decorators.push(this.text.slice(code.starts[1], Math.min(code.ends[code.length - 1], code.starts[1] + 200)).replace(/\s+/g, ''));
      }
      return;
    }
    const decorators = this.decorators;
    if (decorators.length > 0) this.decorators = [];
    // The reference path (options.tokens) reads every statement the general way, so the tests compare the two.
    if (!this.tokenArray && this.simpleAssignment(code)) return;
    const statement = new Statement(code, this.text);
    this.opening = statement.opensScope();
    this.openingClass = undefined;
    for (const binding of statement.bindings()) {
      const record = add(this.current, binding, code.starts[0]);
      if (this.level > this.current.bodyLevel) record.nested = true;
      if (record.detail?.kind === 'class') {
        record.detail.decorators = decorators;
        this.openingClass = record;
      }
    }
    for (const name of statement.attributeWrites()) this.attributeWrites.add(name);
  }

  /**
   * `NAME = <expression>` with no other `=` before a top-level `;` or `lambda`, most statements of a file of
   * constants: recorded as Statement would record it, without making its objects. false for anything else.
   */
  private simpleAssignment(code: LineBuffer): boolean {
    const text = this.text;
    if (code.length < 3 || code.kinds[0] !== TokenKind.Name || code.ends[1] - code.starts[1] !== 1 || text.charCodeAt(code.starts[1]) !== 0x3d) return false;
    let depth = 0;
    for (let i = 2; i < code.length; i++) {
      const kind = code.kinds[i], start = code.starts[i];
      if (kind === TokenKind.Name) {
        if (depth === 0 && code.ends[i] - start === 6 && text.startsWith('lambda', start)) break;
        continue;
      }
      if (kind !== TokenKind.Op || code.ends[i] - start !== 1) continue;
      const c = text.charCodeAt(start);
      if (c === 0x28 || c === 0x5b || c === 0x7b) depth++; // ( [ {
      else if (c === 0x29 || c === 0x5d || c === 0x7d) depth--; // ) ] }
      else if (c === 0x3d && depth === 0) return false; // `A = B = ...`
      else if (c === 0x3b && depth === 0) break;
    }
    const name = text.slice(code.starts[0], code.ends[0]);
    if (isKeyword(name)) return false;
    this.opening = this.openingClass = undefined;
    const record = add(this.current, { name, line: code.startLines[0], from: code.starts[2], to: code.ends[code.length - 1] }, code.starts[0]);
    if (this.level > this.current.bodyLevel) record.nested = true;
    return true;
  }

  /** The code tokens of the expression at text offsets [from, to), and the text their offsets refer to. */
  private expression(from: number, to: number): { code: Token[]; text: string } {
    const code: Token[] = [];
    const tokens = this.options.tokens;
    if (tokens) {
      for (let i = partitionPoint(tokens.length, (k) => tokens[k].start < from); i < tokens.length && tokens[i].end <= to; i++) {
        if (isCodeKind(tokens[i].kind)) code.push(tokens[i]);
      }
      return { code, text: this.text };
    }
    // Tokenized again on its own: at the start of the slice no bracket is open (the `=` before it was at depth 0).
    const text = this.text.slice(from, to);
    const tokenizer = new Tokenizer(text);
    while (tokenizer.next() !== TokenKind.EndMarker) if (isCodeKind(tokenizer.kind)) code.push(tokenizer.token());
    return { code, text };
  }

  private get current(): Scope {
    return this.open[this.open.length - 1];
  }

  /** The scope of the statement starting at text offset `offset` (already read up to). */
  private scopeAt(offset: number): Scope {
    const changes = this.changes;
    // A DEDENT sits at the offset of the statement after it, which is already in the scope it returns to.
    const count = partitionPoint(changes.length, (i) => changes[i].offset <= offset);
    return count === 0 ? this.module : changes[count - 1].scope;
  }
}

function add(scope: Scope, binding: ReadBinding, index: number): BindingRecord {
  const from = binding.from ?? (binding.what === 'class' ? CLASS : binding.what === 'function' ? FUNCTION : UNKNOWN_VALUE);
  const record: BindingRecord = { name: binding.name, line: binding.line, index, from, to: binding.to ?? -1, detail: undefined };
  if (binding.detail) record.detail = binding.detail.kind === 'class' ? { ...binding.detail } : binding.detail;
  const list = scope.bindings.get(record.name);
  if (list) list.push(record);
  else scope.bindings.set(record.name, [record]);
  return record;
}

/** The last binding of `name` in scope before text offset `limit`. */
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

  /** @param expression the code tokens of text offsets [from, to) and the text their offsets refer to */
  /** @param writes whether the text assigns or deletes an attribute of that name anywhere (ScopeIndex.writesAttribute) */
  constructor(private readonly expression: (from: number, to: number) => { code: Token[]; text: string }, private readonly module: Scope,
    private readonly limits: EvaluationLimits, private readonly budget: WorkBudget, private readonly imports: ImportFollower | undefined,
    private readonly writes: (name: string) => boolean) {}

  /** The record of `name` visible from text offset `limit` in `scope` (the scope's own, else the module's), and its scope. */
  private find(name: string, scope: Scope, limit: number): { record: BindingRecord; scope: Scope } | undefined {
    const record = lastBefore(scope, name, limit);
    if (record !== undefined && scope !== this.module) return { record: this.settled(record, scope), scope };
    const outer = record ?? (scope !== this.module ? lastBefore(this.module, name, limit) : undefined);
    const starred = this.fromStars(name, outer?.index ?? -1, limit);
    if (starred !== undefined) {
      const before = starred.reason !== undefined && outer !== undefined && outer.from >= 0 && !outer.nested ? outer : undefined;
      return { record: before ? { ...starred, before } : starred, scope: this.module };
    }
    return outer && { record: this.settled(outer, this.module), scope: this.module };
  }

  /**
   * The record, or an unknown one when it is bound in a block (`if`, `try`, a loop) and something earlier
   * binds the name too (`try: X = a() except E: X = 2`): which one holds depends on what ran.
   */
  private settled(record: BindingRecord, scope: Scope): BindingRecord {
    if (!record.nested) return record;
    const earlier = lastBefore(scope, record.name, record.index) ?? (scope === this.module ? lastBefore(scope, '*', record.index) : undefined);
    return earlier === undefined ? record : { ...record, from: UNKNOWN_VALUE, detail: undefined, reason: BRANCHES };
  }

  /**
   * `name` as the module's star imports between text offsets `after` and `limit` bind it (the latest that
   * binds it wins, as Python runs them): a record importing it from there, one with an unknown value when a
   * star module cannot be read, or undefined when none binds it.
   */
  private fromStars(name: string, after: number, limit: number): BindingRecord | undefined {
    const stars = this.module.bindings.get('*');
    if (stars === undefined || this.imports === undefined || name === '*' || name.startsWith('__')) return undefined;
    const unreadable: string[] = [];
    let asked = 0;
    for (let k = partitionPoint(stars.length, (i) => stars[i].index < limit) - 1; k >= 0 && stars[k].index > after; k--) {
      const star = stars[k], detail = star.detail;
      if (detail?.kind !== 'star') continue;
      const spelled = '.'.repeat(detail.level) + detail.module;
      const binds = asked++ >= MAX_STARS ? 'unknown' : this.imports.starBinds(detail.level, detail.module, name);
      if (binds === 'unknown') {
        if (!unreadable.includes(spelled)) unreadable.push(spelled);
        continue;
      }
      if (binds === 'no') continue;
      if (unreadable.length > 0) break;
      // A star in a block (`try: from _c import *`) may not run: then what came before it holds.
      if (star.nested && (after >= 0 || k > 0)) return { name, line: star.line, index: star.index, from: UNKNOWN_VALUE, to: -1, reason: BRANCHES };
      return { name, line: star.line, index: star.index, from: UNKNOWN_VALUE, to: -1,
        detail: { kind: 'import', level: detail.level, module: detail.module, name } };
    }
    if (unreadable.length === 0) return undefined;
    const modules = unreadable.map((m) => `\`${m}\``).join(' or ');
    return { name, line: stars[0].line, index: after, from: UNKNOWN_VALUE, to: -1,
      reason: `it may come from \`import *\` of ${modules}, which ${unreadable.length > 1 ? 'have' : 'has'} no Python source to read here (a C module, or one outside the workspace and the standard library)` };
  }

  /** The binding of `name` visible from text offset `limit` in `scope`: the scope's own, else the module's. */
  lookup(name: string, scope: Scope, limit: number): Binding | undefined {
    const found = this.find(name, scope, limit);
    if (found === undefined) return undefined;
    const { record } = found;
    const value: Value = record.from >= 0 ? this.valueOf(record, found.scope)
      : record.reason !== undefined ? { kind: 'unknown', reason: this.reasonWithEarlierValue(record) }
      : record.detail?.kind === 'member' ? this.globalMember(record.detail.owner, name)
      : record.detail?.kind === 'import' ? this.imports?.follow(record.detail, []) ?? UNKNOWN
      : record.from === CLASS ? { kind: 'notInt', message: `\`${name}\` is a class`, object: true } as const
      : record.from === FUNCTION ? { kind: 'notInt', message: `\`${name}\` is a function`, object: true } as const : UNKNOWN;
    return { name, line: record.line, value };
  }

  /**
   * An unknown record's reason; when it is a star import that may rebind the name, with what the module itself
   * binds before it (`0o0400`, 256 for stat.S_IRUSR), as information: which value holds depends on that import.
   */
  private reasonWithEarlierValue(record: BindingRecord): string | undefined {
    const before = record.before;
    if (before === undefined) return record.reason;
    const value = this.valueOf(before, this.module);
    if (value.kind !== 'int') return record.reason;
    const source = this.expression(before.from, before.to);
    const written = source.code.length === 1 ? source.text.slice(source.code[0].start, source.code[0].end) : '';
    const shown = written !== '' && written !== String(value.value) ? `\`${written}\` (${value.value})` : `\`${value.value}\``;
    return `${record.reason}; before that import it is bound to ${shown}, on line ${before.line + 1} of its module`;
  }

  /**
   * `a.b.c`: a name, a module's constant through an import, a member of an enum.Flag/IntFlag/IntEnum class, or
   * an attribute of a plain class (`K.MASK`, `K.Inner.MASK`). An attribute that this text assigns or deletes
   * anywhere (`K.MASK = 0`, `self.MASK |= 1` in a method) is unknown: its value depends on what ran.
   */
  lookupPath(path: readonly string[], scope: Scope, limit: number): Value | undefined {
    if (path.length === 1) return this.lookup(path[0], scope, limit)?.value;
    const found = this.find(path[0], scope, limit);
    const detail = found?.record.detail;
    if (found?.record.reason !== undefined) return { kind: 'unknown', reason: found.record.reason };
    if (detail?.kind === 'import') {
      if (path.slice(1).some((name) => this.writes(name))) return UNKNOWN;
      return this.imports?.follow(detail, path.slice(1));
    }
    if (detail?.kind === 'class' && detail.scope) return this.classAttribute(found!.record, path.slice(1));
    return undefined;
  }

  /** `names` read from the class `owner`: an enum's member, or a plain class's attribute (through nested classes). */
  private classAttribute(owner: BindingRecord, names: readonly string[]): Value | undefined {
    let current = owner;
    for (let i = 0; i < names.length && i < MAX_CLASS_PATH; i++) {
      const detail = current.detail;
      if (detail?.kind !== 'class' || detail.scope === undefined) return undefined;
      const name = names[i], last = i === names.length - 1;
      const member = lastBefore(detail.scope, name, Infinity);
      if (this.enumKind(current) !== undefined) {
        // Perm.R: a member (its own attributes, Perm.R.value, are not followed).
        return member && last && isMemberName(name) ? this.valueOf(member, detail.scope) : undefined;
      }
      // A metaclass, a base's __init_subclass__, a decorator or __slots__ may change what the body binds.
      if (!this.isPlainClass(current) || member === undefined) return undefined;
      if (this.writes(name)) return UNKNOWN;
      if (!last) {
        current = member;
        continue;
      }
      return member.from >= 0 ? this.valueOf(member, detail.scope)
        : member.from === CLASS ? { kind: 'notInt', message: `\`${name}\` is a class`, object: true }
        : member.from === FUNCTION ? { kind: 'notInt', message: `\`${name}\` is a function`, object: true } : UNKNOWN;
    }
    return undefined;
  }

  /**
   * A class whose body's bindings are its attributes as written: no base but `object` (so no metaclass and no
   * `__init_subclass__`), no `__slots__`, and no decorator but `dataclasses.dataclass` and `typing.final`
   * without arguments (both return the class with its attributes).
   */
  private isPlainClass(owner: BindingRecord): boolean {
    const detail = owner.detail;
    if (detail?.kind !== 'class' || detail.scope === undefined || detail.scope.bindings.has('__slots__')) return false;
    if (!(detail.bases.length === 0 || (detail.bases.length === 1 && detail.bases[0] === 'object' && !this.module.bindings.has('object')))) return false;
    return detail.decorators.every((d) => this.refersTo(d, 'dataclasses', 'dataclass', owner.index)
      || this.refersTo(d, 'typing', 'final', owner.index) || this.refersTo(d, 'typing_extensions', 'final', owner.index));
  }

  /** Whether the dotted text (`name` or `module.name`) is `name` imported from `module` at text offset `before`. */
  private refersTo(dotted: string, module: string, name: string, before: number): boolean {
    const parts = dotted.split('.');
    if (parts.length > 2 || parts[parts.length - 1] !== name) return false;
    const imported = lastBefore(this.module, parts[0], before)?.detail;
    if (imported?.kind !== 'import' || imported.level !== 0 || imported.module !== module) return false;
    return parts.length === 1 ? imported.name === name : imported.name === undefined && imported.submodule === undefined;
  }

  /**
   * 'flag', 'intFlag' or 'intEnum' when the class's only base is that class of the `enum` module, or when it
   * has no base and is decorated `@enum._simple_enum(enum.IntFlag, ...)` (how the stdlib's re and others make theirs).
   */
  private enumKind(owner: BindingRecord): EnumKind | undefined {
    const detail = owner.detail;
    if (detail?.kind !== 'class') return undefined;
    let base: string | undefined;
    if (detail.bases.length === 1) base = detail.bases[0];
    else if (detail.bases.length === 0) {
      for (const decorator of detail.decorators) {
        const call = /^([\w.]+)\(([\w.]+)[,)]/.exec(decorator);
        if (call && this.refersTo(call[1], 'enum', '_simple_enum', owner.index)) base = call[2];
      }
    }
    if (base === undefined) return undefined;
    for (const [name, kind] of ENUM_KINDS) if (this.refersTo(base, 'enum', name, owner.index)) return kind;
    return undefined;
  }

  /** A member of an `@enum.global_enum` enum class, as the module binds it (unknown unless the decorator is enum's). */
  private globalMember(owner: BindingRecord, name: string): Value {
    const detail = owner.detail;
    if (detail?.kind !== 'class' || detail.scope === undefined || this.enumKind(owner) === undefined
      || !detail.decorators.some((d) => this.refersTo(d, 'enum', 'global_enum', owner.index))) return UNKNOWN;
    const member = lastBefore(detail.scope, name, Infinity);
    return member ? this.valueOf(member, detail.scope) : UNKNOWN;
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
    const ordered = this.membersOf(scope);
    if (ordered === undefined) return UNKNOWN;
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
  private readonly members = new Map<Scope, BindingRecord[] | undefined>();

  /** An enum body's members in order, once per hover; undefined when a name is bound twice (the class raises). */
  private membersOf(scope: Scope): BindingRecord[] | undefined {
    if (this.members.has(scope)) return this.members.get(scope);
    const lists = [...scope.bindings.values()].filter((list) => isMemberName(list[0].name) && list[0].from !== FUNCTION && list[0].from !== CLASS);
    const ordered = lists.some((list) => list.length > 1) ? undefined : lists.map((list) => list[0]).sort((a, b) => a.index - b.index);
    this.members.set(scope, ordered);
    return ordered;
  }

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
    // `~` keeps to the one-bit members (aliases such as RW = R | W left out); an unknown member, or an alias
    // with a bit no one-bit member has, changes that in ways not followed here.
    const single = members.reduce((mask, m) => ((m.value & (m.value - 1n)) === 0n ? mask | m.value : mask), 0n);
    if (members.length === ordered.length && members.every((m) => m.value > 0n && (m.value & ~single) === 0n)) {
      flag.invertMask = kind === 'flag' ? single : (1n << BigInt(bitLength(single))) - 1n;
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
      const { code, text } = this.expression(record.from, record.to);
      const { roots } = parseLine(code, text);
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
  /** code: the statement's code tokens (at least one), over `text`. */
  constructor(private readonly code: LineBuffer, private readonly text: string) {}

  private value(i: number): string {
    return i < this.code.length ? this.text.slice(this.code.starts[i], this.code.ends[i]) : '';
  }

  /** Whether code[i] is `word`, without making a string (the scan reads every statement of a file). */
  private is(i: number, word: string): boolean {
    if (i >= this.code.length) return false;
    const start = this.code.starts[i];
    return this.code.ends[i] - start === word.length && this.text.startsWith(word, start);
  }

  private get line(): number {
    return this.code.startLines[0];
  }

  /** For `def`/`class` statements, the names the new scope starts with (parameters); otherwise undefined. */
  opensScope(): string[] | undefined {
    const nameAt = this.is(0, 'async') ? 2 : 1;
    if (this.is(nameAt - 1, 'class')) return [];
    if (!this.is(nameAt - 1, 'def')) return undefined;
    if (this.code.kind(nameAt) !== TokenKind.Name) return [];
    // The header's parameters as python/signature.ts reads them for docstring stubs (an inline body after the
    // colon only adds to the return annotation, which is not read here).
    return parseSignature(this.text, this.code.ends[nameAt], this.code.ends[this.code.length - 1]).params.map((p) => p.name);
  }

  /** What the statement binds, in order (a later one of the same name wins). */
  bindings(): ReadBinding[] {
    // `NAME = ...`, most statements of a file of constants: only the assignment can bind (no `as`, no `for`).
    if (this.code.kind(0) === TokenKind.Name && this.is(1, '=')) return this.assignments();
    if (this.is(0, 'def') || this.is(0, 'class') || this.is(0, 'async')) {
      const nameAt = this.is(0, 'async') ? 2 : 1;
      const what = this.is(nameAt - 1, 'class') ? 'class' : 'function';
      if (this.code.kind(nameAt) !== TokenKind.Name) return [];
      const detail: RecordDetail | undefined = what === 'class' ? { kind: 'class', bases: this.bases(nameAt + 1), decorators: [] } : undefined;
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
      if (this.code.kind(i + 1) === TokenKind.Name && (this.is(i, 'as') || this.is(i, 'import') || (importsNames && this.is(i, ',')))) {
        bound.push(unknown(this.value(i + 1), this.line));
      }
    }
    if (this.is(0, 'for')) for (const name of this.namesIn(1, this.indexOfTopLevel('in'))) bound.push(unknown(name, this.line));
    if (this.code.kind(0) === TokenKind.Name && this.code.kind(1) === TokenKind.Op
      && isAugmentedAssignment(this.value(1))) {
      bound.push(unknown(this.value(0), this.line));
    }
    const assigned = this.assignments();
    if (bound.length === 0) return assigned;
    for (const binding of assigned) bound.push(binding);
    return bound;
  }

  /**
   * The attribute names the statement assigns, augments or deletes: `self.mask = 0`, `K.MASK |= 1`, `a.x, b.y =
   * ...`, `o.n: int = 0`, `del o.x`. A `.NAME` inside a target's subscript counts too (only ever too many).
   */
  attributeWrites(): string[] {
    const out: string[] = [];
    const n = this.code.length;
    const attributeAt = (i: number): boolean => i >= 1 && this.code.kind(i) === TokenKind.Name && this.is(i - 1, '.');
    const ends = (i: number): boolean => i >= n || this.is(i, ',') || this.is(i, ':') || this.is(i, ')') || this.is(i, ']') || this.is(i, ';');
    if (this.is(0, 'del')) {
      for (let i = 1; i < n && !this.is(i, ';'); i++) if (attributeAt(i) && ends(i + 1)) out.push(this.value(i));
      return out;
    }
    let depth = 0, targetStart = 0;
    for (let i = 0; i < n; i++) {
      const kind = this.code.kind(i);
      if (kind === TokenKind.Name) {
        if (depth === 0 && this.is(i, 'lambda')) break;
        continue;
      }
      if (kind !== TokenKind.Op) continue;
      const v = this.value(i);
      if (v === '(' || v === '[' || v === '{') depth++;
      else if (v === ')' || v === ']' || v === '}') depth--;
      else if (depth === 0 && v === ';') break;
      else if (depth === 0 && (v === '=' || isAugmentedAssignment(v))) {
        for (let k = targetStart; k < i; k++) if (attributeAt(k) && (k + 1 === i || ends(k + 1))) out.push(this.value(k));
        targetStart = i + 1;
      }
    }
    return out;
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
      } else if (this.code.kind(i) === TokenKind.Name || v === '.') {
        current += v;
      } else {
        return ['?']; // a keyword argument, a call, a subscript: not a plain enum class
      }
    }
    return ['?'];
  }

  /** `import a.b as c, d` and `from ..m import (x as y, z)`: each bound name with what it imports; undefined if malformed. */
  private imports(): ReadBinding[] | undefined {
    const statement = readImportStatement({ length: this.code.length, text: (i) => this.value(i), kind: (i) => this.code.kind(i) });
    if (statement === undefined) return undefined;
    const bound: ReadBinding[] = statement.names.map((imported) => {
      const detail: ImportDetail = { kind: 'import', level: imported.level, module: imported.module };
      if (imported.imported !== undefined) detail.name = imported.imported;
      if (imported.submodule !== undefined) detail.submodule = imported.submodule;
      return { name: imported.name, line: this.line, detail };
    });
    for (const star of statement.stars) bound.push({ name: '*', line: this.line, detail: { kind: 'star', level: star.level, module: star.module } });
    return bound;
  }

  /** `A = B = value` and `A: T = value` bind the value; `a, b = value` makes a and b unknown. */
  private assignments(): ReadBinding[] {
    const equals: number[] = [];
    let depth = 0;
    for (let i = 0; i < this.code.length; i++) {
      const kind = this.code.kind(i), start = this.code.starts[i];
      if (kind === TokenKind.Name) {
        if (depth === 0 && this.is(i, 'lambda')) break; // `=` after it is not this assignment's
        continue;
      }
      if (kind !== TokenKind.Op || this.code.ends[i] - start !== 1) continue;
      const c = this.text.charCodeAt(start);
      if (c === 0x28 || c === 0x5b || c === 0x7b) depth++; // ( [ {
      else if (c === 0x29 || c === 0x5d || c === 0x7d) depth--; // ) ] }
      else if (c === 0x3d && depth === 0) equals.push(i); // =
      else if (c === 0x3b && depth === 0) break; // `;`: `=` after it is not this assignment's
    }
    if (equals.length === 0) return [];
    const valueStart = equals[equals.length - 1] + 1;
    const end = this.code.ends[this.code.length - 1];
    const from = valueStart < this.code.length ? this.code.starts[valueStart] : end;
    const bound: ReadBinding[] = [];
    if (equals.length === 1) {
      const unpacked = this.unpacking(0, equals[0], valueStart, this.code.length);
      if (unpacked !== undefined) return unpacked;
    }
    let targetStart = 0;
    for (const equal of equals) {
      const simpleName = this.code.kind(targetStart) === TokenKind.Name
        && (equal === targetStart + 1 || this.is(targetStart + 1, ':'));
      if (simpleName) {
        bound.push({ name: this.value(targetStart), line: this.line, from, to: end });
      } else {
        for (const name of this.namesIn(targetStart, equal)) bound.push(unknown(name, this.line));
      }
      targetStart = equal + 1;
    }
    return bound;
  }

  /**
   * `FTEXT, FHCRC = 1, 2` (also in brackets): each name bound to its own element, when the target is only
   * names and the value as many elements, none starred. undefined for anything else.
   */
  private unpacking(targetFrom: number, targetTo: number, valueFrom: number, valueTo: number): ReadBinding[] | undefined {
    const targets = this.elements(targetFrom, targetTo);
    const values = this.elements(valueFrom, valueTo);
    if (targets === undefined || values === undefined || targets.length < 2 || targets.length !== values.length) return undefined;
    if (!targets.every(([from, to]) => to === from + 1 && this.code.kind(from) === TokenKind.Name && !isKeyword(this.value(from)))) return undefined;
    if (values.some(([from]) => this.is(from, '*'))) return undefined;
    return targets.map(([at], k) => ({ name: this.value(at), line: this.line, from: this.code.starts[values[k][0]], to: this.code.ends[values[k][1] - 1] }));
  }

  /** The comma-separated elements of code[from, to) as token ranges (one wrapping pair of brackets taken off). */
  private elements(from: number, to: number): Array<[number, number]> | undefined {
    if (to - from >= 2 && (this.is(from, '(') || this.is(from, '[')) && this.closes(from) === to - 1) {
      from++;
      to--;
    }
    const out: Array<[number, number]> = [];
    let depth = 0, start = from;
    for (let i = from; i < to; i++) {
      const v = this.code.kind(i) === TokenKind.Op ? this.value(i) : '';
      if (v === '(' || v === '[' || v === '{') depth++;
      else if (v === ')' || v === ']' || v === '}') depth--;
      else if ((v === ',' && depth === 0) || (this.code.kind(i) === TokenKind.Name && this.is(i, 'lambda'))) {
        if (v !== ',' || i === start) return undefined;
        out.push([start, i]);
        start = i + 1;
      }
    }
    if (start < to) out.push([start, to]);
    return depth === 0 && out.length > 0 ? out : undefined;
  }

  /** The index of the bracket closing the one at code[open], or -1. */
  private closes(open: number): number {
    let depth = 0;
    for (let i = open; i < this.code.length; i++) {
      const v = this.code.kind(i) === TokenKind.Op ? this.value(i) : '';
      if (v === '(' || v === '[' || v === '{') depth++;
      else if ((v === ')' || v === ']' || v === '}') && --depth === 0) return i;
    }
    return -1;
  }

  /** The names an unpacking target binds, if code[start, end) is only names, commas, brackets and stars. */
  private namesIn(start: number, end: number): string[] {
    const names: string[] = [];
    for (let i = start; i < end; i++) {
      const v = this.value(i);
      if (this.code.kind(i) === TokenKind.Name) names.push(v);
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
