/**
 * Docstring quality of one file: pydoclint's checks (DOC1xx-DOC6xx) over every function and class, from
 * the file's one parse (structure, line starts) and one docstring parse per definition. Pure: text in,
 * findings out; never throws (a definition whose check fails is skipped).
 */
import type { Definition, ModuleStructure } from '../../python/structure';
import { classAttributes, functionBodyFacts, parseSignature } from '../../python/signature';
import { lineEndOffset, positionAt } from '../../python/lines';
import { isPlainProse, parseDocstring, ParsedDocstring, Span } from '../parse';
import { docView, DocView } from './docView';
import { checkArguments, checkRaises, checkReturnsAndYields, compareLists, FunctionFacts, Issue } from './functions';
import { BlockFindings, FindingsMemo } from './memo';
import { isSuppressed, nodocqaLines, noqaByDefinitionLine } from './noqa';
import { DEFAULT_QUALITY_OPTIONS, QualityOptions } from './options';
import { Finding } from './types';

export { DEFAULT_QUALITY_OPTIONS } from './options';
export type { QualityOptions } from './options';
export type { Finding, RuleGroup } from './types';
export type { FindingsMemo } from './memo';

/** A text and its parse, as the session and the CLI hold them. */
export interface CheckedFile {
  readonly text: string;
  readonly structure: ModuleStructure;
  readonly lineStarts: readonly number[];
}

const MODULE = -1;

/** google sections that must list entries (docstring_parser's MULTIPLE sections). */
const LIST_SECTIONS = new Set(['params', 'raises', 'attributes']);

export function checkDocstrings(file: CheckedFile, options: QualityOptions = DEFAULT_QUALITY_OPTIONS): Finding[] {
  return new FileChecker(file, options).run();
}

/**
 * The same findings, reusing `previous` (the memo of an earlier version's check under equal options) for
 * top-level definitions whose text did not change; with the memo for the next version.
 */
export function checkDocstringsAgain(file: CheckedFile, options: QualityOptions, previous?: FindingsMemo): { findings: Finding[]; memo: FindingsMemo } {
  const reusable = previous && sameQualityOptions(previous.options, options) ? previous.blocks : undefined;
  const blocks = new BlockFindings(file.text, file.structure.definitions, reusable);
  const findings = new FileChecker(file, options, blocks).run();
  return { findings, memo: blocks.memo(options) };
}

/** Option objects are rebuilt per analysis (e.g. withMarkers), so the memo compares their values; all are primitives. */
function sameQualityOptions(a: QualityOptions, b: QualityOptions): boolean {
  if (a === b) return true;
  for (const key of Object.keys(a) as (keyof QualityOptions)[]) if (a[key] !== b[key]) return false;
  return Object.keys(a).length === Object.keys(b).length;
}

class FileChecker {
  private readonly defs: readonly Definition[];
  private readonly parsed = new Map<number, ParsedDocstring | null>();
  /** check-style-mismatch: docstrings parsed again in the one style their markers show, when not the configured one. */
  private readonly detected = new Map<number, ParsedDocstring | null>();
  private readonly findings: Finding[] = [];
  /** Made when a finding needs one (most definitions have none). */
  private readonly qualnames: string[] = [];
  private readonly skipped: boolean[] = [];

  /** @param blocks the previous version's findings by block (memo.ts), and this one's recorded */
  constructor(private readonly file: CheckedFile, private readonly options: QualityOptions, private readonly blocks?: BlockFindings) {
    this.defs = file.structure.definitions;
  }

