/** Bit tricks explained in one sentence, on a real Python file (test/fixtures/bits/flags.py). */
import * as assert from 'assert';
import { bitsHover } from '../../server/src/bits/hover';
import { positionOf, readFixture } from './helpers';

const FLAGS = readFixture('flags.py');

/** The hover's idiom sentence (the paragraph that starts with a capitalised verb), or undefined. */
function idiomAt(text: string, snippet: string, target: string): string | undefined {
  const { line, character } = positionOf(text, snippet, target);
  const markdown = bitsHover(text, line, character)?.markdown ?? '';
  return markdown.split('\n\n').find((p) => /^(Clears|Isolates|Tests|Reads|Sets|Flips)\b/.test(p));
}

describe('bits idioms: known tricks, also with unknown operands', function () {
  it('x & (x - 1) == 0 tests a power of two; alone it clears the lowest set bit', function () {
    assert.match(idiomAt(FLAGS, 'n & (n - 1) == 0', '&')!, /^Tests whether `n` is a power of two \(or zero\)/);
    assert.strictEqual(idiomAt(FLAGS, 'n &= n - 1', '&='), 'Clears the lowest set bit of `n`.');
    assert.strictEqual(idiomAt('y = (v - 1) & v\n', '(v - 1) & v', '&'), 'Clears the lowest set bit of `v`.');
  });

  it('x & -x isolates the lowest set bit', function () {
    assert.match(idiomAt(FLAGS, 'n & -n', '-')!, /^Isolates the lowest set bit of `n`/);
  });

  it('x & 1 tests oddness', function () {
    assert.strictEqual(idiomAt(FLAGS, 'n & 1', 'n'), 'Tests whether `n` is odd (keeps only its lowest bit).');
  });

  it('set, clear, flip and read bit k', function () {
    assert.strictEqual(idiomAt(FLAGS, 'x | (1 << k)', '|'), 'Sets bit `k` of `x`.');
    assert.strictEqual(idiomAt(FLAGS, 'x & ~(1 << k)', '&'), 'Clears bit `k` of `x`.');
    assert.strictEqual(idiomAt(FLAGS, 'x ^ (1 << k)', '^'), 'Flips bit `k` of `x`.');
    assert.strictEqual(idiomAt(FLAGS, '(x >> k) & 1', '&'), 'Reads bit `k` of `x` (0 or 1).');
    // Hovering the inner shift still explains the whole trick.
    assert.strictEqual(idiomAt(FLAGS, '(x >> k) & 1', '>>'), 'Reads bit `k` of `x` (0 or 1).');
  });

  it('a known bit index is shown with its value', function () {
    assert.strictEqual(idiomAt(FLAGS, 'mode | (1 << SHIFT)', '|'), 'Sets bit `SHIFT` (4) of `mode`.');
  });

  it('(x & ~m) | (-s & m) is a conditional set', function () {
    assert.match(idiomAt(FLAGS, '(x & ~mask) | (-flag & mask)', '|')!,
      /^Sets the bits of `mask` in `x` when `flag` is 1 and clears them when it is 0, without a branch/);
  });

  it('operands in either order, any spacing, and with known values', function () {
    assert.strictEqual(idiomAt('r = (1<<k)|x\n', '(1<<k)|x', '|'), 'Sets bit `k` of `x`.');
    assert.strictEqual(idiomAt('r = 1 & n\n', '1 & n', '&'), 'Tests whether `n` is odd (keeps only its lowest bit).');
    assert.strictEqual(idiomAt('X = 12\nr = X & (X - 1)\n', 'X & (X - 1)', '&'), 'Clears the lowest set bit of `X`.');
  });

  it('look-alikes are not idioms', function () {
    assert.strictEqual(idiomAt('r = x & (y - 1)\n', 'x & (y - 1)', '&'), undefined);
    assert.strictEqual(idiomAt('r = x & -y\n', 'x & -y', '&'), undefined);
    assert.strictEqual(idiomAt('r = x & 2\n', 'x & 2', '&'), undefined);
    assert.strictEqual(idiomAt('r = x | (2 << k)\n', 'x | (2 << k)', '|'), undefined);
  });
});
