/**
 * What pydoclint may still report on a docstring that "Update docstring" (or `--fix`) brought up to date:
 * the differences made on purpose (README, "Update docstring"), each with the test that a finding is that case.
 */
import type { BodyFacts } from '../../server/src/python/signature';
import type { FunctionFacts } from '../../server/src/coverage/stubs';
import type { ParsedDocstring, SectionKind } from '../../server/src/docstrings/parse';
import type { PydoclintFinding } from '../oracles/pydoclint';
import { decomposeTuple } from '../../server/src/docstrings/checks/annotations';
import { canonicalType } from '../../server/src/docstrings/checks/typeText';
import { looksLikeProse } from '../../server/src/docstrings/retype';

/** The codes the update answers for: presence, names and order (the type codes judge types it never rewrites). */
export const UPDATE_CODES = /^DOC(?:10[1-4]|20[12]|40[23]|50[1-3])$/;

/**
 * Where pydoclint and the update differ on purpose (README, "Update docstring"), with the test that the
 * finding is that case (the callers have checked with our own comparison first).
 */
type Difference = (body: BodyFacts, message: string, doc: ParsedDocstring) => boolean;
/** The docstring has a section of this kind that pydoclint does not read (`Raise:`, `Return:`): it counts for us. */
const nonstandard = (doc: ParsedDocstring, kind: SectionKind): boolean => doc.sections.some((s) => s.kind === kind && s.nonstandard);
const DIFFERENCES: Record<string, Difference> = {
  // A body that only re-raises (bare `raise`, `raise error`) names no exception to document.
  DOC501: (body, _, doc) => (body.raises.length === 0 && body.raisesAny) || nonstandard(doc, 'raises'),
  DOC402: (_, __, doc) => nonstandard(doc, 'yields'),
  // pydoclint asks Returns of a bare `return`.
  DOC201: (body, _, doc) => !body.returnsValue || nonstandard(doc, 'returns'),
  // An interface (abstract method, `pass`, `raise NotImplementedError`) keeps its Returns and Raises.
  DOC202: (body) => !body.returnsValue,
  DOC502: () => true,
  // pydoclint wants a Generator / Iterator annotation besides the yield; an interface keeps its Yields.
  DOC403: () => true,
  // Documented exceptions that the body does not raise by name (callees raise them) stay.
  DOC503: () => true,
};

/** All of pydoclint's messages on one line: DOC101 and DOC102 say which names differ only in DOC103's. */
export function findingsAt(findings: PydoclintFinding[], line: number): string {
  return findings.filter((f) => f.line === line).map((f) => f.message).join('\n');
}

/** What some differences need beyond the function's facts: the file's text, and whether a def is nested in it. */
export interface Surroundings {
  text: string;
  hasNestedDef: boolean;
}

/**
 * Differences that come from how pydoclint reads the file rather than from the update (README, "Differences from
 * pydoclint"), by name: whether one explains a finding on an updated definition.
 */
const READING: Array<{ name: string; explains: (code: string, messages: string, doc: ParsedDocstring, around: Surroundings) => boolean }> = [
  {
    // pydoclint's visitor stops at a nested def; ours reads the statements after it too.
    name: 'statements are found at any depth, also after a nested function',
    explains: (code, _, __, around) => /^DOC(?:20[123]|40[2345]|50[1234])$/.test(code) && around.hasNestedDef,
  },
  {
    // pydoclint's parser runs the last sphinx field on into the prose after the field list (`.. versionadded::`).
    name: 'a sphinx field ends at a blank line',
    explains: (code, _, doc, around) => /^DOC(?:105|203|404)$/.test(code) && doc.style === 'sphinx' && proseAfterFields(doc, around.text),
  },
  {
    name: 'types that differ only in spacing are the same',
    explains: (code, messages) => /^DOC(?:203|404)$/.test(code) && spacingOnly(messages),
  },
  {
    // numpydoc's `x1, x2 : array_like` documents both; pydoclint reads one argument named `x1, x2`.
    name: 'a numpy entry may name several arguments',
    explains: (code, messages, doc) => /^DOC10[123]$/.test(code) && doc.style === 'numpy' && /in the docstring but not in the function signature: \[[^\]]*\w, \w/.test(messages),
  },
  {
    // Fields of another kind between them (`:params x:`, `:raises:`), and a `:type x:` away from its `:param x:`:
    // the fields cannot move as blocks, so added fields go after the last, no reordering.
    name: 'sphinx fields with other fields between them are patched in place',
    explains: (code, _, doc, around) => code === 'DOC104' && doc.style === 'sphinx' && interleavedFields(doc) && typeAwayFromField(doc, around.text),
  },
];

