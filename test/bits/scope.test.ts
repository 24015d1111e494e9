/** Names resolved from constant assignments, on a real Python file (test/fixtures/bits/flags.py). */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { bitsHover } from '../../server/src/bits/hover';
import { locate } from '../../server/src/bits/locate';
import { bindingsBefore } from '../../server/src/bits/scope';
import { tokenize } from '../../server/src/python/lexer/cursor';
import { positionOf, readFixture } from './helpers';

const FLAGS = readFixture('flags.py');

/** What `name` means on the statement holding `snippet`: '<value> @<1-based line>', 'unknown', or undefined. */
function meaning(text: string, snippet: string, name: string, target?: string): string | undefined {
  const tokens = tokenize(text);
  const { line, character } = positionOf(text, snippet, target);
  const located = locate(tokens, text, line, character);
  assert.ok(located, `nothing located at ${snippet}`);
  const binding = bindingsBefore(text, located.line.start).lookup(name);
  if (binding === undefined) return undefined;
  return binding.value.kind === 'int' ? `${binding.value.value} @${binding.line + 1}` : binding.value.kind;
}

function hoverText(text: string, snippet: string, target?: string): string {
  const { line, character } = positionOf(text, snippet, target);
  const hover = bitsHover(text, line, character);
  assert.ok(hover, `no hover at ${snippet}`);
  return hover.markdown;
}

describe('bits scope: constants from earlier assignments', function () {
  it('module constants, evaluated in line order from earlier constants', function () {
    assert.strictEqual(meaning(FLAGS, 'mode & WRITE != 0', 'WRITE'), '2 @4');
    assert.strictEqual(meaning(FLAGS, 'mode & WRITE != 0', 'ALL'), '7 @6');
    assert.strictEqual(meaning(FLAGS, 'mode & WRITE != 0', 'EXEC'), '4 @5');
    assert.strictEqual(meaning(FLAGS, 'mode & WRITE != 0', 'WIDE'), `${1n << 70n} @10`);
  });

  it('annotated and chained assignments bind; a huge constant is marked, not computed', function () {
    assert.strictEqual(meaning(FLAGS, 'LOCAL & HIGH_NIBBLE', 'HIGH_NIBBLE'), '240 @7');
    assert.strictEqual(meaning(FLAGS, 'mode & ~EXEC', 'LOW'), '15 @8');
    assert.strictEqual(meaning(FLAGS, 'mode & ~EXEC', 'MASK'), '15 @8');
    assert.strictEqual(meaning(FLAGS, 'mode & ~EXEC', 'HUGE'), 'tooLarge');
  });

  it('augmented and import bindings make a name unknown; unpacking a tuple of constants binds each', function () {
    assert.strictEqual(meaning(FLAGS, 'retries & a', 'retries'), 'unknown');
    assert.strictEqual(meaning(FLAGS, 'retries & a', 'a'), '1 @14');
    assert.strictEqual(meaning(FLAGS, 'retries & a', 'b'), '2 @14');
    assert.strictEqual(meaning(FLAGS, 'retries & a', 'SEP'), 'unknown');
  });

  it('a def or class binds something known not to be an int', function () {
    assert.strictEqual(meaning(FLAGS, 'retries & a', 'can_write'), 'notInt');
    assert.strictEqual(meaning(FLAGS, 'retries & a', 'Packet'), 'notInt');
  });

  it('a parameter shadows a module constant of the same name', function () {
    assert.strictEqual(meaning(FLAGS, 'READ & 1', 'READ'), 'unknown');
    assert.match(hoverText(FLAGS, 'READ & 1', '&'), /Bit 0 is bit 0 of `READ`; bits 1 and up are 0\./);
  });

  it('function locals are visible in their function only; class attributes not in methods', function () {
    assert.strictEqual(meaning(FLAGS, 'LOCAL & HIGH_NIBBLE', 'LOCAL'), '48 @35');
    assert.strictEqual(meaning(FLAGS, 'LOCAL & 1', 'LOCAL'), undefined);
    assert.strictEqual(meaning(FLAGS, 'header & KIND_MASK', 'KIND_MASK'), undefined);
    assert.strictEqual(meaning(FLAGS, 'header & KIND_MASK', 'READ'), '1 @3');
  });

  it('a later module-level rebinding wins for code after it', function () {
    assert.strictEqual(meaning(FLAGS, 'READ & EXEC', 'READ'), '7 @50');
    assert.match(hoverText(FLAGS, 'READ & EXEC', '&'), /READ = 7 \(line 50\)/);
  });

  it('the hover names the line each constant comes from', function () {
    const markdown = hoverText(FLAGS, '(user << SHIFT) | group', '<<');
    assert.match(markdown, /left by SHIFT = 4 \(line 9\)/);
    assert.match(hoverText(FLAGS, 'LOCAL & HIGH_NIBBLE', '&'), /LOCAL = 48 \(line 35\)[\s\S]*HIGH_NIBBLE = 240 \(line 7\)/);
    assert.match(hoverText(FLAGS, 'LOCAL & HIGH_NIBBLE', '&'), /= `48` · `0x30` · `0b110000`/);
  });

  it('names bound after the hovered line are not used', function () {
    const text = 'x = A & 1\nA = 3\ny = A & 1\n';
    assert.strictEqual(meaning(text, 'x = A & 1', 'A', 'A'), undefined);
    assert.strictEqual(meaning(text, 'y = A & 1', 'A', 'A'), '3 @2');
  });

  it('a multi-line constant expression inside brackets', function () {
    const text = 'M = (1\n     | 2  # two\n     | 4)\nv = M & 6\n';
    assert.strictEqual(meaning(text, 'M & 6', 'M'), '7 @1');
  });
  it('tuple unpacking of as many elements binds each name (python3 gives the same); starred or called stays unknown', function () {
    const text = 'A, B = 1, 2\nx, y = (B, A)\n[a, b] = 3, 4\ns, *t = 1, 2, 3\nu, v = f()\nr = A | B | x << 3 | y << 6 | b << 8\n';
    const python = execFileSync('python3', ['-c', 'A, B = 1, 2\nx, y = (B, A)\n[a, b] = 3, 4\nprint(A | B | x << 3 | y << 6 | b << 8)'], { encoding: 'utf8' }).trim();
    assert.match(hoverText(text, '| b << 8', '|'), new RegExp(`^= \`${python}\``, 'm'));
    assert.strictEqual(meaning(text, 'r = A', 'y'), '1 @2');
    assert.strictEqual(meaning(text, 'r = A', 's'), 'unknown');
    assert.strictEqual(meaning(text, 'r = A', 'u'), 'unknown');
  });

  it('a name bound in a block and before it is unknown; bound only in a block, it is that value', function () {
    const text = 'try:\n    X = f()\nexcept E:\n    X = 2\nif c:\n    Y = 4\nZ = 1\nif c:\n    Z = 8\nr = X | Y | Z\n';
    assert.strictEqual(meaning(text, 'r = X', 'X'), 'unknown');
    assert.strictEqual(meaning(text, 'r = X', 'Y'), '4 @6');
    assert.strictEqual(meaning(text, 'r = X', 'Z'), 'unknown');
  });
});
