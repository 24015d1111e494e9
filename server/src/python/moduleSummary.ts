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
import { ImportedName, ImportStatement, readImportStatement } from './importStatement';
import { Decorator, Definition, ModuleStructure } from './structure';
import { TokenKind } from './tokens';
import { detached } from './detached';

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
  /**
   * The texts of the module's import statements, in file order, joined (`importEnds` says where each ends).
   * They are read only when a lookup asks what a name is bound to (importBinding, starImports): most names a
   * run looks up are bound by no import at all (`Exception`, `object`), and most modules are never asked.
   */
  importText: string;
  importEnds: number[];
}

const MAX_IMPORTS = 2000;
const MAX_CLASSES = 2000;
const MAX_BASES = 64;
const MAX_IMPORT_CHARS = 10_000;
const MAX_STATEMENT_TOKENS = 4096;
/** What may stand before `import` on the line of an import statement: indentation, or `from <module>`. */
const BEFORE_IMPORT = /^[ \t]*(?:from[ \t]+[.\w][^#'"\n]*?[ \t])?$/;

interface Tok { kind: TokenKind; text: string }

function isCodeToken(kind: TokenKind): boolean {
  return kind === TokenKind.Name || kind === TokenKind.Op || kind === TokenKind.Number || kind === TokenKind.String || kind === TokenKind.ErrorToken;
}

/** The code tokens of a slice of text (comments and layout left out), at most `limit` of them. */
function codeTokens(text: string, limit: number, stopAtNewline: boolean): Tok[] {
  const tokenizer = new Tokenizer(text);
  const tokens: Tok[] = [];
  while (tokens.length < limit) {
    const kind = tokenizer.next();
    if (kind === TokenKind.EndMarker || (stopAtNewline && kind === TokenKind.Newline)) break;
    if (isCodeToken(kind)) {
      tokens.push({ kind, text: text.slice(tokenizer.start, tokenizer.end) });
    }
  }
  return tokens;
}

export function moduleSummary(structure: ModuleStructure, text: string): ModuleSummary {
  const summary: ModuleSummary = { classes: new Map(), importText: '', importEnds: [] };
  const defs = structure.definitions;
  // The class summary made for each definition index (only classes have one): methods find their owner by index.
  const classAt: Array<ClassSummary | undefined> = new Array(defs.length);
  const names: Array<string | undefined> = new Array(defs.length);
  let classes = 0;
  for (let i = 0; i < defs.length; i++) {
    const def = defs[i];
    if (def.keyword === 'class') {
      if (classes >= MAX_CLASSES) continue;
      classes++;
      const cls: ClassSummary = { bases: basesOfClass(def, text).map(detached), methods: new Map(), line: def.line + 1 };
      summary.classes.set(qualnameOf(defs, i, names), cls);
      classAt[i] = cls;
    } else if (def.parent >= 0) {
      const owner = classAt[def.parent];
      if (owner === undefined) continue;
      // Only what a lookup can use: a base's undocumented method does not stop the search (inheritance.ts).
      const documented = def.docstring !== null && !def.docstring.blank;
      const override = def.decorators.length > 0 && isOverride(def.decorators);
      if (documented || override) owner.methods.set(detached(def.name), { documented, override, line: def.line + 1 });
      else if (owner.methods.size > 0) owner.methods.delete(def.name); // redefined: the last `def` is the method
    }
  }
  readImports(structure, text, summary);
  return summary;
}

/**
 * `Outer.Inner`, `f.C`: the qualified name of definition `index`, memoised in `names` for it and the definitions
 * around it, so that each definition's name is made once however deep the nesting (only classes ask).
 */
function qualnameOf(defs: ModuleStructure['definitions'], index: number, names: Array<string | undefined>): string {
  const chain: number[] = [];
  for (let i = index; i >= 0 && names[i] === undefined; i = defs[i].parent) chain.push(i);
  for (let k = chain.length - 1; k >= 0; k--) {
    const def = defs[chain[k]];
    names[chain[k]] = detached(def.parent >= 0 ? `${names[def.parent]}.${def.name}` : def.name);
  }
  return names[index]!;
}

/**
 * `class C(A, b.B):` on one line without decorators, comments or anything but plain ASCII dotted names: most
 * class headers. The bases of such a header, read without the tokenizer; basesOf reads the rest.
 */
const SIMPLE_CLASS_HEADER = /^class[ \t]+[A-Za-z_]\w*[ \t]*\(([ \t]*[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*(?:[ \t]*,[ \t]*[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)*[ \t]*,?[ \t]*)?\)[ \t]*:$/;

/** The bases of a class definition (see ClassSummary.bases). */
function basesOfClass(def: Definition, text: string): string[] {
  const header = text.slice(def.headerStart, def.headerEnd);
  if (!header.includes('(')) return [];
  const simple = def.decorators.length === 0 ? SIMPLE_CLASS_HEADER.exec(header) : null;
  if (simple === null) return basesOf(header);
  const list = simple[1]?.trim() ?? '';
  return list === '' ? [] : list.split(',').map((base) => base.trim()).filter((base) => base !== '').slice(0, MAX_BASES);
}

/** `@override`, `@typing.override`, `@typing_extensions.override` (PEP 698). */
function isOverride(decorators: readonly Decorator[]): boolean {
  return decorators.some((d) => d.name === 'override' && (d.shape === 'name' || (d.shape === 'attribute' && (d.base === 'typing' || d.base === 'typing_extensions'))));
}

/** The dotted names in `class C(A, b.B, Generic[T], metaclass=M):` (a header's text, decorators included). */
function basesOf(header: string): string[] {
  const tokens = codeTokens(header, MAX_STATEMENT_TOKENS, false);
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

/** Finds the import statements (see ModuleSummary.importText): each line where one starts, outside docstrings. */
function readImports(structure: ModuleStructure, text: string, summary: ModuleSummary): void {
  // Docstrings never overlap: sorted once, then passed in step with the imports (both in file order).
  const docstrings = [structure.docstring, ...structure.definitions.map((d) => d.docstring)]
    .filter((d) => d !== null).map((d) => [d!.start, d!.end] as const).sort((a, b) => a[0] - b[0]);
  let next = 0;
  let count = 0;
  let lastLineStart = -1;
  const statements: string[] = [''];
  // `import` found by indexOf (much faster than a regex over every position), kept when its line starts the statement.
  for (let at = text.indexOf('import', 0); at >= 0 && count < MAX_IMPORTS; at = text.indexOf('import', at + 6)) {
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    if (lineStart === lastLineStart || !BEFORE_IMPORT.test(text.slice(lineStart, at))) continue;
    const after = text.charCodeAt(at + 6);
    if (after !== 32 && after !== 9 && after !== 40 /* ( */ && after !== 92 /* \ */) continue;
    lastLineStart = lineStart;
    count++;
    while (next < docstrings.length && docstrings[next][1] <= lineStart) next++;
    if (next < docstrings.length && docstrings[next][0] < lineStart) continue; // a line inside a docstring
    statements.push(statementText(text, lineStart));
  }
  // One joined string: slices of `text` would keep the whole file alive (V8's sliced strings); join copies.
  let end = 0;
  summary.importEnds = statements.slice(1).map((statement) => (end += statement.length));
  summary.importText = statements.join('');
}

/**
 * The text of the statement starting at `start`: its physical line, unless brackets or a backslash carry it
 * on (then up to the end of its logical line, at most MAX_IMPORT_CHARS).
 */
function statementText(text: string, start: number): string {
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  const line = text.slice(start, end);
  if (!line.includes('(') && !line.trimEnd().endsWith('\\')) return line.trimStart();
  const window = text.slice(start, start + MAX_IMPORT_CHARS).trimStart();
  return window.slice(0, logicalLineEnd(window));
}

/** Where the first logical line of `text` ends (after its line break), looking at most MAX_STATEMENT_TOKENS code tokens. */
function logicalLineEnd(text: string): number {
  const tokenizer = new Tokenizer(text);
  for (let tokens = 0; tokens < MAX_STATEMENT_TOKENS;) {
    const kind = tokenizer.next();
    if (kind === TokenKind.EndMarker) break;
    if (kind === TokenKind.Newline) return tokenizer.end;
    if (isCodeToken(kind)) tokens++;
  }
  return text.length;
}

/**
 * What a summary's lookups have read so far: statements by index (undefined: not an import), and, after
 * LAZY_LOOKUPS lookups, every binding at once, so that a module asked for thousands of names (a hostile one)
 * is read once rather than searched for each.
 */
interface ReadImports {
  statements: Map<number, ImportStatement | undefined>;
  lookups: number;
  bindings?: Map<string, ImportBinding>;
  stars?: ImportBinding[];
}

const LAZY_LOOKUPS = 64;
const readState = new WeakMap<ModuleSummary, ReadImports>();

function stateOf(summary: ModuleSummary): ReadImports {
  let state = readState.get(summary);
  if (state === undefined) readState.set(summary, state = { statements: new Map(), lookups: 0 });
  return state;
}

/** Import statement `index` of a summary, read on first use. */
function importStatement(summary: ModuleSummary, state: ReadImports, index: number): ImportStatement | undefined {
  if (state.statements.has(index)) return state.statements.get(index);
  const tokens = codeTokens(statementTextAt(summary, index), MAX_STATEMENT_TOKENS, true);
  const statement = readImportStatement({ length: tokens.length, text: (i) => tokens[i]?.text ?? '', kind: (i) => tokens[i]?.kind ?? -1 });
  state.statements.set(index, statement);
  return statement;
}

/** Import statement `index`'s text. */
function statementTextAt(summary: ModuleSummary, index: number): string {
  return summary.importText.slice(index === 0 ? 0 : summary.importEnds[index - 1], summary.importEnds[index]);
}

function bindingOf(bound: ImportedName): ImportBinding {
  return bound.imported === undefined ? { level: bound.level, module: bound.module } : { level: bound.level, module: bound.module, name: bound.imported };
}

/**
 * What the module's imports bind `name` to, or undefined: the last binding wins, as when the module has run.
 * Only statements whose text holds the name are read (a name a statement binds is one of its tokens).
 */
export function importBinding(summary: ModuleSummary, name: string): ImportBinding | undefined {
  const state = stateOf(summary);
  if (state.bindings === undefined && ++state.lookups > LAZY_LOOKUPS) {
    state.bindings = new Map();
    for (let index = 0; index < summary.importEnds.length; index++) {
      for (const bound of importStatement(summary, state, index)?.names ?? []) state.bindings.set(bound.name, bindingOf(bound));
    }
  }
  if (state.bindings !== undefined) return state.bindings.get(name);
  for (let index = summary.importEnds.length - 1; index >= 0; index--) {
    if (!statementTextAt(summary, index).includes(name)) continue;
    const names = importStatement(summary, state, index)?.names ?? [];
    for (let k = names.length - 1; k >= 0; k--) if (names[k].name === name) return bindingOf(names[k]);
  }
  return undefined;
}

/** The modules of the module's `from m import *` statements, in file order. */
export function starImports(summary: ModuleSummary): ImportBinding[] {
  const state = stateOf(summary);
  if (state.stars !== undefined) return state.stars;
  const stars: ImportBinding[] = [];
  for (let index = 0; index < summary.importEnds.length; index++) {
    if (!statementTextAt(summary, index).includes('*')) continue;
    for (const star of importStatement(summary, state, index)?.stars ?? []) stars.push(star);
  }
  state.stars = stars;
  return stars;
}
