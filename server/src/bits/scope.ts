/**
 * Names the hover can resolve: those bound by a simple constant assignment (`NAME = <const expr>`, also chained
 * `A = B = 3` and annotated `A: int = 3`) earlier in the same scope or at module level, by line order.
 *
 * The scan walks the statements before the hovered line once, keeping one map per open function or class
 * scope. Each constant is evaluated when its statement is reached, against the bindings known at that point,
 * so `HIGH = LOW << 4` works and a later rebinding wins. Anything else that binds a name (augmented or
 * unpacking assignment, `def`, `class`, parameters, `for`, `import`, `as`) makes it unknown again, so a
 * parameter never picks up a module constant of the same name.
 */
import { Token, TokenKind } from '../python/tokens';
import { DEFAULT_EVALUATION_LIMITS, EvaluationLimits, evaluateTree, Value } from './evaluate';
import { codeTokensOf, logicalLineAround } from './lines';
import { parseLine } from './parse';
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

interface Scope {
  /** Indentation level (count of INDENTs) of the scope's body; 0 for the module. */
  bodyLevel: number;
  bindings: Map<string, Binding>;
}

const UNKNOWN: Value = { kind: 'unknown' };

/**
 * The bindings visible from the statement whose first token is tokens[limit]: that statement's own scope,
 * then the module (class bodies are not visible from their methods, as in Python).
 */
export function bindingsBefore(tokens: readonly Token[], text: string, limit: number,
  limits: EvaluationLimits = DEFAULT_EVALUATION_LIMITS): NameLookup {
  const scopes: Scope[] = [{ bodyLevel: 0, bindings: new Map() }];
  let level = 0;
  /** A `def` or `class` statement just ended: its body's INDENT opens a scope holding these names. */
  let opening: string[] | undefined;
  const current = (): Scope => scopes[scopes.length - 1];
  const lookup = (name: string): Binding | undefined =>
    current().bindings.get(name) ?? (scopes.length > 1 ? scopes[0].bindings.get(name) : undefined);

  let i = 0;
  while (i < limit) {
    const kind = tokens[i].kind;
    if (kind === TokenKind.Indent) {
      level++;
      if (opening) scopes.push({ bodyLevel: level, bindings: new Map(opening.map((n) => [n, unknown(n, tokens[i].startLine)])) });
      opening = undefined;
      i++;
    } else if (kind === TokenKind.Dedent) {
      level--;
      while (scopes.length > 1 && current().bodyLevel > level) scopes.pop();
      i++;
    } else if (kind === TokenKind.NL || kind === TokenKind.Comment || kind === TokenKind.Newline) {
      i++;
    } else if (kind === TokenKind.EndMarker) {
      break;
    } else {
      const { end } = logicalLineAround(tokens, i);
      const { code } = codeTokensOf(tokens, i, end);
      const statement = new Statement(code, text);
      opening = statement.opensScope();
      for (const binding of statement.bindings((name) => lookup(name)?.value, limits)) {
        current().bindings.set(binding.name, binding);
      }
      i = end + 1;
    }
  }
  return { lookup };
}

function unknown(name: string, line: number): Binding {
  return { name, value: UNKNOWN, line };
}

/** One logical line's code tokens, and what it binds. */
class Statement {
  constructor(private readonly code: readonly Token[], private readonly text: string) {}

  private value(i: number): string {
    const t = this.code[i];
    return t === undefined ? '' : this.text.slice(t.start, t.end);
  }

  private get line(): number {
    return this.code[0]?.startLine ?? 0;
  }

  /** For `def`/`class` statements, the names the new scope starts with (parameters); otherwise undefined. */
  opensScope(): string[] | undefined {
    const nameAt = this.value(0) === 'async' ? 2 : 1;
    const keyword = this.value(nameAt - 1);
    if (keyword === 'class') return [];
    if (keyword !== 'def') return undefined;
    const name = this.code[nameAt];
    const last = this.code[this.code.length - 1];
    if (name === undefined || name.kind !== TokenKind.Name) return [];
    // The header's parameters as python/signature.ts reads them for docstring stubs (an inline body after the
    // colon only adds to the return annotation, which is not read here).
    return parseSignature(this.text, name.end, last.end).params.map((p) => p.name);
  }

  bindings(resolve: (name: string) => Value | undefined, limits: EvaluationLimits): Binding[] {
    const first = this.value(0);
    if (first === 'def' || first === 'class' || first === 'async') {
      const nameAt = first === 'async' ? 2 : 1;
      return this.code[nameAt]?.kind === TokenKind.Name ? [unknown(this.value(nameAt), this.line)] : [];
    }
    const bound: Binding[] = [];
    for (let i = 0; i < this.code.length; i++) {
      const v = this.value(i);
      // `import a.b as c`, `with x as c`, `except E as c`, `for a, b in`: all make names unknown.
      if ((v === 'as' || v === 'import' || (v === ',' && this.importsNames())) && this.code[i + 1]?.kind === TokenKind.Name) {
        bound.push(unknown(this.value(i + 1), this.line));
      }
    }
    if (first === 'for') bound.push(...this.namesIn(1, this.indexOfTopLevel('in')).map((n) => unknown(n, this.line)));
    if (this.code[1] !== undefined && this.code[0].kind === TokenKind.Name && isAugmentedAssignment(this.value(1))) {
      bound.push(unknown(first, this.line));
    }
    bound.push(...this.assignments(resolve, limits));
    return bound;
  }

  private importsNames(): boolean {
    return this.value(0) === 'import' || this.value(0) === 'from';
  }

  /** `A = B = value` and `A: T = value` bind the value; `a, b = value` makes a and b unknown. */
  private assignments(resolve: (name: string) => Value | undefined, limits: EvaluationLimits): Binding[] {
    const equals: number[] = [];
    let depth = 0;
    for (let i = 0; i < this.code.length; i++) {
      const v = this.value(i);
      if (v === '(' || v === '[' || v === '{') depth++;
      else if (v === ')' || v === ']' || v === '}') depth--;
      else if (v === '=' && depth === 0) equals.push(i);
      else if (depth === 0 && (v === 'lambda' || v === ';')) break; // `=` after these is not this assignment's
    }
    if (equals.length === 0) return [];
    const valueStart = equals[equals.length - 1] + 1;
    let value: Value | undefined;
    const bound: Binding[] = [];
    let targetStart = 0;
    for (const equal of equals) {
      const simpleName = this.code[targetStart].kind === TokenKind.Name
        && (equal === targetStart + 1 || this.value(targetStart + 1) === ':');
      if (simpleName) {
        value ??= this.evaluate(valueStart, this.code.length, resolve, limits);
        bound.push({ name: this.value(targetStart), value, line: this.line });
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
    for (let i = 0; i < this.code.length; i++) if (this.value(i) === word) return i;
    return this.code.length;
  }

  /** The constant value of code[start, end), or unknown. */
  private evaluate(start: number, end: number, resolve: (name: string) => Value | undefined, limits: EvaluationLimits): Value {
    const { roots } = parseLine(this.code.slice(start, end), this.text);
    if (roots.length !== 1) return UNKNOWN;
    const value = evaluateTree(roots[0], resolve, limits).get(roots[0])!;
    return value.kind === 'int' || value.kind === 'tooLarge' ? value : UNKNOWN;
  }
}

function isAugmentedAssignment(op: string): boolean {
  return op.length >= 2 && op.endsWith('=') && op !== '==' && op !== '<=' && op !== '>=' && op !== '!=';
}
