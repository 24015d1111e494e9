/**
 * The checks of one function against its docstring: arguments (DOC101-DOC111), returns (DOC201-DOC203),
 * yields (DOC402-DOC405) and raises (DOC501-DOC504), with pydoclint's rules (visitor.py) and our words.
 * Where pydoclint is plainly wrong we are right (README, "Differences from pydoclint"): a bare `return`
 * returns no value, a re-raise inside `except X` raises X, `module.Error` matches `Error`, a variable
 * (`raise exc`) is not an exception type, Warns is not Raises.
 */
import type { BodyFacts, Parameter } from '../../python/signature';
import type { Span } from '../parse';
import { generatorKind, generatorReturnType, isIteratorAnnotation, yieldTypeOf } from '../../python/annotations';
import { decomposeTuple } from './annotations';
import type { DocItem, DocView } from './docView';
import type { QualityOptions } from './options';
import { sameType, withoutOptional } from './typeText';

/** What the code says about the function being checked. */
export interface FunctionFacts {
  /** `f`, `Class.method`: how messages name it. */
  label: string;
  params: Parameter[];
  /** Drop the first parameter (`self` / `cls`). */
  implicitFirst: boolean;
  returns: string | null;
  body: BodyFacts;
  isProperty: boolean;
  isAbstract: boolean;
  /** Where findings about the function as a whole go (its name). */
  nameSpan: Span;
}

/** A finding before it gets its line and qualified name. */
export interface Issue {
  code: string;
  message: string;
  span: Span;
}

interface Arg {
  name: string;
  type: string;
  optional: boolean;
  /** Docstring entries only: where the entry is. */
  span?: Span;
}

const starred = (p: Parameter): string => (p.kind === 'varargs' ? '*' : p.kind === 'varkw' ? '**' : '') + p.name;
const isStar = (name: string): boolean => name.startsWith('*');
const UNDERSCORES = /^_+$/;
const allUnderscores = (name: string): boolean => UNDERSCORES.test(name);
const names = (args: Arg[]): string => args.map((a) => `\`${a.name}\``).join(', ');

/** check-arg-defaults: a parameter with a default is typed `int, default=3` (pydoclint's fromAstArgWithMapping). */
function paramType(p: Parameter, options: QualityOptions): string {
  return options.checkArgDefaults && p.default !== undefined ? `${p.annotation ?? ''}, default=${p.default}` : p.annotation ?? '';
}

/** The parameters pydoclint compares with the docstring's, in order (one pass: most functions have a few). */
function signatureArgs(fn: FunctionFacts, options: QualityOptions): Arg[] {
  const args: Arg[] = [];
  for (let k = fn.implicitFirst ? 1 : 0; k < fn.params.length; k++) {
    const p = fn.params[k];
    const name = starred(p);
    if (options.ignoreUnderscoreArgs && allUnderscores(name)) continue;
    if (options.ignorePrivateArgs && name.startsWith('_') && !allUnderscores(name)) continue;
    if (!options.shouldDocumentStarArguments && isStar(name)) continue;
    args.push({ name, type: paramType(p, options), optional: false });
  }
  return args;
}

/** Where a parameter's name is in the signature (the function's name when unknown). */
function inSignature(fn: FunctionFacts, name: string): Span {
  const p = fn.params.find((q) => starred(q) === name);
  return p?.nameStart !== undefined ? { start: p.nameStart, end: p.nameStart + p.name.length } : fn.nameSpan;
}