  run(): Finding[] {
    const { defs } = this;
    if (!this.blocks) {
      for (let i = 0; i < defs.length; i++) this.checkDefinition(i);
    } else {
      const { lineStarts, text } = this.file;
      // Definitions come in source order, each after its parent: a top-level one and those up to the next are a block.
      for (let first = 0; first < defs.length;) {
        let next = first + 1;
        while (next < defs.length && defs[next].parent !== MODULE) next++;
        const startLine = defs[first].headerStartLine;
        const start = lineStarts[startLine];
        const endLine = defs[first].endLine;
        const end = endLine + 1 < lineStarts.length ? lineStarts[endLine + 1] : text.length;
        const known = this.blocks.known(first, next, start, end, startLine);
        if (known) {
          const lines = startLine - known.findingsLine, offset = start - known.findingsStart;
          for (const f of known.findings) this.findings.push(moved(f, lines, offset));
        } else {
          const from = this.findings.length;
          for (let i = first; i < next; i++) this.checkDefinition(i);
          this.blocks.remember(first, next, start, end, startLine, this.findings.slice(from));
        }
        first = next;
      }
    }
    // Most files have nothing to excuse: their comments are not read.
    if (this.findings.length === 0) return this.findings;
    const { comments } = this.file.structure;
    // Only the definitions on the findings' lines can excuse one.
    const lines = new Set<number>();
    for (const f of this.findings) lines.add(f.line);
    const excused = nodocqaLines(this.defs.filter((d) => lines.has(d.line)), comments, this.options.nodocqa);
    if (excused === 'file') return [];
    const noqa = noqaByDefinitionLine(this.defs, comments, this.options.nativeModeNoqaLocation);
    return this.findings.filter((f) => !excused.has(f.line) && !isSuppressed(f.code, noqa.get(f.line)));
  }

  private checkDefinition(i: number): void {
    const def = this.defs[i];
    this.skipped[i] = (def.parent !== MODULE && this.skipped[def.parent]) || this.skips(i);
    if (this.skipped[i]) return;
    try {
      if (def.keyword === 'class') {
        if (this.options.checkClassAttributes) this.checkClass(i);
      } else {
        this.checkFunction(i);
      }
    } catch {
      // A bug in a check must not cost the other definitions their findings.
    }
  }

  /** pydoclint does not visit these, nor anything inside them. */
  private skips(i: number): boolean {
    const def = this.defs[i];
    if (def.keyword === 'class') return false;
    if (this.options.skipCheckingPrivateFunctions && def.name.startsWith('_') && !(def.name.startsWith('__') && def.name.endsWith('__'))) return true;
    const parent = this.defs[def.parent];
    if (def.name === '__init__' && parent?.keyword === 'class') {
      // Only the last __init__ of the class body is the constructor (earlier ones are overload stubs), as
      // pydoclint's isLastConstructor reads the body's own statements: one inside a block (`if TYPE_CHECKING:`)
      // is always checked, and does not make an earlier one a stub.
      const inBody = (d: Definition): boolean => d.column === parent.bodyIndent.length;
      if (!inBody(def)) return false;
      for (let j = i + 1; j < this.defs.length && this.defs[j].headerStartLine <= parent.endLine; j++) {
        const later = this.defs[j];
        if (later.parent === def.parent && later.name === '__init__' && later.keyword === 'def' && inBody(later)) return true;
      }
    }
    return false;
  }

  /**
   * Whether definition i's docstring is plain prose, so that with skip-checking-short-docstrings there is
   * nothing to check: most docstrings, told without parsing them (the checks' largest cost). Prose in the
   * configured style alone, unless check-style-mismatch asks which style a docstring shows (a google `Args:`
   * is prose to numpy, and a mismatch to report).
   */
  private plainlyShort(i: number): boolean {
    const doc = this.defs[i].docstring;
    const style = this.options.checkStyleMismatch ? undefined : this.options.style;
    return this.options.skipCheckingShortDocstrings && doc !== null && isPlainProse(this.file.text, this.file.lineStarts, doc, style);
  }

  /** The docstring of definition i, parsed in the configured style; null when it has none (or a blank one). */
  private docstring(i: number): ParsedDocstring | null {
    let parsed = this.parsed.get(i);
    if (parsed === undefined) {
      const doc = this.defs[i].docstring;
      parsed = doc && !doc.blank ? parseDocstring(this.file.text, this.file.lineStarts, doc, { style: this.options.style }) : null;
      this.parsed.set(i, parsed);
    }
    return parsed;
  }

  /**
   * The docstring a function is checked against (pydoclint's parseDocstring with check-style-mismatch): in the
   * one style its markers show, else the configured one. The class checks read the configured style always.
   */
  private functionDocstring(i: number): ParsedDocstring | null {
    const parsed = this.docstring(i);
    if (!this.options.checkStyleMismatch || !parsed || parsed.matchedStyles.length !== 1 || parsed.matchedStyles[0] === parsed.style) return parsed;
    let detected = this.detected.get(i);
    if (detected === undefined) {
      detected = parseDocstring(this.file.text, this.file.lineStarts, this.defs[i].docstring!, { style: parsed.matchedStyles[0] });
      this.detected.set(i, detected);
    }
    return detected;
  }

