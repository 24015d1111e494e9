/**
 * What a function's code says about it: its parameters (with annotations as written) and whether its own body
 * returns a value, yields, or raises named exceptions. Docstring stubs and the hover's scopes read it.
 *
 * Everything lexical goes through the Tokenizer, run over the header or body span only. Bracket nesting is
 * read from the tokenizer's depth; the only nesting we track ourselves is lambdas, on an explicit stack,
 * so nothing here recurses per nesting level.
 */
import { lineEndOffset } from './lines';
import { literalValue } from './strings';
import type { Definition } from './structure';
import { Tokenizer } from './lexer/cursor';
import { isCodeKind, TokenKind } from './tokens';

/** How a parameter is passed: before `/`, either way, `*args`, after `*`, `**kwargs`. */
export type ParameterKind = 'posonly' | 'positional' | 'varargs' | 'kwonly' | 'varkw';

export interface Parameter {
  name: string;
  /** '*' for `*args`, '**' for `**kwargs`, '' otherwise. */
  star: '' | '*' | '**';
  kind: ParameterKind;
  /** The annotation's source text on one line, or null. */
  annotation: string | null;
  /** The default's source text on one line (strings as written), when it has one. */
  default?: string;
  /** Offset of the name in the text (parseSignature sets it; hand-made parameters may leave it out). */
  nameStart?: number;
}

export interface Signature {
  params: Parameter[];
  /** The `->` annotation's source text on one line, or null. */
  returns: string | null;
}

/** What the function's own body does (nested definitions, classes and lambdas are theirs, not its). */
export interface BodyFacts {
  /** A `return <value>`. */
  returnsValue: boolean;
  /** A `return` without a value. (Optional only so that callers may build facts by hand; scanBody sets it.) */
  returnsBare?: boolean;
  /** A `yield` / `yield from` anywhere in a statement (`x = yield` too). */
  yields: boolean;
  /** Any `raise` statement, whether or not what it raises can be named (a bare `raise`, `raise exc`). */
  raisesAny: boolean;
  /**
   * Exception types raised, possibly dotted, in order of first appearance: `raise X` / `raise X(...)` /
   * `raise m.X(...) from e`; a bare `raise`, or `raise e`, inside `except X as e:` raises X (each type of a
   * tuple). A name that is not called and reads as a variable (`raise exc`, `raise self.error`) is left out:
   * what it holds is not known.
   */
  raises: string[];
  /** A `raise` whose exception cannot be named (`raise exc`, a bare `raise` outside any typed except). */
  unnamedRaise?: boolean;
  /** An `assert` statement. */
  asserts?: boolean;
}

/**
 * Accumulates an expression's tokens and renders them on one line (comments and line breaks dropped).
 * A forward reference (`"Shape"`, a lone str literal) renders as the type it names.
 */
class OneLineText {
  /** @param forwardReferences a lone str literal renders as its text (annotations), else as written (defaults) */
  constructor(private readonly forwardReferences = true) {}

  private out = '';
  private lastEnd = -1;
  private lastLine = -1;
  private lastValue = '';
  private count = 0;
  private onlyString: string | null = null;

  add(tk: Tokenizer): void {
    const value = tk.value;
    if (this.lastEnd >= 0 && this.needsSpace(tk, value)) this.out += ' ';
    this.out += value;
    this.lastEnd = tk.end;
    this.lastLine = tk.endLine;
    this.lastValue = value;
    this.count++;
    if (this.count === 1 && tk.kind === TokenKind.String && this.forwardReferences) {
      const literal = literalValue(value);
      if (literal.kind === 'str') this.onlyString = literal.value.trim().replace(/\s+/g, ' ');
    }
  }

  /** Keep a gap where the source had one; across lines, only where it separates two operands. */
  private needsSpace(tk: Tokenizer, value: string): boolean {
    if (tk.start === this.lastEnd) return false;
    if (tk.startLine === this.lastLine) return true;
    return !'([{'.includes(this.lastValue) && !')]},'.includes(value) && value !== '.' && this.lastValue !== '.';
  }

