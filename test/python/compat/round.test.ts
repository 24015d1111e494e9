/** Python's float rounding and formatting (python/compat/round.ts), checked against python3. */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { decimalPlaces, pyFloatRepr, pyFormatFixed } from '../../../server/src/python/compat/round';

describe('python/compat/round: Python number semantics', () => {
  it('formats {:.Nf} like Python, not like toFixed', () => {
    assert.strictEqual(pyFormatFixed(62.5, 0), '62'); // toFixed says 63
    assert.strictEqual(pyFormatFixed(0.5, 0), '0');
    assert.strictEqual(pyFormatFixed(0.25, 1), '0.2');
    assert.strictEqual(pyFormatFixed(79.95, 1), '80.0');
    assert.strictEqual(pyFormatFixed(100, 1), '100.0');
    assert.strictEqual(pyFormatFixed((2 / 3) * 100, 1), '66.7');
    assert.strictEqual(pyFormatFixed(-0.0, 1), '-0.0');
    assert.strictEqual(pyFormatFixed(0.001, 1), '0.0');
  });

  it('writes floats as Python repr does', () => {
    const cases: [number, string][] = [
      [80, '80.0'], [33.3, '33.3'], [95.55, '95.55'], [0, '0.0'], [-0, '-0.0'], [1e16, '1e+16'], [1e-5, '1e-05'],
      [0.0001, '0.0001'], [123456789012345.6, '123456789012345.6'], [1.5e300, '1.5e+300'], [5e-324, '5e-324'],
      [100, '100.0'], [(2 / 3) * 100, '66.66666666666666'],
    ];
    for (const [x, want] of cases) assert.strictEqual(pyFloatRepr(x), want, String(x));
  });

  it('counts the decimals of str(float(fail_under)) like Decimal(...).exponent', () => {
    assert.strictEqual(decimalPlaces(80), 1);
    assert.strictEqual(decimalPlaces(95.55), 2);
    assert.strictEqual(decimalPlaces(0), 1);
    assert.strictEqual(decimalPlaces(1e16), -16);
    assert.strictEqual(decimalPlaces(1e-5), 5);
  });

  it('agrees with python3 on 3000 random values', function () {
    this.timeout(60000);
    let seed = 12345;
    const rand = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const values: number[] = [];
    for (let i = 0; i < 1000; i++) values.push(Math.floor(rand() * 100000) / 1000); // many exact-ish ties
    for (let i = 0; i < 1000; i++) values.push(((Math.floor(rand() * 500) + 1) / (Math.floor(rand() * 500) + 1)) * 100);
    for (let i = 0; i < 1000; i++) values.push((rand() - 0.5) * 10 ** Math.floor(rand() * 40 - 20));
    const ndigits = values.map(() => Math.floor(rand() * 6) - 1);
    const script = [
      'import json, sys',
      'vals, nds = json.load(sys.stdin)',
      'vals = [float(v) for v in vals]',
      'out = [[format(x, ".%df" % max(n, 0)), repr(x)] for x, n in zip(vals, nds)]',
      'print(json.dumps(out))',
    ].join('\n');
    const py = JSON.parse(execFileSync('python3', ['-c', script], { input: JSON.stringify([values, ndigits]) }).toString()) as string[][];
    values.forEach((x, i) => {
      const n = ndigits[i];
      assert.deepStrictEqual(
        [pyFormatFixed(x, Math.max(n, 0)), pyFloatRepr(x)],
        py[i],
        `x=${x} n=${n}`,
      );
    });
  });
});
