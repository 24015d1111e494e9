/**
 * The fuzz loop: builds case i of a seed deterministically (a mutated corpus file or a generated
 * pathological input), runs every target on it, checks the invariants, batches CPython checks for the stub
 * edits, and records failures (minimised when cheap) under test/fuzz/crashes/.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { allStubEdits, docstringStubEdit, parsedFile } from '../../server/src/coverage/stubs';
import { parseDocstring } from '../../server/src/docstrings/parse';
import { allDocstringUpdates } from '../../server/src/docstrings/update';
import { checkDocstrings } from './docstrings';
import { checkQuality } from './quality';
import { DEFAULT_QUALITY_OPTIONS } from '../../server/src/docstrings/checks';
import { fixDocstrings } from '../../server/src/docstrings/fixFile';
import { inventory } from '../../server/src/coverage/inventory';
import { DEFAULT_OPTIONS } from '../../server/src/coverage/types';
import { parseStructure } from '../../server/src/python/structure';
import { tokenize } from '../../server/src/python/lexer/cursor';
import { TokenKind } from '../../server/src/python/tokens';
import { bitsHover } from '../../server/src/bits/hover';
import {
  checkAnalyzeBytes, checkDecode, checkHover, checkInventory, checkNodocqa, checkStructure, checkStubs, checkTokens,
  lineStarts, randomOptions, StubProbe, Target, Violation,
} from './check';
import { Corpus, REPO_ROOT } from './corpus';
import { GENERATOR_NAMES, GENERATORS } from './generators';
import { bestMs } from '../helpers/timing';
import { fromText, mutate, Mutated, MUTATION_KINDS } from './mutate';
import { askCPython, OracleRequest } from './oracle';
import { caseSeed, Prng as Rng } from '../helpers/prng';

export type Scale = 'ci' | 'full';

export interface FuzzOptions {
  seed: number;
  /** Wall-clock budget for the case loop (the linearity checks come on top). */
  seconds: number;
  /** Stop after this many cases (for a deterministic slice). */
  maxCases?: number;
  startCase?: number;
  scale: Scale;
  /** Where failing inputs go; null: keep them in memory only. */
  crashDir: string | null;
  log: (line: string) => void;
  /** Called before each case (the watchdog's heartbeat). */
  onCase?: (index: number) => void;
  /** Called around long steps that are not a target (CPython batches), so the watchdog does not blame a case. */
  onProgress?: () => void;
  linearity?: boolean;
  hoverLimitMs?: number;
  minimizeSeconds?: number;
}

export interface Failure {
  target: Target | 'linearity';
  check: string;
  message: string;
  seed: number;
  caseIndex: number;
  kind: string;
  note: string;
  file?: string;
}

export class Stats {
  cases = 0;
  byKind: Record<string, number> = {};
  byTarget: Record<string, number> = {};
  chars = 0;
  oracleValid = 0;
  oracleChecked = 0;
  failures: Failure[] = [];
  signatures: Record<string, number> = {};
  linearityChecks = 0;
  add(map: Record<string, number>, key: string, n = 1): void {
    map[key] = (map[key] ?? 0) + n;
  }
  merge(o: Stats): void {
    this.cases += o.cases;
    this.chars += o.chars;
    this.oracleValid += o.oracleValid;
    this.oracleChecked += o.oracleChecked;
    this.linearityChecks += o.linearityChecks;
    for (const [k, v] of Object.entries(o.byKind)) this.add(this.byKind, k, v);
    for (const [k, v] of Object.entries(o.byTarget)) this.add(this.byTarget, k, v);
    for (const [k, v] of Object.entries(o.signatures)) this.add(this.signatures, k, v);
    this.failures.push(...o.failures);
  }
}

export interface Case {
  index: number;
  kind: string;
  source: string;
  input: Mutated;
}

const GEN_KINDS = GENERATOR_NAMES.map((g) => `gen:${g}`);
export const ALL_KINDS = [...MUTATION_KINDS, ...GEN_KINDS];

function kindOf(index: number): string {
  // Every 4th case is a generated input; the others cycle through the mutations.
  if (index % 4 === 3) return GEN_KINDS[Math.floor(index / 4) % GEN_KINDS.length];
  const j = index - Math.floor((index + 1) / 4);
  return MUTATION_KINDS[j % MUTATION_KINDS.length];
}

