/** No input makes the hover throw or hang: huge shifts and powers, deep nesting, huge lines, garbage. */
import * as assert from 'assert';
import { bitsHover } from '../../server/src/bits/hover';
import { evaluateSource } from '../../server/src/bits/evaluate';
import { Prng } from '../helpers/prng';

/** Runs f, asserting it finishes within a second without throwing; returns its result. */
function quickly<T>(what: string, f: () => T): T {
  const start = Date.now();
  let result: T;
  assert.doesNotThrow(() => {
    result = f();
  }, what);
  const elapsed = Date.now() - start;
  assert.ok(elapsed < 1000, `${what} took ${elapsed} ms`);
  return result!;
}

describe('bits robustness', function () {
  it('1 << 10**9 and 2 ** 10**9 are reported at once, never computed', function () {
    for (const expression of ['1 << 10**9', '2 ** 10**9', '(1 << 4000) ** 4000', '-1 << (1 << 100)', '3 ** 10**100']) {
      const value = quickly(expression, () => evaluateSource(expression));
      assert.strictEqual(value.kind, 'tooLarge', expression);
      const hover = quickly(expression, () => bitsHover(`x = ${expression} | 1\n`, 0, 4 + expression.length + 1));
      assert.match(hover!.markdown, /Not computed/);
    }
    assert.deepStrictEqual(quickly('>> huge', () => evaluateSource('-5 >> 10**100')), { kind: 'int', value: -1n });
  });

  it('many big multiplications stay within the work budget', function () {
    const big = '(1 << 4000) * (1 << 4000)';
    const expression = `${big}${` + ${big}`.repeat(5_000)}`;
    const value = quickly('multiplications', () => evaluateSource(expression));
    assert.strictEqual(value.kind, 'tooLarge');
    const growing = '(1 << 4000)' + ' * (1 << 4000)'.repeat(20) + ' * 3'.repeat(20_000);
    assert.strictEqual(quickly('growing product', () => evaluateSource(growing)).kind, 'tooLarge');
  });

  it('10,000 nested parentheses, and 10,000 nested operations', function () {
    const nested = '('.repeat(10_000) + '5 & 3' + ')'.repeat(10_000);
    const hover = quickly('nested parentheses', () => bitsHover(`x = ${nested}\n`, 0, 4 + 10_000 + 2));
    assert.match(hover!.markdown, /= `1`/);
    const chain = '('.repeat(10_000) + '1' + ' & 1)'.repeat(10_000);
    const chainHover = quickly('nested operations', () => bitsHover(`x = ${chain}\n`, 0, 4 + chain.length - 4));
    assert.match(chainHover!.markdown, /earlier steps not shown/);
    const unary = '~-'.repeat(20_000) + '7 & 1';
    quickly('nested unary operators', () => bitsHover(`x = ${unary}\n`, 0, 4));
    const unclosed = '('.repeat(10_000) + '1 | 2';
    quickly('unclosed parentheses', () => bitsHover(`x = ${unclosed}\n`, 0, 4 + 10_000 + 2));
  });

  it('a 1 MB line', function () {
    const line = 'x = ' + Array.from({ length: 100_000 }, (_, i) => `v${i % 97} & 0x${(i % 255).toString(16)}`).join(' | ') + '\n';
    assert.ok(line.length > 1_000_000);
    const hover = quickly('1 MB line', () => bitsHover(line, 0, line.length - 10));
    assert.ok(hover);
    const digits = 'x = ' + '9'.repeat(1_000_000) + ' & 1\n';
    quickly('1 MB literal', () => bitsHover(digits, 0, 1_000_006));
    quickly('1 MB literal hovered', () => bitsHover(digits, 0, 10));
  });

  it('garbage tokens, broken code and odd positions', function () {
    const random = new Prng(42);
    const pieces = ['&', '|', '^', '~', '<<', '>>', '<<=', '&=', '(', ')', '[', ']', '{', '}', '1', '0x', '0b2', '1_',
      'x', 'def', 'lambda', ':', ',', '=', '==', '"s', "'", '#', '\\', '\n', '\t', '  ', '**', '-', '//', '%', '0',
      '1e5', '3j', '$', '?', '`', 'é', '\u{1F600}', 'if', 'else', 'not', 'True', '.', '...', '@', 'f"{x &', '\r'];
    for (let round = 0; round < 300; round++) {
      let text = '';
      const length = random.int(1, 60);
      for (let i = 0; i < length; i++) text += random.pick(pieces) + (random.chance(0.5) ? ' ' : '');
      const lines = text.split('\n');
      for (let probe = 0; probe < 10; probe++) {
        const line = random.int(-1, lines.length);
        const character = random.int(-1, (lines[Math.max(0, Math.min(line, lines.length - 1))]?.length ?? 0) + 1);
        quickly(JSON.stringify(text), () => bitsHover(text, line, character));
      }
    }
  });

  it('nonsense options and inputs return null or a hover, never throw', function () {
    quickly('options', () => bitsHover('x = 1 & 2\n', 0, 6, { minWidth: -5, maxBits: NaN, bases: [] as never, grouping: 'x' as never }));
    assert.strictEqual(bitsHover('x = 1 & 2\n', 0, 6, { enabled: false }), null);
    assert.strictEqual(bitsHover(undefined as unknown as string, 0, 0), null);
    assert.strictEqual(bitsHover('', 0, 0), null);
    assert.strictEqual(bitsHover('x = 1 & 2\n', NaN, NaN), null);
  });
});
