/**
 * "Update docstring to match signature": text edits that bring a function's existing docstring up to date
 * with its code, in the docstring's own style (google, numpy or sphinx, as the parser reads it).
 *
 * - Parameters: entries for new parameters are added (typed from the annotation when the section's entries
 *   carry types), entries for parameters that are gone are removed, the entries are put in signature order.
 * - Returns / Yields: a section is added when the function returns a value (or is annotated to) / yields, and
 *   dropped when it no longer does (kept for interfaces: abstract methods, `pass` / `...` /
 *   `raise NotImplementedError` bodies, whose docstring describes what implementations do).
 * - Raises: an entry for each exception raised by name that is not documented; the section is dropped when
 *   the body raises nothing at all. Documented exceptions the body does not raise itself stay (callees raise
 *   them too).
 * - Classes: the class docstring is brought up to date with its `__init__` (pydoclint's default,
 *   `allow-init-docstring = false`): parameters and Raises as above; Returns / Yields never apply.
 *
 * It never rewrites human text: surviving entries, the summary and the prose move (reordering) or stay as
 * they are, byte for byte; new text is the stub generator's (coverage/stubs.ts), in the section's own
 * indentation, with the file's line breaks. Only docstrings that already have sections (what pydoclint
 * calls a "long" docstring) are updated: a summary-only docstring is left alone. Nothing here throws.
 */
import { functionFacts, FunctionFacts, ParsedFile, stubSectionLines, TextEditLike } from '../coverage/stubs';
import { generatorKind, isIteratorAnnotation } from '../python/annotations';
import { positionAt } from '../python/lines';
import { Definition } from '../python/structure';
import { combinedNames, DocEntry, DocSection, DocstringStyleName, ParsedDocstring, parseDocstring, SectionKind, Span } from './parse';
import { TypeEdit, typeEdits, TypeRules } from './retype';

export interface UpdateOptions {
  /** The style of docstrings that show none (pydoclint's `style`); default google. */
  defaultStyle?: DocstringStyleName;
  /**
   * allDocstringUpdates: an `__init__` with a docstring of its own is documented there (pydoclint's
   * `allow-init-docstring`); default false, by its class's docstring (see documentedAt).
   */
  allowInitDocstring?: boolean;
  /**
   * Rewrite types where they disagree with the annotations, under these rules (the quality options; retype.ts).
   * Without them types stay as written.
   */
  types?: TypeRules;
}

export interface DocstringUpdate {
  /** Non-overlapping edits inside the docstring literal, in document order. */
  edits: TextEditLike[];
  /** What the edits do, in words (`added x`, `removed Returns`), for reports and titles. */
  changes: string[];
  /** Spans of the original text that the edits delete (entries and sections that no longer apply). */
  removed: Span[];
  /** Type text of the original replaced by an annotation (an empty span: a type inserted there). */
  retyped: Span[];
}

/** The update of definition `index`'s docstring, or null when it needs none (or cannot be made safely). */
export function docstringUpdate(file: ParsedFile, index: number, options: UpdateOptions = {}): DocstringUpdate | null {
  try {
    return new Updater(file, index, options).run();
  } catch {
    return null;
  }
}

/**
 * Updates of every function's docstring in the file, as one list of non-overlapping edits: the docstring that
 * documents each function (a class's, for an `__init__` it documents: documentedAt, as `--fix` decides).
 */
export function allDocstringUpdates(file: ParsedFile, options: UpdateOptions = {}): { edits: TextEditLike[]; count: number } {
  const defs = file.structure.definitions;
  const targets = new Set<number>();
  defs.forEach((def, index) => {
    if (def.keyword === 'def') targets.add(documentedAt(defs, index, options.allowInitDocstring ?? false));
  });
  const edits: TextEditLike[] = [];
  let count = 0;
  for (const index of [...targets].sort((a, b) => a - b)) {
    if (!defs[index].docstring) continue;
    const update = docstringUpdate(file, index, options);
    if (!update) continue;
    count++;
    for (const edit of update.edits) edits.push(edit);
  }
  return { edits, count };
}

/**
 * The definition whose docstring documents definition `index`: itself, or for a class's `__init__` that the
 * class documents (pydoclint's default, `allow-init-docstring = false`, or an `__init__` without a docstring)
 * the class, whose update reads its `__init__` (constructorOf).
 */
export function documentedAt(defs: readonly Definition[], index: number, allowInitDocstring: boolean): number {
  const def = defs[index];
  const parent = defs[def.parent];
  const byClass = def.keyword === 'def' && def.name === '__init__' && parent?.keyword === 'class' && (!allowInitDocstring || !def.docstring);
  return byClass ? def.parent : index;
}