  get result(): string | null {
    if (this.count === 1 && this.onlyString) return this.onlyString;
    return this.lastEnd < 0 ? null : this.out;
  }
}

function isOp(tk: Tokenizer, op: string): boolean {
  return tk.kind === TokenKind.Op && tk.end - tk.start === op.length && tk.value === op;
}

/**
 * The parameters and return annotation of a function header. `from` is just after the function's name,
 * `to` just after the header's colon. Handles type parameters (`def f[T](...)`), defaults holding commas
 * inside brackets, strings and lambdas, `/` and bare `*` markers.
 */
export function parseSignature(text: string, from: number, to: number): Signature {
  const tk = new Tokenizer(text.slice(from, to));
  const params: Parameter[] = [];
  let phase: 'before' | 'params' | 'after' | 'returns' = 'before';
  let current = newSegment();
  const listState: ListState = { afterStar: false, checkedForSlash: 0 };
  let returns: OneLineText | null = null;
  let depthBefore = 0;
  for (let kind = tk.next(); kind !== TokenKind.EndMarker; depthBefore = tk.depth, kind = tk.next()) {
    if (!isCodeKind(kind)) continue; // comments and line breaks (a header's only NEWLINE is the zero-width one at its end)
    if (phase === 'before') {
      // Type parameters (`[T: (int, str)]`) come first; the parameter list is the `(` at depth 0.
      if (depthBefore === 0 && isOp(tk, '(')) phase = 'params';
    } else if (phase === 'params') {
      if (depthBefore === 1 && tk.depth === 0) {
        finishSegment(current, params, listState);
        attachDefault(current, params);
        phase = 'after';
      } else if (depthBefore === 1 && isOp(tk, ',') && current.lambdas === 0) {
        finishSegment(current, params, listState);
        attachDefault(current, params);
        current = newSegment();
      } else {
        segmentToken(current, tk, depthBefore === 1);
      }
    } else if (phase === 'after') {
      if (depthBefore === 0 && isOp(tk, '->')) {
        phase = 'returns';
        returns = new OneLineText();
      }
    } else if (!(depthBefore === 0 && isOp(tk, ':'))) {
      returns!.add(tk);
    }
  }
  const named = params.filter((p) => p !== KEYWORD_ONLY_MARKER);
  for (const p of named) p.nameStart! += from;
  return { params: named, returns: returns?.result ?? null };
}

/** One comma-separated piece of a parameter list: `[*|**] name [: annotation] [= default]`, or `/`, `*`. */
interface Segment {
  part: 'start' | 'name' | 'annotation' | 'default' | 'marker';
  name: string;
  /** Offset of the name in the header slice. */
  nameAt: number;
  star: '' | '*' | '**';
  /** Made when the part begins (most parameters have neither). */
  annotation: OneLineText | null;
  defaultText: OneLineText | null;
  /** Lambdas whose parameter list is still open at this level: their commas and colons are not ours. */
  lambdas: number;
}

function newSegment(): Segment {
  return { part: 'start', name: '', nameAt: 0, star: '', annotation: null, defaultText: null, lambdas: 0 };
}

function segmentToken(segment: Segment, tk: Tokenizer, topLevel: boolean): void {
  if (segment.part === 'start') {
    if (isOp(tk, '*') || isOp(tk, '**')) segment.star = tk.value as '*' | '**';
    else if (isOp(tk, '/')) segment.part = 'marker';
    else if (tk.kind === TokenKind.Name) {
      segment.name = tk.value;
      segment.nameAt = tk.start;
      segment.part = 'name';
    }
    return;
  }
  if (segment.part === 'marker') return;
  if (topLevel) {
    if (tk.kind === TokenKind.Name && tk.value === 'lambda') segment.lambdas++;
    else if (isOp(tk, ':') && segment.lambdas > 0) segment.lambdas--;
    else if (isOp(tk, ':') && segment.part === 'name') {
      segment.part = 'annotation';
      return;
    } else if (isOp(tk, '=') && segment.lambdas === 0 && segment.part !== 'default') {
      segment.part = 'default';
      return;
    }
  }
  if (segment.part === 'annotation') (segment.annotation ??= new OneLineText()).add(tk);
  else if (segment.part === 'default') (segment.defaultText ??= new OneLineText(false)).add(tk);
}