/** Size of a generated input: moderate for CI, up to the issue's sizes (10 MB, 1M defs) now and then in full runs. */
function generatedSize(rng: Rng, scale: Scale, name: string): number {
  if (scale === 'full' && rng.chance(0.04)) return name === 'manyTinyDefs' ? 14_000_000 : name.startsWith('deepNested') ? 3_000_000 : 10_000_000;
  const max = scale === 'ci' ? 50_000 : 400_000;
  return Math.floor(Math.exp(Math.log(50) + rng.next() * (Math.log(max) - Math.log(50))));
}

export function buildCase(corpus: Corpus, seed: number, index: number, scale: Scale): { c: Case; rng: Rng } {
  const rng = new Rng(caseSeed(seed, index));
  const kind = kindOf(index);
  if (kind.startsWith('gen:')) {
    const name = kind.slice(4);
    const n = generatedSize(rng, scale, name);
    let text = GENERATORS[name](n);
    let note = `${name}(${n})`;
    if (rng.chance(0.3)) {
      // Generated input, mutated a little.
      const m = mutate(rng.pick(MUTATION_KINDS.filter((k) => k !== 'stacked')), rng, new Uint8Array(Buffer.from(text, 'utf8')));
      text = m.text;
      note += `; then ${m.note}`;
    }
    return { c: { index, kind, source: `generated:${name}`, input: fromText(text, note) }, rng };
  }
  const file = corpus.files[rng.int(0, corpus.files.length - 1)];
  const bytes = corpus.read(file);
  const input = mutate(kind, rng, bytes);
  return { c: { index, kind, source: path.relative(REPO_ROOT, file), input }, rng };
}

/** Per-target time limit for one input: generous, linear in size (the linearity checks are separate and tighter). */
function limitFor(chars: number): number {
  return 2000 + chars / 500;
}

interface Pending {
  c: Case;
  request: OracleRequest;
  probes: StubProbe[];
  ours: { defs: Array<[string, number, boolean]>; module: boolean };
}

export class Fuzzer {
  readonly stats = new Stats();
  private pending: Pending[] = [];
  private pendingChars = 0;
  private readonly savedPerSignature = new Map<string, number>();

  constructor(readonly corpus: Corpus, readonly options: FuzzOptions) {}

  run(): Stats {
    const o = this.options;
    const deadline = Date.now() + o.seconds * 1000;
    let index = o.startCase ?? 0;
    let lastReport = Date.now();
    while (Date.now() < deadline && (o.maxCases === undefined || this.stats.cases < o.maxCases)) {
      o.onCase?.(index);
      this.runCase(index);
      index++;
      if (Date.now() - lastReport > 60_000) {
        lastReport = Date.now();
        o.log(`  ... ${this.stats.cases} cases, ${(this.stats.chars / 1e6).toFixed(1)} M chars, ${this.stats.failures.length} failures`);
      }
    }
    this.flushOracle();
    if (o.linearity !== false) this.linearity();
    return this.stats;
  }

  runCase(index: number): void {
    const { c, rng } = buildCase(this.corpus, this.options.seed, index, this.options.scale);
    this.stats.cases++;
    this.stats.add(this.stats.byKind, c.kind);
    this.stats.chars += c.input.text.length;
    this.check(c, rng);
  }

  private timed<T>(c: Case, target: Target, chars: number, fn: () => T): T {
    this.stats.add(this.stats.byTarget, target);
    const t0 = performance.now();
    const result = fn();
    const ms = performance.now() - t0;
    if (ms > limitFor(chars)) {
      const t1 = performance.now();
      fn();
      const ms2 = performance.now() - t1;
      if (ms2 > limitFor(chars)) throw new Violation(target, 'time-per-input', `${Math.round(Math.min(ms, ms2))} ms on ${chars} chars (limit ${Math.round(limitFor(chars))})`);
    }
    return result;
  }

