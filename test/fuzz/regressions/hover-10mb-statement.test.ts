/**
 * Found by the fuzz run of 2026-11-29 (seed 20261129, full scale: cases 659, 695, 987; 10 MB generated inputs).
 * A hover whose line sits in the first megabyte, or past the end, of a file whose logical line runs on for
 * megabytes still tokenized that whole logical line: 3.6 s past the end of a 10 MB line with no line break,
 * 5.0 s at column 7.8 M of a 10 MB bracket, 1.5 s inside a 10 MB chain of unclosed calls.
 * Fault: hover.ts read "through the hovered logical line" with no bound after the hovered line.
 */
import * as assert from 'assert';
import { bitsHover } from '../../../server/src/bits/hover';
import { bestMs } from '../../helpers/timing';
import { GENERATORS } from '../generators';

describe('fuzz regression: hover in a statement megabytes long', function () {
  this.timeout(120_000);
  const cases: Array<[string, string, number, number]> = [
    ['past the end of a 10 MB line with no line break', GENERATORS.longLineNoNewline(10_000_000), 2, 269],
    ['early in a 10 MB line with no line break', GENERATORS.longLineNoNewline(10_000_000), 0, 269],
    ['7.8 M columns into a 10 MB unclosed bracket', GENERATORS.unclosedBrackets(10_000_000), 0, 7_784_786],
    ['inside a 10 MB chain of unclosed calls', GENERATORS.unclosedBracketsManyLines(10_000_000), 443_565, 2],
  ];
  for (const [name, text, line, character] of cases) {
    it(`${name}: under 1 s`, () => {
      const ms = bestMs(() => bitsHover(text, line, character));
      assert.ok(ms < 1000, `${Math.round(ms)} ms on ${text.length} chars`);
    });
  }
  it('still shows a hover on the last line of a 10 MB file and early in a huge one', () => {
    const text = 'MASK = 1 << 4 | 0x0f\n' + 'def f(x):\n    return x\n'.repeat(460_000) + 'LOW = 0xff & ~0x0f\n';
    assert.ok(text.length > 10_000_000);
    assert.ok(bitsHover(text, 0, 14) !== null, 'first line');
    assert.ok(bitsHover(text, 1 + 460_000 * 2, 8) !== null, 'last line');
  });
});
