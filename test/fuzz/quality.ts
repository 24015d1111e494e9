/**
 * The docstring-quality checks and `--fix` as a fuzz target ('quality'): on every input and on mutations of
 * its own docstrings (docstrings.ts mutateDocstring), under random [tool.pydoclint] options, the checks never
 * throw and report findings inside the text, and the fix never throws, keeps the definitions, and changes
 * nothing on a second run. Fixed texts go to CPython with the stub probes (they must compile when the
 * original does).
 */
import { DEFAULT_QUALITY_OPTIONS, Finding, QualityOptions } from '../../server/src/docstrings/checks';
import { fixDocstrings } from '../../server/src/docstrings/fixFile';
import { lineStarts } from '../../server/src/python/lines';
import { ModuleStructure, parseStructure } from '../../server/src/python/structure';
import { Prng as Rng } from '../helpers/prng';
import { fail, guard, onMutated, StubProbe } from './check';
import { mutateDocstring } from './docstrings';

const T = 'quality';

function randomQualityOptions(rng: Rng): QualityOptions {
  const b = (): boolean => rng.chance(0.5);
  return {
    ...DEFAULT_QUALITY_OPTIONS,
    style: rng.pick(['google', 'numpy', 'sphinx'] as const),
    argTypeHintsInDocstring: b(), checkArgOrder: b(), skipCheckingShortDocstrings: b(), allowInitDocstring: b(),
    checkReturnTypes: b(), checkClassAttributes: b(), treatPropertyMethodsAsClassAttributes: b(),
    shouldDocumentStarArguments: b(), nativeModeNoqaLocation: rng.chance(0.5) ? 'docstring' : 'definition',
  };
}

/** Every finding inside the text. */
function checkFindings(text: string, starts: readonly number[], findings: readonly Finding[]): void {
  for (const f of findings) {
    if (!/^DOC\d{3}$/.test(f.code)) fail(T, 'finding-shape', `code ${JSON.stringify(f.code)}`);
    if (!(f.line >= 0 && f.line < starts.length)) fail(T, 'finding-inside', `${f.code} on line ${f.line} of ${starts.length}`);
    if (!(f.span.start >= 0 && f.span.start <= f.span.end && f.span.end <= text.length)) fail(T, 'finding-inside', `${f.code} span ${JSON.stringify(f.span)} of ${text.length}`);
  }
}

/**
 * `--fix` on one text (it runs the checks first: their findings are checked too): no throw, definitions
 * kept, idempotent (below `IDEMPOTENCE_LIMIT` characters: the second run doubles the cost of huge inputs).
 * Returns the fixed text when it changed.
 */
function checkFix(text: string, options: QualityOptions): string | null {
  const outcome = guard(T, () => fixDocstrings(text, options));
  checkFindings(text, lineStarts(text), outcome.before);
  if (!outcome.ok || outcome.fixes.length === 0) return null;
  const before = parseStructure(text).definitions.length, after = parseStructure(outcome.text).definitions.length;
  if (before !== after) fail(T, 'definitions-kept', `${before} definitions -> ${after}`);
  if (text.length > IDEMPOTENCE_LIMIT) return outcome.text;
  const again = guard(T, () => fixDocstrings(outcome.text, options));
  if (again.ok && again.fixes.length > 0) fail(T, 'idempotent', `${optionsNote(options)}: second fix: ${again.fixes.map((f) => `${f.qualname} (${f.changes.join(', ')})`).join('; ').slice(0, 300)}`);
  return outcome.text;
}

const IDEMPOTENCE_LIMIT = 300_000;

/** The options that differ from the defaults, for the failure's message (the saved input alone does not reproduce it). */
function optionsNote(options: QualityOptions): string {
  const changed = Object.entries(options).filter(([key, value]) => (DEFAULT_QUALITY_OPTIONS as unknown as Record<string, unknown>)[key] !== value);
  return `with ${changed.map(([key, value]) => `${key}=${String(value)}`).join(', ') || 'the defaults'}`;
}

export function checkQuality(text: string, starts: number[], structure: ModuleStructure, rng: Rng, maxProbes: number): StubProbe[] {
  const options = randomQualityOptions(rng);
  const probes: StubProbe[] = [];
  const fixed = checkFix(text, options);
  if (fixed !== null && maxProbes > 0) probes.push({ label: `fixDocstrings ${options.style}`, edited: fixed, problemsIfValid: [] });
  if (text.length > IDEMPOTENCE_LIMIT) return probes;
  // Each fix of a big input costs its size again (the step's time limit counts them all): one mutation there.
  const mutations = text.length > 100_000 ? 1 : 3;
  for (let k = 0; k < mutations; k++) {
    const mutated = mutateDocstring(text, starts, structure, rng);
    if (mutated !== null) onMutated(mutated, () => checkFix(mutated, options));
  }
  return probes;
}
