/**
 * What a function's code says about it: its parameters (with annotations as written) and whether its own body
 * returns a value, yields, or raises named exceptions. Docstring stubs and the hover's scopes read it.
 *
 * Everything lexical goes through the Tokenizer, run over the header or body span only. Bracket nesting is
 * read from the tokenizer's depth; the only nesting we track ourselves is lambdas, on an explicit stack,
 * so nothing here recurses per nesting level.
 */
import { literalValue } from './strings';
import { Tokenizer } from './lexer/cursor';
import { isCodeKind, TokenKind } from './tokens';

export interface Parameter {
  name: string;
  /** '*' for `*args`, '**' for `**kwargs`, '' otherwise. */
  star: '' | '*' | '**';
  /** The annotation's source text on one line, or null. */
  annotation: string | null;
  /** The default's source text on one line (strings as written), when it has one. */
  default?: string;
}

export interface Signature {
  params: Parameter[];
  /** The `->` annotation's source text on one line, or null. */
  returns: string | null;
}

export interface BodyFacts {
  /** A `return <value>` in the function's own body. */
  returnsValue: boolean;
  /** A `yield` / `yield from` in the function's own body. */
  yields: boolean;
  /** Names (possibly dotted) from `raise X` / `raise X(...)`, in order of first appearance. */
  raises: string[];
  /** Any `raise` statement in the function's own body, also a bare `raise` or `raise error`. */
  raisesAny: boolean;
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
  let returns: OneLineText | null = null;
  let depthBefore = 0;
  for (let kind = tk.next(); kind !== TokenKind.EndMarker; depthBefore = tk.depth, kind = tk.next()) {
    if (!isCodeKind(kind)) continue; // comments and line breaks (a header's only NEWLINE is the zero-width one at its end)
    if (phase === 'before') {
      // Type parameters (`[T: (int, str)]`) come first; the parameter list is the `(` at depth 0.
      if (depthBefore === 0 && isOp(tk, '(')) phase = 'params';
    } else if (phase === 'params') {
      if (depthBefore === 1 && tk.depth === 0) {
        finishSegment(current, params);
        attachDefault(current, params);
        phase = 'after';
      } else if (depthBefore === 1 && isOp(tk, ',') && current.lambdas === 0) {
        finishSegment(current, params);
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
  return { params, returns: returns?.result ?? null };
}

/** One comma-separated piece of a parameter list: `[*|**] name [: annotation] [= default]`, or `/`, `*`. */
interface Segment {
  part: 'start' | 'name' | 'annotation' | 'default' | 'marker';
  name: string;
  star: '' | '*' | '**';
  annotation: OneLineText;
  defaultText: OneLineText;
  /** Lambdas whose parameter list is still open at this level: their commas and colons are not ours. */
  lambdas: number;
}

function newSegment(): Segment {
  return { part: 'start', name: '', star: '', annotation: new OneLineText(), defaultText: new OneLineText(false), lambdas: 0 };
}

function segmentToken(segment: Segment, tk: Tokenizer, topLevel: boolean): void {
  if (segment.part === 'start') {
    if (isOp(tk, '*') || isOp(tk, '**')) segment.star = tk.value as '*' | '**';
    else if (isOp(tk, '/')) segment.part = 'marker';
    else if (tk.kind === TokenKind.Name) {
      segment.name = tk.value;
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
  if (segment.part === 'annotation') segment.annotation.add(tk);
  else if (segment.part === 'default') segment.defaultText.add(tk);
}

/** After finishSegment: the default of the parameter it added, if the segment was one with a default. */
function attachDefault(segment: Segment, params: Parameter[]): void {
  const text = segment.defaultText.result;
  if (segment.part !== 'default' || segment.name === '' || text === null) return;
  params[params.length - 1].default = text;
}

function finishSegment(segment: Segment, params: Parameter[]): void {
  // A bare `*` (keyword-only marker) has no name; `/` is a marker too.
  if (segment.part === 'marker' || segment.name === '') return;
  params.push({ name: segment.name, star: segment.star, annotation: segment.annotation.result });
}

/** A lambda seen in a body: its parameters run until its `:` at the same depth, then its body. */
interface OpenLambda {
  depth: number;
  inBody: boolean;
}

/**
 * Scans a function body, text[from, to), for returns, yields and raises. `skip` holds the (sorted, disjoint)
 * spans of nested definitions, whose statements belong to them; lambda bodies are skipped as they come.
 */
export function scanBody(text: string, from: number, to: number, skip: Array<[number, number]>): BodyFacts {
  const facts: BodyFacts = { returnsValue: false, yields: false, raises: [], raisesAny: false };
  // Only the stretches between nested definitions are read: tokenizing the children too would make a file
  // of deeply nested definitions quadratic. A nested definition always starts a new statement, so no
  // statement spans two stretches.
  let start = from;
  for (const [childStart, childEnd] of skip) {
    if (childStart > start) scanStretch(text, start, Math.min(childStart, to), facts);
    start = Math.max(start, childEnd);
  }
  if (start < to) scanStretch(text, start, to, facts);
  return facts;
}

function scanStretch(text: string, from: number, to: number, facts: BodyFacts): void {
  const tk = new Tokenizer(text.slice(from, to));
  const lambdas: OpenLambda[] = [];
  let state: 'idle' | 'return' | 'raise' | 'raiseName' | 'raiseDot' = 'idle';
  let raised = '';
  let depthBefore = 0;
  for (let kind = tk.next(); kind !== TokenKind.EndMarker; depthBefore = tk.depth, kind = tk.next()) {
    if (kind === TokenKind.NL || kind === TokenKind.Indent || kind === TokenKind.Dedent) continue;
    const ends = kind === TokenKind.Newline || kind === TokenKind.Comment || isOp(tk, ';');
    // Finish a `return ...` / `raise ...` statement begun by earlier tokens.
    if (state === 'return') {
      if (!ends) facts.returnsValue = true;
      state = 'idle';
    } else if (state === 'raise') {
      state = kind === TokenKind.Name ? 'raiseName' : 'idle';
      raised = tk.value;
      continue;
    } else if (state === 'raiseName') {
      if (isOp(tk, '.')) {
        state = 'raiseDot';
        continue;
      }
      if (ends || isOp(tk, '(') || (kind === TokenKind.Name && tk.value === 'from')) {
        if (!facts.raises.includes(raised)) facts.raises.push(raised);
      }
      state = 'idle';
    } else if (state === 'raiseDot') {
      if (kind === TokenKind.Name) {
        raised += '.' + tk.value;
        state = 'raiseName';
        continue;
      }
      state = 'idle';
    }
    trackLambdas(lambdas, tk, depthBefore);
    if (kind !== TokenKind.Name) continue;
    const word = tk.value;
    if (word === 'return') state = 'return';
    else if (word === 'raise') {
      state = 'raise';
      facts.raisesAny = true;
    }
    else if (word === 'yield' && !lambdas.some((l) => l.inBody)) facts.yields = true;
  }
  // A `raise X` or `return x` cut by the end of the stretch (no NEWLINE token) still counts.
  if (state === 'raiseName' && !facts.raises.includes(raised)) facts.raises.push(raised);
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