  /** DOC003's question: do the docstring's markers show another style than the configured one (or several)? */
  private styleMismatch(parsed: ParsedDocstring): boolean {
    // Detection is lazy (parse/index.ts): read the markers only when the option asks.
    if (!this.options.checkStyleMismatch) return false;
    const shown = parsed.matchedStyles;
    return shown.length > 1 || (shown.length === 1 && shown[0] !== this.options.style);
  }

  private add(i: number, issues: Issue[], line = this.defs[i].line): void {
    const def = this.defs[i];
    for (const issue of issues) {
      this.findings.push({ code: issue.code, line, column: line === def.line ? def.column : 0, qualname: this.qualname(i), message: issue.message, span: issue.span });
    }
  }

  /** `Outer.method`: up the parents to the nearest one already named, without recursion (nesting is unbounded). */
  private qualname(i: number): string {
    const { qualnames, defs } = this;
    if (qualnames[i] !== undefined) return qualnames[i];
    const chain: number[] = [];
    for (let k = i; k !== MODULE && qualnames[k] === undefined; k = defs[k].parent) chain.push(k);
    for (let c = chain.length - 1; c >= 0; c--) {
      const def = defs[chain[c]];
      qualnames[chain[c]] = def.parent === MODULE ? def.name : `${qualnames[def.parent]}.${def.name}`;
    }
    return qualnames[i];
  }

  private nameSpan(i: number): Span {
    const def = this.defs[i];
    const start = this.file.lineStarts[def.nameLine] + def.nameStart;
    return { start, end: start + def.name.length };
  }

  private checkFunction(i: number): void {
    const def = this.defs[i];
    const { text, lineStarts } = this.file;
    const parentIndex = def.parent;
    const parent = this.defs[parentIndex];
    const inClass = parent?.keyword === 'class';
    const isInit = inClass && def.name === '__init__';
    let docIndex = i;
    // An __init__'s own docstring is parsed all the same (DOC301 points into it) before the one it is checked
    // against is known.
    if (isInit) docIndex = this.constructorDocstring(i, parentIndex);
    // No docstring to check against, or prose only (no section, problem or style marker): nothing below could
    // report anything. Most functions end here, before anything is allocated for them.
    const statement = this.defs[docIndex].docstring;
    if (statement === null || statement.blank || this.plainlyShort(docIndex)) return;
    const label = inClass ? `${parent.name}.${def.name}` : def.name;
    if (this.unreadable(i, docIndex, label, this.functionDocstring(docIndex))) return;
    const parsed = this.functionDocstring(docIndex);
    if (!parsed) return;
    const doc = docView(parsed, false, this.options.checkArgDefaults);
    // pydoclint then leaves out every type check and the return, yield and raise checks.
    const mismatch = this.styleMismatch(parsed);
    if (mismatch) {
      const shown = parsed.matchedStyles.length === 1 ? `${parsed.matchedStyles[0]} style` : `a mix of ${parsed.matchedStyles.join(' and ')} styles`;
      this.add(i, [{ code: 'DOC003', message: `The docstring of \`${label}\` is written in ${shown}, not ${this.options.style} as configured`, span: parsed.summarySpan ?? parsed.span }]);
    }
    // Most docstrings are a summary only: decided before the signature and the body are read (half the time).
    if (this.options.skipCheckingShortDocstrings && doc.short) {
      if (isInit) this.add(parentIndex, constructorOutcomeIssues(doc, parent.name, this.nameSpan(parentIndex)), parent.line);
      return;
    }
    const signature = parseSignature(text, lineStarts[def.nameLine] + def.nameEnd, def.headerEnd);
    const first = def.decorators[0];
    const fn: FunctionFacts = {
      label,
      params: signature.params,
      implicitFirst: inClass && methodType(def) !== 'static',
      returns: signature.returns,
      body: functionBodyFacts(text, lineStarts, this.defs, i),
      isProperty: first?.shape === 'name' && first.name === 'property',
      isAbstract: first?.shape === 'name' && first.name === 'abstractmethod',
      nameSpan: this.nameSpan(i),
    };
    if (mismatch) {
      this.add(i, checkArguments(fn, doc, { ...this.options, argTypeHintsInSignature: false, argTypeHintsInDocstring: false }).filter((issue) => issue.code !== 'DOC108' && issue.code !== 'DOC111'));
      if (isInit) this.add(parentIndex, constructorOutcomeIssues(doc, parent.name, this.nameSpan(parentIndex)), parent.line);
      return;
    }
    this.add(i, checkArguments(fn, doc, this.options));
    const { returns, yields } = checkReturnsAndYields(fn, doc, this.options);
    if (isInit) this.add(parentIndex, constructorOutcomeIssues(doc, parent.name, this.nameSpan(parentIndex)), parent.line);
    else this.add(i, returns);
    this.add(i, yields);
    if (!this.options.skipCheckingRaises) this.add(i, checkRaises(fn, doc, this.options));
  }

