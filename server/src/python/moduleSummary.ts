/**
 * What other files need to know of a module to follow a class's bases into it: its classes (their bases as
 * written, and which of their methods have a docstring) and the names its imports bind. Plain data, so a
 * scan worker can send it with the file's coverage.
 *
 * Read from the structure (structure.ts) plus small token slices: each class header, and each line that starts
 * an import statement. Imports are found anywhere outside docstrings (also under `if TYPE_CHECKING:` and
 * `try:`), the last binding of a name wins, as when the module has run. Bounded: at most 2,000 imports and
 * 2,000 classes per module, 64 bases per class, 10,000 characters per import statement.
 */
import { Tokenizer } from './lexer/cursor';
import { readImportStatement } from './importStatement';
import { Decorator, ModuleStructure } from './structure';
import { TokenKind } from './tokens';

/** A class: its bases as dotted names (`Base`, `mod.Base`; `Generic[T]` is `Generic`; calls are left out), its methods. */
export interface ClassSummary {
  bases: string[];
  /**
   * The methods with a (non-blank) docstring or decorated `@override`, by name: which of the two, and the
   * 1-based line of the `def`. Other methods are left out: no lookup stops at them.
   */
  methods: Map<string, { documented: boolean; override: boolean; line: number }>;
  line: number;
}

/** What an import binds a name to. `import a.b` binds `a` to module `a`; `from .x import y` binds `y` to `y` of `.x`. */
export interface ImportBinding {
  level: number;
  module: string;
  /** The imported name of `from module import name`; absent for `import module [as alias]`. */
  name?: string;
}

export interface ModuleSummary {
  /**
   * By qualified name among classes (`Outer.Inner`; a class in a function is `f.C`). Maps, not objects: a
   * property key is interned on every use, which made building and reading summaries a third of a stdlib run.
   */
  classes: Map<string, ClassSummary>;
  /** Names bound by imports. */
  imports: Record<string, ImportBinding>;
  /** Modules of `from m import *`. */
  stars: ImportBinding[];
}

