/**
 * The docstring types "Update docstring" rewrites (update.ts), where the checks would report them: an
 * argument's type that is not its annotation (DOC105) or is missing (DOC109 / DOC110), the Returns type that is
 * not the return annotation (DOC203), the Yields type that is not what the annotation yields (DOC404; numpy's
 * entries of a tuple, Returns or Yields, one by one). The
 * type text is the only text touched: the annotation replaces the documented type (`(str)` becomes `(int)`),
 * or is inserted where the style writes it (`x (int): ...`, `x : int`, a `:type x: int` field). Types are
 * compared as the checks compare them (checks/typeText.ts), so a type that differs only in spacing or quotes
 * stays as written. With `arg-type-hints-in-docstring = false` (DOC111) the argument types go instead, the rest
 * of each entry kept. Star arguments are typed with their annotation as written (`*args (int)`), as pydoclint
 * wants them. Pure.
 */
import type { FunctionFacts } from '../coverage/stubs';
import type { QualityOptions } from './checks';
import { generatorKind, isIteratorAnnotation, yieldTypeOf } from '../python/annotations';
import { decomposeTuple } from './checks/annotations';
import { docView } from './checks/docView';
import { sameType, withoutOptional } from './checks/typeText';
import type { DocEntry, DocSection, ParsedDocstring, SectionKind } from './parse';

/** The options that decide which types are right (pydoclint's), and whether star arguments are named with their stars. */
export type TypeRules = Pick<QualityOptions, 'argTypeHintsInSignature' | 'argTypeHintsInDocstring' | 'checkArgDefaults'
  | 'optionalEquivalence' | 'checkReturnTypes' | 'checkYieldTypes'> & Partial<Pick<QualityOptions, 'omitStarsWhenDocumentingVarargs'>>;

export interface TypeEdit {
  /** Offsets in the file: the type text replaced, or an empty range where it is inserted. */
  start: number;
  end: number;
  text: string;
  /** sphinx: `text` is a field (`:type x: int`) for a line of its own after the entry (start = end = its end). */
  ownLine?: boolean;
  /** The edit deletes sphinx's `:type x:` field [start, end) with its line. */
  dropsField?: boolean;
  /** In words, for the update's list of changes. */
  change: string;
}