  check(c: Case, rng: Rng): void {
    const { bytes } = c.input;
    let text = c.input.text;
    const size = text.length;
    const step = <T>(target: Target, fn: () => T): T | undefined => {
      // Each target is progress: an 8 MB case's targets take minutes in all on a loaded machine, each well under the watchdog's 120 s.
      this.options.onProgress?.();
      try {
        return this.timed(c, target, size, fn);
      } catch (e) {
        if (!(e instanceof Violation)) throw e;
        this.record(c, e.target, e.check, e.message, e.input ?? text);
        return undefined;
      }
    };
    const decoded = step('decode', () => checkDecode(bytes));
    step('analyzeBytes', () => checkAnalyzeBytes(bytes, randomOptions(rng), decoded));
    // Text targets: the mutated text itself (it may hold lone surrogates the bytes cannot).
    const starts = lineStarts(text);
    const tokens = step('tokenize', () => checkTokens(text, starts));
    const structure = step('structure', () => checkStructure(text, starts));
    step('inventory', () => checkInventory(text, starts, randomOptions(rng)));
    const probes: StubProbe[] = [];
    if (structure && size <= 3_000_000) {
      step('stubs', () => probes.push(...checkStubs(text, starts, structure, rng, size < 1_000_000 ? 3 : 0)));
      step('nodocqa', () => probes.push(...checkNodocqa(text, starts, structure, rng)));
      step('docstrings', () => probes.push(...checkDocstrings(text, starts, structure, rng, size < 1_000_000 ? 2 : 0)));
      step('quality', () => probes.push(...checkQuality(text, starts, structure, rng, size < 1_000_000 ? 1 : 0)));
    }
    if (tokens) {
      const calls = size > 1_000_000 ? 2 : size > 100_000 ? 5 : 12;
      step('hover', () => checkHover(text, starts, tokens, rng, calls, this.options.hoverLimitMs ?? 1000));
    }
    if (structure && size < 1_000_000) {
      const ours = {
        defs: structure.definitions.map((d) => [d.name, d.line + 1, d.docstring !== null] as [string, number, boolean]),
        module: structure.docstring !== null,
      };
      this.pending.push({ c, request: { orig: text, edits: probes.map((p) => p.edited) }, probes, ours });
      this.pendingChars += size * (1 + probes.length);
      if (this.pending.length >= 150 || this.pendingChars > 8_000_000) this.flushOracle();
    }
    text = '';
  }

  flushOracle(): void {
    const batch = this.pending;
    this.pending = [];
    this.pendingChars = 0;
    if (batch.length === 0) return;
    this.options.onProgress?.();
    const results = askCPython(batch.map((p) => p.request));
    this.options.onProgress?.();
    if (results.every((r) => r === undefined)) this.options.log(`  (CPython batch of ${batch.length} inputs gave no answer in time: left unchecked)`);
    batch.forEach((p, i) => {
      const r = results[i];
      if (!r) return;
      this.stats.oracleChecked++;
      if (!r.ok) return;
      this.stats.oracleValid++;
      const text = p.request.orig;
      if (r.facts) {
        const theirs = r.facts;
        if (theirs.module !== p.ours.module) {
          this.record(p.c, 'structure', 'matches-cpython', `module docstring: CPython ${theirs.module}, ours ${p.ours.module}`, text);
        }
        const a = JSON.stringify(theirs.defs), b = JSON.stringify(p.ours.defs);
        if (a !== b) {
          const k = theirs.defs.findIndex((d, j) => JSON.stringify(d) !== JSON.stringify(p.ours.defs[j]));
          this.record(p.c, 'structure', 'matches-cpython', `definitions (name, line, has docstring) differ from ast: ${theirs.defs.length} vs ours ${p.ours.defs.length}; first at ${k}: CPython ${JSON.stringify(theirs.defs[k])} ours ${JSON.stringify(p.ours.defs[k])}`, text);
        }
      }
      p.probes.forEach((probe, j) => {
        const target: Target = probe.label.startsWith('nodocqa') ? 'nodocqa' : probe.label.startsWith('fixDocstrings') ? 'quality'
          : /^(?:docstringUpdate|allDocstringUpdates)/.test(probe.label) ? 'docstrings' : 'stubs';
        if (r.edits[j] === false) this.record(p.c, target, 'edited-file-compiles', `${probe.label}: CPython compiles the original, not the edited file`, text, probe.edited);
        for (const problem of probe.problemsIfValid) this.record(p.c, target, 'target-covered', `${probe.label}: ${problem}`, text, probe.edited);
      });
    });
  }

