/** Indentation: CPython's columns (tabs to multiples of 8, form feeds resetting) and its dedent rule. */
import * as assert from 'assert';
import { Indentation } from '../../../server/src/python/lexer/indentation';

describe('lexer/indentation', function () {
  it('measures columns as CPython: a space is 1, a tab goes to the next multiple of 8, a form feed resets', function () {
    const cases: Array<[string, number]> = [
      ['', 0], ['x', 0], ['    x', 4], ['\tx', 8], [' \tx', 8], ['       \tx', 8], ['        \tx', 16], ['\t x', 9],
      ['\t\tx', 16], ['  \f  x', 2], ['\t\f\tx', 8], ['\f', 0], ['  \v x', 2],
    ];
    for (const [text, column] of cases) {
      const indentation = new Indentation();
      assert.strictEqual(indentation.measure('\n' + text, 1), column, JSON.stringify(text));
      assert.strictEqual(indentation.stop, 1 + text.search(/[^ \t\f]|$/), `stop of ${JSON.stringify(text)}`);
    }
  });

  it('dedents to an open level; a column between levels becomes a level of its own, one DEDENT short', function () {
    const indentation = new Indentation();
    indentation.levels.push(4, 8, 12);
    assert.strictEqual(indentation.dedentTo(4), 2);
    assert.ok(indentation.matched);
    assert.deepStrictEqual(indentation.levels, [0, 4]);
    indentation.levels.push(8);
    assert.strictEqual(indentation.dedentTo(2), 1); // pops 8 and 4, then 2 is no level: one DEDENT, not two
    assert.ok(!indentation.matched);
    assert.deepStrictEqual(indentation.levels, [0, 2]);
    assert.strictEqual(indentation.dedentTo(0), 1);
    assert.ok(indentation.matched);
  });
});
