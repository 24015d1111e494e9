/**
 * Fuzz target for notebooks: the .ipynb reader (python/notebook.ts readNotebook), the module of the cells and
 * its position map (NotebookModule), and the coverage on top (coverage/notebookCoverage.ts). Inputs are
 * realistic notebooks (the fixtures and generated ones) mutated as JSON (truncated, values of the wrong type,
 * bytes flipped) and as cells (magics, unterminated strings, brackets), and pathological shapes: deep
 * nesting, huge cells, many cells, long chains of continued magics. Invariants: nothing throws; a result is
 * an error or nodes placed in real cells and lines; positions map there and back; time linear in size.
 */
import * as fs from 'fs';
import * as path from 'path';
import { notebookTextCoverage } from '../../server/src/coverage/notebookCoverage';
import { DEFAULT_OPTIONS } from '../../server/src/coverage/types';
import { NotebookModule, readNotebook } from '../../server/src/python/notebook';
import { Prng as Rng } from '../helpers/prng';
import { bestMs } from '../helpers/timing';
import { REPO_ROOT } from './corpus';

export interface NotebookCase {
  index: number;
  kind: string;
  text: string;
}

/** A broken invariant. */
export interface NotebookFailure {
  index: number;
  kind: string;
  message: string;
}

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'notebooks');

const CELL_LINES = [
  'import os', 'def f(x):', '    """Doc."""', '    return x', 'class C:', '    def m(self): pass', '%matplotlib inline',
  '!pip install x', '    %time y()', 'x = !ls', '?obj', 'obj??', '%%bash', '%%time', '"""unterminated', "'''", 'f(',
  ')', '    ', '', '# comment', '!echo \\', '\\', 'async def g():', '@decorator', '\t\tdef tabbed():', 'x = 0b1010 & 3',
];

function randomCellText(rng: Rng, lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) out.push(rng.pick(CELL_LINES));
  return out.join(rng.chance(0.1) ? '\r\n' : '\n') + (rng.chance(0.5) ? '\n' : '');
}

function randomNotebook(rng: Rng, cells: number, linesPerCell: number): unknown {
  const list: unknown[] = [];
  for (let i = 0; i < cells; i++) {
    const text = randomCellText(rng, rng.int(0, linesPerCell));
    const kind = rng.pick(['code', 'code', 'code', 'markdown', 'raw']);
    const source = rng.chance(0.5) ? text : text.split(/(?<=\n)/);
    const metadata = rng.chance(0.2) ? { vscode: { languageId: rng.pick(['python', 'sql', 'Python']) } } : {};
    list.push({ cell_type: kind, metadata, source, outputs: [], execution_count: null });
  }
  return { cells: list, metadata: { language_info: { name: rng.pick(['python', 'python', 'r']) } }, nbformat: 4, nbformat_minor: 5 };
}

/** Replaces random values in the JSON tree by values of other types (iteratively, over a bounded walk). */
function wrongTypes(rng: Rng, json: unknown): unknown {
  const replacements = (): unknown => rng.pick<unknown>([null, 0, -1.5, true, 'text', [], {}, ['a', 1], { cells: 3 }]);
  if (typeof json !== 'object' || json === null) return replacements();
  const stack: unknown[] = [json];
  for (let visited = 0; stack.length > 0 && visited < 10_000; visited++) {
    const node = stack.pop() as Record<string, unknown>;
    for (const key of Object.keys(node)) {
      const value = node[key];
      if (rng.chance(0.08)) node[key] = replacements();
      else if (typeof value === 'object' && value !== null) stack.push(value);
    }
  }
  return json;
}

function flipBytes(rng: Rng, text: string): string {
  const chars = text.split('');
  for (let k = rng.int(1, 8); k > 0 && chars.length > 0; k--) chars[rng.int(0, chars.length - 1)] = String.fromCharCode(rng.int(0, 127));
  return chars.join('');
}

/** Pathological shapes, each of about n characters. */
export const NOTEBOOK_GENERATORS: Record<string, (n: number) => string> = {
  deepArrays: (n) => `{"cells": ${'['.repeat(n / 2)}${']'.repeat(n / 2)}}`,
  deepObjectsUnclosed: (n) => '{"metadata": '.repeat(n / 13),
  hugeCell: (n) => JSON.stringify({ cells: [{ cell_type: 'code', source: 'def f():\n    pass\n'.repeat(n / 18) }] }),
  manyCells: (n) => JSON.stringify({ cells: Array.from({ length: n / 60 }, (_, i) => ({ cell_type: 'code', source: [`def f${i}():\n`, '    pass'] })) }),
  manyMagicLines: (n) => JSON.stringify({ cells: [{ cell_type: 'code', source: '%time x\n    !ls\n'.repeat(n / 16) }] }),
  continuedMagic: (n) => JSON.stringify({ cells: [{ cell_type: 'code', source: `!echo ${'a \\\n'.repeat(n / 4)}` }] }),
  unterminatedStrings: (n) => JSON.stringify({ cells: Array.from({ length: n / 40 }, () => ({ cell_type: 'code', source: '"""open\n%magic\n' })) }),
  longSourceList: (n) => JSON.stringify({ cells: [{ cell_type: 'code', source: Array.from({ length: n / 4 }, () => 'x') }] }),
};

const MUTATIONS = ['truncate', 'wrongTypes', 'flipBytes', 'randomNotebook', 'fixture', 'cellTextNoise'] as const;

