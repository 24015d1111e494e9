/** Which operation a hover position picks. */
import * as assert from 'assert';
import { locate, sourceOf } from '../../server/src/bits/locate';
import { tokenize } from '../../server/src/python/lexer/cursor';
import { positionOf } from './helpers';

/** What the hover at `target` within `snippet` shows: 'op: <source>', 'literal: <text>' or null. */
function picked(text: string, snippet: string, target?: string, nth = 0): string | null {
  const { line, character } = positionOf(text, snippet, target, nth);
  const located = locate(tokenize(text), text, line, character);
  if (located === null) return null;
  return `${located.kind === 'operation' ? 'op' : located.kind}: ${sourceOf(located.node, located.line, text)}`;
}

describe('bits locate: which operation a position picks', function () {
  it('an operator picks its own operation', function () {
    const text = 'r = a & b | c\n';
    assert.strictEqual(picked(text, 'a & b | c', '&'), 'op: a & b');
    assert.strictEqual(picked(text, 'a & b | c', '|'), 'op: a & b | c');
  });

  it('an operand picks the innermost bitwise operation containing it', function () {
    const text = 'r = a | b & c\n';
    assert.strictEqual(picked(text, 'a | b & c', 'a'), 'op: a | b & c');
    assert.strictEqual(picked(text, 'a | b & c', 'b'), 'op: b & c');
    assert.strictEqual(picked(text, 'a | b & c', 'c'), 'op: b & c');
  });

  it('follows Python precedence: shifts bind looser than +, comparisons looser than &', function () {
    const text = 'r = 1 << 2 + 3\ns = a & b == 0\nt = -2 ** 2 ^ 1\n';
    assert.strictEqual(picked(text, '1 << 2 + 3', '3'), 'op: 1 << 2 + 3');
    assert.strictEqual(picked(text, '1 << 2 + 3', '+'), 'op: 1 << 2 + 3');
    assert.strictEqual(picked(text, 'a & b == 0', 'b'), 'op: a & b');
    assert.strictEqual(picked(text, 'a & b == 0', '0'), 'literal: 0');
    assert.strictEqual(picked(text, '-2 ** 2 ^ 1', '2'), 'op: -2 ** 2 ^ 1');
  });

  it('crosses parentheses and non-bitwise operators, and a unary ~ is an operation', function () {
    const text = 'r = (x - 1) & ~mask\n';
    assert.strictEqual(picked(text, '(x - 1) & ~mask', 'x'), 'op: (x - 1) & ~mask');
    assert.strictEqual(picked(text, '(x - 1) & ~mask', '-'), 'op: (x - 1) & ~mask');
    assert.strictEqual(picked(text, '(x - 1) & ~mask', '('), 'op: (x - 1) & ~mask');
    assert.strictEqual(picked(text, '(x - 1) & ~mask', '~'), 'op: ~mask');
    assert.strictEqual(picked(text, '(x - 1) & ~mask', 'mask'), 'op: ~mask');
  });

  it('an integer literal outside bitwise operations shows the literal; inside one, the operation', function () {
    const text = 'A = 0x_FF\nB = A & 0b1010\nC = 1_000 + 1\nD = 1.5\nE = 3j\n';
    assert.strictEqual(picked(text, '0x_FF'), 'literal: 0x_FF');
    assert.strictEqual(picked(text, '0b1010'), 'op: A & 0b1010');
    assert.strictEqual(picked(text, '1_000'), 'literal: 1_000');
    assert.strictEqual(picked(text, '1.5'), null);
    assert.strictEqual(picked(text, '3j'), null);
    // A name outside bitwise operations is located; its hover shows a value only when it is bound to an int.
    assert.strictEqual(picked(text, 'C = 1_000', 'C'), 'name: C');
  });

  it('a name or an attribute chain outside bitwise operations, on its last part', function () {
    const text = 'r = consts.MASK + 1\n';
    assert.strictEqual(picked(text, 'consts.MASK', 'MASK'), 'name: consts.MASK');
    assert.strictEqual(picked(text, 'consts.MASK', 'consts'), null);
  });

  it('expressions spanning lines inside brackets, with comments between', function () {
    const text = 'value = (flags\n         & 0xFF00  # high byte\n         | low)\n';
    assert.strictEqual(picked(text, '& 0xFF00', '&'), 'op: flags & 0xFF00');
    assert.strictEqual(picked(text, '| low', '|'), 'op: flags & 0xFF00 | low');
    assert.strictEqual(picked(text, '| low', 'low'), 'op: flags & 0xFF00 | low');
    assert.strictEqual(picked(text, '(flags', 'flags'), 'op: flags & 0xFF00');
    assert.strictEqual(picked(text, '# high byte', 'high'), null);
  });

  it('backslash continuations are one logical line', function () {
    const text = 'x = a \\\n    ^ b\n';
    assert.strictEqual(picked(text, '^ b', 'b'), 'op: a ^ b');
  });

  it('augmented assignment counts as its operation, with the whole value as right operand', function () {
    const text = 'x &= m\ny |= a | b\nz <<= 2\nw >>= k\nv ^= 1\nu += 1\n';
    assert.strictEqual(picked(text, 'x &= m', '&='), 'op: x &= m');
    assert.strictEqual(picked(text, 'x &= m', 'x'), 'op: x &= m');
    assert.strictEqual(picked(text, 'y |= a | b', '|='), 'op: y |= a | b');
    assert.strictEqual(picked(text, 'y |= a | b', 'a'), 'op: a | b');
    assert.strictEqual(picked(text, 'z <<= 2', '<<='), 'op: z <<= 2');
    assert.strictEqual(picked(text, 'w >>= k', 'k'), 'op: w >>= k');
    assert.strictEqual(picked(text, 'v ^= 1', '1'), 'op: v ^= 1');
    assert.strictEqual(picked(text, 'u += 1', '+='), null);
    assert.strictEqual(picked(text, 'u += 1', '1'), 'literal: 1');
  });

  it('whitespace, comments, strings and f-strings show nothing', function () {
    const text = 'r = a  &  b  # a & b\ns = "a & b"\nt = f"{a & b}"\n';
    assert.strictEqual(picked(text, 'a  &  b', ' ', 1), null);
    assert.strictEqual(picked(text, '# a & b', '&'), null);
    assert.strictEqual(picked(text, '"a & b"', '&'), null);
    assert.strictEqual(picked(text, 'f"{a & b}"', '&'), null);
    assert.strictEqual(picked(text, 'r = a', 'r'), 'name: r');
  });

  it('inside a call: the call\'s arguments are their own expressions, and the call is an operand', function () {
    const text = 'r = f(a & b, c) | len(x)\n';
    assert.strictEqual(picked(text, 'a & b', 'b'), 'op: a & b');
    assert.strictEqual(picked(text, 'f(a & b, c) |', 'c'), 'op: f(a & b, c) | len(x)');
    assert.strictEqual(picked(text, 'len(x)', 'x'), 'op: f(a & b, c) | len(x)');
  });

  it('positions outside the text or between statements show nothing', function () {
    const text = 'r = a & b\n\n';
    assert.strictEqual(locate(tokenize(text), text, 1, 0), null);
    assert.strictEqual(locate(tokenize(text), text, 99, 0), null);
    assert.strictEqual(locate(tokenize(text), text, 0, 999), null);
    assert.strictEqual(locate(tokenize(text), text, -1, -1), null);
  });

  it('the first operand of a comparison chain (it was its own parent: the hover never answered)', function () {
    const text = 'if 0 <= n < 8 ** (digits - 1):\n    pass\nx = (1 < a < 9) << 2\n';
    const located = locate(tokenize(text), text, 0, 3);
    assert.ok(located && located.kind === 'literal');
    assert.strictEqual(sourceOf(located.node, located.line, text), '0');
    assert.strictEqual(picked(text, '(1 < a < 9) << 2', '1'), 'op: (1 < a < 9) << 2');
  });
});