  /**
   * Which docstring an `__init__` is checked against (pydoclint's _checkClassDocstringAndConstructorDocstrings):
   * the class's unless `allow-init-docstring` lets `__init__` have its own; reports DOC301-DOC307.
   */
  private constructorDocstring(i: number, classIndex: number): number {
    const own = this.docstring(i);
    if (!own) return classIndex;
    const className = this.defs[classIndex].name;
    const classSpan = this.nameSpan(classIndex);
    if (!this.options.allowInitDocstring) {
      this.add(i, [{ code: 'DOC301', message: `\`${className}.__init__\` has its own docstring: document the constructor in the class docstring`, span: own.summarySpan ?? own.span }]);
      return classIndex;
    }
    // pydoclint reads an unreadable docstring (DOC001, reported by the class and the __init__ checks) as empty.
    const readable = (parsed: ParsedDocstring | null): DocView | null => (parsed && this.problems(parsed).length === 0 ? docView(parsed) : null);
    const classDoc = readable(this.docstring(classIndex));
    const initDoc = readable(own);
    const atClass: Issue[] = [];
    if (classDoc?.returns) atClass.push({ code: 'DOC302', message: `The docstring of class \`${className}\` has a Returns section; a constructor returns nothing`, span: classDoc.sectionSpans.returns ?? classSpan });
    if (initDoc?.returns) this.add(i, [{ code: 'DOC303', message: `The docstring of \`${className}.__init__\` has a Returns section; a constructor returns nothing`, span: initDoc.sectionSpans.returns ?? classSpan }]);
    if (classDoc && classDoc.args.length > 0) atClass.push({ code: 'DOC304', message: `The docstring of class \`${className}\` documents arguments: they belong in the \`__init__\` docstring`, span: classDoc.sectionSpans.params ?? classSpan });
    if (classDoc?.yields) atClass.push({ code: 'DOC306', message: `The docstring of class \`${className}\` has a Yields section; a constructor yields nothing`, span: classDoc.sectionSpans.yields ?? classSpan });
    if (initDoc?.yields) atClass.push({ code: 'DOC307', message: `The docstring of \`${className}.__init__\` has a Yields section; a constructor yields nothing`, span: initDoc.sectionSpans.yields ?? classSpan });
    if (classDoc?.raises) atClass.push({ code: 'DOC305', message: `The docstring of class \`${className}\` has a Raises section: it belongs in the \`__init__\` docstring`, span: classDoc.sectionSpans.raises ?? classSpan });
    this.add(classIndex, atClass, this.defs[classIndex].line);
    return i;
  }

  /**
   * DOC001: the docstring (definition `docIndex`'s) is malformed, so its sections cannot be trusted and the
   * other checks of definition i are skipped, as in pydoclint.
   */
  private unreadable(i: number, docIndex: number, label: string, parsed = this.docstring(docIndex)): boolean {
    if (!parsed) return false;
    const problems = this.problems(parsed);
    if (problems.length === 0) return false;
    const problem = problems[0];
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    this.add(i, [{ code: 'DOC001', message: `The docstring of \`${label}\` cannot be checked: ${problem.message.replace(/\.$/, '')}${more}`, span: problem.span }]);
    return true;
  }