/** After finishSegment: the default of the parameter it added, if the segment was one with a default. */
function attachDefault(segment: Segment, params: Parameter[]): void {
  const text = segment.defaultText?.result ?? null;
  if (segment.part !== 'default' || segment.name === '' || text === null) return;
  params[params.length - 1].default = text;
}

/** What finishSegment remembers across segments, so that each segment costs O(1) (hostile headers have 100,000 parameters). */
interface ListState {
  /** A `*args` or keyword-only parameter came before. */
  afterStar: boolean;
  /** Parameters before this index have been seen by a `/` already. */
  checkedForSlash: number;
}

function finishSegment(segment: Segment, params: Parameter[], state: ListState): void {
  if (segment.part === 'marker') {
    // `/`: everything before it is positional-only.
    for (let i = state.checkedForSlash; i < params.length; i++) if (params[i].kind === 'positional') params[i].kind = 'posonly';
    state.checkedForSlash = params.length;
    return;
  }
  const afterStar = state.afterStar || segment.star === '*';
  // A bare `*` (keyword-only marker) has no name: the parameters after it are keyword-only.
  if (segment.name === '') {
    if (segment.star === '*') {
      params.push(KEYWORD_ONLY_MARKER);
      state.afterStar = true;
    }
    return;
  }
  const kind = segment.star === '*' ? 'varargs' : segment.star === '**' ? 'varkw' : afterStar ? 'kwonly' : 'positional';
  if (kind === 'varargs' || kind === 'kwonly') state.afterStar = true;
  params.push({ name: segment.name, star: segment.star, kind, annotation: segment.annotation?.result ?? null, nameStart: segment.nameAt });
}

const KEYWORD_ONLY_MARKER: Parameter = Object.freeze({ name: '', star: '*', kind: 'kwonly', annotation: null }) as Parameter;

/** A lambda seen in a body: its parameters run until its `:` at the same depth, then its body. */
interface OpenLambda {
  depth: number;
  inBody: boolean;
}

/** An `except` clause whose body is still open: statements indented deeper than `column` are inside it. */
interface OpenHandler {
  column: number;
  /** The exception types it catches (dotted names); empty for a bare `except:` or one we cannot read. */
  types: string[];
  /** The name bound by `as`, or null. */
  name: string | null;
}

/** What scanning one body needs to carry from one stretch to the next. */
interface BodyScan {
  facts: BodyFacts;
  handlers: OpenHandler[];
}

/**
 * Scans a function body, text[from, to), for returns, yields and raises. `skip` holds the (sorted, disjoint)
 * spans of nested definitions, whose statements belong to them; lambda bodies are skipped as they come.
 */
export function scanBody(text: string, from: number, to: number, skip: Array<[number, number]>): BodyFacts {
  const scan: BodyScan = {
    facts: { returnsValue: false, returnsBare: false, yields: false, raisesAny: false, raises: [], unnamedRaise: false, asserts: false },
    handlers: [],
  };
  // Only the stretches between nested definitions are read: tokenizing the children too would make a file
  // of deeply nested definitions quadratic. A nested definition always starts a new statement, so no
  // statement spans two stretches.
  let start = from;
  for (const [childStart, childEnd] of skip) {
    if (childStart > start) scanStretch(text, start, Math.min(childStart, to), scan);
    start = Math.max(start, childEnd);
  }
  if (start < to) scanStretch(text, start, to, scan);
  return scan.facts;
}

type BodyState = 'idle' | 'return' | 'raise' | 'raiseName' | 'raiseDot' | 'except';