/** The mismatches our comparison finds between a function and its docstring (empty: they agree). */
export function docstringMismatches(file: ParsedFile, index: number, options: UpdateOptions = {}): string[] {
  try {
    const updater = new Updater(file, index, options);
    return updater.ready() ? updater.mismatches() : [];
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------------------------------------------------

type WritableStyle = DocstringStyleName;
/** A backslash-newline in a non-raw literal: an odd run of backslashes right before a line break. */
const LINE_CONTINUATION = /(?<!\\)(?:\\\\)*\\(?:\r\n?|\n)/;
const PARAM_KINDS: ReadonlySet<SectionKind> = new Set<SectionKind>(['params']);
/** Sections whose presence makes a docstring "long" (pydoclint's isShortDocstring is false). */
const STRUCTURED_KINDS: ReadonlySet<SectionKind> = new Set<SectionKind>(['params', 'returns', 'yields', 'raises', 'attributes', 'examples']);
/** Where a new section goes: before the first section of a higher rank. */
const RANK: Partial<Record<SectionKind, number>> = {
  params: 0, keywordParams: 1, otherParams: 1, receives: 1, returns: 2, yields: 3, raises: 4, warns: 5,
};
const rank = (kind: SectionKind): number => RANK[kind] ?? 6;
const IDENTIFIER = /^[A-Za-z_\u00c0-\uffff][\w\u00c0-\uffff]*$/;

interface Edit {
  start: number;
  end: number;
  text: string;
  /** For insertions after the last text: what puts the closing quotes back on their own line (once). */
  tail?: string;
}

/**
 * The bare names an entry documents: `*args` is `args`; numpy's `x, y` is both (only numpy lists several
 * names in one entry). Null when it is not a name (or list of names).
 */
function entryNames(entry: DocEntry, style: DocstringStyleName): string[] | null {
  if (!entry.name) return null;
  const names = ((style === 'numpy' ? combinedNames(entry.name) : null) ?? [entry.name]).map((n) => n.replace(/^\*{1,2}/, ''));
  return names.every((n) => IDENTIFIER.test(n)) ? names : null;
}

/**
 * The spans of a sphinx entry's fields: its own, then its `:type x:` line when that is another line (a type
 * with no `:param x:` is an entry whose typeField is its own span).
 */
function fieldSpans(entry: DocEntry): Span[] {
  const t = entry.typeField;
  return t && t.start !== entry.span.start ? [entry.span, t] : [entry.span];
}

/**
 * Whether a non-blank line of the literal's body [bodyStart, bodyEnd) after its first line is indented less
 * than the line the body starts on.
 */
function outdentedLine(text: string, starts: readonly number[], bodyStart: number, bodyEnd: number): boolean {
  const opening = starts[positionAt(starts, bodyStart).line];
  const margin = /^[ \t\f]*/.exec(text.slice(opening, bodyStart))![0].length;
  const lines = text.slice(bodyStart, bodyEnd).split(/\r\n|\n|\r/);
  for (let i = 1; i < lines.length; i++) {
    const indent = /^[ \t\f]*/.exec(lines[i])![0].length;
    if (indent < lines[i].length && indent < margin) return true;
  }
  return false;
}

/** The index of class `index`'s constructor (its last `__init__`: earlier ones are overload stubs), or -1. */
function constructorOf(defs: readonly Definition[], index: number): number {
  const cls = defs[index];
  let found = -1;
  for (let j = index + 1; j < defs.length && defs[j].headerStartLine <= cls.endLine; j++) {
    if (defs[j].parent === index && defs[j].keyword === 'def' && defs[j].name === '__init__') found = j;
  }
  return found;
}

/** Last part of a dotted exception name: `module.Error` documents `Error` and the other way round. */
const lastPart = (name: string): string => name.slice(name.lastIndexOf('.') + 1);

function isNoneish(annotation: string): boolean {
  return /^(?:None|NoReturn|Never|typing\.NoReturn|typing\.Never)$/.test(annotation);
}
/** A Generator, Iterator or Iterable annotation, as the checks read it (python/annotations.ts). */
function isGeneratorAnnotation(annotation: string): boolean {
  return generatorKind(annotation) !== null || isIteratorAnnotation(annotation);
}

class Updater {
  private readonly text: string;
  private readonly def: Definition | undefined;
  /**
   * The function whose code the docstring describes: the definition itself, or for a class its `__init__`
   * (pydoclint's default: the class docstring documents the constructor's arguments).
   */
  private readonly codeIndex: number;
  private doc: ParsedDocstring | null = null;
  private facts: FunctionFacts | null = null;
  private style: WritableStyle = 'google';
  private eol = '\n';
  /** Indentation of the docstring's lines (its section titles / fields). */
  private baseIndent = '';
  private readonly edits: Edit[] = [];
  private readonly changes: string[] = [];
  private readonly removed: Span[] = [];
  private readonly retyped: Span[] = [];
  private textEnd = -1;
  /** The type edits to make (options.types), by entry; `typed`: those already made inside rewritten entries. */
  private types = new Map<DocEntry, TypeEdit>();
  private readonly typed = new Set<DocEntry>();
  /**
   * The stars a star parameter's entry lacks (`args` for `*args`), by entry: where they go (its name, and a
   * sphinx `:type args:` line's) and the change; `starsMade`: those already made inside rewritten entries.
   */
  private readonly stars = new Map<DocEntry, { at: number[]; text: string; change: string }>();
  private readonly starsMade = new Set<DocEntry>();

  constructor(private readonly file: ParsedFile, index: number, private readonly options: UpdateOptions) {
    this.text = file.text;
    this.def = file.structure.definitions[index];
    this.codeIndex = this.def?.keyword === 'class' ? constructorOf(file.structure.definitions, index) : index;
  }

  private isClass(): boolean {
    return this.def!.keyword === 'class';
  }

  /** Reads the docstring and the function; false when the docstring is not one we update. */
  ready(): boolean {
    const def = this.def;
    if (!def || this.codeIndex < 0 || !def.docstring || def.docstring.blank || def.inlineBody) return false;
    const doc = parseDocstring(this.text, this.file.lineStarts, def.docstring, { defaultStyle: this.options.defaultStyle ?? 'google' });
    if (doc.literals.length !== 1) return false;
    const literal = doc.literals[0];
    if (literal.quote !== '"""' && literal.quote !== "'''") return false;
    // A backslash-newline joins two source lines into one line of the value: the entries' lines would not be
    // the source's, and rewriting them by line would change what the docstring says.
    if (!literal.raw && LINE_CONTINUATION.test(this.text.slice(literal.bodyStart, literal.bodyEnd))) return false;
    // A line less indented than the line the docstring opens on (a field at column 0 among indented ones)
    // moves the docstring's margin: which lines are fields would change as we write at the new margin.
    if (outdentedLine(this.text, this.file.lineStarts, literal.bodyStart, literal.bodyEnd)) return false;
    if (!doc.sections.some((s) => STRUCTURED_KINDS.has(s.kind) && !s.nonstandard)) return false;
    // A malformed docstring (an entry without its colon, `self - the instance`) is not ours to rewrite.
    if (doc.problems.length > 0) return false;
    const judged = doc.sections.filter((s) => PARAM_KINDS.has(s.kind) && !s.nonstandard).flatMap((s) => s.entries);
    if (judged.some((e) => entryNames(e, doc.style) === null && e.field !== 'key' && e.field !== 'keyword')) return false;
    const facts = functionFacts(this.file, this.codeIndex, literal.quote);
    if (!facts) return false;
    this.doc = doc;
    // A name twice in the signature (a syntax error, or a mangled header) is one parameter to document.
    const byName = new Map<string, FunctionFacts['params'][number]>();
    for (const p of facts.params) if (!byName.has(p.name)) byName.set(p.name, p);
    this.facts = { ...facts, params: [...byName.values()] };
    this.style = doc.style;
    this.eol = this.docstringEol(literal.bodyStart, literal.bodyEnd);
    this.baseIndent = this.detectBaseIndent();
    return this.baseIndent !== null;
  }

  run(): DocstringUpdate | null {
    if (!this.ready()) return null;
    // A Returns section that becomes Yields gets the yield type.
    const turned = this.returnsToTurn();
    if (this.options.types) this.types = typeEdits(this.doc!, this.facts!, this.options.types, this.paramEntries(), { text: this.text, isClass: this.isClass(), returnsAreYields: turned !== null });
    this.updateParams();
    if (this.isClass()) {
      // A constructor returns and yields nothing: such sections of the class docstring do not apply.
      this.updateOutcome('returns', false, false);
      this.updateOutcome('yields', false, false);
    } else if (!this.returnsBecomeYields()) {
      for (const entry of turned?.entries ?? []) this.types.delete(entry);
      this.updateOutcome('returns', this.needsReturns(), this.mayKeepReturns());
      this.updateOutcome('yields', this.facts!.body.yields, this.isInterface());
    }
    this.updateRaises();
    this.updateTypes();
    this.updateStars();
    if (this.edits.length === 0) return null;
    const edits = this.finish();
    return edits ? { edits, changes: this.changes, removed: this.removed, retyped: this.retyped } : null;
  }

  mismatches(): string[] {
    const out: string[] = [];
    const doc = this.doc!;
    const expected = this.facts!.params.map((p) => p.name);
    const documented = this.paramEntries().flatMap((e) => entryNames(e, this.style) ?? []);
    const expectedSet = new Set(expected), documentedSet = new Set(documented);
    for (const name of expected) if (!documentedSet.has(name)) out.push(`parameter ${name} is not documented`);
    for (const name of documented) if (!expectedSet.has(name)) out.push(`${name} is documented but not a parameter`);
    const order = documented.filter((n) => expectedSet.has(n));
    const orderSet = new Set(order);
    const want = expected.filter((n) => orderSet.has(n));
    if (order.join() !== want.join()) out.push('parameters are documented out of order');
    const has = (kind: SectionKind): boolean => doc.sections.some((s) => s.kind === kind && !s.nonstandard);
    if (this.needsReturns() && !has('returns')) out.push('Returns is missing');
    if (!this.mayKeepReturns() && has('returns')) out.push('Returns does not apply');
    if (this.facts!.body.yields && !has('yields')) out.push('Yields is missing');
    if (!this.facts!.body.yields && !this.isInterface() && has('yields')) out.push('Yields does not apply');
    const raised = this.documentedRaises();
    for (const name of this.facts!.body.raises) {
      if (!raised.has(lastPart(name))) out.push(`${name} is raised but not documented`);
    }
    if (!this.facts!.body.raisesAny && !this.isInterface() && has('raises')) out.push('Raises does not apply');
    return out;
  }

  // -------------------------------------------------------------------------------------------------------
  // What the code says

  private isProperty(): boolean {
    if (this.isClass()) return false;
    return this.def!.decorators.some((d) => /^(?:property|cached_property|setter|getter|deleter)$/.test(d.name));
  }

  private needsReturns(): boolean {
    const { body, returns } = this.facts!;
    if (this.isProperty() || this.isClass()) return false;
    if (body.returnsValue) return true;
    // As the checks read it (DOC201): an annotated function that does not yield documents its return, unless
    // the annotation is a Generator (an `Iterator[int]` it returns is a value).
    return returns !== null && !isNoneish(returns) && generatorKind(returns) === null && !body.yields;
  }

  /** A Returns section may stay: the function returns, is annotated (pydoclint accepts that), is a property or an interface. */
  private mayKeepReturns(): boolean {
    if (this.isClass()) return false;
    const annotation = this.facts!.returns;
    // A generator's annotation (`Iterator[int]`) asks for Yields, not Returns.
    const annotated = annotation !== null && !(isGeneratorAnnotation(annotation) && !this.facts!.body.returnsValue);
    return this.needsReturns() || annotated || this.isProperty() || this.isInterface();
  }

  /** Abstract methods, overloads and bodies that do nothing but `pass`, `...` or raise NotImplementedError. */
  private isInterface(): boolean {
    if (this.isClass()) return false;
    const def = this.def!;
    if (def.decorators.some((d) => d.name === 'abstractmethod' || d.name === 'overload' || d.name === 'abstractproperty')) return true;
    const { body } = this.facts!;
    if (body.raises.some((r) => lastPart(r) === 'NotImplementedError') && !body.returnsValue && !body.yields) return true;
    // The body after the docstring holds only `pass` / `...` (or nothing).
    const docEnd = this.doc!.span.end;
    const bodyEnd = this.file.lineStarts[def.endLine + 1] ?? this.text.length;
    const rest = this.text.slice(docEnd, bodyEnd).replace(/#[^\r\n]*/g, '');
    return /^[\s;]*(?:(?:pass|\.\.\.)[\s;]*)*$/.test(rest);
  }

  private documentedRaises(): Set<string> {
    const names = new Set<string>();
    for (const s of this.doc!.sections) {
      if (s.kind !== 'raises') continue;
      for (const e of s.entries) if (e.name) for (const n of e.name.split(/\s*,\s*|\s+or\s+/)) names.add(lastPart(n.trim()));
    }
    return names;
  }

  private paramSections(): DocSection[] {
    return this.doc!.sections.filter((s) => PARAM_KINDS.has(s.kind) && !s.nonstandard);
  }

  private paramEntries(): DocEntry[] {
    return this.paramSections().flatMap((s) => s.entries).filter((e) => e.field !== 'key' && e.field !== 'keyword');
  }

  // -------------------------------------------------------------------------------------------------------
  // Parameters

  private updateParams(): void {
    const params = this.facts!.params;
    const sections = this.paramSections();
    if (sections.length === 0) {
      const typed = this.options.types?.argTypeHintsInDocstring ?? true;
      if (params.length > 0) this.addSection('params', this.starred(this.sectionLines(params.map((p) => this.newEntryParam(p, typed)), { returnsValue: false, yields: false, raises: [], raisesAny: false }, null, true), params));
      return;
    }
    // Several Args sections (rare) become one: the first that documents a parameter (so a second update picks
    // the same one) gets every section's parameter entries, in signature order; the others keep only the
    // entries we cannot judge, and go when none is left.
    const hasKwargs = params.some((p) => p.star === '**');
    const paramNames = new Set(params.map((p) => p.name));
    const documentsAParameter = (s: DocSection): boolean => s.entries.some((e) => (entryNames(e, this.style) ?? []).some((n) => paramNames.has(n)));
    const section = sections.find(documentsAParameter) ?? sections[0];
    const changesBefore = this.changes.length;
    const matched = new Map<string, DocEntry>();
    const kept = this.judgeEntries(section, paramNames, hasKwargs, matched);
    const unjudged = kept.filter((e) => !this.isMatched(e, matched));
    for (const other of sections.filter((s) => s !== section)) {
      const stays = this.judgeEntries(other, paramNames, hasKwargs, matched).filter((e) => !this.isMatched(e, matched));
      if (stays.length === other.entries.length) continue;
      if (stays.length === 0) {
        this.removeSection(other);
        this.changes.push(`removed ${other.title}`);
      } else this.rewriteEntries(other, stays.map((entry) => ({ entry })));
    }
    this.findMissingStars(params, matched);
    // With types on (options.types), new entries are typed as every entry then is.
    const rules = this.options.types;
    const typed = rules ? rules.argTypeHintsInDocstring : this.carriesTypes(section);
    const blocks: Array<{ entry?: DocEntry; lines?: string[] }> = [];
    const placed = new Set<DocEntry>();
    for (const p of params) {
      const entry = matched.get(p.name);
      if (entry) {
        if (!placed.has(entry) && entry.field === 'type') {
          // `:type x:` alone does not document x (pydoclint wants `:param x:`): the field goes before it.
          const field = this.entryLines(section, this.newEntryParam(p, false));
          this.changes.push(`added ${p.star}${p.name}`);
          placed.add(entry);
          if (this.types.get(entry)?.dropsField) {
            // Types are kept out of the docstring: the type line goes (updateTypes reports it).
            this.typed.add(entry);
            this.removed.push({ ...entry.span });
            blocks.push({ lines: field });
          } else blocks.push({ lines: field, entry }); // the field, then its type line
          continue;
        }
        if (!placed.has(entry)) blocks.push({ entry });
        placed.add(entry);
      } else {
        blocks.push({ lines: this.entryLines(section, this.newEntryParam(p, typed)) });
        this.changes.push(`added ${p.star}${p.name}`);
      }
    }
    for (const entry of unjudged) blocks.push({ entry }); // after the parameters, as they stood
    if (blocks.length === 0) {
      for (const entry of section.entries) this.types.delete(entry);
      this.removeSection(section);
      this.changes.push(`removed ${section.title}`);
      return;
    }
    if (this.rewriteEntries(section, blocks) && this.changes.length === changesBefore) {
      this.changes.push('reordered parameters');
    }
  }

  private isMatched(entry: DocEntry, matched: ReadonlyMap<string, DocEntry>): boolean {
    return (entryNames(entry, this.style) ?? []).some((n) => matched.get(n) === entry);
  }

  /**
   * The entries of a parameter section that stay, in their order: those naming a parameter not yet in `matched`
   * (which this adds them to), and those we cannot judge (no name list, or `:key:` fields beside `**kwargs`).
   * The others (no such parameter, a second entry for one) are recorded as removed.
   */
  private judgeEntries(section: DocSection, paramNames: ReadonlySet<string>, hasKwargs: boolean, matched: Map<string, DocEntry>): DocEntry[] {
    const keep: DocEntry[] = [];
    for (const entry of section.entries) {
      const names = entryNames(entry, this.style);
      const isKeywordField = entry.field === 'key' || entry.field === 'keyword';
      if (!names || (isKeywordField && hasKwargs)) {
        keep.push(entry); // not a parameter list we can judge: stays
        continue;
      }
      const known = names.filter((n) => paramNames.has(n));
      if (known.length === 0 || matched.has(known[0])) {
        this.changes.push(entry.field === 'type' ? `removed :type ${entry.name}:` : `removed ${entry.name}`);
        this.types.delete(entry); // a removed entry (a second `:param x:`) gets no type line of its own
        continue;
      }
      keep.push(entry);
      for (const n of known) matched.set(n, entry);
    }
    return keep;
  }

  /**
   * pydoclint matches `*args` only with an entry named `*args` (unless `omit-stars-when-documenting-varargs`):
   * an entry that names a star parameter without its stars gets them, in its name and in its sphinx type line.
   */
  private findMissingStars(params: FunctionFacts['params'], matched: ReadonlyMap<string, DocEntry>): void {
    if (this.options.types?.omitStarsWhenDocumentingVarargs) return;
    for (const p of params) {
      const entry = matched.get(p.name);
      if (p.star === '' || !entry || !entry.nameSpan || entry.name !== p.name) continue;
      if (this.text.slice(entry.nameSpan.start, entry.nameSpan.end) !== p.name) continue; // an escaped name (`\*args`, `a\_b`)
      const at = [entry.nameSpan.start];
      const typeLine = entry.typeField && entry.typeField.start !== entry.span.start ? /^(:type[ \t]+)(\w+)[ \t]*:/.exec(this.text.slice(entry.typeField.start, entry.typeField.end)) : null;
      if (typeLine && typeLine[2] === p.name) at.push(entry.typeField!.start + typeLine[1].length);
      this.stars.set(entry, { at, text: p.star, change: `starred ${p.star}${p.name}` });
    }
  }

  /** The stars of entries no rewrite took in (a section left as it was, sphinx fields patched one by one). */
  private updateStars(): void {
    const overlaps = this.overlapTest();
    for (const [entry, star] of this.stars) {
      if (this.starsMade.has(entry)) {
        this.changes.push(star.change);
        continue;
      }
      if (star.at.some((at) => overlaps(at, at))) continue;
      for (const at of star.at) this.edits.push({ start: at, end: at, text: star.text });
      this.changes.push(star.change);
    }
  }

  /**
   * A new entry's parameter for the stub writer: typed or not; with types on (options.types), typed as the
   * checks want it (numpy's stub `int, default 0` is not a type they accept: `int`, or `int, default=0`).
   * Untyped, a numpy entry has no type line at all: numpydoc puts the default there (`object, default 0`),
   * and that is a type to the checks (DOC111), which the next update would take out again.
   */
  private newEntryParam(p: FunctionFacts['params'][number], typed: boolean): FunctionFacts['params'][number] {
    const rules = this.options.types;
    if (!typed) return this.style === 'numpy' ? { ...p, annotation: null, default: undefined } : { ...p, annotation: null };
    if (!rules || this.style !== 'numpy' || p.annotation === null || p.default === undefined) return p;
    return { ...p, annotation: rules.checkArgDefaults ? `${p.annotation}, default=${p.default}` : p.annotation, default: undefined };
  }

  /** Whether new entries in this section get types: when its entries have them (or it has none, like stubs). */
  private carriesTypes(section: DocSection): boolean {
    const entries = section.entries;
    if (entries.length === 0) return true;
    return entries.some((e) => e.type !== null);
  }

  // -------------------------------------------------------------------------------------------------------
  // Returns, Yields, Raises

  private updateOutcome(kind: 'returns' | 'yields', needed: boolean, mayKeep: boolean): void {
    const sections = this.doc!.sections.filter((s) => s.kind === kind && !s.nonstandard);
    if (sections.length === 0 && needed) {
      const body = { returnsValue: kind === 'returns', yields: kind === 'yields', raises: [], raisesAny: false };
      // The stub puts the annotation with Yields for generators, with Returns otherwise.
      const returns = kind === 'returns' && this.facts!.body.yields ? null : this.facts!.returns;
      this.addSection(kind, this.sectionLines([], body, returns, true));
    } else if (sections.length > 0 && !needed && !mayKeep) {
      for (const section of sections) {
        this.removeSection(section);
        this.changes.push(`removed ${section.title}`);
      }
    }
  }

  /** The one Returns section of a function that became a generator (returnsBecomeYields turns it), or null. */
  private returnsToTurn(): DocSection | null {
    if (this.isClass()) return null;
    const sections = this.doc!.sections.filter((s) => !s.nonstandard);
    const returns = sections.filter((s) => s.kind === 'returns');
    if (returns.length !== 1 || sections.some((s) => s.kind === 'yields') || !this.facts!.body.yields) return null;
    if (this.needsReturns() || this.mayKeepReturns()) return null;
    return returns[0];
  }

  /**
   * A function that became a generator: its one Returns section, which no longer applies, becomes Yields
   * (the title changes, its description stays), rather than losing what it says for a placeholder.
   */
  private returnsBecomeYields(): boolean {
    const section = this.returnsToTurn();
    if (!section) return false;
    if (this.style === 'sphinx') {
      for (const entry of section.entries) {
        const field = entry.field === 'rtype' ? 'rtype' : entry.field;
        if (field === 'return' || field === 'returns') {
          this.edits.push({ start: entry.span.start + 1, end: entry.span.start + 1 + field.length, text: field === 'return' ? 'yield' : 'yields' });
        }
        const typeField = entry.typeField ?? (entry.field === 'rtype' ? entry.span : undefined);
        if (typeField) this.edits.push({ start: typeField.start + 1, end: typeField.start + 6, text: 'ytype' });
      }
    } else if (section.titleSpan) {
      const title = this.text.slice(section.titleSpan.start, section.titleSpan.end);
      const underline = /(\r\n|\n|\r)([ \t]*)-+$/.exec(title);
      const text = this.style === 'numpy' && underline ? `Yields${underline[1]}${underline[2]}------` : title.replace(/^Returns?/, 'Yields');
      this.edits.push({ start: section.titleSpan.start, end: section.titleSpan.end, text });
      // The title is the one word replaced (what follows it stays).
      this.removed.push({ ...section.titleSpan });
    } else return false;
    this.changes.push('Returns became Yields');
    return true;
  }

  private updateRaises(): void {
    const { body } = this.facts!;
    const sections = this.doc!.sections.filter((s) => s.kind === 'raises' && !s.nonstandard);
    const documented = this.documentedRaises();
    const seen = new Set<string>();
    const missing = body.raises.filter((name) => {
      const last = lastPart(name);
      if (documented.has(last) || seen.has(last)) return false;
      seen.add(last);
      return true;
    });
    if (sections.length === 0) {
      if (missing.length > 0) this.addSection('raises', this.sectionLines([], { returnsValue: false, yields: false, raises: missing, raisesAny: true }, null, true));
      return;
    }
    if (!body.raisesAny && !this.isInterface()) {
      for (const section of sections) {
        this.removeSection(section);
        this.changes.push(`removed ${section.title}`);
      }
      return;
    }
    if (missing.length === 0) return;
    const section = sections[0];
    const lines = this.sectionLines([], { returnsValue: false, yields: false, raises: missing, raisesAny: true }, null, false);
    const blocks: Array<{ entry?: DocEntry; lines?: string[] }> = section.entries.map((entry) => ({ entry }));
    for (const line of this.splitEntries(lines)) blocks.push({ lines: this.reindentEntry(section, line) });
    for (const name of missing) this.changes.push(`added ${name}`);
    this.rewriteEntries(section, blocks);
  }

  // -------------------------------------------------------------------------------------------------------
  // Types

  /** The type edits not made inside rewritten entries, made on their own where nothing else edits that text. */
  private updateTypes(): void {
    const overlaps = this.overlapTest();
    for (const [entry, edit] of this.types) {
      if (this.typed.has(entry)) {
        this.changes.push(edit.change);
        continue;
      }
      if (overlaps(edit.start, edit.end) || this.literalFirstLine(edit.start)) continue;
      if (edit.dropsField) {
        if (this.lineIndentAt(edit.start) === null) continue;
        this.removeLines({ start: edit.start, end: edit.end });
        this.changes.push(edit.change);
        continue;
      }
      const text = edit.ownLine ? this.eol + (this.lineIndentAt(entry.span.start) ?? this.baseIndent) + edit.text : edit.text;
      this.edits.push({ start: edit.start, end: edit.end, text });
      if (!edit.ownLine) this.retyped.push({ start: edit.start, end: edit.end });
      this.changes.push(edit.change);
    }
  }

  /**
   * Whether [start, end) (a point when empty) overlaps an edit made so far: the edits sorted once, so that a
   * docstring of 100,000 fields costs a binary search per type edit, not a scan.
   */
  private overlapTest(): (start: number, end: number) => boolean {
    const sorted = this.edits.map((e) => ({ start: e.start, end: e.end })).sort((a, b) => a.start - b.start);
    const maxEnd: number[] = [];
    for (const e of sorted) maxEnd.push(Math.max(e.end, maxEnd.length > 0 ? maxEnd[maxEnd.length - 1] : -1));
    return (start, end) => {
      // Edits that start before `end` (before the point), then whether any of them ends after `start`.
      const limit = start === end ? start : end;
      let lo = 0, hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid].start < limit) lo = mid + 1;
        else hi = mid;
      }
      return lo > 0 && maxEnd[lo - 1] > start;
    };
  }

  /** An entry's text from the start of its first line, its spans joined; `withTypes`: its type edit and stars made in it. */
  private entryText(entry: DocEntry, spans: Span[], withTypes: boolean): string {
    const edit = withTypes ? this.types.get(entry) : undefined;
    const parts = spans.flatMap((s) => {
      if (edit?.dropsField && s.start === edit.start && s.end === edit.end) {
        this.typed.add(entry);
        this.removed.push({ ...s });
        return [];
      }
      const from = this.lineStartOf(s.start);
      const inside: Array<{ start: number; end: number; text: string }> = [];
      if (edit && !edit.ownLine && edit.start >= s.start && edit.end <= s.end) {
        if (!this.typed.has(entry)) this.retyped.push({ start: edit.start, end: edit.end });
        this.typed.add(entry);
        inside.push(edit);
      }
      const star = withTypes ? this.stars.get(entry) : undefined;
      for (const at of star?.at ?? []) {
        if (at < s.start || at > s.end || inside.some((e) => e.start < at && at < e.end)) continue;
        inside.push({ start: at, end: at, text: star!.text });
        this.starsMade.add(entry);
      }
      inside.sort((a, b) => a.start - b.start);
      let out = '', pos = from;
      for (const e of inside) [out, pos] = [out + this.text.slice(pos, e.start) + e.text, e.end];
      return out + this.text.slice(pos, s.end);
    });
    if (edit?.ownLine) {
      this.typed.add(entry);
      parts.push((this.lineIndentAt(entry.span.start) ?? this.baseIndent) + edit.text);
    }
    // A field and its type line on adjacent lines keep the line break between them (a file may mix them).
    const adjacent = spans.length === 2 && parts.length === 2 ? /^[ \t]*(\r\n|\n|\r)$/.exec(this.text.slice(spans[0].end, this.lineStartOf(spans[1].start))) : null;
    return parts.join(adjacent ? adjacent[1] : this.eol);
  }

  // -------------------------------------------------------------------------------------------------------
  // Text

  /** The stub's lines for these facts; `withTitle` false drops the section titles (entries only). */
  private sectionLines(params: FunctionFacts['params'], body: FunctionFacts['body'], returns: string | null, withTitle: boolean): string[] {
    const lines = stubSectionLines(this.style, params, body, returns);
    if (withTitle || this.style === 'sphinx') return lines;
    // google: `Title:` then entries; numpy: `Title`, dashes, then entries.
    return lines.slice(this.style === 'numpy' ? 2 : 1);
  }

  /**
   * Sphinx stub fields for star parameters with their stars (`:param *args:`, `:type *args:`): the stub
   * writes `:param args:`, which pydoclint does not match with `*args`.
   */
  private starred(lines: string[], params: FunctionFacts['params']): string[] {
    if (this.style !== 'sphinx') return lines;
    const stars = new Map(params.filter((p) => p.star !== '').map((p) => [p.name, p.star]));
    if (stars.size === 0) return lines;
    return lines.map((line) => line.replace(/^:(param|type) (\w+):/, (all, field: string, name: string) => (stars.has(name) ? `:${field} ${stars.get(name)}${name}:` : all)));
  }

  /** Entry lines of one stub section split into entries (an entry's continuation lines are indented). */
  private splitEntries(lines: string[]): string[][] {
    const entries: string[][] = [];
    const continuation = this.style === 'numpy' ? (l: string) => l.startsWith(' ') : (l: string) => this.style === 'google' ? false : !l.startsWith(':') ;
    for (const line of lines) {
      const plain = this.style === 'google' ? line.replace(/^ {4}/, '') : line;
      if (entries.length > 0 && (continuation(line) || (this.style === 'sphinx' && /^:(?:type|rtype|ytype) /.test(line)))) entries[entries.length - 1].push(plain);
      else entries.push([plain]);
    }
    return entries;
  }

  /** One new entry of `section` for parameter p, in the section's own indentation. */
  private entryLines(section: DocSection, p: FunctionFacts['params'][number]): string[] {
    const lines = this.starred(this.sectionLines([p], { returnsValue: false, yields: false, raises: [], raisesAny: false }, null, false), [p]);
    return this.reindentEntry(section, this.splitEntries(lines)[0] ?? []);
  }

  /** Stub entry lines (head at column 0, continuation 4 spaces in) in the indentation of the section's entries. */
  private reindentEntry(section: DocSection, lines: string[]): string[] {
    const first = section.entries[0];
    let indent = this.style === 'google' ? this.baseIndent + '    ' : this.baseIndent;
    let continuation = '    ';
    if (first) {
      indent = this.lineIndentAt(first.span.start) ?? indent;
      const descriptionLine = this.style === 'numpy' && first.descriptionSpan ? this.lineIndentAt(first.descriptionSpan.start) : null;
      if (descriptionLine !== null && descriptionLine.length > indent.length && descriptionLine.startsWith(indent)) continuation = descriptionLine.slice(indent.length);
    }
    return lines.map((line) => (line.startsWith('    ') && this.style === 'numpy' ? indent + continuation + line.slice(4) : indent + line));
  }

  /**
   * Replaces the section's entries (from its first entry's line to its last entry's end) with the blocks: each
   * new lines, or an entry's text (after `lines` when both are given).
   */
  private rewriteEntries(section: DocSection, blocks: Array<{ entry?: DocEntry; lines?: string[] }>): boolean {
    const entries = section.entries;
    const sphinx = this.style === 'sphinx';
    const spansOf = (e: DocEntry): Span[] => (sphinx ? fieldSpans(e) : [e.span]).sort((a, b) => a.start - b.start);
    if (entries.length === 0) {
      // An empty section (title only): entries go after the title.
      const lines = blocks.flatMap((b) => b.lines ?? []);
      if (!section.titleSpan || lines.length === 0) return false;
      this.edits.push({ start: section.titleSpan.end, end: section.titleSpan.end, text: lines.map((l) => this.eol + l).join('') });
      return true;
    }
    const kept = new Set(blocks.map((b) => b.entry));
    // Sphinx: the fields that stay make the range rewritten; those that go outside it go line by line (a
    // lone `:type:` after an `:rtype:` does not make the whole list one we cannot reorder).
    const staying = sphinx ? entries.filter((e) => kept.has(e)) : [];
    const all = entries.flatMap(spansOf);
    const ranged = staying.length > 0 ? staying.flatMap(spansOf) : all;
    let first = ranged[0].start, end = ranged[0].end;
    for (const s of ranged) [first, end] = [Math.min(first, s.start), Math.max(end, s.end)];
    const start = this.lineStartOf(first);
    if (sphinx && !this.onlyTheseFields(start, end, all)) return this.patchSphinx(section, blocks);
    const outside = entries.filter((e) => !kept.has(e)).flatMap(spansOf).filter((x) => x.end <= start || x.start >= end);
    // Separator between entries: what stands between the first two, if the docstring has one.
    let separator = this.eol;
    if (entries.length >= 2) {
      const gap = this.text.slice(spansOf(entries[0]).pop()!.end, this.lineStartOf(spansOf(entries[1])[0].start));
      if (/^(?:[ \t]*(?:\r\n|\n|\r))+$/.test(gap)) separator = gap.replace(/[ \t]+/g, '');
    }
    const replacementOf = (withTypes: boolean): string => blocks.map((b) => [...(b.lines ?? []), ...(b.entry ? [this.entryText(b.entry, spansOf(b.entry), withTypes)] : [])].join(this.eol)).join(separator);
    const original = this.text.slice(start, end);
    // Whether entries came, went or moved (the types aside: they are changes of their own).
    const moved = replacementOf(false) !== original;
    const replacement = replacementOf(true);
    for (const x of outside) this.removeLines(x);
    if (replacement === original) return outside.length > 0;
    if (this.literalFirstLine(start)) throw new Error('entry on the opening line');
    const gone = new Set(outside);
    for (const e of entries) if (!kept.has(e)) for (const x of spansOf(e)) if (!gone.has(x)) this.removed.push({ ...x });
    this.edits.push({ start, end, text: replacement });
    return moved || outside.length > 0;
  }

  /**
   * Sphinx fields with fields of another kind between them (`:raises:`, `:params x:`): those that go are removed
   * one by one, and the others stay where they stand. Where each field that stays is one block of lines (with its
   * `:type:` line right after it), the blocks take the fields in signature order, new ones beside the field before
   * them; else new fields go after the last, no reordering.
   */
  private patchSphinx(section: DocSection, blocks: Array<{ entry?: DocEntry; lines?: string[] }>): boolean {
    let changed = false;
    const kept = new Set(blocks.map((b) => b.entry));
    for (const e of section.entries) {
      if (kept.has(e)) continue;
      for (const s of fieldSpans(e)) this.removeLines(s);
      changed = true;
    }
    const slots = this.fieldSlots(section.entries.filter((e) => kept.has(e)));
    if (slots) return this.fillSlots(slots, blocks) || changed;
    // Lines that go before an entry (a `:param x:` for a lone `:type x:`) go just before its line.
    for (const b of blocks) {
      if (!b.entry || !b.lines) continue;
      const at = this.lineStartOf(b.entry.span.start);
      this.edits.push({ start: at, end: at, text: b.lines.map((l) => l + this.eol).join('') });
      changed = true;
    }
    const added = blocks.flatMap((b) => (b.entry ? [] : b.lines ?? []));
    if (added.length === 0) return changed;
    const last = section.entries.flatMap(fieldSpans).reduce((a, b) => (b.end > a.end ? b : a));
    this.edits.push({ start: last.end, end: last.end, text: added.map((l) => this.eol + l).join('') });
    return true;
  }

  /** Each entry's field and type line as one range of lines, in the docstring's order; null where one is not. */
  private fieldSlots(entries: DocEntry[]): Array<{ start: number; end: number; spans: Span[] }> | null {
    const slots: Array<{ start: number; end: number; spans: Span[] }> = [];
    for (const e of entries) {
      const spans = fieldSpans(e).sort((a, b) => a.start - b.start);
      if (spans.length === 2 && !/^[ \t]*(?:\r\n|\n|\r)$/.test(this.text.slice(spans[0].end, this.lineStartOf(spans[1].start)))) return null;
      slots.push({ start: this.lineStartOf(spans[0].start), end: spans[spans.length - 1].end, spans });
    }
    return slots.length > 0 ? slots.sort((a, b) => a.start - b.start) : null;
  }

  /**
   * The blocks (entries and new lines, in signature order) into the slots: the k-th slot takes the k-th entry,
   * then the new lines that follow it in signature order (those before the first entry go before it). Whether
   * entries moved or came.
   */
  private fillSlots(slots: Array<{ start: number; end: number; spans: Span[] }>, blocks: Array<{ entry?: DocEntry; lines?: string[] }>): boolean {
    type Block = { entry?: DocEntry; lines?: string[] };
    const groups: Block[][] = [];
    const before: Block[] = [];
    for (const b of blocks) {
      if (b.entry) groups.push([b]);
      else (groups.length > 0 ? groups[groups.length - 1] : before).push(b);
    }
    if (groups.length !== slots.length) throw new Error('sphinx fields out of step with their slots');
    groups[0].unshift(...before);
    const textOf = (group: Block[], withTypes: boolean): string => group.flatMap((b) => [...(b.lines ?? []),
      ...(b.entry ? [this.entryText(b.entry, fieldSpans(b.entry).sort((x, y) => x.start - y.start), withTypes)] : [])]).join(this.eol);
    let moved = false;
    slots.forEach((slot, k) => {
      const original = this.text.slice(slot.start, slot.end);
      if (textOf(groups[k], false) !== original) moved = true;
      const replacement = textOf(groups[k], true);
      if (replacement === original) return;
      if (this.literalFirstLine(slot.start)) throw new Error('field on the opening line');
      this.edits.push({ start: slot.start, end: slot.end, text: replacement });
    });
    return moved;
  }

  private onlyTheseFields(start: number, end: number, spans: Span[]): boolean {
    const own = new Set(spans);
    return !this.doc!.sections.some((s) => s.entries.some((e) => fieldSpans(e).some((x) =>
      !own.has(x) && x.start >= start && x.start < end)));
  }

  /** A new section, before the first section of a later kind, else after the docstring's last text. */
  private addSection(kind: SectionKind, lines: string[]): void {
    if (lines.length === 0) return;
    const doc = this.doc!;
    this.changes.push(`added ${kind === 'params' ? (this.style === 'sphinx' ? ':param:' : 'parameters') : kind === 'returns' ? 'Returns' : kind === 'yields' ? 'Yields' : 'Raises'}`);
    const indented = lines.map((l) => (l === '' ? '' : this.baseIndent + l));
    const sphinx = this.style === 'sphinx';
    const anchor = doc.sections.filter((s) => rank(s.kind) > rank(kind) && !(sphinx && s.kind === 'other'))
      .sort((a, b) => a.span.start - b.span.start)[0];
    if (anchor) {
      const at = this.lineStartOf(sphinx ? this.firstFieldStart(anchor) : anchor.span.start);
      if (this.literalFirstLine(at)) throw new Error('section on the opening line');
      this.edits.push({ start: at, end: at, text: indented.join(this.eol) + this.eol + (sphinx ? '' : this.eol) });
      return;
    }
    // Sphinx: after the last field. Else after the docstring's last text, a blank line between.
    const fields = sphinx ? doc.sections.flatMap((s) => s.entries.flatMap(fieldSpans)) : [];
    const afterFields = fields.length > 0;
    const at = afterFields ? fields.reduce((max, f) => Math.max(max, f.end), 0) : this.lastTextEnd();
    const close = this.doc!.literals[0].bodyEnd;
    const closingOnOwnLine = /[\r\n]/.test(this.text.slice(at, close)) || !this.isLastText(at);
    const text = (afterFields ? this.eol : this.eol + this.eol) + indented.join(this.eol);
    this.edits.push({ start: at, end: at, text, tail: closingOnOwnLine ? '' : this.eol + this.baseIndent });
  }

  private firstFieldStart(section: DocSection): number {
    return section.entries.reduce((min, e) => Math.min(min, e.span.start), section.span.start);
  }

  /** Deletes a section and the blank lines that separated it. */
  private removeSection(section: DocSection): void {
    const spans = this.style === 'sphinx'
      ? section.entries.flatMap(fieldSpans)
      : [section.span];
    for (const span of spans) this.removeLines(span);
  }

  /**
   * Deletes the lines of `span` (which starts a line): when text follows in the docstring, up to that text's
   * line (blank lines after it go too when a blank line came before it); when it is the last text, from the
   * end of the text before it, so the closing quotes keep their place.
   */
  private removeLines(span: Span): void {
    const start = this.lineStartOf(span.start);
    if (this.literalFirstLine(start)) throw new Error('removal on the opening line');
    this.removed.push({ ...span });
    const lineAfter = this.nextLineStart(span.end);
    if (!this.isLastText(span.end)) {
      let end = lineAfter;
      if (this.blankBefore(start)) while (this.isBlankLineAt(end)) end = this.nextLineStart(end);
      this.edits.push({ start, end, text: '' });
      return;
    }
    this.edits.push({ start: this.textEndBefore(start), end: span.end, text: '' });
  }

  // -------------------------------------------------------------------------------------------------------
  // Offsets

  private lineStartOf(offset: number): number {
    const starts = this.file.lineStarts;
    const line = positionAt(starts, offset).line;
    return starts[line];
  }

  private nextLineStart(offset: number): number {
    const starts = this.file.lineStarts;
    const line = positionAt(starts, offset).line;
    return line + 1 < starts.length ? starts[line + 1] : this.text.length;
  }

  private literalFirstLine(offset: number): boolean {
    return this.lineStartOf(offset) <= this.doc!.literals[0].bodyStart;
  }

  private isBlankLineAt(offset: number): boolean {
    const close = this.doc!.literals[0].bodyEnd;
    if (offset >= close) return false;
    const end = this.nextLineStart(offset);
    return end <= close && /^[ \t\f]*(?:\r\n|\n|\r)?$/.test(this.text.slice(offset, end));
  }

  private blankBefore(lineStart: number): boolean {
    if (lineStart <= this.doc!.literals[0].bodyStart) return false;
    const previous = this.lineStartOf(lineStart - 1);
    return previous > this.doc!.literals[0].bodyStart && /^\s*$/.test(this.text.slice(previous, lineStart));
  }

  /** Whether nothing but whitespace follows `offset` in the docstring. */
  private isLastText(offset: number): boolean {
    return offset >= this.lastTextEnd();
  }

  /** End of the docstring's last non-whitespace text (of the original text: edits are not applied yet). */
  private lastTextEnd(): number {
    if (this.textEnd >= 0) return this.textEnd;
    const literal = this.doc!.literals[0];
    let end = literal.bodyEnd;
    while (end > literal.bodyStart && /\s/.test(this.text[end - 1])) end--;
    return (this.textEnd = end);
  }

  /** End of the last non-whitespace text before `offset` (inside the docstring). */
  private textEndBefore(offset: number): number {
    const start = this.doc!.literals[0].bodyStart;
    let end = offset;
    while (end > start && /\s/.test(this.text[end - 1])) end--;
    return end;
  }

  /** The whitespace before `offset` on its line, or null when the line has other text before it. */
  private lineIndentAt(offset: number): string | null {
    const indent = this.text.slice(this.lineStartOf(offset), offset);
    return /^[ \t\f]*$/.test(indent) ? indent : null;
  }

  private docstringEol(start: number, end: number): string {
    const body = this.text.slice(start, end);
    const m = /\r\n|\n|\r/.exec(body);
    if (m) return m[0];
    const file = /\r\n|\n|\r/.exec(this.text);
    return file ? file[0] : '\n';
  }

  /** The indentation of the docstring's own lines: its first section's title or field, else the quotes'. */
  private detectBaseIndent(): string {
    const doc = this.doc!;
    for (const section of doc.sections) {
      const start = section.titleSpan?.start ?? this.firstFieldStart(section);
      if (this.literalFirstLine(start)) continue;
      const indent = this.lineIndentAt(start);
      if (indent !== null) return indent;
    }
    const quotes = this.lineIndentAt(doc.span.start);
    if (quotes !== null) return quotes;
    return this.def!.bodyIndent;
  }

  /**
   * The edits, with an insertion that falls inside removed lines (a new `:return:` field where a `:raises`
   * field goes) placed before them. A removal of whole lines is made from the end of the line above (a line
   * break, then the lines) and the insertion at a line start inside it; the same removal from the first removed
   * line's start (the lines, then their line break) makes the same text and leaves the insertion's place whole.
   */
  private insertionsOutOfDeletions(): Edit[] {
    const eol = this.eol;
    const out = this.edits.slice();
    for (let i = 0; i < out.length; i++) {
      const ins = out[i];
      if (ins.start !== ins.end) continue;
      const d = out.findIndex((e) => e.text === '' && e.start < ins.start && ins.start < e.end);
      if (d < 0) continue;
      const del = out[d];
      if (!this.text.startsWith(eol, del.start) || !this.text.startsWith(eol, del.end)) continue;
      const moved = { ...del, start: del.start + eol.length, end: del.end + eol.length };
      if (moved.start > ins.start) continue;
      out[d] = moved;
      out[i] = { ...ins, start: moved.start, end: moved.start };
    }
    return out;
  }

  /** The edits as LSP-shaped edits; null when two of them overlap (then we change nothing). */
  private finish(): TextEditLike[] | null {
    // Stable sort: insertions at one place keep the order they were made in (parameters, Returns, Yields,
    // Raises), and become one edit (clients may apply same-place insertions in any order).
    const sorted = this.insertionsOutOfDeletions().sort((a, b) => a.start - b.start || a.end - b.end);
    const edits: Edit[] = [];
    // Edits whose range is only removed (their text, if any, is inserted before it).
    const removing = new Set<Edit>();
    for (const e of sorted) {
      const last = edits[edits.length - 1];
      if (last && last.start === last.end && e.start === last.start) {
        // An insertion, then more at the same place (another insertion, or a replacement starting there).
        if (e.text === '' && e.end > e.start) removing.add(last);
        last.text += e.text;
        last.end = e.end;
        if (e.tail !== undefined) last.tail = e.tail;
      } else if (last && (last.text === '' || removing.has(last)) && e.text === '' && last.tail === undefined && e.tail === undefined && e.start <= last.end) {
        // Two removals that meet or overlap (the last section's from the end of the text before it, which
        // the section before also removes) are one removal, also where text is inserted before the first.
        last.end = Math.max(last.end, e.end);
      } else edits.push({ ...e });
    }
    for (const e of edits) if (e.tail) e.text += e.tail;
    // Text inserted before a removal that now reaches the docstring's last text (a field for one that went,
    // where the last field went too) ends with a line break meant for a line that is gone: it would leave a
    // blank line before the closing quotes.
    const bodyEnd = this.doc!.literals[0].bodyEnd;
    for (const e of edits) {
      if (!removing.has(e) || !/^(?:\r\n|\n|\r)[ \t]*$/.test(this.text.slice(e.end, bodyEnd))) continue;
      e.text = e.text.replace(/(?:\r\n|\n|\r)$/, '');
    }
    for (let i = 1; i < edits.length; i++) if (edits[i].start < edits[i - 1].end) return null;
    const literal = this.doc!.literals[0];
    if (edits.some((e) => e.start < literal.bodyStart || e.end > literal.bodyEnd)) return null;
    // New text must not end the literal early (annotations with quotes or backslashes are left out by the stubs).
    if (edits.some((e) => e.text.includes(literal.quote))) return null;
    const starts = this.file.lineStarts;
    return edits.map((e) => ({ range: { start: positionAt(starts, e.start), end: positionAt(starts, e.end) }, newText: e.text }));
  }
}
