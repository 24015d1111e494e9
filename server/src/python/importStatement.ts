/**
 * What one `import` or `from ... import` statement binds, as Python binds it: `import a.b.c` binds `a` (the
 * top package; `a.b.c` is loaded as well), `import a.b.c as d` binds `d` to `a.b.c`, `from ..m import x as y`
 * binds `y` to `x` of `..m`, `from m import *` binds what m exports. The one reader of import statements:
 * the module summaries (python/moduleSummary.ts, inherited docstrings) and the hover's scopes (bits/scope.ts)
 * both ask it. Checked against `ast` on the stdlib (test/python/importStatement.test.ts).
 */
import { isKeyword } from './lexer/chars';
import { TokenKind } from './tokens';

/** One name an import statement binds. */
export interface ImportedName {
  /** The name bound in the importing module. */
  name: string;
  /** Leading dots of a relative import. */
  level: number;
  /** The module imported (`a.b.c` of `import a.b.c as d`, `a` of `import a.b.c`, `m` of `from ..m import x`; '' for `from . import x`). */
  module: string;
  /** `from m import x`: x. Absent for `import m`. */
  imported?: string;
  /** `import a.b.c` without `as`: `a.b.c`, loaded too and reachable as `a.b.c`. */
  submodule?: string;
}

export interface ImportStatement {
  names: ImportedName[];
  /** The modules of `from m import *`. */
  stars: Array<{ level: number; module: string }>;
}

/** A statement's code tokens, as the reader sees them. */
export interface StatementTokens {
  readonly length: number;
  /** Token i's text ('' past the end). */
  text(i: number): string;
  kind(i: number): TokenKind | -1;
}

/**
 * The statement starting at token 0, read up to the end of the tokens or a `;`. undefined when it is not an
 * import statement, or a malformed one (Python would refuse the module: nothing is bound).
 */
export function readImportStatement(tokens: StatementTokens): ImportStatement | undefined {
  let i = 1;
  const isName = (k: number): boolean => tokens.kind(k) === TokenKind.Name && !isKeyword(tokens.text(k));
  const ended = (k: number): boolean => k >= tokens.length || tokens.text(k) === ';';
  const dotted = (): string | undefined => {
    if (!isName(i)) return undefined;
    let name = tokens.text(i++);
    while (tokens.text(i) === '.' && isName(i + 1)) {
      name += '.' + tokens.text(i + 1);
      i += 2;
    }
    return tokens.text(i) === '.' ? undefined : name;
  };
  /** `as NAME` if there; null when `as` is not followed by a name. */
  const alias = (): string | undefined | null => {
    if (tokens.text(i) !== 'as') return undefined;
    if (!isName(i + 1)) return null;
    i += 2;
    return tokens.text(i - 1);
  };
  const first = tokens.text(0);
  if (first === 'import') {
    const names: ImportedName[] = [];
    for (;;) {
      const module = dotted();
      const as = alias();
      if (module === undefined || as === null) return undefined;
      if (as !== undefined) {
        names.push({ name: as, level: 0, module });
      } else {
        const top = module.split('.')[0];
        names.push(top === module ? { name: top, level: 0, module } : { name: top, level: 0, module: top, submodule: module });
      }
      if (ended(i)) return { names, stars: [] };
      if (tokens.text(i++) !== ',') return undefined;
    }
  }
  if (first !== 'from') return undefined;
  let level = 0;
  for (; tokens.text(i) === '.' || tokens.text(i) === '...'; i++) level += tokens.text(i).length;
  const module = tokens.text(i) === 'import' && level > 0 ? '' : dotted();
  if (module === undefined || tokens.text(i++) !== 'import') return undefined;
  if (tokens.text(i) === '*') return ended(i + 1) ? { names: [], stars: [{ level, module }] } : undefined;
  const parenthesised = tokens.text(i) === '(';
  if (parenthesised) i++;
  const names: ImportedName[] = [];
  for (;;) {
    if (!isName(i)) return undefined;
    const imported = tokens.text(i++);
    const as = alias();
    if (as === null) return undefined;
    names.push({ name: as ?? imported, level, module, imported });
    const separator = tokens.text(i);
    if (separator === ',') {
      i++;
      if (parenthesised && tokens.text(i) === ')') i++;
      else continue;
    } else if (parenthesised) {
      if (separator !== ')') return undefined;
      i++;
    }
    return ended(i) ? { names, stars: [] } : undefined;
  }
}