function scanStretch(text: string, from: number, to: number, scan: BodyScan): void {
  const { facts, handlers } = scan;
  const tk = new Tokenizer(text.slice(from, to));
  const lambdas: OpenLambda[] = [];
  let state: BodyState = 'idle';
  let raised = '';
  /** The code tokens of an `except` clause's header, up to its colon. */
  let clause: string[] = [];
  let clauseColumn = 0;
  let depthBefore = 0;
  let lineStart = true;
  for (let kind = tk.next(); kind !== TokenKind.EndMarker; depthBefore = tk.depth, kind = tk.next()) {
    if (kind === TokenKind.NL || kind === TokenKind.Indent || kind === TokenKind.Dedent) continue;
    const ends = kind === TokenKind.Newline || kind === TokenKind.Comment || isOp(tk, ';');
    if (lineStart && isCodeKind(kind)) {
      // A statement at the start of a line closes every except clause it is not indented under. The first
      // line of a stretch is the rest of a header or of a nested definition's last line: never such a start.
      if (tk.startLine > 0) while (handlers.length > 0 && handlers[handlers.length - 1].column >= tk.startCol) handlers.pop();
      lineStart = false;
    }
    if (kind === TokenKind.Newline) lineStart = true;
    // Finish a `return ...` / `raise ...` / `except ...:` begun by earlier tokens.
    if (state === 'return') {
      if (ends) facts.returnsBare = true;
      else facts.returnsValue = true;
      state = 'idle';
    } else if (state === 'raise') {
      if (kind === TokenKind.Name) {
        state = 'raiseName';
        raised = tk.value;
        continue;
      }
      if (ends) noteBareRaise(facts, handlers);
      else facts.unnamedRaise = true;
      state = 'idle';
    } else if (state === 'raiseName') {
      if (isOp(tk, '.')) {
        state = 'raiseDot';
        continue;
      }
      if (ends || isOp(tk, '(') || (kind === TokenKind.Name && tk.value === 'from')) noteRaise(facts, handlers, raised, isOp(tk, '('));
      else facts.unnamedRaise = true;
      state = 'idle';
    } else if (state === 'raiseDot') {
      if (kind === TokenKind.Name) {
        raised += '.' + tk.value;
        state = 'raiseName';
        continue;
      }
      facts.unnamedRaise = true;
      state = 'idle';
    } else if (state === 'except') {
      if (depthBefore === 0 && isOp(tk, ':')) {
        handlers.push({ column: clauseColumn, ...readExceptClause(clause) });
        state = 'idle';
      } else if (ends) {
        state = 'idle'; // broken code: no colon
      } else if (isCodeKind(kind)) {
        clause.push(tk.value);
      }
      continue;
    }
    trackLambdas(lambdas, tk, depthBefore);
    if (kind !== TokenKind.Name) continue;
    const word = tk.value;
    if (word === 'return') state = 'return';
    else if (word === 'raise') {
      state = 'raise';
      facts.raisesAny = true;
    } else if (word === 'yield' && !lambdas.some((l) => l.inBody)) facts.yields = true;
    else if (word === 'assert') facts.asserts = true;
    else if (word === 'except' && depthBefore === 0) {
      state = 'except';
      clause = [];
      clauseColumn = tk.startCol;
    }
  }
  // A `raise X` or `return x` cut by the end of the stretch (no NEWLINE token) still counts.
  if (state === 'raiseName') noteRaise(facts, handlers, raised, false);
  else if (state === 'raise') noteBareRaise(facts, handlers);
  else if (state === 'return') facts.returnsBare = true;
}

/** A bare `raise` re-raises what the innermost open except clause caught. */
function noteBareRaise(facts: BodyFacts, handlers: OpenHandler[]): void {
  const types = handlers[handlers.length - 1]?.types ?? [];
  if (types.length === 0) facts.unnamedRaise = true;
  for (const type of types) noteRaised(facts, type);
}

function noteRaised(facts: BodyFacts, type: string): void {
  if (!facts.raises.includes(type)) facts.raises.push(type);
}

/**
 * `raise <dotted>` or `raise <dotted>(...)`: a name bound by an open `except ... as` raises what that clause
 * catches; a called name is an exception class (or a factory: we cannot tell); an uncalled one is a class only
 * if it reads as one (CapWords, PEP 8), else a variable whose exception we do not know.
 */
