/**
 * The docstring types "Update docstring" rewrites (update.ts), where the checks would report them: an
 * argument's type that is not its annotation (DOC105) or is missing (DOC109 / DOC110), the Returns type that is
 * not the return annotation (DOC203), the Yields type that is not what the annotation yields (DOC404). The
 * type text is the only text touched: the annotation replaces the documented type (`(str)` becomes `(int)`),
 * or is inserted where the style writes it (`x (int): ...`, `x : int`, a `:type x: int` field). Types are
 * compared as the checks compare them (checks/typeText.ts), so a type that differs only in spacing or quotes
 * stays as written. Pure.
 */
import type { FunctionFacts } from '../coverage/stubs';
import type { QualityOptions } from './checks';
import { generatorKind, isIteratorAnnotation, yieldTypeOf } from './checks/annotations';
import { docView } from './checks/docView';
import { sameType, withoutOptional } from './checks/typeText';
import type { DocEntry, DocSection, ParsedDocstring } from './parse';

/** The options that decide which types are right (pydoclint's). */
export type TypeRules = Pick<QualityOptions, 'argTypeHintsInSignature' | 'argTypeHintsInDocstring' | 'checkArgDefaults'
  | 'optionalEquivalence' | 'checkReturnTypes' | 'checkYieldTypes'>;

export interface TypeEdit {
  /** Offsets in the file: the type text replaced, or an empty range where it is inserted. */
  start: number;
  end: number;
  text: string;
  /** sphinx: `text` is a field (`:type x: int`) for a line of its own after the entry (start = end = its end). */
  ownLine?: boolean;
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
  { isClass, returnsAreYields }: { isClass: boolean; returnsAreYields: boolean }): Map<DocEntry, TypeEdit> {
  const edits = new Map<DocEntry, TypeEdit>();
  // The type each entry has for the checks (`, optional` cut as pydoclint's parser cuts it), by entry start.
  const view = docView(doc);
  const checkedType = new Map(view.args.map((a) => [a.span.start, a.type]));
  if (rules.argTypeHintsInDocstring) {
    const byName = new Map(facts.params.map((p) => [p.name, p]));
    for (const entry of paramEntries) {
      const name = entry.name?.replace(/^\*{1,2}/, '').replace(/\\/g, '');
      const p = name === undefined || /[,\s]/.test(name) ? undefined : byName.get(name);
      if (!p || p.star !== '' || !p.annotation) continue;
      const expected = rules.checkArgDefaults && p.default !== undefined ? `${p.annotation}, default=${p.default}` : p.annotation;
      if (UNSAFE.test(expected)) continue;
      if (entry.type !== null && entry.typeSpan) {
        if (!rules.argTypeHintsInSignature) continue; // types are compared only with both options on
        const documented = checkedType.get(entry.span.start) ?? entry.type;
        const bare = rules.optionalEquivalence && entry.optional ? withoutOptional(expected) : null;
        if (sameType(documented, expected) || (bare !== null && sameType(documented, bare))) continue;
        edits.set(entry, { start: entry.typeSpan.start, end: entry.typeSpan.end, text: expected, change: `retyped ${p.name}` });
      } else {
        const added = insertedType(doc, entry, expected, `:type ${name}: ${expected}`);
        if (added) edits.set(entry, { ...added, change: `typed ${p.name}` });
      }
    }
  }
  if (isClass || facts.returns === null || UNSAFE.test(facts.returns)) return edits;
  const annotation = facts.returns;
  if (rules.checkReturnTypes && !facts.body.yields && !returnsAreYields && !/^(?:None|NoReturn|Never)$/.test(annotation)) {
    retypeOne(doc, sectionOf(doc, 'returns'), annotation, ':rtype:', 'Returns', edits);
  }
  const kind = generatorKind(annotation), iterator = isIteratorAnnotation(annotation);
  const yielded = kind !== null || iterator ? yieldTypeOf(annotation, kind, iterator) : null;
  if (rules.checkYieldTypes && facts.body.yields && yielded !== null && yielded !== 'None') {
    // A Returns section that the update turns into Yields (a function that became a generator) is the Yields.
    retypeOne(doc, sectionOf(doc, returnsAreYields ? 'returns' : 'yields'), yielded, ':ytype:', 'Yields', edits);
  }
  return edits;
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

/** Where an argument entry without a type gets one: after its name (google, numpy), or a `:type x:` field (sphinx). */
function insertedType(doc: ParsedDocstring, entry: DocEntry, expected: string, sphinxField: string): Omit<TypeEdit, 'change'> | null {
  if (doc.style === 'sphinx') {
    if (entry.typeField !== undefined || (entry.field !== 'param' && entry.field !== 'parameter' && entry.field !== 'arg' && entry.field !== 'argument')) return null;
    return { start: entry.span.end, end: entry.span.end, text: sphinxField, ownLine: true };
  }
  if (!entry.nameSpan) return null;
  const at = entry.nameSpan.end;
  return { start: at, end: at, text: doc.style === 'google' ? ` (${expected})` : ` : ${expected}` };
}