export function checkArguments(fn: FunctionFacts, doc: DocView, options: QualityOptions): Issue[] {
  const funcArgs = signatureArgs(fn, options);
  let docArgs: Arg[] = doc.args;
  if (options.shouldDocumentStarArguments && options.omitStarsWhenDocumentingVarargs) {
    const starNames = new Map(funcArgs.filter((a) => isStar(a.name)).map((a) => [a.name.replace(/^\*+/, ''), a.name]));
    docArgs = docArgs.map((a) => (!isStar(a.name) && starNames.has(a.name) ? { ...a, name: starNames.get(a.name)! } : a));
  }
  if (docArgs.length === 0 && funcArgs.length === 0) return [];
  docArgs = combinedInSignatureOrder(docArgs, funcArgs);
  const issues: Issue[] = [];
  const at = (name: string): Span => docArgs.find((a) => a.name === name)?.span ?? fn.nameSpan;
  if (docArgs.length !== funcArgs.length) {
    // Sets, not nested scans: a hostile header or docstring has 100,000 names.
    const docNames = new Set(docArgs.map((d) => d.name)), funcNames = new Set(funcArgs.map((a) => a.name));
    if (docArgs.length < funcArgs.length) {
      const missing = funcArgs.filter((a) => !docNames.has(a.name));
      issues.push({ code: 'DOC101', message: `${missing.length > 0 ? `${plural(missing, 'Argument')} ${names(missing)} ${missing.length > 1 ? 'are' : 'is'}` : 'Arguments are'} missing from the docstring of \`${fn.label}\``, span: missing.length > 0 ? inSignature(fn, missing[0].name) : fn.nameSpan });
    } else {
      const extra = docArgs.filter((d) => !funcNames.has(d.name));
      const span = extra.length > 0 ? at(extra[0].name) : fn.nameSpan;
      issues.push({ code: 'DOC102', message: `The docstring of \`${fn.label}\` documents ${extra.length > 0 ? `${names(extra)}, not in the signature` : 'more arguments than the signature has'}`, span });
    }
  }
  const sig = options.argTypeHintsInSignature;
  const inDoc = options.argTypeHintsInDocstring;
  if (sig) {
    if (!funcArgs.some((a) => a.type !== '')) issues.push({ code: 'DOC106', message: `\`${fn.label}\` has no type annotations on its arguments`, span: fn.nameSpan });
    const untypedSig = funcArgs.filter((a) => !isStar(a.name) && a.type === '');
    if (untypedSig.length > 0) issues.push({ code: 'DOC107', message: `${plural(untypedSig, 'Argument')} ${names(untypedSig)} of \`${fn.label}\` ${untypedSig.length > 1 ? 'have' : 'has'} no type annotation`, span: inSignature(fn, untypedSig[0].name) });
  } else if (funcArgs.some((a) => a.type !== '')) {
    issues.push({ code: 'DOC108', message: `\`${fn.label}\` annotates arguments in its signature; this project puts types in the docstring only`, span: fn.nameSpan });
  }
  if (inDoc) {
    if (docArgs.length > 0 && !docArgs.some((a) => a.type !== '')) issues.push({ code: 'DOC109', message: `The docstring of \`${fn.label}\` gives no argument types`, span: doc.sectionSpans.params ?? fn.nameSpan });
    const untypedDoc = docArgs.filter((a) => !isStar(a.name) && a.type === '');
    if (untypedDoc.length > 0) issues.push({ code: 'DOC110', message: `${plural(untypedDoc, 'Argument')} ${names(untypedDoc)} ${untypedDoc.length > 1 ? 'have' : 'has'} no type in the docstring of \`${fn.label}\``, span: at(untypedDoc[0].name) });
  } else if (docArgs.some((a) => a.type !== '')) {
    issues.push({ code: 'DOC111', message: `The docstring of \`${fn.label}\` gives argument types; this project keeps them in the signature only`, span: doc.sectionSpans.params ?? fn.nameSpan });
  }
  const compared = compareLists(docArgs, funcArgs, {
    order: options.checkArgOrder, typesBoth: sig && inDoc, optionalEquivalence: options.optionalEquivalence,
    codes: ARGUMENT_CODES, what: 'argument', owner: `\`${fn.label}\``, span: fn.nameSpan, at,
  });
  for (const issue of compared) issues.push(issue);
  return issues;
}

const ARGUMENT_CODES: [string, string, string] = ['DOC103', 'DOC104', 'DOC105'];

/**
 * numpy's combined entry (`raw, output : bool`) names arguments that need not stand side by side in the
 * signature: its first name holds its place in the order, and the others (same entry, so same span) are put
 * where the signature has them. Other lists are returned as they are.
 */
