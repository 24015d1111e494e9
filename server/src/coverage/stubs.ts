/**
 * Docstring stubs and `# nodocqa` markers as text edits (plain data shaped like LSP TextEdits), for the
 * server's quick fixes and the "document everything" source action.
 *
 * Positions are 0-based lines and UTF-16 columns of the text as given; a line ends at `\n`, `\r\n` or a lone
 * `\r`, as for the tokenizer and LSP. Nothing here throws: anything we cannot place safely gives null.
 */
import { lineEndOffset, lineStarts as computeLineStarts, Position, positionAt } from '../python/lines';
import { Definition, ModuleStructure, parseStructure } from '../python/structure';
import { Tokenizer } from '../python/lexer/cursor';
import { isCodeKind, TokenKind } from '../python/tokens';
import { BodyFacts, functionBodyFacts, Parameter, parseSignature, Signature } from '../python/signature';
import { generatorKind, isIteratorAnnotation, yieldTypeOf } from '../python/annotations';

export type DocstringStyle = 'google' | 'numpy' | 'sphinx' | 'pep257';

export interface TextEditLike {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
  /**
   * The same text as a snippet (LSP/TextMate syntax): tab stops on the placeholders, the summary first. For
   * clients that insert snippets (the VS Code client turns it into a SnippetTextEdit).
   */
  snippet?: string;
}

export interface StubOptions {
  /** Line break for the new lines; default: the file's first line break, else `\n`. */
  eol?: string;
  /** One level of indentation, for bodies we create; default: detected from the file, else 4 spaces. */
  indentUnit?: string;
  quote?: '"""' | "'''";
  /** The project's line length (ruff's or black's `line-length`): descriptions are wrapped to fit. Default 88. */
  lineLength?: number;
}

/** black's and ruff's default line length. */
export const DEFAULT_LINE_LENGTH = 88;

/** Indentation inside the docstring's sections (a docstring convention, independent of the file's). */
const SECTION_INDENT = '    ';
const MODULE = -1;

/**
 * A text with its parse: what the server keeps per document version, so that building edits never parses
 * the file again. `parsedFile` makes one from a bare text.
 */
export interface ParsedFile {
  readonly text: string;
  readonly structure: ModuleStructure;
  readonly lineStarts: readonly number[];
}

/** A parsed file plus what every edit on it needs. */
interface FileContext extends ParsedFile {
  eol: string;
  indentUnit: string;
  quote: '"""' | "'''";
  lineLength: number;
}

export function parsedFile(text: string): ParsedFile {
  return { text, structure: parseStructure(text), lineStarts: computeLineStarts(text) };
}

/** The edit that inserts a docstring stub into definition `index` of the file (or the module when index = -1). */
export function docstringStubEdit(file: ParsedFile, index: number, style: DocstringStyle, options: StubOptions = {}): TextEditLike | null {
  try {
    return stubEdit(makeContext(file, options), index, style);
  } catch {
    return null;
  }
}

/** Edits adding stubs to the given (undocumented) definitions: sorted, non-overlapping, safe to apply together. */
export function allStubEdits(file: ParsedFile, indexes: number[], style: DocstringStyle, options: StubOptions = {}): TextEditLike[] {
  try {
    const context = makeContext(file, options);
    const edits: TextEditLike[] = [];
    for (const index of new Set(indexes)) {
      const edit = stubEdit(context, index, style);
      if (edit) edits.push(edit);
    }
    return nonOverlapping(edits);
  } catch {
    return [];
  }
}

/**
 * A `  # nodocqa` marker at the end of the line holding the header's colon (after any comment already there:
 * a comment may hold several markers). When that line's end is inside a string or continued with a
 * backslash, the marker goes on its own line directly above the header instead, which excuses it too.
 */
