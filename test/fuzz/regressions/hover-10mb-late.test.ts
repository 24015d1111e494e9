/**
 * Found by the long fuzz run (seed 777: gen:longContinuation case 379/479, deepMixedBrackets 607, longLineNoNewline
 * 747, bracketWithDefWords 799; all 10 MB inputs). After the fix that tokenizes only through the hovered line,
 * bitsHover is still over its 1 s budget when the hovered line is far into a 10 MB file (~1.3 s at the last line:
 * everything before it is still turned into Token objects), and takes 6-10 s inside a 10 MB logical line (a
 * bracket or backslash continuation spanning the file, or one 10 MB line): the whole logical line is tokenized
 * and parsed (hover.ts tokenize -> locate.ts locate / parse.ts) for an expression of a few tokens.
 */
import * as assert from 'assert';
import { bitsHover } from '../../../server/src/bits/hover';
import { bestMs } from '../../helpers/timing';

describe('fuzz regression: hover late in a 10 MB file', function () {
  this.timeout(120_000);
  it('on the last line of a 10 MB file, under 1 s', () => {
    const text = 'def f(x):\n    """Doc."""\n    return x\n'.repeat(263_000) + 'MASK = 1 << 4 | 0x0f\n';
    const line = 263_000 * 3;
    assert.ok(bitsHover(text, line, 14) !== null);
    const ms = bestMs(() => bitsHover(text, line, 14));
    assert.ok(ms < 1000, `${Math.round(ms)} ms on ${text.length} chars`);
  });
  it('inside a 10 MB bracketed logical line, under 1 s', () => {
    const text = 'x = (\n' + '  1 | 2,\n'.repeat(1_100_000) + ')\n';
    const ms = bestMs(() => bitsHover(text, 1_000_000, 4));
    assert.ok(ms < 1000, `${Math.round(ms)} ms on ${text.length} chars`);
  });
});