function noteRaise(facts: BodyFacts, handlers: OpenHandler[], dotted: string, called: boolean): void {
  const dot = dotted.indexOf('.');
  const first = dot < 0 ? dotted : dotted.slice(0, dot);
  for (let i = handlers.length - 1; i >= 0; i--) {
    if (handlers[i].name === first) {
      for (const type of handlers[i].types) noteRaised(facts, type);
      if (handlers[i].types.length === 0) facts.unnamedRaise = true;
      return;
    }
  }
  if (called || readsAsClass(dotted.slice(dotted.lastIndexOf('.') + 1))) noteRaised(facts, dotted);
  else facts.unnamedRaise = true;
}

function readsAsClass(name: string): boolean {
  const c = name.replace(/^_+/, '').charCodeAt(0);
  return c >= 0x41 && c <= 0x5a;
}

/** `except X`, `except (A, m.B) as e`, `except* X`: the dotted names caught and the name bound. */
function readExceptClause(tokens: string[]): { types: string[]; name: string | null } {
  let i = tokens[0] === '*' ? 1 : 0;
  const types: string[] = [];
  const dotted = (): string | null => {
    if (!isIdentifier(tokens[i])) return null;
    let name = tokens[i++];
    while (tokens[i] === '.' && isIdentifier(tokens[i + 1])) {
      name += '.' + tokens[i + 1];
      i += 2;
    }
    return name;
  };
  let readable = true;
  if (tokens[i] === '(') {
    i++;
    for (;;) {
      const name = dotted();
      if (name === null) break;
      types.push(name);
      if (tokens[i] !== ',') break;
      i++;
    }
    if (tokens[i] === ')') i++;
    else readable = false;
  } else if (i < tokens.length && tokens[i] !== 'as') {
    const name = dotted();
    if (name === null) readable = false;
    else types.push(name);
  }
  if (readable && i < tokens.length && tokens[i] !== 'as') readable = false;
  const name = tokens[i] === 'as' && isIdentifier(tokens[i + 1]) ? tokens[i + 1] : null;
  return { types: readable ? types : [], name };
}

const KEYWORDS = new Set(['as', 'and', 'or', 'not', 'in', 'is', 'if', 'else', 'lambda', 'None', 'True', 'False', 'from']);

function isIdentifier(token: string | undefined): boolean {
  return token !== undefined && /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u.test(token) && !KEYWORDS.has(token);
}

/** Keeps the stack of lambdas open around the current token up to date. */
function trackLambdas(lambdas: OpenLambda[], tk: Tokenizer, depthBefore: number): void {
  if (lambdas.length === 0 && !(tk.kind === TokenKind.Name && tk.value === 'lambda')) return;
  if (tk.kind === TokenKind.Newline) {
    lambdas.length = 0;
    return;
  }
  const top = (): OpenLambda | undefined => lambdas[lambdas.length - 1];
  // A closing bracket ends every lambda opened inside it.
  while (lambdas.length > 0 && top()!.depth > tk.depth) lambdas.pop();
  if (tk.kind === TokenKind.Name && tk.value === 'lambda') {
    lambdas.push({ depth: depthBefore, inBody: false });
  } else if (isOp(tk, ',') || isOp(tk, ':')) {
    // At a lambda's own depth, a comma or colon ends the bodies of lambdas there...
    while (lambdas.length > 0 && top()!.depth === depthBefore && top()!.inBody) lambdas.pop();
    // ...and a colon starts the body of the innermost lambda still reading its parameters.
    if (isOp(tk, ':') && lambdas.length > 0 && top()!.depth === depthBefore) top()!.inBody = true;
  }
}

/** A name a class body binds by assignment (`x = 1`, `a, b = 1, 2`, `x: int = 1`), as pydoclint reads them. */
export interface ClassAttribute {
  /** The target as written, without spaces (`x`, `*rest`, `a.b`). */
  name: string;
  /** `x: int`'s annotation text on one line, or null for a plain assignment. */
  annotation: string | null;
  /** The assigned value's text on one line, when the target is a plain name (`x = 1`, `x: int = 1`): pydoclint's default. */
  value?: string;
  /** 0-based line of the statement. */
  line: number;
  /**
   * 0-based line of a lone literal statement right after a single-target assignment (an attribute docstring,
   * `x = 1` then `"""About x."""`), or null.
   */
  inlineDocLine: number | null;
}