function combinedInSignatureOrder(docArgs: Arg[], funcArgs: Arg[]): Arg[] {
  const follows = (i: number): boolean => i > 0 && docArgs[i].span !== undefined && docArgs[i - 1].span?.start === docArgs[i].span!.start;
  const followers = new Set(docArgs.filter((_, i) => follows(i)).map((a) => a.name));
  if (followers.size === 0) return docArgs;
  const leaders = docArgs.filter((_, i) => !follows(i)).map((a) => a.name);
  const rest = funcArgs.filter((a) => !followers.has(a.name)).map((a) => a.name);
  if (leaders.join('\n') !== rest.join('\n')) return docArgs; // out of order (or other names) anyway
  const position = new Map(funcArgs.map((a, i) => [a.name, i]));
  return [...docArgs].sort((a, b) => (position.get(a.name) ?? Infinity) - (position.get(b.name) ?? Infinity));
}

function plural(list: unknown[], word: string): string {
  return list.length > 1 ? `${word}s` : word;
}

interface CompareSettings {
  order: boolean;
  /** Report type mismatches when the names are in order (pydoclint: both type options on). */
  typesBoth: boolean;
  optionalEquivalence: boolean;
  /** Different names, different order, different types. */
  codes: [string, string, string];
  what: 'argument' | 'attribute';
  owner: string;
  span: Span;
  at: (name: string) => Span;
}

function byName(args: readonly Arg[]): Map<string, Arg[]> {
  const map = new Map<string, Arg[]>();
  for (const a of args) {
    const list = map.get(a.name);
    if (list) list.push(a);
    else map.set(a.name, [a]);
  }
  return map;
}

/** pydoclint's checkNameOrderAndTypeHintsOfDocArgsAgainstActualArgs: names, then order, then types. */
export function compareLists(docArgs: Arg[], actual: Arg[], s: CompareSettings): Issue[] {
  const typeEq = (d: Arg, a: Arg): boolean => sameType(d.type, a.type) ||
    (s.optionalEquivalence && d.optional && d.type !== '' && withoutOptional(a.type) !== null && sameType(d.type, withoutOptional(a.type)!));
  // Most docstrings list the parameters as they are: nothing to report, and no maps to build.
  if (docArgs.length === actual.length && docArgs.every((d, i) => d.name === actual[i].name && typeEq(d, actual[i]))) return [];
  // By name, so that the unordered comparison is linear (names repeat only in broken docstrings).
  const docByName = byName(docArgs), actualByName = byName(actual);
  const equal = (typed: boolean, ordered: boolean): boolean => {
    if (docArgs.length !== actual.length) return false;
    if (ordered) return docArgs.every((d, i) => d.name === actual[i].name && (!typed || typeEq(d, actual[i])));
    return docArgs.every((d) => (actualByName.get(d.name) ?? []).some((a) => !typed || typeEq(d, a))) &&
      actual.every((a) => (docByName.get(a.name) ?? []).some((d) => !typed || typeEq(d, a)));
  };
  const [codeNames, codeOrder, codeTypes] = s.codes;
  const typeIssue = (): Issue => {
    const wrong = actual.filter((a) => { const d = docByName.get(a.name)?.[0]; return d !== undefined && !typeEq(d, a); });
    const first = wrong[0];
    const detail = first ? `: \`${first.name}\` is \`${docByName.get(first.name)![0].type || '(none)'}\` in the docstring, \`${first.type || '(none)'}\` in the ${s.what === 'argument' ? 'signature' : 'class'}` : '';
    return { code: codeTypes, message: `The docstring's ${s.what} types differ from the ${s.what === 'argument' ? 'annotations' : 'class'} of ${s.owner}${detail}${wrong.length > 1 ? ` (and ${wrong.length - 1} more)` : ''}`, span: first ? s.at(first.name) : s.span };
  };
  const orderIssue = (): Issue => ({ code: codeOrder, message: `The docstring lists the ${s.what}s of ${s.owner} in another order than the ${s.what === 'argument' ? 'signature' : 'class'}`, span: s.span });
  if (equal(true, s.order)) return [];
  if (equal(true, false)) return [orderIssue()];
  if (equal(false, s.order)) return s.typesBoth ? [typeIssue()] : [];
  if (equal(false, false)) return [orderIssue(), typeIssue()];
  const missing = actual.filter((a) => !docByName.has(a.name)).map((a) => `\`${a.name}\``);
  const extra = docArgs.filter((d) => !actualByName.has(d.name)).map((d) => `\`${d.name}\``);
  const parts: string[] = [];
  if (missing.length > 0) parts.push(`not documented: ${missing.join(', ')}`);
  if (extra.length > 0) parts.push(`documented but not in the ${s.what === 'argument' ? 'signature' : 'class'}: ${extra.join(', ')}`);
  return [{ code: codeNames, message: `The docstring's ${s.what}s differ from those of ${s.owner}${parts.length > 0 ? ` (${parts.join('; ')})` : ''}`, span: s.span }];
}