  record(c: Case, target: Target | 'linearity', check: string, message: string, text: string, edited?: string): void {
    const signature = `${target}/${check}`;
    this.stats.add(this.stats.signatures, signature);
    const failure: Failure = { target, check, message, seed: this.options.seed, caseIndex: c.index, kind: c.kind, note: `${c.source}: ${c.input.note}` };
    const saved = this.savedPerSignature.get(signature) ?? 0;
    if (saved < 5) {
      this.savedPerSignature.set(signature, saved + 1);
      this.stats.failures.push(failure);
      this.options.log(`FAIL ${signature} [seed ${failure.seed} case ${c.index} ${c.kind}] ${message.slice(0, 400)}`);
      if (this.options.crashDir) failure.file = this.save(failure, text, c, edited);
    }
  }

  private save(f: Failure, text: string, c: Case, edited?: string): string {
    const dir = this.options.crashDir!;
    fs.mkdirSync(dir, { recursive: true });
    let minimized = text;
    if ((f.target === 'tokenize' || f.target === 'structure' || f.target === 'inventory') && f.check !== 'matches-cpython' && f.check !== 'time-per-input') {
      minimized = minimize(text, (t) => reproduces(f.target as Target, f.check, t), (this.options.minimizeSeconds ?? 5) * 1000);
    }
    const byteLevel = f.target === 'decode' || f.target === 'analyzeBytes';
    const data = byteLevel ? Buffer.from(c.input.bytes) : Buffer.from(minimized, 'utf8');
    const hash = createHash('sha1').update(data).digest('hex').slice(0, 12);
    const file = path.join(dir, `${hash}.py`);
    fs.writeFileSync(file, data);
    const lossy = !byteLevel && Buffer.from(minimized, 'utf8').toString('utf8') !== minimized;
    fs.writeFileSync(path.join(dir, `${hash}.json`), JSON.stringify({
      ...f, source: c.source, mutation: c.input.note, originalChars: text.length, minimizedChars: minimized.length,
      reproduce: `node out/test/fuzz/run.js --seed ${f.seed} --case ${f.caseIndex}`,
      text: lossy || minimized.length < 20000 ? minimized : undefined,
      edited: edited && edited.length < 200000 ? edited : undefined,
    }, null, 1));
    return file;
  }

  /** time(gen(4n)) < 12 * time(gen(n)) + C for each generator and target, min of several runs. */
  linearity(): void {
    const scale = this.options.scale;
    const n = scale === 'ci' ? 8_000 : 250_000;
    const reps = scale === 'ci' ? 3 : 3;
    const C = scale === 'ci' ? 8 : 30;
    const targets: Array<[string, (t: string) => unknown]> = [
      ['tokenize', (t) => tokenize(t)],
      ['structure', (t) => parseStructure(t)],
      ['structure-reference', (t) => parseStructure(t, { fastSkip: false })],
      ['inventory', (t) => inventory(t, 'm.py', DEFAULT_OPTIONS)],
      ['stubs', (t) => {
        const d = parseStructure(t).definitions;
        allStubEdits(parsedFile(t), [-1, ...d.map((_, i) => i)], 'google');
        if (d.length) docstringStubEdit(parsedFile(t), d.length - 1, 'numpy');
      }],
      ['docstrings', (t) => {
        const file = parsedFile(t);
        for (const d of file.structure.definitions) if (d.docstring) parseDocstring(t, file.lineStarts, d.docstring, { style: 'sphinx' });
        allDocstringUpdates(file, { defaultStyle: 'google' });
      }],
      // The checks and --fix: fixDocstrings runs the checks, then updates what they report.
      ['quality', (t) => fixDocstrings(t, { ...DEFAULT_QUALITY_OPTIONS, style: 'google', skipCheckingShortDocstrings: false })],
      ['hover', (t) => hoverProbe(t)],
    ];
    for (const g of GENERATOR_NAMES) {
      const small = GENERATORS[g](n), big = GENERATORS[g](4 * n);
      for (const [name, fn] of targets) {
        // A heartbeat for run.ts's hang watchdog: at full scale one generator's checks take minutes in all.
        this.options.onProgress?.();
        this.stats.linearityChecks++;
        let t1 = bestMs(() => fn(small), reps), t4 = bestMs(() => fn(big), reps);
        for (let retry = 0; retry < 2 && t4 >= 12 * t1 + C; retry++) {
          // Noise on a shared machine (GC, neighbours)? Measure again, more times.
          t1 = Math.min(t1, bestMs(() => fn(small), reps * 2));
          t4 = Math.min(t4, bestMs(() => fn(big), reps * 2));
        }
        if (t4 >= 12 * t1 + C) {
          const c: Case = { index: -1, kind: `gen:${g}`, source: `generated:${g}`, input: fromText(small, `${g}(${n}) vs ${g}(${4 * n})`) };
          const target: Target = name.startsWith('structure') ? 'structure' : (name as Target);
          this.record(c, 'linearity', `${target}`, `${name} on ${g}: ${small.length} chars ${t1.toFixed(1)} ms, ${big.length} chars ${t4.toFixed(1)} ms (ratio ${(t4 / Math.max(t1, 0.01)).toFixed(1)})`, small);
        }
      }
    }
  }
}

