/**
 * Golden markdown of the hover for each operator, with positive and negative operands. The expected text is
 * written out literally (checked by eye: rows right-aligned, operator at the left, a rule before the result).
 */
import * as assert from 'assert';
import { bitsHover } from '../../server/src/bits/hover';
import { BitsHoverOptions } from '../../server/src/bits/options';

/** The hover on the operator marked by `@` in `r = <expression>`. */
function hoverOn(marked: string, options?: Partial<BitsHoverOptions>): string | undefined {
  const at = marked.indexOf('@');
  return bitsHover(`r = ${marked.replace('@', '')}\n`, 0, 4 + at, options)?.markdown;
}

const SIGN_NOTE = '`…` the leftmost bit shown repeats forever: Python ints have no fixed width, so a negative number '
  + 'behaves as if it had infinitely many leading 1s (two\'s complement).';

function md(...parts: string[]): string {
  return parts.join('\n');
}

describe('bits render: golden markdown', function () {
  it('& with positive operands', function () {
    assert.strictEqual(hoverOn('12 @& 0b1010'), md(
      '```',
      '  0000 1100  12',
      '& 0000 1010  0b1010 = 10',
      '  ─────────',
      '  0000 1000  12 & 0b1010 = 8',
      '```',
      '',
      '= `8` · `0x8` · `0b1000`',
    ));
  });

  it('| with a negative operand', function () {
    assert.strictEqual(hoverOn('-8 @| 3'), md(
      '```',
      '  …1111 1000  -8',
      '| …0000 0011  3',
      '  ──────────',
      '  …1111 1011  -8 | 3 = -5',
      '```',
      '',
      '= `-5` · `-0x5` · `-0b101`',
      '',
      SIGN_NOTE,
    ));
  });

  it('^ with positive operands, and with -1', function () {
    assert.strictEqual(hoverOn('0xC @^ 0xA'), md(
      '```',
      '  0000 1100  0xC = 12',
      '^ 0000 1010  0xA = 10',
      '  ─────────',
      '  0000 0110  0xC ^ 0xA = 6',
      '```',
      '',
      '= `6` · `0x6` · `0b110`',
    ));
    assert.strictEqual(hoverOn('-1 @^ 5'), md(
      '```',
      '  …1111 1111  -1',
      '^ …0000 0101  5',
      '  ──────────',
      '  …1111 1010  -1 ^ 5 = -6',
      '```',
      '',
      '= `-6` · `-0x6` · `-0b110`',
      '',
      SIGN_NOTE,
    ));
  });

  it('& of a negative number and a mask: two\'s complement at a common width', function () {
    assert.strictEqual(hoverOn('-6 @& 0xFF'), md(
      '```',
      '  …1111 1111 1010  -6',
      '& …0000 1111 1111  0xFF = 255',
      '  ───────────────',
      '  …0000 1111 1010  -6 & 0xFF = 250',
      '```',
      '',
      '= `250` · `0xfa` · `0b11111010`',
      '',
      SIGN_NOTE,
    ));
  });

  it('~ shows the flip, both ways', function () {
    assert.strictEqual(hoverOn('@~5'), md(
      '```',
      '  …0000 0101  5',
      '~ ──────────  flip every bit',
      '  …1111 1010  ~5 = -6',
      '```',
      '',
      '= `-6` · `-0x6` · `-0b110`',
      '',
      SIGN_NOTE,
    ));
    assert.strictEqual(hoverOn('@~-6'), md(
      '```',
      '  …1111 1010  -6',
      '~ ──────────  flip every bit',
      '  …0000 0101  ~-6 = 5',
      '```',
      '',
      '= `5` · `0x5` · `0b101`',
      '',
      SIGN_NOTE,
    ));
  });

  it('<< shows the bits moving left, for positive and negative numbers', function () {
    assert.strictEqual(hoverOn('5 @<< 3'), md(
      '```',
      '   0000 0101  5',
      '<< ─────────  left by 3',
      '   0010 1000  5 << 3 = 40',
      '```',
      '',
      '= `40` · `0x28` · `0b101000`',
    ));
    assert.strictEqual(hoverOn('-3 @<< 2'), md(
      '```',
      '   …1111 1101  -3',
      '<< ──────────  left by 2',
      '   …1111 0100  -3 << 2 = -12',
      '```',
      '',
      '= `-12` · `-0xc` · `-0b1100`',
      '',
      SIGN_NOTE,
    ));
  });

  it('>> floors, and says which bits fall off', function () {
    assert.strictEqual(hoverOn('182 @>> 3'), md(
      '```',
      '   1011 0110  182',
      '>> ─────────  right by 3',
      '   0001 0110  182 >> 3 = 22 (shifted out: 110)',
      '```',
      '',
      '= `22` · `0x16` · `0b10110`',
    ));
    assert.strictEqual(hoverOn('-182 @>> 3'), md(
      '```',
      '   …1111 0100 1010  -182',
      '>> ───────────────  right by 3',
      '   …1111 1110 1001  -182 >> 3 = -23 (shifted out: 010)',
      '```',
      '',
      '= `-23` · `-0x17` · `-0b10111`',
      '',
      SIGN_NOTE,
    ));
  });

  it('nested expressions show their steps innermost first', function () {
    assert.strictEqual(hoverOn('(3 | 4) @& ~2'), md(
      '```',
      '  …0000 0011  3',
      '| …0000 0100  4',
      '  ──────────',
      '  …0000 0111  3 | 4 = 7',
      '',
      '  …0000 0010  2',
      '~ ──────────  flip every bit',
      '  …1111 1101  ~2 = -3',
      '',
      '  …0000 0111  3 | 4 = 7',
      '& …1111 1101  ~2 = -3',
      '  ──────────',
      '  …0000 0101  (3 | 4) & ~2 = 5',
      '```',
      '',
      '= `5` · `0x5` · `0b101`',
      '',
      SIGN_NOTE,
    ));
  });

  it('byte grouping, a smaller minimum width and other bases follow the options', function () {
    assert.strictEqual(hoverOn('0x1234 @& 0xFF', { grouping: 'byte', bases: ['hex', 'oct'] }), md(
      '```',
      '  00010010 00110100  0x1234 = 4660',
      '& 00000000 11111111  0xFF = 255',
      '  ─────────────────',
      '  00000000 00110100  0x1234 & 0xFF = 52',
      '```',
      '',
      '= `0x34` · `0o64`',
    ));
    assert.strictEqual(hoverOn('1 @| 2', { minWidth: 4 }), md(
      '```',
      '  0001  1',
      '| 0010  2',
      '  ────',
      '  0011  1 | 2 = 3',
      '```',
      '',
      '= `3` · `0x3` · `0b11`',
    ));
  });

  it('wide values show their low bits and their bit count', function () {
    assert.strictEqual(hoverOn('(1 << 70) @| 1', { maxBits: 16 }), md(
      '```',
      '    0000 0000 0000 0001  1',
      '<< ────────────────────  left by 70',
      '   «0000 0000 0000 0000  1 << 70 = 71-bit number',
      '',
      '   «0000 0000 0000 0000  1 << 70 = 71-bit number',
      '|   0000 0000 0000 0001  1',
      '   ────────────────────',
      '   «0000 0000 0000 0001  (1 << 70) | 1 = 71-bit number',
      '```',
      '',
      '= `1180591620717411303425` · `0x400000000000000001` · `0b1000000000000000…0000000000000001` (71 bits)',
      '',
      'Sets bit `70` of `1`.',
      '',
      '`«` only the low 16 of 71 bits are shown.',
    ));
  });

  it('errors and huge shifts are reported, not computed', function () {
    assert.strictEqual(hoverOn('5 @>> -1'), md(
      '```',
      '   0000 0101  5',
      '>> ─────────  right by -1',
      '```',
      '',
      'Python raises **ValueError**: negative shift count.',
    ));
    assert.strictEqual(hoverOn('1 @<< 10**9'), md(
      '```',
      '   0000 0001  1',
      '<< ─────────  left by 10**9 = 1000000000',
      '```',
      '',
      'Not computed: a shift by 1000000000 bits is over the 4096-bit limit.',
    ));
  });

  it('a literal alone: every base and its bit layout', function () {
    const hover = bitsHover('MODE = 0o755\n', 0, 8);
    assert.strictEqual(hover?.markdown, md(
      '```',
      '0001 1110 1101  0o755',
      '```',
      '',
      '= `493` · `0x1ed` · `0b111101101` · `0o755`',
      '',
      '9 bits long, 7 set',
    ));
    assert.deepStrictEqual(hover?.range, { start: { line: 0, character: 7 }, end: { line: 0, character: 12 } });
  });

  it('the range covers the whole operation, across lines', function () {
    const hover = bitsHover('v = (a\n     | b)\n', 1, 5);
    assert.deepStrictEqual(hover?.range, { start: { line: 0, character: 4 }, end: { line: 1, character: 9 } });
  });
});