  /** What makes a docstring unreadable for pydoclint (DOC001): none when it can be checked. */
  private problems(parsed: ParsedDocstring): ParsedDocstring['problems'] {
    const problems = parsed.problems.filter((p) => p.wholeText || !inProse(parsed, p.span));
    // pydoclint's google parser refuses a list section without entries (`Args:` and nothing under it); our
    // parser reads it as empty without a problem, so the check notes it here.
    // A docstring that opens with its only section's title (`"""Args:`): cleaned twice (ast.get_docstring, then
    // the parser's cleandoc), its entries are dedented to the title's level, so pydoclint finds nothing under it.
    if (parsed.style === 'google') {
      const opensWithTitle = parsed.summary === '' && parsed.sections.length === 1;
      for (const section of parsed.sections) {
        if (!section.nonstandard && (section.entries.length === 0 || (opensWithTitle && section === parsed.sections[0])) && LIST_SECTIONS.has(section.kind)) {
          problems.push({ message: `Section "${section.title}" lists nothing`, span: section.titleSpan ?? section.span });
        }
      }
    }
    return problems;
  }

  /** DOC601-DOC607: the class's attributes against its docstring's Attributes section. */
  private checkClass(i: number): void {
    if (this.plainlyShort(i)) return;
    const own = this.defs[i].docstring;
    // pydoclint checks a class whose docstring ast.get_docstring does not make '' (its function check strips it).
    const parsed = own?.blank && keptBlank(this.file.text.slice(own.start, own.end))
      ? parseDocstring(this.file.text, this.file.lineStarts, own, { style: this.options.style })
      : this.docstring(i);
    if (!parsed || this.unreadable(i, i, `class ${this.defs[i].name}`)) return;
    const doc = docView(parsed, false, this.options.checkArgDefaults);
    if (this.options.skipCheckingShortDocstrings && doc.short) return;
    const def = this.defs[i];
    const { text, lineStarts } = this.file;
    const o = this.options;
    const skip: Array<[number, number]> = [];
    const properties: Array<{ offset: number; name: string; type: string }> = [];
    for (let j = i + 1; j < this.defs.length && this.defs[j].headerStartLine <= def.endLine; j++) {
      const child = this.defs[j];
      if (child.parent !== i) continue;
      skip.push([child.headerStart, lineEndOffset(text, lineStarts, child.endLine)]);
      const top = child.decorators[0];
      if (o.treatPropertyMethodsAsClassAttributes && child.keyword === 'def' && top?.shape === 'name' && top.name === 'property') {
        const sig = parseSignature(text, lineStarts[child.nameLine] + child.nameEnd, child.headerEnd);
        properties.push({ offset: child.headerStart, name: child.name, type: sig.returns ?? '' });
      }
    }
    const lineOf = (offset: number): number => positionAt(lineStarts, offset).line;
    const assigned = classAttributes(text, def.headerEnd, lineEndOffset(text, lineStarts, def.endLine), skip, def.bodyIndent.length, lineOf);
    // Body order: assignments and (with the option) property methods as they come.
    const merged = [
      ...assigned.map((a) => ({ offset: lineStarts[a.line], name: a.name, type: a.annotation ?? '', inlineDocLine: a.inlineDocLine })),
      ...properties.map((p) => ({ ...p, inlineDocLine: null as number | null })),
    ].sort((a, b) => a.offset - b.offset);
    let actual = merged.filter((a) => o.shouldDocumentPrivateClassAttributes || !a.name.startsWith('_'));
    if (o.onlyAttrsWithClassVarAreTreatedAsClassAttrs) {
      actual = actual.filter((a) => a.type.startsWith('ClassVar[') && a.type.endsWith(']')).map((a) => ({ ...a, type: a.type.slice(9, -1) }));
    }
    const classSpan = this.nameSpan(i);
    let docArgs = doc.attributes.map((a) => ({ name: a.name, type: a.type, optional: a.optional, span: a.span }));
    const issues: Issue[] = [];
    if (o.requireInlineClassVarDocs && docArgs.length > 0) {
      issues.push({ code: 'DOC607', message: `The docstring of class \`${def.name}\` has an Attributes section; this project documents attributes inline`, span: doc.sectionSpans.attributes ?? classSpan });
      docArgs = [];
    }
    for (const a of actual) {
      if (a.inlineDocLine === null) continue;
      if (!o.requireInlineClassVarDocs) {
        const start = lineStarts[a.inlineDocLine];
        this.add(i, [{ code: 'DOC606', message: `Attribute \`${a.name}\` of class \`${def.name}\` is documented inline; document it in the class docstring`, span: { start, end: start } }], a.inlineDocLine);
      } else if (!docArgs.some((d) => d.name === a.name)) {
        docArgs.push({ name: a.name, type: '', optional: false, span: classSpan });
      }
    }
    // check-arg-defaults: an attribute's type carries its value (the last assignment to the name), as in pydoclint.
    const defaults = new Map<string, string>();
    if (o.checkArgDefaults) for (const a of assigned) if (a.value !== undefined) defaults.set(a.name, a.value);
    const actualArgs = actual.map((a) => ({ name: a.name, type: defaults.has(a.name) ? `${a.type}, default=${defaults.get(a.name)}` : a.type, optional: false }));
    if (docArgs.length < actualArgs.length) {
      const missing = actualArgs.filter((a) => !docArgs.some((d) => d.name === a.name)).map((a) => `\`${a.name}\``);
      issues.push({ code: 'DOC601', message: `${missing.length > 0 ? `Attribute${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of class \`${def.name}\` ${missing.length > 1 ? 'are' : 'is'}` : `Attributes of class \`${def.name}\` are`} missing from its docstring`, span: classSpan });
    }
    if (docArgs.length > actualArgs.length) {
      issues.push({ code: 'DOC602', message: `The docstring of class \`${def.name}\` documents more attributes than the class has`, span: doc.sectionSpans.attributes ?? classSpan });
    }
    issues.push(...compareLists(docArgs, actualArgs, {
      order: o.checkArgOrder, typesBoth: o.argTypeHintsInSignature && o.argTypeHintsInDocstring, optionalEquivalence: o.optionalEquivalence,
      codes: ['DOC603', 'DOC604', 'DOC605'], what: 'attribute', owner: `class \`${def.name}\``, span: classSpan,
      at: (name) => docArgs.find((d) => d.name === name)?.span ?? classSpan,
    }));
    this.add(i, issues);
  }
}

