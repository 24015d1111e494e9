/**
 * Calls and subscripts as the unknown operands of a symbolic layout (bits/hover.ts operandOf, bits/symbolic.ts
 * Operands): named by their source, the same operand where written twice unless a call is in it.
 */
import * as assert from 'assert';
import { bitsHover } from '../../server/src/bits/hover';

/** The hover on the last `op` of the body line of `def g(...):\n    return <expression>`. */
function hover(expression: string, op: string): string {
  const text = `def g(x, buf, i):\n    return ${expression}\n`;
  return bitsHover(text, 1, 11 + expression.lastIndexOf(op))?.markdown ?? '';
}

describe('bits symbolic layouts: calls and subscripts as operands', () => {
  it('f(x) & 0xF keeps bits 0–3 of f(x)', () => {
    const markdown = hover('f(x) & 0xF', '&');
    assert.match(markdown, /^Keeps bits 0–3 of `f\(x\)`\.$/m);
    assert.match(markdown, /…0000 ffff {2}f\(x\) & 0xF/);
  });

  it('buf[i] >> 4 keeps bits 4 and up of buf[i]', () => {
    assert.match(hover('buf[i] >> 4', '>>'), /^Keeps bits 4 and up of `buf\[i\]`, moved down to bit 0\.$/m);
  });

  it('a method call subscripted, shifted and masked: a bit field', () => {
    const markdown = hover('(self.read(1)[0] >> 5) & 0xF', '&');
    assert.match(markdown, /^Holds bits 5–8 of `self\.read\(1\)\[0\]` as a 4-bit number\.$/m);
    assert.match(markdown, /`r` stands for a bit of `self\.read\(1\)\[0\]`/);
  });

  it('a subscript written twice is one operand', () => {
    assert.match(hover('(buf[i] & 0xF) | (buf[i] & 0xF0)', '|'), /^Keeps bits 0–7 of `buf\[i\]`\.$/m);
    assert.match(hover('buf[i] ^ buf[i]', '^'), /^Bits 0 and up are 0\.$/m);
  });

  it('a call written twice is two values: the second one\'s bits are unknown', () => {
    const markdown = hover('f() ^ f()', '^');
    assert.doesNotMatch(markdown, /are 0\./);
    assert.match(markdown, /…\?\?\?\? \?\?\?\? {2}f\(\) \^ f\(\)/);
    assert.doesNotMatch(hover('(buf[f()] & 0xF) | (buf[f()] & 0xF0)', '|'), /Keeps bits 0–7/);
  });

  it('a call of something that is not a name is not an operand', () => {
    assert.doesNotMatch(hover('(x or f)(1) & 0xF', '&'), /stands for a bit/);
  });
});