export function nodocqaEdit(file: ParsedFile, index: number): TextEditLike | null {
  try {
    const { text, structure, lineStarts } = file;
    const def = structure.definitions[index];
    if (!def) return null;
    const end = colonLineEnd(text, def);
    if (end >= 0) {
      const at = positionAt(lineStarts, end);
      return { range: { start: at, end: at }, newText: '  # nodocqa' };
    }
    const start = lineStarts[def.headerStartLine];
    const indent = text.slice(start, def.headerStart);
    if (!isIndentation(indent)) return null;
    const at = { line: def.headerStartLine, character: 0 };
    return { range: { start: at, end: at }, newText: `${indent}# nodocqa${detectEol(text)}` };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Placing the stub

function makeContext(file: ParsedFile, options: StubOptions): FileContext {
  const { text, structure, lineStarts } = file;
  return {
    text, structure, lineStarts,
    eol: options.eol ?? detectEol(text),
    indentUnit: options.indentUnit ?? detectIndentUnit(text, structure, lineStarts),
    quote: options.quote ?? '"""',
    lineLength: options.lineLength ?? DEFAULT_LINE_LENGTH,
  };
}

function stubEdit(context: FileContext, index: number, style: DocstringStyle): TextEditLike | null {
  const edit = placedStub(context, index, style);
  return edit && withSnippet(edit);
}

function placedStub(context: FileContext, index: number, style: DocstringStyle): TextEditLike | null {
  if (index === MODULE) return moduleStubEdit(context);
  const def = context.structure.definitions[index];
  if (!def || !Number.isInteger(index) || (def.docstring && !def.docstring.blank)) return null;
  // A header without its colon is broken code: no body to put a docstring in.
  if (context.text.charCodeAt(def.headerEnd - 1) !== 0x3a) return null;
  const { text, lineStarts, eol } = context;
  const ownIndent = text.slice(lineStarts[def.line], lineStarts[def.line] + def.column);
  if (!isIndentation(ownIndent)) return null;
  const newBodyIndent = ownIndent + context.indentUnit;
  const blockBody = !def.docstring && !def.inlineBody && def.bodyIndent !== '' && def.headerBreakLine + 1 < lineStarts.length;
  const docIndent = def.docstring ? (def.inlineBody ? newBodyIndent : def.bodyIndent) : blockBody ? def.bodyIndent : newBodyIndent;
  const lines = stubLines(context, index, style, docIndent);

  if (def.docstring) {
    // A blank docstring counts as missing: replace it where it stands.
    const range = {
      start: { line: def.docstring.startLine, character: def.docstring.startCol },
      end: { line: def.docstring.endLine, character: def.docstring.endCol },
    };
    return { range, newText: renderDocstring(lines, docIndent, context) };
  }
  if (def.inlineBody) {
    // `def f(): return 1` becomes a block: the stub on its own line, the old body on the next one.
    const start = positionAt(lineStarts, def.headerEnd);
    const end = { line: def.bodyLine, character: def.bodyColumn };
    // In broken code (a backslash before the end of the file) the "body" can be the end of input.
    const bodyOffset = lineStarts[def.bodyLine] + def.bodyColumn;
    if (!(def.bodyLine < lineStarts.length && bodyOffset >= def.headerEnd && bodyOffset < text.length)) return null;
    const newText = eol + newBodyIndent + renderDocstring(lines, newBodyIndent, context) + eol + newBodyIndent;
    return { range: { start, end }, newText };
  }
  if (blockBody) {
    // Block body: a new first line right after the header's logical line (the colon's line, or the last
    // line a backslash joins to it); a trailing comment stays where it is.
    const at = { line: def.headerBreakLine + 1, character: 0 };
    return { range: { start: at, end: at }, newText: def.bodyIndent + renderDocstring(lines, def.bodyIndent, context) + eol };
  }
  // No body at all (code being typed): the docstring becomes the body.
  const at = positionAt(lineStarts, lineEndOffset(text, lineStarts, def.headerEndLine));
  return { range: { start: at, end: at }, newText: eol + newBodyIndent + renderDocstring(lines, newBodyIndent, context) };
}

/**
 * The module docstring goes before the first statement: after a shebang, coding cookie and other leading
 * comments, and before `from __future__` imports (which must follow it).
 */
function moduleStubEdit(context: FileContext): TextEditLike | null {
  const { text, structure, lineStarts, eol } = context;
  const lines = [summaryLine('module', '')];
  if (structure.docstring) {
    if (!structure.docstring.blank) return null;
    const d = structure.docstring;
    const range = { start: { line: d.startLine, character: d.startCol }, end: { line: d.endLine, character: d.endCol } };
    return { range, newText: renderDocstring(lines, '', context) };
  }
  const docstring = renderDocstring(lines, '', context);
  const firstLine = firstStatementLine(text);
  if (firstLine >= 0) {
    // A byte order mark stays first.
    const character = firstLine === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const at = { line: firstLine, character };
    return { range: { start: at, end: at }, newText: docstring + eol };
  }
  // Nothing but comments and blank lines: append.
  const at = positionAt(lineStarts, text.length);
  const needsBreak = text.length > 0 && !endsWithLineBreak(text) && !(text.length === 1 && text.charCodeAt(0) === 0xfeff);
  return { range: { start: at, end: at }, newText: (needsBreak ? eol : '') + docstring + eol };
}

/** Line of the first token that is not a comment or blank line, or -1. */
function firstStatementLine(text: string): number {
  const tk = new Tokenizer(text);
  for (let kind = tk.next(); kind !== TokenKind.EndMarker; kind = tk.next()) {
    if (isCodeKind(kind)) return tk.startLine;
  }
  return -1;
}

/** Keeps edits in document order and drops any that would touch the same place as an earlier one. */
function nonOverlapping(edits: TextEditLike[]): TextEditLike[] {
  const compare = (a: Position, b: Position): number => a.line - b.line || a.character - b.character;
  edits.sort((a, b) => compare(a.range.start, b.range.start) || compare(a.range.end, b.range.end));
  const kept: TextEditLike[] = [];
  for (const edit of edits) {
    const previous = kept[kept.length - 1];
    if (previous && compare(edit.range.start, previous.range.end) <= 0) continue;
    kept.push(edit);
  }
  return kept;
}

// ---------------------------------------------------------------------------------------------------------
// The stub's text

/**
 * The docstring's lines, without indentation or quotes; placeholders marked (see placeholder()). `indent` is
 * the docstring's: long entries are wrapped so that their lines fit the project's line length.
 */
function stubLines(context: FileContext, index: number, style: DocstringStyle, indent: string): string[] {
  const def = context.structure.definitions[index];
  const summary = summaryLine(def.keyword === 'class' ? 'class' : 'function', def.name);
  if (def.keyword === 'class' || style === 'pep257') return [summary];
  const signature = functionSignature(context, def);
  const facts = functionBodyFacts(context.text, context.lineStarts, context.structure.definitions, index);
  const params = signature.params.filter((p, i) => !(i === 0 && p.star === '' && takesImplicitFirst(context, def)));
  const wrap = wrapper(Math.max(context.lineLength - indent.length, MIN_WRAP_WIDTH));
  const sections = SECTION_WRITERS[style](params, facts, safeText(signature.returns, context.quote), wrap);
  return sections.length === 0 ? [summary] : [summary, '', ...sections];
}

function summaryLine(kind: 'module' | 'class' | 'function', name: string): string {
  return placeholder(kind === 'module' ? 'Summary of this module.' : `Summary of ${name}.`);
}

// Placeholders: the text a user replaces, marked while the stub is built, then dropped (newText) or made
// tab stops (snippet). The marks are private-use characters: Python names cannot hold them and safeText
// keeps them out of annotations and defaults.
const OPEN = '\uE000';
const CLOSE = '\uE001';

function placeholder(text: string): string {
  return OPEN + text + CLOSE;
}

/** The edit with its text unmarked, and the snippet form: placeholders numbered in order, the summary first. */
function withSnippet(edit: TextEditLike): TextEditLike {
  const marked = edit.newText;
  let stop = 0;
  let snippet = '';
  for (const part of marked.split(/(\uE000[^\uE001]*\uE001)/)) {
    if (part.startsWith(OPEN)) snippet += `\${${++stop}:${escapeSnippet(part.slice(1, -1))}}`;
    else snippet += escapeSnippet(part);
  }
  return { range: edit.range, newText: unmarked(marked), ...(stop > 0 ? { snippet } : {}) };
}

function unmarked(text: string): string {
  return text.replace(/[\uE000\uE001]/g, '');
}

/** `$`, `}` and `\` are a snippet's syntax: escaped, they stand for themselves. */
function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, (c) => `\\${c}`);
}