const MAX_IMPORTS = 2000;
const MAX_CLASSES = 2000;
const MAX_BASES = 64;
const MAX_IMPORT_CHARS = 10_000;
/** What may stand before `import` on the line of an import statement: indentation, or `from <module>`. */
const BEFORE_IMPORT = /^[ \t]*(?:from[ \t]+[.\w][^#'"\n]*?[ \t])?$/;

interface Tok { kind: TokenKind; text: string }

/** The code tokens of a slice of text (comments and layout left out), at most `limit` of them. */
function codeTokens(text: string, limit: number, stopAtNewline: boolean): Tok[] {
  const tokenizer = new Tokenizer(text);
  const tokens: Tok[] = [];
  while (tokens.length < limit) {
    const kind = tokenizer.next();
    if (kind === TokenKind.EndMarker || (stopAtNewline && kind === TokenKind.Newline)) break;
    if (kind === TokenKind.Name || kind === TokenKind.Op || kind === TokenKind.Number || kind === TokenKind.String || kind === TokenKind.ErrorToken) {
      tokens.push({ kind, text: text.slice(tokenizer.start, tokenizer.end) });
    }
  }
  return tokens;
}

export function moduleSummary(structure: ModuleStructure, text: string): ModuleSummary {
  const summary: ModuleSummary = { classes: new Map(), imports: Object.create(null), stars: [] };
  const defs = structure.definitions;
  const qualnames: string[] = [];
  let classes = 0;
  for (let i = 0; i < defs.length; i++) {
    const def = defs[i];
    qualnames.push(def.parent >= 0 ? `${qualnames[def.parent]}.${def.name}` : def.name);
    if (def.keyword === 'class' && classes < MAX_CLASSES) {
      classes++;
      const header = text.slice(def.headerStart, def.headerEnd);
      summary.classes.set(qualnames[i], { bases: header.includes('(') ? basesOf(header) : [], methods: new Map(), line: def.line + 1 });
    } else if (def.keyword === 'def' && def.parent >= 0 && defs[def.parent].keyword === 'class') {
      const owner = summary.classes.get(qualnames[def.parent]);
      // Only what a lookup can use: a base's undocumented method does not stop the search (inheritance.ts).
      const documented = def.docstring !== null && !def.docstring.blank;
      const override = def.decorators.length > 0 && isOverride(def.decorators);
      if (owner && (documented || override)) owner.methods.set(def.name, { documented, override, line: def.line + 1 });
      else owner?.methods.delete(def.name); // redefined: the last `def` is the method
    }
  }
  readImports(structure, text, summary);
  return summary;
}

/** `@override`, `@typing.override`, `@typing_extensions.override` (PEP 698). */
function isOverride(decorators: readonly Decorator[]): boolean {
  return decorators.some((d) => d.name === 'override' && (d.shape === 'name' || (d.shape === 'attribute' && (d.base === 'typing' || d.base === 'typing_extensions'))));
}

/** The dotted names in `class C(A, b.B, Generic[T], metaclass=M):` (a header's text, decorators included). */
function basesOf(header: string): string[] {
  const tokens = codeTokens(header, 4096, false);
  let i = tokens.findIndex((t, k) => t.kind === TokenKind.Name && t.text === 'class' && tokens[k + 1]?.kind === TokenKind.Name);
  if (i < 0 || tokens[i + 2]?.text !== '(') return [];
  i += 3;
  const bases: string[] = [];
  while (i < tokens.length && bases.length < MAX_BASES) {
    // One argument: a dotted name, optionally subscripted, then `,` or `)` at this depth.
    const parts: string[] = [];
    let plain = true;
    if (tokens[i]?.kind === TokenKind.Name && tokens[i + 1]?.text !== '=') {
      parts.push(tokens[i++].text);
      while (tokens[i]?.text === '.' && tokens[i + 1]?.kind === TokenKind.Name) {
        parts.push(tokens[i + 1].text);
        i += 2;
      }
    } else plain = false;
    let depth = 0;
    for (; i < tokens.length; i++) {
      const t = tokens[i].text;
      if (depth === 0 && (t === ',' || t === ')')) break;
      if (t === '(' || t === '[' || t === '{') {
        if (depth === 0 && t !== '[') plain = false;
        depth++;
      } else if (t === ')' || t === ']' || t === '}') depth--;
      else if (depth === 0) plain = false;
    }
    if (plain && parts.length > 0) bases.push(parts.join('.'));
    if (tokens[i]?.text !== ',') break;
    i++;
  }
  return bases;
}

function readImports(structure: ModuleStructure, text: string, summary: ModuleSummary): void {
  // Docstrings never overlap: sorted once, then passed in step with the imports (both in file order).
  const docstrings = [structure.docstring, ...structure.definitions.map((d) => d.docstring)]
    .filter((d) => d !== null).map((d) => [d!.startLine, d!.endLine] as const).sort((a, b) => a[0] - b[0]);
  let next = 0;
  let line = 0;
  let counted = 0;
  let count = 0;
  let lastLineStart = -1;
  // `import` found by indexOf (much faster than a regex over every position), kept when its line starts the statement.
  for (let at = text.indexOf('import', 0); at >= 0 && count < MAX_IMPORTS; at = text.indexOf('import', at + 6)) {
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    if (lineStart === lastLineStart || !BEFORE_IMPORT.test(text.slice(lineStart, at))) continue;
    const after = text.charCodeAt(at + 6);
    if (after !== 32 && after !== 9 && after !== 40 /* ( */ && after !== 92 /* \ */) continue;
    lastLineStart = lineStart;
    count++;
    for (let k = text.indexOf('\n', counted); k >= 0 && k < lineStart; k = text.indexOf('\n', k + 1)) line++;
    counted = lineStart;
    while (next < docstrings.length && docstrings[next][1] < line) next++;
    if (next < docstrings.length && docstrings[next][0] < line) continue; // a line inside a docstring
    readImport(codeTokens(statementText(text, lineStart), 4096, true), summary);
  }
}

/** The text of the statement starting at `start`: its physical line, unless brackets or a backslash carry it on. */
function statementText(text: string, start: number): string {
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  const line = text.slice(start, end);
  const carriesOn = line.includes('(') || line.trimEnd().endsWith('\\');
  return (carriesOn ? text.slice(start, start + MAX_IMPORT_CHARS) : line).trimStart();
}

/** One statement: `import a.b as c, d` or `from ..m import (x as y, z)` / `*`; stops at `;` (python/importStatement.ts). */
function readImport(tokens: Tok[], summary: ModuleSummary): void {
  const statement = readImportStatement({ length: tokens.length, text: (i) => tokens[i]?.text ?? '', kind: (i) => tokens[i]?.kind ?? -1 });
  if (statement === undefined) return;
  for (const { name, level, module, imported } of statement.names) {
    summary.imports[name] = imported === undefined ? { level, module } : { level, module, name: imported };
  }
  for (const star of statement.stars) summary.stars.push(star);
}