/** Whether prose follows a sphinx argument or return field (or its type line) before the next field. */
function proseAfterFields(doc: ParsedDocstring, text: string): boolean {
  const spans = doc.sections.flatMap((s) => s.entries.flatMap((e) => (e.typeField ? [e.span, e.typeField] : [e.span]).map((x) => ({ ...x, kind: s.kind }))))
    .sort((a, b) => a.start - b.start);
  return spans.some((x, i) => (x.kind === 'params' || x.kind === 'returns' || x.kind === 'yields') &&
    /\S/.test(text.slice(x.end, i + 1 < spans.length ? spans[i + 1].start : doc.span.end).replace(/["']{3}\s*$/, '')));
}

function interleavedFields(doc: ParsedDocstring): boolean {
  const params = doc.sections.filter((s) => s.kind === 'params').flatMap((s) => s.entries.map((e) => e.span.start));
  if (params.length === 0) return false;
  const [first, last] = [Math.min(...params), Math.max(...params)];
  return doc.sections.some((s) => s.kind !== 'params' && s.entries.some((e) => e.span.start > first && e.span.start < last));
}

/** Whether a sphinx `:type x:` stands other than on the line after its `:param x:`. */
function typeAwayFromField(doc: ParsedDocstring, text: string): boolean {
  return doc.sections.some((s) => s.kind === 'params' && s.entries.some((e) => e.typeField !== undefined && e.typeField.start !== e.span.start &&
    !/^[ \t]*(?:\r\n|\n|\r)[ \t]*$/.test(text.slice(e.span.end, e.typeField.start))));
}

/** Whether pydoclint's DOC203 / DOC404 message compares two types that differ only in spacing or quotes. */
export function spacingOnly(message: string): boolean {
  const r = /types: \['(.*)'\]; docstring return section types: \['(.*)'\]/.exec(message) ?? /Iterator\[...\]\): (.*); docstring "yields" section types: (.*)$/.exec(message);
  return r !== null && canonicalType(r[1]) === canonicalType(r[2]);
}

/** Whether pydoclint's finding `code` on a function (its body facts, all messages on its line, its docstring) is a documented difference. */
export function explainedDifference(code: string, body: BodyFacts, messages: string, doc: ParsedDocstring, around?: Surroundings): boolean {
  if (DIFFERENCES[code]?.(body, messages, doc)) return true;
  return around !== undefined && READING.some((d) => d.explains(code, messages, doc, around));
}

/** The type codes the update answers for, with types on (DOC111: with `arg-type-hints-in-docstring = false`). */
export const TYPE_CODES = /^DOC(?:105|109|110|111|203|404)$/;
/** What the update cannot type from the code: the reason a type finding may stay, by code. */
const UNTYPEABLE: Record<string, (facts: FunctionFacts, doc: ParsedDocstring) => boolean> = {
  // An argument without an annotation (or a star argument, or one whose annotation cannot go inside the quotes).
  DOC105: (facts) => facts.params.some((p) => p.annotation === null || p.star !== '' || /\\|\n/.test(p.annotation)),
  DOC109: (facts) => facts.params.some((p) => p.annotation === null || p.star !== ''),
  DOC110: (facts) => facts.params.some((p) => p.annotation === null || p.star !== ''),
  // No one-entry Returns with a type to write (a tuple listed entry by entry, no annotation, a generator's).
  // numpy: a tuple listed entry by entry is retyped when the counts agree; a sentence on the type line stays.
  // A type the parser ran over several lines (its span longer than the joined text) is prose: left alone.
  DOC203: (facts, doc) => (doc.style === 'numpy' ? numpyUntypeable(facts, doc) : oneEntry(doc, 'returns') === false) || typeOverLines(doc) || facts.returns === null || facts.body.yields || (doc.style === 'numpy' && oneEntry(doc, 'returns') === null),
  DOC404: (facts, doc) => oneEntry(doc, 'yields') === false || facts.returns === null || !/^(?:(?:typing|collections\.abc)\.)?(?:Async)?(?:Generator|Iterator|Iterable)\b/.test(facts.returns),
};

function typeOverLines(doc: ParsedDocstring): boolean {
  return doc.sections.some((s) => s.kind === 'returns' && s.entries.some((e) => e.type !== null && e.typeSpan !== null && e.typeSpan.end - e.typeSpan.start > e.type.length + 1));
}

function numpyUntypeable(facts: FunctionFacts, doc: ParsedDocstring): boolean {
  const sections = doc.sections.filter((s) => s.kind === 'returns' && !s.nonstandard);
  if (sections.length !== 1) return true;
  const entries = sections[0].entries;
  if (entries.some((e) => e.type === null || looksLikeProse(e.type))) return true;
  return entries.length >= 2 && decomposeTuple(facts.returns).length !== entries.length;
}

/** The one entry of a kind's section: true when typed, null when untyped, false when not exactly one. */
function oneEntry(doc: ParsedDocstring, kind: SectionKind): boolean | null {
  const sections = doc.sections.filter((s) => s.kind === kind && !s.nonstandard);
  if (sections.length !== 1 || sections[0].entries.length !== 1) return false;
  return sections[0].entries[0].type !== null ? true : null;
}

/** Whether a type finding (TYPE_CODES) on an updated function is one the update cannot fix from the code. */
export function untypeable(code: string, facts: FunctionFacts, doc: ParsedDocstring): boolean {
  return UNTYPEABLE[code]?.(facts, doc) ?? false;
}