/** A hover at the first operator of the text (bitwise if any), as the linearity check's probe. */
function hoverProbe(text: string): void {
  const tokens = tokenize(text);
  const op = tokens.find((t) => t.kind === TokenKind.Op && ['|', '&', '<<', '^', '~'].includes(text.slice(t.start, t.end))) ??
    tokens.find((t) => t.kind === TokenKind.Number) ?? tokens[0];
  bitsHover(text, op.startLine, op.startCol);
}

/** Whether the text still breaks the same invariant of the same target. */
export function reproduces(target: Target, check: string, text: string): boolean {
  try {
    const starts = lineStarts(text);
    if (target === 'tokenize') checkTokens(text, starts);
    else if (target === 'structure') checkStructure(text, starts);
    else if (target === 'inventory') {
      checkInventory(text, starts, DEFAULT_OPTIONS);
    } else return false;
    return false;
  } catch (e) {
    return e instanceof Violation && e.target === target && e.check === check;
  }
}

/** Line-based delta debugging, then characters for small inputs, within a time budget. */
export function minimize(text: string, fails: (t: string) => boolean, budgetMs: number): string {
  const deadline = Date.now() + budgetMs;
  if (!fails(text)) return text;
  const pass = (units: string[]): string[] => {
    let chunk = Math.max(1, Math.floor(units.length / 2));
    while (chunk >= 1 && Date.now() < deadline) {
      let removed = false;
      for (let i = 0; i < units.length && Date.now() < deadline; ) {
        const candidate = units.slice(0, i).concat(units.slice(i + chunk));
        if (candidate.length < units.length && fails(candidate.join(''))) {
          units = candidate;
          removed = true;
        } else i += chunk;
      }
      if (!removed) chunk = Math.floor(chunk / 2);
    }
    return units;
  };
  let best = pass(text.split(/(?<=\r\n|\n|\r(?!\n))/)).join('');
  if (best.length <= 20000) best = pass(Array.from(best)).join('');
  return best;
}

export function defaultCrashDir(): string {
  return path.join(REPO_ROOT, 'test', 'fuzz', 'crashes');
}

export function summary(stats: Stats, seconds: number): string {
  const lines: string[] = [];
  lines.push(`cases: ${stats.cases} in ${seconds.toFixed(1)} s (${(stats.cases / Math.max(seconds, 0.001)).toFixed(1)}/s), ${(stats.chars / 1e6).toFixed(1)} M chars (${(stats.chars / 1e6 / Math.max(seconds, 0.001)).toFixed(2)} M chars/s)`);
  lines.push(`per target: ${Object.entries(stats.byTarget).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  lines.push(`per kind: ${Object.entries(stats.byKind).sort().map(([k, v]) => `${k}=${v}`).join(' ')}`);
  lines.push(`CPython oracle: ${stats.oracleChecked} inputs checked, ${stats.oracleValid} valid Python (stub edits and ast compared on those)`);
  lines.push(`linearity checks: ${stats.linearityChecks}`);
  lines.push(`failures: ${Object.values(stats.signatures).reduce((a, b) => a + b, 0)} ${JSON.stringify(stats.signatures)}`);
  return lines.join('\n');
}