/** A copy of a finding `lines` lines and `offset` characters further on. */
function moved(f: Finding, lines: number, offset: number): Finding {
  return { ...f, line: f.line + lines, span: { start: f.span.start + offset, end: f.span.end + offset } };
}

/**
 * A problem inside a section pydoclint's parser takes as prose (google `Methods:`, `Keyword Args:`) does not
 * stop pydoclint, so it does not stop us. (The parser marks most such sections `nonstandard`; `methods` is
 * read as prose by pydoclint's google parser too.)
 */
function inProse(parsed: ParsedDocstring, span: Span): boolean {
  return parsed.sections.some((s) => (s.nonstandard || s.kind === 'methods') && s.span.start <= span.start && span.start <= s.span.end);
}

/** A constructor's docstring (the class's, usually) has no business with Returns or Yields. */
function constructorOutcomeIssues(doc: DocView, className: string, span: Span): Issue[] {
  const issues: Issue[] = [];
  if (doc.returns) issues.push({ code: 'DOC302', message: `The docstring of class \`${className}\` has a Returns section; a constructor returns nothing`, span: doc.sectionSpans.returns ?? span });
  if (doc.yields) issues.push({ code: 'DOC306', message: `The docstring of class \`${className}\` has a Yields section; a constructor yields nothing`, span: doc.sectionSpans.yields ?? span });
  return issues;
}

/** pydoclint's detectMethodType: the decorator closest to the name among `classmethod` / `staticmethod` decides. */
function methodType(def: Definition): 'instance' | 'class' | 'static' {
  for (let k = def.decorators.length - 1; k >= 0; k--) {
    const d = def.decorators[k];
    if (d.shape !== 'name') continue;
    if (d.name === 'classmethod') return 'class';
    if (d.name === 'staticmethod') return 'static';
  }
  return 'instance';
}

/**
 * Whether ast.get_docstring keeps spaces of a blank docstring literal: inspect.cleandoc strips the first line
 * and drops empty lines at the ends, but a line of spaces after the first (`"""\n    """`) stays.
 */
function keptBlank(literal: string): boolean {
  const m = /^[rRuU]?("""|'''|"|')([^\\]*)\1$/.exec(literal);
  return m !== null && m[2].replace(/\r\n?/g, '\n').split('\n').slice(1).some((line) => line !== '');
}
