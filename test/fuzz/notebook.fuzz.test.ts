/**
 * The notebook fuzz target (test/fuzz/notebook.ts): a fixed-seed slice, the issue's shapes (truncated JSON,
 * wrong types, huge cells, deep nesting) at full size, and the linearity check. A long run:
 * DOCBITS_NOTEBOOK_FUZZ_SECONDS=600 DOCBITS_NOTEBOOK_FUZZ_SEED=$RANDOM npx mocha out/test/fuzz/notebook.fuzz.test.js
 */
import * as assert from 'assert';
import { checkNotebook, fuzzNotebooks, NOTEBOOK_GENERATORS, notebookLinearity } from './notebook';

const SEED = Number(process.env.DOCBITS_NOTEBOOK_FUZZ_SEED ?? 20261201);
const SECONDS = Number(process.env.DOCBITS_NOTEBOOK_FUZZ_SECONDS ?? 0);

describe('fuzz: notebooks', function () {
  this.timeout(120_000 + SECONDS * 1000);

  it(`${SECONDS > 0 ? `${SECONDS} s of cases` : '600 fixed-seed cases'} (seed ${SEED}): no throw, nodes in real cells, positions round trip`, () => {
    const { cases, chars, failures } = fuzzNotebooks(SEED, SECONDS > 0 ? Infinity : 600, SECONDS > 0 ? SECONDS : 600);
    console.log(`      ${cases} notebooks, ${(chars / 1e6).toFixed(1)} M chars`);
    assert.deepStrictEqual(failures, []);
  });

  it('the pathological shapes at full size (1,000,000-deep arrays, a 10 MB cell, 100,000 cells)', () => {
    for (const [name, gen] of Object.entries(NOTEBOOK_GENERATORS)) {
      const n = name === 'manyCells' || name === 'unterminatedStrings' ? 4_000_000 : 2_000_000;
      assert.deepStrictEqual(checkNotebook({ index: -1, kind: name, text: gen(n) }), [], name);
    }
    assert.deepStrictEqual(checkNotebook({ index: -1, kind: 'hugeCell 10 MB', text: NOTEBOOK_GENERATORS.hugeCell(10_000_000) }), []);
  });

  it('takes time linear in size on every shape', () => {
    assert.deepStrictEqual(notebookLinearity(20_000), []);
  });
});