const LITERAL_WORDS = new Set(['None', 'True', 'False']);

/**
 * The attributes a class's own body assigns: the statements directly in it (not in nested definitions, nor
 * under an `if` in the body). `from` is just after the header's colon, `to` the end of the body, `skip` the
 * spans of nested definitions (sorted, disjoint), `bodyColumn` the body's indentation, `lineOf` gives the
 * 0-based line of an offset; an inline body (`class A: x = 1`) is read from the header's line.
 */
export function classAttributes(text: string, from: number, to: number, skip: Array<[number, number]>, bodyColumn: number,
  lineOf: (offset: number) => number): ClassAttribute[] {
  const out: ClassAttribute[] = [];
  /** The last direct statement: its attributes, if it was a single-target assignment. */
  let previous: ClassAttribute[] | null = null;
  const statement = (tokens: BodyToken[], line: number): void => {
    if (tokens.length === 0) return;
    if (previous !== null && previous.length === 1 && isLiteralStatement(tokens)) {
      previous[0].inlineDocLine = line;
      previous = null;
      return;
    }
    previous = assignmentTargets(text, tokens, line);
    if (previous) for (const a of previous) out.push(a);
  };
  let start = from;
  const stretch = (a: number, b: number, first: boolean): void => readDirectStatements(text, a, b, first ? 'header' : bodyColumn, bodyColumn, lineOf, statement);
  for (const [childStart, childEnd] of skip) {
    if (childStart > start) stretch(start, Math.min(childStart, to), start === from);
    previous = null; // a nested definition is a statement of its own: no attribute docstring across it
    start = Math.max(start, childEnd);
  }
  if (start < to) stretch(start, to, start === from);
  return out;
}

interface BodyToken {
  kind: TokenKind;
  value: string;
  start: number;
  end: number;
  depth: number;
}

/**
 * Calls `statement` with the code tokens of each statement directly in a body (at `bodyColumn`; on the
 * stretch's first line only when it is the header's line, for inline bodies), split at `;`.
 */
function readDirectStatements(text: string, from: number, to: number, firstLine: 'header' | number, bodyColumn: number,
  lineOf: (offset: number) => number, statement: (tokens: BodyToken[], line: number) => void): void {
  const tk = new Tokenizer(text.slice(from, to));
  let tokens: BodyToken[] = [];
  let direct = false;
  let lineStart = true;
  let line = 0;
  const flush = (): void => {
    if (direct) statement(tokens, line);
    tokens = [];
  };
  const startLineOffset = lineOf(from);
  let depthBefore = 0;
  for (let kind = tk.next(); kind !== TokenKind.EndMarker; depthBefore = tk.depth, kind = tk.next()) {
    if (kind === TokenKind.Newline) {
      flush();
      lineStart = true;
      direct = false;
      continue;
    }
    if (!isCodeKind(kind)) continue;
    if (lineStart) {
      lineStart = false;
      direct = tk.startLine === 0 ? firstLine === 'header' : tk.startCol === bodyColumn;
      line = startLineOffset + tk.startLine;
    }
    if (depthBefore === 0 && isOp(tk, ';')) {
      flush();
      continue;
    }
    if (direct && tokens.length === 0 && tk.startLine === 0 && firstLine === 'header') line = startLineOffset;
    if (direct) tokens.push({ kind, value: tk.value, start: from + tk.start, end: from + tk.end, depth: depthBefore });
  }
  flush();
}

/** A statement made of one literal: strings (concatenated), a number, `...`, None, True or False. */
function isLiteralStatement(tokens: BodyToken[]): boolean {
  if (tokens.every((t) => t.kind === TokenKind.String)) return !tokens.some((t) => /^[rRbBuU]*[fF]/.test(t.value));
  if (tokens.length !== 1) return false;
  const t = tokens[0];
  return t.kind === TokenKind.Number || t.value === '...' || LITERAL_WORDS.has(t.value);
}

