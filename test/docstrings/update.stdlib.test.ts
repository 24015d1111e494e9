/**
 * "Update docstring" checked by machine over the stdlib: every function whose docstring the update changes
 * is updated (all of a file's updates applied together), and then
 * - the file still compiles with CPython and its code is the same (ast.dump without docstrings);
 * - every line of the old docstring is still in the new one, verbatim, unless it belongs to an entry or
 *   section the update removed;
 * - a second update changes nothing;
 * - our own comparison finds no mismatch (parameters, Returns, Yields, Raises) on the updated function.
 * Twice: on the stdlib as it is (its stale docstrings), and after signature drift (./drift.ts: in every
 * documented function one parameter renamed and one added), where every function with a structured docstring
 * must be updated. CI reads every 3rd file outside the test folders; DOCBITS_FULL_DIFF=1 reads every file,
 * tests included.
 * With types (the quality options), the type tokens follow the annotations; with `arg-type-hints-in-docstring =
 * false` they go, and pydoclint (that option off) finds no DOC111 on the updated functions.
 * DOCBITS_UPDATE_STYLE sets the default style (google).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import { functionFacts, parsedFile } from '../../server/src/coverage/stubs';
import { DocstringStyleName, parseDocstring } from '../../server/src/docstrings/parse';
import { docstringMismatches, docstringUpdate, DocstringUpdate, UpdateOptions } from '../../server/src/docstrings/update';
import { DEFAULT_QUALITY_OPTIONS } from '../../server/src/docstrings/checks';
import { decodePython } from '../../server/src/python/decode';
import { stdlibFiles } from '../oracles/stdlib';
import { pydoclintFindings, pydoclintMissing } from '../oracles/pydoclint';
import { cpythonFacts } from '../oracles/stubs';
import { annotateSignatures, driftSignatures } from './drift';
import { applyEdits } from './helpers';
import { explainedDifference, findingsAt, TYPE_CODES, untypeable, UPDATE_CODES } from './pydoclintDifferences';

const FULL = process.env.DOCBITS_FULL_DIFF === '1';
const STYLE = (process.env.DOCBITS_UPDATE_STYLE ?? 'google') as DocstringStyleName;

interface Updated {
  file: string;
  before: string;
  after: string;
  updates: Array<{ index: number; update: DocstringUpdate }>;
}

/** The docstring literal of definition `index` of a text. */
function docstringText(text: string, index: number): string {
  const file = parsedFile(text);
  const d = file.structure.definitions[index].docstring!;
  return text.slice(file.lineStarts[d.startLine] + d.startCol, file.lineStarts[d.endLine] + d.endCol);
}

/** Lines of text[start, end) that lie outside every removed span, with where each starts. */
function survivingLines(text: string, start: number, end: number, removed: Array<{ start: number; end: number }>): Array<{ line: string; at: number }> {
  const out: Array<{ line: string; at: number }> = [];
  let lineStart = start;
  while (lineStart <= end) {
    const m = /\r\n|\n|\r/g;
    m.lastIndex = lineStart;
    const found = m.exec(text);
    const lineEnd = found && found.index < end ? found.index : end;
    const line = text.slice(lineStart, lineEnd);
    const gone = removed.some((r) => r.start < lineEnd && r.end > lineStart);
    if (!gone && line.trim() !== '') out.push({ line, at: lineStart });
    if (!found || found.index >= end) break;
    lineStart = found.index + found[0].length;
  }
  return out;
}

interface Outcome {
  /** The updated texts, with the updated functions. */
  changed: Updated[];
  files: number;
  functions: number;
  updated: number;
  failures: string[];
  /** Lines whose type token the update rewrote (with `types`). */
  typeEdits?: number;
}

/**
 * Updates every documented function of each file's text (as `prepare` makes it from the file) and checks the
 * invariants. `mustUpdate` lists, per file, the functions whose docstring must change.
 */
