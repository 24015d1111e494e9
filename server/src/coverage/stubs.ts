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

export type DocstringStyle = 'google' | 'numpy' | 'sphinx' | 'pep257';

export interface TextEditLike {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}

export interface StubOptions {
  /** Line break for the new lines; default: the file's first line break, else `\n`. */
  eol?: string;
  /** One level of indentation, for bodies we create; default: detected from the file, else 4 spaces. */
  indentUnit?: string;
  quote?: '"""' | "'''";
}

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
  };
}

function stubEdit(context: FileContext, index: number, style: DocstringStyle): TextEditLike | null {
  if (index === MODULE) return moduleStubEdit(context);
  const def = context.structure.definitions[index];
  if (!def || !Number.isInteger(index) || (def.docstring && !def.docstring.blank)) return null;
  // A header without its colon is broken code: no body to put a docstring in.
  if (context.text.charCodeAt(def.headerEnd - 1) !== 0x3a) return null;
  const lines = stubLines(context, index, style);
  const { text, lineStarts, eol } = context;
  const ownIndent = text.slice(lineStarts[def.line], lineStarts[def.line] + def.column);
  if (!isIndentation(ownIndent)) return null;
  const newBodyIndent = ownIndent + context.indentUnit;

  if (def.docstring) {
    // A blank docstring counts as missing: replace it where it stands.
    const indent = def.inlineBody ? newBodyIndent : def.bodyIndent;
    const range = {
      start: { line: def.docstring.startLine, character: def.docstring.startCol },
      end: { line: def.docstring.endLine, character: def.docstring.endCol },
    };
    return { range, newText: renderDocstring(lines, indent, context) };
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
  if (def.bodyIndent !== '' && def.headerBreakLine + 1 < lineStarts.length) {
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

/** The docstring's lines, without indentation or quotes. */
function stubLines(context: FileContext, index: number, style: DocstringStyle): string[] {
  const def = context.structure.definitions[index];
  const summary = summaryLine(def.keyword === 'class' ? 'class' : 'function', def.name);
  if (def.keyword === 'class' || style === 'pep257') return [summary];
  const signature = functionSignature(context, def);
  const facts = functionBodyFacts(context.text, context.lineStarts, context.structure.definitions, index);
  const params = signature.params.filter((p, i) => !(i === 0 && p.star === '' && takesImplicitFirst(context, def)));
  const sections = SECTION_WRITERS[style](params, facts, safeText(signature.returns, context.quote));
  return sections.length === 0 ? [summary] : [summary, '', ...sections];
}

function summaryLine(kind: 'module' | 'class' | 'function', name: string): string {
  return kind === 'module' ? 'Summary of this module.' : `Summary of ${name}.`;
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
  const params = signature.params.map((p): Parameter => ({ ...p, annotation: safeText(p.annotation, context.quote) }));
  return { params, returns: signature.returns };
}

/**
 * Annotation text that can sit inside the docstring: a backslash would become an escape (or a syntax
 * error, as `\N`), and the closing quotes would end it early; such annotations are left out.
 */
function safeText(annotation: string | null, quote: string): string | null {
  if (annotation === null || annotation.includes('\\') || annotation.includes(quote)) return null;
  return annotation;
}

type SectionWriter = (params: Parameter[], facts: BodyFacts, returns: string | null) => string[];

const RETURN_TEXT = 'Description of the return value.';
const YIELD_TEXT = 'Description of the yielded values.';
const RAISE_TEXT = 'Description of when it is raised.';
const paramText = (p: Parameter): string => `Description of ${p.name}.`;

/** The annotation goes with Yields for generators, else with Returns. */
function outcomeTypes(facts: BodyFacts, returns: string | null): { returnType: string | null; yieldType: string | null } {
  return facts.yields ? { returnType: null, yieldType: returns } : { returnType: returns, yieldType: null };
}

/** Sections joined by one blank line. */
function joinSections(sections: string[][]): string[] {
  const out: string[] = [];
  for (const section of sections) {
    if (section.length === 0) continue;
    if (out.length > 0) out.push('');
    out.push(...section);
  }
  return out;
}

const I = SECTION_INDENT;

const SECTION_WRITERS: Record<DocstringStyle, SectionWriter> = {
  google(params, facts, returns) {
    const { returnType, yieldType } = outcomeTypes(facts, returns);
    const typed = (type: string | null, text: string): string => `${I}${type ? `${type}: ` : ''}${text}`;
    return joinSections([
      params.length === 0 ? [] : ['Args:', ...params.map((p) =>
        `${I}${p.star}${p.name}${p.annotation ? ` (${p.annotation})` : ''}: ${paramText(p)}`)],
      facts.returnsValue ? ['Returns:', typed(returnType, RETURN_TEXT)] : [],
      facts.yields ? ['Yields:', typed(yieldType, YIELD_TEXT)] : [],
      facts.raises.length === 0 ? [] : ['Raises:', ...facts.raises.map((name) => `${I}${name}: ${RAISE_TEXT}`)],
    ]);
  },

  numpy(params, facts, returns) {
    const { returnType, yieldType } = outcomeTypes(facts, returns);
    const heading = (title: string): string[] => [title, '-'.repeat(title.length)];
    return joinSections([
      params.length === 0 ? [] : [...heading('Parameters'), ...params.flatMap((p) =>
        [`${p.star}${p.name}${p.annotation ? ` : ${p.annotation}` : ''}`, `${I}${paramText(p)}`])],
      // numpydoc wants a type line for each returned value; `object` stands in until someone writes one.
      facts.returnsValue ? [...heading('Returns'), returnType ?? 'object', `${I}${RETURN_TEXT}`] : [],
      facts.yields ? [...heading('Yields'), yieldType ?? 'object', `${I}${YIELD_TEXT}`] : [],
      facts.raises.length === 0 ? [] : [...heading('Raises'), ...facts.raises.flatMap((name) => [name, `${I}${RAISE_TEXT}`])],
    ]);
  },

  sphinx(params, facts, returns) {
    const { returnType, yieldType } = outcomeTypes(facts, returns);
    const fields: string[] = [];
    for (const p of params) {
      fields.push(`:param ${p.name}: ${paramText(p)}`);
      if (p.annotation) fields.push(`:type ${p.name}: ${p.annotation}`);
    }
    if (facts.returnsValue) fields.push(`:return: ${RETURN_TEXT}`, ...(returnType ? [`:rtype: ${returnType}`] : []));
    if (facts.yields) fields.push(`:yield: ${YIELD_TEXT}`, ...(yieldType ? [`:rtype: ${yieldType}`] : []));
    for (const name of facts.raises) fields.push(`:raises ${name}: ${RAISE_TEXT}`);
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

/** A stub's sections in `style` for these facts: lines without indentation, sections 4 spaces in, as stubs write them. */
export function stubSectionLines(style: Exclude<DocstringStyle, 'pep257'>, params: Parameter[], body: BodyFacts, returns: string | null): string[] {
  return SECTION_WRITERS[style](params, body, returns);
}