/** The attributes an assignment statement binds, or null when it is not `targets = value` / `name: T [= v]`. */
function assignmentTargets(text: string, tokens: BodyToken[], line: number): ClassAttribute[] | null {
  const first = tokens[0];
  if (first.kind === TokenKind.Name && isIdentifier(first.value) && tokens[1]?.value === ':' && tokens[1].kind === TokenKind.Op) {
    let end = tokens.length;
    for (let i = 2; i < tokens.length; i++) if (tokens[i].depth === 0 && tokens[i].kind === TokenKind.Op && tokens[i].value === '=') { end = i; break; }
    if (end === 2) return null;
    const annotation = text.slice(tokens[2].start, tokens[end - 1].end).replace(/\s+/g, ' ');
    const value = end + 1 < tokens.length ? oneLine(text, tokens[end + 1], tokens[tokens.length - 1]) : undefined;
    return [{ name: first.value, annotation, line, inlineDocLine: null, ...(value !== undefined ? { value } : {}) }];
  }
  // Plain assignment: every top-level `=` ends a target list (`a = b = 1`); a lambda's defaults are not ours.
  const cuts: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.depth !== 0) continue;
    if (t.kind === TokenKind.Name && (t.value === 'lambda' || t.value === 'yield')) break;
    if (t.kind === TokenKind.Op && t.value === '=') cuts.push(i);
  }
  if (cuts.length === 0) return null;
  const out: ClassAttribute[] = [];
  const last = cuts[cuts.length - 1];
  const value = last + 1 < tokens.length ? oneLine(text, tokens[last + 1], tokens[tokens.length - 1]) : undefined;
  let begin = 0;
  for (const cut of cuts) {
    const target = tokens.slice(begin, cut);
    // Only a bare name has a default for pydoclint (buildClassAttrToDefaultMapping), not `a, b` or `a.b`.
    const bare = target.length === 1 && target[0].kind === TokenKind.Name && value !== undefined;
    for (const name of targetNames(target)) out.push({ name, annotation: null, line, inlineDocLine: null, ...(bare ? { value } : {}) });
    begin = cut + 1;
  }
  return out;
}

/** The source text from token `a` to token `b`, its whitespace runs made one space. */
function oneLine(text: string, a: BodyToken, b: BodyToken): string {
  return text.slice(a.start, b.end).replace(/\s+/g, ' ');
}

/** `a`, `a, b`, `(a, b)`, `*a, b`: the names of a target list, each without spaces (as ast.unparse prints them). */
function targetNames(tokens: BodyToken[]): string[] {
  if (tokens.length === 0) return [];
  let inner = tokens;
  const hasTopComma = tokens.some((t) => t.depth === 0 && t.value === ',');
  if (!hasTopComma && tokens[0].value === '(' && tokens[tokens.length - 1].value === ')' &&
      tokens.some((t) => t.depth === 1 && t.value === ',')) {
    inner = tokens.slice(1, -1).map((t) => ({ ...t, depth: t.depth - 1 }));
  } else if (!hasTopComma) {
    return [tokens.map((t) => t.value).join('')];
  }
  const names: string[] = [];
  let part = '';
  for (const t of inner) {
    if (t.depth === 0 && t.value === ',') {
      if (part) names.push(part);
      part = '';
    } else {
      part += t.value;
    }
  }
  if (part) names.push(part);
  return names;
}

/** The spans of definition `index`'s direct children (nested defs and classes), for scanBody's `skip`. */
export function childSpans(text: string, lineStarts: readonly number[], defs: readonly Definition[], index: number): Array<[number, number]> {
  const def = defs[index];
  const skip: Array<[number, number]> = [];
  for (let j = index + 1; j < defs.length && defs[j].headerStartLine <= def.endLine; j++) {
    if (defs[j].parent === index) skip.push([defs[j].headerStart, lineEndOffset(text, lineStarts, defs[j].endLine)]);
  }
  return skip;
}

/** Returns, yields and raises of function `index`'s own body: nested definitions are skipped. */
export function functionBodyFacts(text: string, lineStarts: readonly number[], defs: readonly Definition[], index: number): BodyFacts {
  const def = defs[index];
  return scanBody(text, def.headerEnd, lineEndOffset(text, lineStarts, def.endLine), childSpans(text, lineStarts, defs, index));
}