/** Lines narrower than this are not worth wrapping to (a deeply indented method in a narrow project). */
const MIN_WRAP_WIDTH = 40;

/**
 * wrap(head, body, continuation): `head + body` as lines of at most `width` characters (placeholder marks do
 * not count), broken at spaces of `body` only: a head such as `x (Dict[str, int]): ` is never broken (when it
 * leaves no room, the body starts on the next line), and a single word longer than the line stays whole.
 * Continuation lines start with `continuation`. A placeholder broken over lines stays one tab stop.
 */
type Wrap = (head: string, body: string, continuation: string) => string[];

function wrapper(width: number): Wrap {
  return (head, body, continuation) => {
    const visible = (s: string): number => unmarked(s).length;
    const words = body.split(' ').filter((w) => w !== '');
    const lines: string[] = [];
    let line = head;
    let empty = true; // no word of the body on this line yet
    if (words.length > 0 && head.trim() !== '' && visible(head + words[0]) > width && visible(continuation + words[0]) < visible(head + words[0])) {
      lines.push(head.trimEnd());
      line = continuation;
    }
    for (const word of words) {
      const joined = empty ? line + word : `${line} ${word}`;
      if (!empty && visible(joined) > width) {
        lines.push(line);
        line = continuation + word;
      } else line = joined;
      empty = false;
    }
    lines.push(line);
    return lines;
  };
}