/** The facts the return and yield rules share. */
interface Outcome {
  hasReturn: boolean;
  hasBareReturn: boolean;
  hasYield: boolean;
  annotation: string | null;
  gen: ReturnType<typeof generatorKind>;
  iter: boolean;
}

function outcome(fn: FunctionFacts): Outcome {
  // A bare `return` gives back nothing: only `return <value>` is a return value (pydoclint counts both).
  const annotation = fn.returns === null ? null : stripQuotes(fn.returns);
  return {
    hasReturn: fn.body.returnsValue, hasBareReturn: fn.body.returnsBare === true, hasYield: fn.body.yields,
    annotation, gen: generatorKind(annotation), iter: isIteratorAnnotation(annotation),
  };
}

function stripQuotes(t: string): string {
  return t.replace(/Literal\[[^\]]+\]|[^L]+|L/g, (part) => (part.startsWith('Literal[') ? part : part.replace(/["']/g, '')));
}

const isNothing = (t: string | null): boolean => t === 'None' || t === 'NoReturn';

/** numpy's entries of a tuple, one per item: the first whose type is not its item's, or -1. */
function firstWrongItem(types: readonly string[], items: readonly string[]): number {
  return items.findIndex((item, i) => !sameType(types[i], item));
}

/**
 * Returns and yields. A function that does both is judged as a whole (pydoclint's checkReturnAndYield):
 * then everything comes back under `returns`, which a constructor's check replaces.
 */
export function checkReturnsAndYields(fn: FunctionFacts, doc: DocView, options: QualityOptions): { returns: Issue[]; yields: Issue[] } {
  const o = outcome(fn);
  if (o.hasYield && o.hasReturn) return { returns: checkReturnAndYield(fn, doc, options, o), yields: [] };
  return { returns: checkReturns(fn, doc, options, o), yields: checkYields(fn, doc, options, o) };
}

const noReturnsSection = (fn: FunctionFacts): string => `The docstring of \`${fn.label}\` has no Returns section`;

function returnTypeIssue(fn: FunctionFacts, doc: DocView, style: DocView['style'], annotation: string | null, section: DocItem[]): Issue | null {
  const span = doc.sectionSpans.returns ?? fn.nameSpan;
  const wrong = (detail: string): Issue => ({ code: 'DOC203', message: `The Returns section of \`${fn.label}\` ${detail}`, span });
  if (style === 'numpy') {
    const items = decomposeTuple(annotation);
    const types = section.map((r) => stripQuotes(r.type));
    const whole = annotation === null ? [] : [annotation];
    if (whole.length === types.length && whole.every((t, i) => sameType(t, types[i]))) return null;
    if (items.length !== section.length) return wrong(`lists ${section.length} type(s), the annotation ${items.length}`);
    const k = firstWrongItem(types, items);
    return k < 0 ? null : wrong(`says \`${types[k] || '(none)'}\` where the annotation says \`${items[k]}\``);
  }
  if (section.length > 0) {
    const t = stripQuotes(section[0].type);
    if (annotation === null) return wrong(`${t ? 'gives a type' : 'has an entry'}, but \`${fn.label}\` has no return annotation`);
    return sameType(t, annotation) ? null : wrong(`says \`${t || '(none)'}\` where the annotation says \`${annotation}\``);
  }
  return annotation ? wrong(`gives no type; the annotation says \`${annotation}\``) : null;
}

function checkReturns(fn: FunctionFacts, doc: DocView, options: QualityOptions, o: Outcome): Issue[] {
  const issues: Issue[] = [];
  const hasSection = doc.returns !== null;
  const onlyYield = o.hasYield && !o.hasReturn;
  if (!hasSection && !fn.isProperty && !(onlyYield && o.iter) && (o.hasReturn || (o.annotation !== null && o.gen === null))) {
    if (options.requireReturnSectionWhenReturningNothing || !isNothing(o.annotation)) {
      issues.push({ code: 'DOC201', message: noReturnsSection(fn), span: fn.nameSpan });
    }
  }
  if (hasSection && !(o.hasReturn || o.annotation !== null)) {
    issues.push({ code: 'DOC202', message: `The docstring of \`${fn.label}\` has a Returns section, but it returns nothing`, span: doc.sectionSpans.returns ?? fn.nameSpan });
  }
  if (options.checkReturnTypes) {
    const section = doc.returns ?? [];
    if (section.length === 0 && isNothing(o.annotation) && !options.requireReturnSectionWhenReturningNothing) return issues;
    if (section.length === 0 && (o.gen !== null || o.iter)) return issues;
    if (section.length === 0 && fn.isProperty) return issues;
    const issue = returnTypeIssue(fn, doc, options.style, o.annotation, section);
    if (issue) issues.push(issue);
  }
  return issues;
}

function yieldTypeIssue(fn: FunctionFacts, doc: DocView, options: QualityOptions, o: Outcome): Issue | null {
  const section = doc.yields ?? [];
  const annotation = o.gen !== null || o.iter ? o.annotation : null;
  const yieldType = yieldTypeOf(annotation, o.gen, o.iter);
  const span = doc.sectionSpans.yields ?? fn.nameSpan;
  const message = (detail: string): Issue => ({ code: 'DOC404', message: `The Yields section of \`${fn.label}\` ${detail}`, span });
  if (section.length > 0) {
    if (annotation === null) return message(`${section[0].type ? 'gives a type' : 'has an entry'}, but the return annotation is not a Generator, Iterator or Iterable`);
    // numpy lists a yielded tuple's items entry by entry, as for Returns (numpydoc); pydoclint reads only the first.
    if (options.style === 'numpy' && section.length >= 2) {
      const items = decomposeTuple(yieldType);
      if (items.length === section.length) {
        const k = firstWrongItem(section.map((y) => stripQuotes(y.type)), items);
        return k < 0 ? null : message(`says \`${section[k].type || '(none)'}\` where the annotation yields \`${items[k]}\` (item ${k + 1} of the tuple)`);
      }
    }
    const t = section[0].type;
    return yieldType !== null && sameType(t, stripQuotes(yieldType)) ? null : message(`says \`${t || '(none)'}\` where the annotation yields \`${yieldType}\``);
  }
  if ((o.gen !== null || o.iter) && yieldType === 'None' && !options.requireYieldSectionWhenYieldingNothing) return null;
  return { code: 'DOC404', message: `\`${fn.label}\` yields, but its docstring gives no yield type`, span };
}

function checkYields(fn: FunctionFacts, doc: DocView, options: QualityOptions, o: Outcome): Issue[] {
  const issues: Issue[] = [];
  const hasSection = doc.yields !== null;
  if (!hasSection && o.hasYield) {
    const yieldType = yieldTypeOf(o.gen !== null || o.iter ? o.annotation : null, o.gen, o.iter);
    if (!(yieldType === 'None' && !options.requireYieldSectionWhenYieldingNothing)) {
      issues.push({ code: 'DOC402', message: `\`${fn.label}\` yields, but its docstring has no Yields section`, span: fn.nameSpan });
    }
  }
  if (hasSection && (!o.hasYield || (o.gen === null && !o.iter)) && !fn.isAbstract) {
    issues.push({ code: 'DOC403', message: o.hasYield
      ? `The docstring of \`${fn.label}\` has a Yields section, but its return annotation is not a Generator, Iterator or Iterable`
      : `The docstring of \`${fn.label}\` has a Yields section, but it does not yield`, span: doc.sectionSpans.yields ?? fn.nameSpan });
  }
  if (o.hasYield && options.checkYieldTypes) {
    const issue = yieldTypeIssue(fn, doc, options, o);
    if (issue) issues.push(issue);
  }
  return issues;
}

function checkReturnAndYield(fn: FunctionFacts, doc: DocView, options: QualityOptions, o: Outcome): Issue[] {
  const issues: Issue[] = [];
  const v405: Issue = {
    code: 'DOC405',
    message: `\`${fn.label}\` both returns and yields: annotate it \`Generator[YieldType, SendType, ReturnType]\``,
    span: fn.nameSpan,
  };
  if (doc.returns === null) {
    if (!o.hasBareReturn) {
      const toDocument = o.gen !== null ? generatorReturnType(o.annotation, o.gen) : o.annotation;
      if (options.requireReturnSectionWhenReturningNothing || !isNothing(toDocument)) {
        issues.push({ code: 'DOC201', message: noReturnsSection(fn), span: fn.nameSpan });
      }
    }
  } else if (options.checkReturnTypes) {
    if (o.gen !== null) {
      const issue = returnTypeIssue(fn, doc, options.style, generatorReturnType(o.annotation, o.gen), doc.returns);
      if (issue) issues.push(issue);
    } else {
      issues.push(v405);
    }
  } else if (o.gen === null) {
    issues.push(v405);
  }
  if (doc.yields === null) {
    if (!options.skipCheckingShortDocstrings) issues.push({ code: 'DOC402', message: `\`${fn.label}\` yields, but its docstring has no Yields section`, span: fn.nameSpan });
  } else if (options.checkYieldTypes) {
    if (o.gen !== null || o.iter) {
      const issue = yieldTypeIssue(fn, doc, options, o);
      if (issue) issues.push(issue);
    } else if (!issues.includes(v405)) {
      issues.push(v405);
    }
  } else if (!o.hasBareReturn && !issues.includes(v405)) {
    issues.push(v405);
  }
  return issues;
}

/** Documented `Error` matches raised `module.Error` (and pydoclint's prefix rule: `a.b` matches `a.b.c`). */
function raiseMatches(raised: string, documented: string): boolean {
  if (raised === documented || raised.startsWith(documented)) return true;
  const last = (n: string): string => n.slice(n.lastIndexOf('.') + 1);
  return last(raised) === last(documented);
}

export function checkRaises(fn: FunctionFacts, doc: DocView, options: QualityOptions): Issue[] {
  const issues: Issue[] = [];
  const hasSection = doc.raises !== null;
  const { raisesAny: hasRaise, asserts = false } = fn.body;
  const assertCounts = options.shouldDeclareAssertErrorIfAssertStatementExists;
  const span = doc.sectionSpans.raises ?? fn.nameSpan;
  if (hasRaise && !hasSection) issues.push({ code: 'DOC501', message: `\`${fn.label}\` raises, but its docstring has no Raises section`, span: fn.nameSpan });
  if (hasSection && !hasRaise && !(assertCounts && asserts) && !fn.isAbstract) {
    issues.push({ code: 'DOC502', message: `The docstring of \`${fn.label}\` has a Raises section, but it raises nothing`, span });
  }
  if (assertCounts && asserts && !hasSection) issues.push({ code: 'DOC504', message: `\`${fn.label}\` asserts (AssertionError), but its docstring has no Raises section`, span: fn.nameSpan });
  if (hasRaise) {
    // As pydoclint: also without a Raises section (then every exception raised is undocumented).
    const raised = [...fn.body.raises];
    if (assertCounts && asserts) raised.push('AssertionError');
    const documented = (doc.raises ?? []).map((r) => r.name);
    const undocumented = raised.filter((r) => !documented.some((d) => raiseMatches(r, d)));
    // What a `raise exc` raises is not known: then an exception documented but not seen may well be it.
    const unseen = fn.body.unnamedRaise ? [] : documented.filter((d) => !raised.some((r) => raiseMatches(r, d)));
    if (undocumented.length > 0 || unseen.length > 0) {
      const parts: string[] = [];
      if (undocumented.length > 0) parts.push(`raised but not documented: ${undocumented.map((n) => `\`${n}\``).join(', ')}`);
      if (unseen.length > 0) parts.push(`documented but not raised: ${unseen.map((n) => `\`${n}\``).join(', ')}`);
      const what = hasSection ? `The Raises section of \`${fn.label}\` does not match its body` : `\`${fn.label}\` raises exceptions its docstring does not name`;
      issues.push({ code: 'DOC503', message: `${what} (${parts.join('; ')})`, span });
    }
  }
  return issues;
}