/** What writes a type into the docstring's text must not end or escape it. */
const UNSAFE = /\\|"""|'''|[\r\n]/;

/**
 * The type edits of a docstring for function `facts` (a class docstring: its `__init__`'s, and then only the
 * arguments), by entry. `paramEntries` are the entries the update judges as parameters; `returnsAreYields`: the
 * update turns the Returns section into Yields.
 */
export function typeEdits(doc: ParsedDocstring, facts: FunctionFacts, rules: TypeRules, paramEntries: readonly DocEntry[],
  context: { text: string; isClass: boolean; returnsAreYields: boolean }): Map<DocEntry, TypeEdit> {
  const edits = collectTypeEdits(doc, facts, rules, paramEntries, context);
  // A "type" the parser ran over several lines (google `tuple *(a, b)* where`, a blank line, `- *a*: ...`) is
  // prose: replacing it would take the lines between with it.
  for (const [entry, edit] of edits) if (!edit.dropsField && /[\r\n]/.test(context.text.slice(edit.start, edit.end))) edits.delete(entry);
  return edits;
}

function collectTypeEdits(doc: ParsedDocstring, facts: FunctionFacts, rules: TypeRules, paramEntries: readonly DocEntry[],
  { text, isClass, returnsAreYields }: { text: string; isClass: boolean; returnsAreYields: boolean }): Map<DocEntry, TypeEdit> {
  const edits = new Map<DocEntry, TypeEdit>();
  // The type each entry has for the checks (`, optional` and a numpy default cut as pydoclint's parser cuts
  // them), by entry start.
  const view = docView(doc, false, rules.checkArgDefaults);
  const checkedType = new Map(view.args.map((a) => [a.span.start, a.type]));
  if (!rules.argTypeHintsInDocstring) {
    // DOC111: the project keeps argument types in the signature; every type the checks see goes.
    for (const entry of argEntries(doc)) {
      // A `:type x:` with no `:param x:` is no argument to the checks, but the update gives it its field.
      if (!checkedType.get(entry.span.start) && !(entry.field === 'type' && entry.type !== null)) continue;
      const removal = typeRemoval(text, doc, entry);
      if (removal) edits.set(entry, { ...removal, change: `removed the type of ${entry.name}` });
    }
  } else {
    const byName = new Map(facts.params.map((p) => [p.name, p]));
    for (const entry of paramEntries) {
      const name = entry.name?.replace(/^\*{1,2}/, '').replace(/\\/g, '');
      const p = name === undefined || /[,\s]/.test(name) ? undefined : byName.get(name);
      if (!p || !p.annotation) continue;
      // pydoclint wants a star argument's annotation as written (`*args: int` is `*args (int)`), no default.
      const expected = rules.checkArgDefaults && p.default !== undefined && p.star === '' ? `${p.annotation}, default=${p.default}` : p.annotation;
      if (UNSAFE.test(expected)) continue;
      if (entry.type !== null && entry.typeSpan) {
        if (!rules.argTypeHintsInSignature) continue; // types are compared only with both options on
        const documented = checkedType.get(entry.span.start) ?? entry.type;
        const bare = rules.optionalEquivalence && entry.optional ? withoutOptional(expected) : null;
        if (sameType(documented, expected) || (bare !== null && sameType(documented, bare))) continue;
        edits.set(entry, { start: entry.typeSpan.start, end: entry.typeSpan.end, text: expected, change: `retyped ${p.star}${p.name}` });
      } else {
        // A star argument's type line names it as its field will (the update adds missing stars: update.ts).
        const field = p.star === '' ? name : rules.omitStarsWhenDocumentingVarargs ? entry.name : `${p.star}${name}`;
        const added = insertedType(text, doc, entry, expected, `:type ${field}: ${expected}`);
        if (added) edits.set(entry, { ...added, change: `typed ${p.star}${p.name}` });
      }
    }
  }
  if (isClass || facts.returns === null || UNSAFE.test(facts.returns)) return edits;
  const annotation = facts.returns;
  if (rules.checkReturnTypes && !facts.body.yields && !returnsAreYields && !/^(?:None|NoReturn|Never)$/.test(annotation)) {
    const returns = sectionOf(doc, 'returns');
    // numpy lists a tuple's items entry by entry (`x : int`, `y : str`): each gets its item's type.
    if (doc.style === 'numpy' && returns && returns.entries.length >= 2) retypeEach(returns, decomposeTuple(annotation), 'Returns', edits);
    else retypeOne(doc, returns, annotation, ':rtype:', 'Returns', edits);
  }
  const kind = generatorKind(annotation), iterator = isIteratorAnnotation(annotation);
  const yielded = kind !== null || iterator ? yieldTypeOf(annotation, kind, iterator) : null;
  if (rules.checkYieldTypes && facts.body.yields && yielded !== null && yielded !== 'None') {
    // A Returns section that the update turns into Yields (a function that became a generator) is the Yields.
    const yields = sectionOf(doc, returnsAreYields ? 'returns' : 'yields');
    // numpy lists a yielded tuple's items entry by entry too (numpydoc: "similar to Returns").
    if (doc.style === 'numpy' && yields && yields.entries.length >= 2) retypeEach(yields, decomposeTuple(yielded), 'Yields', edits);
    else retypeOne(doc, yields, yielded, ':ytype:', 'Yields', edits);
  }
  return edits;
}

/** The sections whose entries the checks take for arguments (as checks/docView.ts reads them). */
const ARG_KINDS: ReadonlySet<SectionKind> = new Set<SectionKind>(['params', 'keywordParams', 'otherParams', 'receives']);

/** The entries of the argument sections the checks read (Args, Keyword Args, Other Parameters, Receives). */
function argEntries(doc: ParsedDocstring): DocEntry[] {
  return doc.sections.filter((s) => ARG_KINDS.has(s.kind) && !s.nonstandard).flatMap((s) => s.entries);
}

/**
 * The edit that takes an entry's type out, the rest of it kept: google `x (int): d` -> `x: d`, numpy
 * `x : int` -> `x`, sphinx `:param int x:` -> `:param x:` and a `:type x:` field dropped (`dropsField`).
 * Null when the text around the type is not the shape we expect.
 */
function typeRemoval(text: string, doc: ParsedDocstring, entry: DocEntry): Omit<TypeEdit, 'change'> | null {
  const type = entry.typeSpan;
  if (!type) return null;
  if (doc.style === 'sphinx') {
    if (entry.typeField) return type.start >= entry.typeField.start && type.end <= entry.typeField.end ? { start: entry.typeField.start, end: entry.typeField.end, text: '', dropsField: true } : null;
    // `:param int x:`: the type and the blanks after it.
    const after = /^[ \t]+/.exec(text.slice(type.end, type.end + 80));
    return after && type.start > entry.span.start ? { start: type.start, end: type.end + after[0].length, text: '' } : null;
  }
  if (!entry.nameSpan || entry.nameSpan.end > type.start) return null;
  const between = text.slice(entry.nameSpan.end, type.start);
  if (doc.style === 'numpy') return /^[ \t]*:[ \t]*$/.test(between) ? { start: entry.nameSpan.end, end: type.end, text: '' } : null;
  const close = /^[ \t]*\)/.exec(text.slice(type.end, type.end + 80));
  return /^[ \t]*\([ \t]*$/.test(between) && close ? { start: entry.nameSpan.end, end: type.end + close[0].length, text: '' } : null;
}

/** The one section of a kind the checks read; undefined when none or several. */
function sectionOf(doc: ParsedDocstring, kind: 'returns' | 'yields'): DocSection | undefined {
  const sections = doc.sections.filter((s) => s.kind === kind && !s.nonstandard);
  return sections.length === 1 ? sections[0] : undefined;
}

/** A Returns / Yields section with one entry: its type made `expected`. */
function retypeOne(doc: ParsedDocstring, section: DocSection | undefined, expected: string, field: string, what: string, edits: Map<DocEntry, TypeEdit>): void {
  if (!section || section.entries.length !== 1) return;
  const entry = section.entries[0];
  if (entry.type !== null && entry.typeSpan) {
    if (doc.style === 'numpy' && looksLikeProse(entry.type)) return;
    if (!sameType(entry.type, expected)) edits.set(entry, { start: entry.typeSpan.start, end: entry.typeSpan.end, text: expected, change: `retyped ${what}` });
    return;
  }
  // google: the type opens the entry (`int: The area.`); numpy always has one; sphinx: a field of its own.
  if (doc.style === 'google' && entry.description !== '') {
    edits.set(entry, { start: entry.span.start, end: entry.span.start, text: `${expected}: `, change: `typed ${what}` });
  } else if (doc.style === 'sphinx') {
    edits.set(entry, { start: entry.span.end, end: entry.span.end, text: `${field} ${expected}`, ownLine: true, change: `typed ${what}` });
  }
}

/** numpy Returns / Yields entries, one per tuple item: each entry's type made its item's (nothing when the counts differ). */
function retypeEach(section: DocSection, items: readonly string[], what: string, edits: Map<DocEntry, TypeEdit>): void {
  if (items.length !== section.entries.length) return;
  section.entries.forEach((entry, i) => {
    const item = items[i];
    if (entry.type === null || !entry.typeSpan || looksLikeProse(entry.type) || UNSAFE.test(item) || sameType(entry.type, item)) return;
    edits.set(entry, { start: entry.typeSpan.start, end: entry.typeSpan.end, text: item, change: `retyped ${what} ${entry.name ?? i + 1}` });
  });
}

/**
 * numpy's Returns line is its type, but people write a sentence there (`The sum.`, `A string like ...`): that
 * is not replaced, whatever the parser (and pydoclint) call it.
 */
export function looksLikeProse(type: string): boolean {
  return /[.!?]$/.test(type) || /^(?:The|A|An|This|If|Returns?)\s/.test(type);
}

/** Where an argument entry without a type gets one: after its name (google, numpy), or a `:type x:` field (sphinx). */
function insertedType(text: string, doc: ParsedDocstring, entry: DocEntry, expected: string, sphinxField: string): Omit<TypeEdit, 'change'> | null {
  if (doc.style === 'sphinx') {
    if (entry.typeField !== undefined || (entry.field !== 'param' && entry.field !== 'parameter' && entry.field !== 'arg' && entry.field !== 'argument')) return null;
    return { start: entry.span.end, end: entry.span.end, text: sphinxField, ownLine: true };
  }
  if (!entry.nameSpan) return null;
  const at = entry.nameSpan.end;
  if (doc.style === 'google') return { start: at, end: at, text: ` (${expected})` };
  // numpy `name :` with no type after the colon: the type goes after that colon, not before it.
  const emptyColon = /^[ \t]*:[ \t]*(?=\r|\n|$)/.exec(text.slice(at, at + 200));
  return { start: at, end: at + (emptyColon ? emptyColon[0].length : 0), text: ` : ${expected}` };
}