/** Methods get self / cls implicitly, unless they are static. */
function takesImplicitFirst(context: FileContext, def: Definition): boolean {
  const parent = context.structure.definitions[def.parent];
  if (!parent || parent.keyword !== 'class') return false;
  return !def.decorators.some((d) => d.name === 'staticmethod' && (d.shape === 'name' || d.shape === 'attribute'));
}

function functionSignature(context: FileContext, def: Definition): Signature {
  const { text, lineStarts } = context;
  const afterName = lineStarts[def.nameLine] + def.nameEnd;
  const signature = parseSignature(text, afterName, def.headerEnd);
  const params = signature.params.map((p): Parameter => {
    const shown = safeText(p.default, context.quote);
    return { ...p, annotation: safeText(p.annotation, context.quote), ...(shown === null ? { default: undefined } : { default: shown }) };
  });
  return { params, returns: signature.returns };
}

/**
 * Annotation text that can sit inside the docstring: a backslash would become an escape (or a syntax
 * error, as `\N`), and the closing quotes would end it early; such annotations are left out.
 */
function safeText(annotation: string | null | undefined, quote: string): string | null {
  if (annotation === null || annotation === undefined || annotation.includes('\\') || annotation.includes(quote) || /[\uE000\uE001]/.test(annotation)) return null;
  return annotation;
}

/** Longer defaults (a big literal) are not worth repeating in the docstring. */
const MAX_DEFAULT_LENGTH = 40;

/** The default as the docstring may quote it, or null. */
function shownDefault(p: Parameter): string | null {
  const text = p.default;
  return text !== undefined && text.length <= MAX_DEFAULT_LENGTH ? text : null;
}

type SectionWriter = (params: Parameter[], facts: BodyFacts, returns: string | null, wrap: Wrap) => string[];

const RETURN_TEXT = placeholder('Description of the return value.');
const YIELD_TEXT = placeholder('Description of the yielded values.');
const RAISE_TEXT = placeholder('Description of when it is raised.');
const paramText = (p: Parameter): string => placeholder(`Description of ${p.name}.`);

/** The annotation goes with Yields for generators, else with Returns. */
/**
 * The types a stub writes: a generator's Yields gets what its `Generator[...]` / `Iterator[...]` annotation
 * yields (`int` for `Iterator[int]`, as pydoclint compares it), any other annotation as written.
 */
function outcomeTypes(facts: BodyFacts, returns: string | null): { returnType: string | null; yieldType: string | null } {
  if (!facts.yields) return { returnType: returns, yieldType: null };
  const kind = generatorKind(returns), iterator = isIteratorAnnotation(returns);
  return { returnType: null, yieldType: kind !== null || iterator ? yieldTypeOf(returns, kind, iterator) : returns };
}