function checkUpdates(paths: string[], prepare: (text: string) => { text: string; mustUpdate: Set<number> }, options: UpdateOptions = { defaultStyle: STYLE }): Outcome {
  const changed: Updated[] = [];
  const outcome: Outcome = { changed, files: paths.length, functions: 0, updated: 0, failures: [] };
  for (const path of paths) {
    const decoded = decodePython(fs.readFileSync(path));
    if (!decoded.ok) continue;
    const { text: before, mustUpdate } = prepare(decoded.text);
    const file = parsedFile(before);
    const updates: Updated['updates'] = [];
    file.structure.definitions.forEach((def, index) => {
      if (def.keyword !== 'def' || !def.docstring) return;
      outcome.functions++;
      const update = docstringUpdate(file, index, options);
      if (update) updates.push({ index, update });
      else if (mustUpdate.has(index)) outcome.failures.push(`${path}:${def.line + 1} ${def.name}: not updated`);
    });
    if (updates.length === 0) continue;
    const after = applyEdits(before, updates.flatMap((u) => u.update.edits));
    changed.push({ file: path, before, after, updates });
  }
  const facts = cpythonFacts([...changed.map((c) => c.before), ...changed.map((c) => c.after)]);
  const failures = outcome.failures;
  let typeEdits = 0;
  changed.forEach((c, k) => {
    const old = facts[k], now = facts[changed.length + k];
    if (old.error) return; // Python 2 files and the like: nothing to compare
    if (now.error) return void failures.push(`${c.file}: no longer compiles: ${now.error}`);
    if (now.skeleton !== old.skeleton) failures.push(`${c.file}: the code changed`);
    const afterFile = parsedFile(c.after);
    const oldFile = parsedFile(c.before);
    for (const { index, update } of c.updates) {
      outcome.updated++;
      const name = `${c.file}:${afterFile.structure.definitions[index].line + 1} ${afterFile.structure.definitions[index].name}`;
      const d = oldFile.structure.definitions[index].docstring!;
      const start = oldFile.lineStarts[d.startLine] + d.startCol, end = oldFile.lineStarts[d.endLine] + d.endCol;
      const newLines = docstringText(c.after, index).split(/\r\n|\n|\r/);
      const remaining = new Map<string, number>();
      for (const line of newLines) remaining.set(line, (remaining.get(line) ?? 0) + 1);
      for (const { line, at } of survivingLines(c.before, start, end, update.removed)) {
        // A line whose type token was rewritten keeps everything around it.
        const retyped = update.retyped.find((r) => r.start >= at && r.end <= at + line.length);
        if (retyped) {
          typeEdits++;
          const before = c.before.slice(at, retyped.start), after = c.before.slice(retyped.end, at + line.length);
          if (!newLines.some((n) => n.length >= before.length + after.length && n.startsWith(before) && n.endsWith(after))) failures.push(`${name}: line changed beyond its type: ${JSON.stringify(line)}`);
          continue;
        }
        const left = remaining.get(line) ?? 0;
        // The closing quotes' line may gain a line break before the quotes: its text stays at a line start.
        if (left > 0) remaining.set(line, left - 1);
        else if (!newLines.some((n) => n.startsWith(line.replace(/("""|\'\'\')$/, '')))) failures.push(`${name}: line lost or changed: ${JSON.stringify(line)}`);
      }
      const again = docstringUpdate(afterFile, index, options);
      if (again) failures.push(`${name}: second update: ${again.changes.join(', ')}`);
      const mismatches = docstringMismatches(afterFile, index, { defaultStyle: STYLE });
      if (mismatches.length > 0) failures.push(`${name}: still ${mismatches.join('; ')}`);
    }
  });
  outcome.typeEdits = typeEdits;
  return outcome;
}

function report(what: string, o: Outcome): void {
  console.log(`      ${what}: ${o.files} files, ${o.functions} documented functions, ${o.updated} docstrings updated, ${o.failures.length} failures`);
}

describe('update docstring over the stdlib', function () {
  this.timeout(900_000);
  const all = stdlibFiles();
  const files = FULL ? all : all.filter((f) => !/\/(test|tests|idle_test)\//.test(f)).filter((_, i) => i % 3 === 0);

  it('as it is: compiles, keeps the code and every surviving line, is idempotent, leaves no mismatch', () => {
    const outcome = checkUpdates(files, (text) => ({ text, mustUpdate: new Set() }));
    report('stdlib', outcome);
    assert.ok(outcome.updated >= 10, 'too few updates to mean anything');
    assert.deepStrictEqual(outcome.failures.slice(0, 30), []);
  });

  let drifted: Outcome | undefined;
  let typed: Outcome | undefined;

  it('after signature drift: every structured docstring is updated, with the same guarantees', () => {
    const outcome = checkUpdates(files, drift);
    report('drifted stdlib', outcome);
    drifted = outcome;
    assert.ok(outcome.updated >= 30, 'too few updates to mean anything');
    assert.deepStrictEqual(outcome.failures.slice(0, 30), []);
  });

  it('pydoclint finds no argument, returns, yields or raises problem on the drifted functions once updated', function () {
    const missing = pydoclintMissing();
    if (missing) throw new Error(missing);
    if (!drifted) this.skip(); // the drift test above failed before it could drift anything
    const { counts, unexplained } = pydoclintLeftovers(drifted!);
    console.log(`      pydoclint on ${drifted!.updated} updated functions: ${[...counts].map(([c, n]) => `${c} ${n}`).join(', ') || 'nothing'}`);
    if (process.env.DOCBITS_SHOW_DIFF) console.log(unexplained.join('\n'));
    assert.deepStrictEqual(unexplained.slice(0, 20), []);
  });

  it('with types (quality defaults), after drift and new annotations: type tokens follow the annotations, the rest of each line kept, idempotent', () => {
    // Drifted, then every unannotated parameter annotated `Drifted`: each documented type now disagrees.
    const outcome = checkUpdates(files, (text) => {
      const drifted = drift(text);
      const file = parsedFile(drifted.text);
      const documented = file.structure.definitions.flatMap((d, i) => (d.keyword === 'def' && d.docstring ? [i] : []));
      return { text: annotateSignatures(file, documented), mustUpdate: drifted.mustUpdate };
    }, { defaultStyle: STYLE, types: DEFAULT_QUALITY_OPTIONS });
    report('drifted stdlib, types', outcome);
    console.log(`      ${outcome.typeEdits} lines with a rewritten or added type`);
    typed = outcome;
    assert.deepStrictEqual(outcome.failures.slice(0, 30), []);
    assert.ok((outcome.typeEdits ?? 0) >= 10, 'too few type edits to mean anything');
  });

  it('with types: pydoclint, its type checks on, finds no type problem on the updated functions that the update could fix', function () {
    const missing = pydoclintMissing();
    if (missing) throw new Error(missing);
    if (!typed) this.skip();
    const { counts, unexplained } = pydoclintLeftovers(typed!, true);
    console.log(`      pydoclint on ${typed!.updated} updated functions: ${[...counts].map(([c, n]) => `${c} ${n}`).join(', ') || 'nothing'}`);
    if (process.env.DOCBITS_SHOW_DIFF) console.log(unexplained.join('\n'));
    assert.deepStrictEqual(unexplained.slice(0, 20), []);
  });

  it('arg-type-hints-in-docstring = false: argument types go, the rest of each line kept, idempotent; pydoclint then finds no DOC111 there', function () {
    const untyped = { ...DEFAULT_QUALITY_OPTIONS, argTypeHintsInDocstring: false };
    // The stdlib gives few types: first drifted, annotated and updated with types on, so that every entry has one.
    const outcome = checkUpdates(files, (text) => ({ text: typedStdlib(text), mustUpdate: new Set() }), { defaultStyle: STYLE, types: untyped });
    report('stdlib, argument types removed', outcome);
    console.log(`      ${outcome.typeEdits} lines lost their type token`);
    assert.deepStrictEqual(outcome.failures.slice(0, 30), []);
    assert.ok((outcome.typeEdits ?? 0) >= 10, 'too few type removals to mean anything');
    const missing = pydoclintMissing();
    if (missing) throw new Error(missing);
    const findings = pydoclintFindings(outcome.changed.map((c) => c.after), ['--style=' + STYLE, '--quiet', '--arg-type-hints-in-docstring=False', '--check-class-attributes=False']);
    const left: string[] = [];
    outcome.changed.forEach((c, k) => {
      const file = parsedFile(c.after);
      const lines = new Set(c.updates.map(({ index }) => file.structure.definitions[index].line + 1));
      for (const f of findings[k]) if (f.code === 'DOC111' && lines.has(f.line)) left.push(`${c.file}:${f.line} ${f.message}`);
    });
    console.log(`      pydoclint: ${left.length} DOC111 on ${outcome.updated} updated functions`);
    assert.deepStrictEqual(left.slice(0, 20), []);
  });
});

/** The stdlib drifted (./drift.ts), and the functions whose docstring the update must change. */
function drift(text: string): { text: string; mustUpdate: Set<number> } {
  const file = parsedFile(text);
  const documented = file.structure.definitions.flatMap((d, i) => (d.keyword === 'def' && d.docstring ? [i] : []));
  const drifted = driftSignatures(file, documented);
  // The docstrings that must change: the ones the update reads (it has parameters or other sections).
  const readable = new Set(drifted.drifted.filter((i) => docstringMismatches(file, i, { defaultStyle: STYLE }) !== null &&
    isStructured(file, i)));
  return { text: drifted.text, mustUpdate: readable };
}


/** The stdlib drifted, every unannotated parameter annotated, and every docstring updated with types on. */
function typedStdlib(text: string): string {
  const drifted = drift(text);
  const file = parsedFile(drifted.text);
  const documented = file.structure.definitions.flatMap((d, i) => (d.keyword === 'def' && d.docstring ? [i] : []));
  const annotated = parsedFile(annotateSignatures(file, documented));
  const edits = documented.flatMap((i) => docstringUpdate(annotated, i, { defaultStyle: STYLE, types: DEFAULT_QUALITY_OPTIONS })?.edits ?? []);
  return applyEdits(annotated.text, edits);
}

/**
 * What pydoclint still reports on updated functions, by code: the differences we make on purpose (README,
 * "Update docstring") are allowed by name, anything else fails.
 */
function pydoclintLeftovers(outcome: Outcome, types = false): { counts: Map<string, number>; unexplained: string[] } {
  const args = types ? ['--style=' + STYLE, '--quiet', '--check-class-attributes=False']
    : ['--style=' + STYLE, '--quiet', '--arg-type-hints-in-docstring=False', '--check-return-types=False', '--check-yield-types=False', '--check-class-attributes=False'];
  const findings = pydoclintFindings(outcome.changed.map((c) => c.after), args);
  const counts = new Map<string, number>();
  const unexplained: string[] = [];
  outcome.changed.forEach((c, k) => {
    const file = parsedFile(c.after);
    const lines = new Map(c.updates.map(({ index }) => [file.structure.definitions[index].line + 1, index]));
    for (const f of findings[k]) {
      const index = lines.get(f.line);
      const typeCode = types && TYPE_CODES.test(f.code);
      if (index === undefined || !(UPDATE_CODES.test(f.code) || typeCode)) continue;
      counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
      const def = file.structure.definitions[index];
      const doc = parseDocstring(file.text, file.lineStarts, def.docstring!, { defaultStyle: STYLE });
      if (typeCode) {
        if (!untypeable(f.code, functionFacts(file, index, '"""')!, doc)) unexplained.push(`${c.file}:${f.line} ${f.code} ${f.message}`);
        continue;
      }
      if (!explainedDifference(f.code, functionFacts(file, index, '"""')!.body, findingsAt(findings[k], f.line), doc)) unexplained.push(`${c.file}:${f.line} ${f.code} ${f.message}`);
    }
  });
  return { counts, unexplained };
}

/** Whether the update reads this docstring (it has sections and no problems): then drift must change it. */
function isStructured(file: ReturnType<typeof parsedFile>, index: number): boolean {
  const def = file.structure.definitions[index];
  const doc = parseDocstring(file.text, file.lineStarts, def.docstring!, { defaultStyle: STYLE });
  if (doc.problems.length > 0 || doc.literals.length !== 1 || !/^(?:"""|\'\'\')$/.test(doc.literals[0].quote)) return false;
  if (def.inlineBody || def.docstring!.blank) return false;
  const sections = doc.sections.filter((s) => !s.nonstandard);
  if (!sections.some((s) => ['params', 'returns', 'yields', 'raises', 'attributes', 'examples'].includes(s.kind))) return false;
  return sections.filter((s) => s.kind === 'params').flatMap((s) => s.entries).every((e) =>
    e.name !== null && (doc.style === 'numpy' ? e.name.split(/\s*,\s*/) : [e.name]).every((n) => /^\*{0,2}[A-Za-z_]\w*$/.test(n)));
}
