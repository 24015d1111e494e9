/**
 * CI slice of the fuzz harness: a fixed seed, a fixed number of cases (every mutation kind and every
 * pathological generator at moderate size), then the linearity checks at small sizes. ~20 s.
 * The long run is `npm run fuzz -- --seconds 1800` (see test/fuzz/README.md).
 */
import * as assert from 'assert';
import { Corpus } from './corpus';
import { ALL_KINDS, Fuzzer, summary } from './engine';
import { GENERATORS } from './generators';
import { Prng as Rng } from '../helpers/prng';
import { Case } from './engine';
import { fromText } from './mutate';

const SEED = 20251125;
const CASES = Number(process.env.DOCBITS_FUZZ_CI_CASES ?? 200);

describe('fuzz (CI slice)', function () {
  this.timeout(300_000);
  const logs: string[] = [];
  const log = (line: string): void => {
    logs.push(line);
  };

  it(`${CASES} fixed-seed cases over every target and mutation kind, and the linearity checks`, () => {
    const corpus = Corpus.load();
    assert.ok(corpus.files.length > 10, 'corpus found');
    const fuzzer = new Fuzzer(corpus, { seed: SEED, seconds: 600, maxCases: CASES, scale: 'ci', crashDir: null, log });
    const began = Date.now();
    const stats = fuzzer.run();
    const text = summary(stats, (Date.now() - began) / 1000);
    for (const kind of ALL_KINDS) assert.ok(stats.byKind[kind] > 0, `kind ${kind} not exercised`);
    assert.deepStrictEqual(stats.failures.map((f) => `${f.target}/${f.check} case ${f.caseIndex} ${f.kind}: ${f.message.slice(0, 300)}`), [], `${text}\n${logs.join('\n')}`);
  });

  it('the pathological inputs at the issue\'s shapes (10,000-deep brackets, 1,000-1,300-deep defs, 1 MB lines, 100,000 defs)', () => {
    const corpus = new Corpus([]);
    const fuzzer = new Fuzzer(corpus, { seed: SEED, seconds: 0, scale: 'ci', crashDir: null, log, linearity: false });
    const rng = new Rng(SEED);
    const inputs: Array<[string, string]> = [
      ['deepBrackets', GENERATORS.deepBrackets(20_000)],
      ['unclosedBrackets', GENERATORS.unclosedBrackets(20_000)],
      ['deepNestedDefs(depth ~1300)', GENERATORS.deepNestedDefs(1_000_000)],
      ['1,000 nested defs, tab+space indents', nestedByTabs(1_000)],
      ['longStringLine 1 MB', GENERATORS.longStringLine(1_000_000)],
      ['longBitwiseLine 1 MB', GENERATORS.longBitwiseLine(1_000_000)],
      ['manyTinyDefs 100k', GENERATORS.manyTinyDefs(1_400_000)],
      ['manyTripleQuotedStrings 1 MB', GENERATORS.manyTripleQuotedStrings(1_000_000)],
      ['unclosedStringAtEnd 1 MB', GENERATORS.unclosedStringAtEnd(1_000_000)],
    ];
    for (const [name, text] of inputs) {
      const c: Case = { index: -1, kind: `pathological:${name}`, source: 'generated', input: fromText(text, name) };
      fuzzer.check(c, rng);
    }
    fuzzer.flushOracle();
    assert.deepStrictEqual(fuzzer.stats.failures.map((f) => `${f.target}/${f.check} ${f.kind}: ${f.message.slice(0, 300)}`), []);
  });
});

/** Nested defs whose indentation grows by one column each level, written with tabs where possible. */
function nestedByTabs(depth: number): string {
  const parts: string[] = [];
  for (let i = 0; i < depth; i++) parts.push('\t'.repeat(Math.floor(i / 8)) + ' '.repeat(i % 8) + 'def f():\n');
  parts.push('\t'.repeat(Math.floor(depth / 8)) + ' '.repeat(depth % 8) + 'pass\n');
  return parts.join('');
}