/** Sections joined by one blank line. */
function joinSections(sections: string[][]): string[] {
  const out: string[] = [];
  for (const section of sections) {
    if (section.length === 0) continue;
    if (out.length > 0) out.push('');
    for (const line of section) out.push(line);
  }
  return out;
}

const I = SECTION_INDENT;

/**
 * Each style's sections. Defaults are mentioned as each style's guide writes them: google `Defaults to X.`
 * after the description, numpy `, default X` on the type line (numpydoc), sphinx `, defaults to X` in the
 * field (the Sphinx tutorial's wording).
 */
const SECTION_WRITERS: Record<DocstringStyle, SectionWriter> = {
  google(params, facts, returns, wrap) {
    const { returnType, yieldType } = outcomeTypes(facts, returns);
    const typed = (type: string | null, text: string): string[] => wrap(`${I}${type ? `${type}: ` : ''}`, text, I + I);
    return joinSections([
      params.length === 0 ? [] : ['Args:', ...params.flatMap((p) => {
        const fallback = shownDefault(p);
        const text = fallback === null ? paramText(p) : `${paramText(p)} Defaults to ${fallback}.`;
        return wrap(`${I}${p.star}${p.name}${p.annotation ? ` (${p.annotation})` : ''}: `, text, I + I);
      })],
      facts.returnsValue ? ['Returns:', ...typed(returnType, RETURN_TEXT)] : [],
      facts.yields ? ['Yields:', ...typed(yieldType, YIELD_TEXT)] : [],
      facts.raises.length === 0 ? [] : ['Raises:', ...facts.raises.flatMap((name) => wrap(`${I}${name}: `, RAISE_TEXT, I + I))],
    ]);
  },

  numpy(params, facts, returns, wrap) {
    const { returnType, yieldType } = outcomeTypes(facts, returns);
    const heading = (title: string): string[] => [title, '-'.repeat(title.length)];
    const described = (text: string): string[] => wrap(I, text, I);
    return joinSections([
      params.length === 0 ? [] : [...heading('Parameters'), ...params.flatMap((p) => {
        const fallback = shownDefault(p);
        // numpydoc: `x : int, default 0`; without an annotation `object` stands in for the type, as for Returns.
        const type = fallback === null ? (p.annotation ? ` : ${p.annotation}` : '') : ` : ${p.annotation ?? 'object'}, default ${fallback}`;
        return [`${p.star}${p.name}${type}`, ...described(paramText(p))];
      })],
      // numpydoc wants a type line for each returned value; `object` stands in until someone writes one.
      facts.returnsValue ? [...heading('Returns'), returnType ?? 'object', ...described(RETURN_TEXT)] : [],
      facts.yields ? [...heading('Yields'), yieldType ?? 'object', ...described(YIELD_TEXT)] : [],
      facts.raises.length === 0 ? [] : [...heading('Raises'), ...facts.raises.flatMap((name) => [name, ...described(RAISE_TEXT)])],
    ]);
  },

  sphinx(params, facts, returns, wrap) {
    const { returnType, yieldType } = outcomeTypes(facts, returns);
    const fields: string[] = [];
    const field = (head: string, text: string): void => {
      for (const line of wrap(head, text, I)) fields.push(line);
    };
    for (const p of params) {
      const fallback = shownDefault(p);
      const description = `Description of ${p.name}`;
      // `:param *args:` with its stars, as pydoclint reads the fields (`:param args:` is DOC103 there).
      field(`:param ${p.star}${p.name}: `, fallback === null ? placeholder(`${description}.`) : `${placeholder(description)}, defaults to ${fallback}.`);
      if (p.annotation) fields.push(`:type ${p.star}${p.name}: ${p.annotation}`);
    }
    if (facts.returnsValue) {
      field(':return: ', RETURN_TEXT);
      if (returnType) fields.push(`:rtype: ${returnType}`);
    }
    if (facts.yields) {
      field(':yield: ', YIELD_TEXT);
      if (yieldType) fields.push(`:ytype: ${yieldType}`);
    }
    for (const name of facts.raises) field(`:raises ${name}: `, RAISE_TEXT);
    return fields;
  },

  pep257: () => [],
};