function fixtureTexts(): string[] {
  return fs.readdirSync(FIXTURES).sort().map((f) => fs.readFileSync(path.join(FIXTURES, f), 'utf8'));
}

let fixtures: string[] | undefined;

/** Case `index` of `seed`, built from the two alone (so a failure replays by itself). */
export function notebookCase(seed: number, index: number): NotebookCase {
  const rng = new Rng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  fixtures ??= fixtureTexts();
  const names = Object.keys(NOTEBOOK_GENERATORS);
  if (index % 5 === 4) {
    const name = names[Math.floor(index / 5) % names.length];
    const n = Math.floor(Math.exp(Math.log(100) + rng.next() * (Math.log(200_000) - Math.log(100))));
    return { index, kind: `gen:${name}`, text: NOTEBOOK_GENERATORS[name](n) };
  }
  const kind = MUTATIONS[index % MUTATIONS.length];
  const base = (): string => (rng.chance(0.5) ? rng.pick(fixtures!) : JSON.stringify(randomNotebook(rng, rng.int(0, 30), 12)));
  switch (kind) {
    case 'truncate': {
      const text = base();
      return { index, kind, text: text.slice(0, rng.int(0, text.length)) };
    }
    case 'wrongTypes': {
      let json: unknown;
      try { json = JSON.parse(base()); } catch { json = {}; }
      return { index, kind, text: JSON.stringify(wrongTypes(rng, json)) ?? 'null' };
    }
    case 'flipBytes': return { index, kind, text: flipBytes(rng, base()) };
    case 'randomNotebook': return { index, kind, text: JSON.stringify(randomNotebook(rng, rng.int(0, 60), 30)) };
    case 'fixture': return { index, kind, text: rng.pick(fixtures) };
    default: return { index, kind, text: JSON.stringify(randomNotebook(rng, rng.int(1, 5), 300)) };
  }
}

/** The invariants on one input; the broken ones as messages. */
export function checkNotebook(c: NotebookCase): string[] {
  const problems: string[] = [];
  const began = performance.now();
  try {
    const notebook = readNotebook(c.text);
    const coverage = notebookTextCoverage(c.text, 'fuzz.ipynb', DEFAULT_OPTIONS);
    if (typeof notebook === 'string') {
      if (coverage.error !== notebook) problems.push(`reader said ${notebook}, coverage ${coverage.error}`);
      return problems;
    }
    const module = NotebookModule.of(notebook.cells);
    let lines = 0;
    for (const span of module.spans) {
      if (span.firstLine !== lines || span.lineCount < 1) problems.push(`span of cell ${span.cell} at ${span.firstLine}, expected ${lines}`);
      lines += span.lineCount;
      const back = module.cellPosition(module.modulePosition(span.cell, span.lineCount - 1)!.line);
      if (!back || back.cell !== span.cell || back.line !== span.lineCount - 1) problems.push(`cell ${span.cell}: round trip gave ${JSON.stringify(back)}`);
    }
    const breaks = module.text.match(/\r\n|\r|\n/g)?.length ?? 0;
    if (breaks !== lines) problems.push(`module has ${breaks} lines, spans say ${lines}`);
    if (coverage.error !== null) problems.push(`a notebook got an error: ${coverage.error}`);
    for (const node of coverage.nodes) {
      if (node.cell === undefined) {
        if (node.kind !== 'module' || module.spans.length > 0) problems.push(`${node.qualname} has no cell`);
        continue;
      }
      const span = module.spanOf(node.cell - 1);
      if (!span || node.line < 1 || node.line > span.lineCount) problems.push(`${node.qualname} at cell ${node.cell} line ${node.line}: not a line of that cell`);
    }
  } catch (e) {
    problems.push(`threw ${(e as Error)?.stack ?? e}`);
  }
  const ms = performance.now() - began;
  if (ms > 2000 + c.text.length / 500) problems.push(`${Math.round(ms)} ms on ${c.text.length} chars`);
  return problems;
}

/** Runs cases from `seed` until `maxCases` or `seconds`; the failures, at most 20. */
export function fuzzNotebooks(seed: number, maxCases: number, seconds: number): { cases: number; chars: number; failures: NotebookFailure[] } {
  const deadline = Date.now() + seconds * 1000;
  const failures: NotebookFailure[] = [];
  let cases = 0, chars = 0;
  for (let index = 0; index < maxCases && Date.now() < deadline; index++) {
    const c = notebookCase(seed, index);
    cases++;
    chars += c.text.length;
    for (const message of checkNotebook(c)) if (failures.length < 20) failures.push({ index, kind: c.kind, message: message.slice(0, 400) });
  }
  return { cases, chars, failures };
}

/** time(4n) < 12 * time(n) + 10 ms for every generator: the lines that break it. */
export function notebookLinearity(n: number): string[] {
  const out: string[] = [];
  for (const [name, gen] of Object.entries(NOTEBOOK_GENERATORS)) {
    const small = gen(n), big = gen(4 * n);
    const run = (t: string) => () => notebookTextCoverage(t, 'fuzz.ipynb', DEFAULT_OPTIONS);
    let t1 = bestMs(run(small), 3), t4 = bestMs(run(big), 3);
    if (t4 >= 12 * t1 + 10) {
      t1 = Math.min(t1, bestMs(run(small), 6));
      t4 = Math.min(t4, bestMs(run(big), 6));
    }
    if (t4 >= 12 * t1 + 10) out.push(`${name}: ${small.length} chars ${t1.toFixed(1)} ms, ${big.length} chars ${t4.toFixed(1)} ms`);
  }
  return out;
}