/**
 * The docstring literal: a one-liner, or the summary on the opening line, then the other lines indented
 * like the body and the closing quotes on their own line. `indent` is for the lines after the first.
 */
function renderDocstring(lines: string[], indent: string, context: FileContext): string {
  const { quote, eol } = context;
  if (lines.length === 1) return quote + lines[0] + quote;
  const rest = lines.slice(1).map((line) => (line === '' ? '' : indent + line));
  return [quote + lines[0], ...rest, indent + quote].join(eol);
}

// ---------------------------------------------------------------------------------------------------------
// Lines, line breaks, indentation


function endsWithLineBreak(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  return last === 10 || last === 13;
}

function detectEol(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return '\n';
    if (c === 13) return text.charCodeAt(i + 1) === 10 ? '\r\n' : '\r';
  }
  return '\n';
}

function isIndentation(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 12) return false;
  }
  return true;
}

/** The file's indent unit: what the first block body adds to its definition's own indentation. */
function detectIndentUnit(text: string, structure: ModuleStructure, lineStarts: readonly number[]): string {
  for (const def of structure.definitions) {
    if (def.inlineBody || def.bodyIndent === '') continue;
    const own = text.slice(lineStarts[def.line], lineStarts[def.line] + def.column);
    if (def.bodyIndent.length > own.length && def.bodyIndent.startsWith(own)) return def.bodyIndent.slice(own.length);
  }
  return '    ';
}

/**
 * Offset just after the last token on the header's colon line (the colon, the inline body, or a trailing
 * comment), or -1 when that line's end is inside a string or continued with a backslash.
 */
function colonLineEnd(text: string, def: Definition): number {
  if (text.charCodeAt(def.headerEnd - 1) !== 0x3a) return -1;
  const tk = new Tokenizer(text.slice(def.headerEnd));
  let lastEnd = 0;
  for (let kind = tk.next(); ; kind = tk.next()) {
    if (kind === TokenKind.Newline || kind === TokenKind.NL || kind === TokenKind.EndMarker) {
      return tk.startLine === 0 ? def.headerEnd + lastEnd : -1;
    }
    if (kind === TokenKind.Indent || kind === TokenKind.Dedent) continue;
    if (tk.startLine > 0 || tk.endLine > 0) return -1;
    lastEnd = tk.end;
  }
}

// ---------------------------------------------------------------------------------------------------------
// For "Update docstring" (docstrings/update.ts): the same reading of a function, the same section text

/** What a function's code says, read as its stub is: parameters without the implicit self / cls, returns, body. */
export interface FunctionFacts {
  params: Parameter[];
  /** The return annotation (null when absent, or not safe inside the docstring's quotes). */
  returns: string | null;
  body: BodyFacts;
}

/** The facts of function `index` (null for a class or a broken header); `quote` is the docstring's. */
export function functionFacts(file: ParsedFile, index: number, quote: '"""' | "'''"): FunctionFacts | null {
  const context = makeContext(file, { quote });
  const def = context.structure.definitions[index];
  if (!def || def.keyword !== 'def' || context.text.charCodeAt(def.headerEnd - 1) !== 0x3a) return null;
  const signature = functionSignature(context, def);
  const params = signature.params.filter((p, i) => !(i === 0 && p.star === '' && takesImplicitFirst(context, def)));
  return { params, returns: safeText(signature.returns, quote), body: functionBodyFacts(context.text, context.lineStarts, context.structure.definitions, index) };
}

/**
 * A stub's sections in `style` for these facts: lines without indentation, sections 4 spaces in, as stubs write
 * them, as plain text (no placeholders) and unwrapped (the caller places them among a human's lines).
 */
export function stubSectionLines(style: Exclude<DocstringStyle, 'pep257'>, params: Parameter[], body: BodyFacts, returns: string | null): string[] {
  return SECTION_WRITERS[style](params, body, returns, wrapper(Number.MAX_SAFE_INTEGER)).map(unmarked);
}
