/**
 * Python's float rounding and formatting, reproduced exactly.
 *
 * interrogate prints percentages with `{:.1f}` and `{:.0f}`. Python formats on the exact binary value of the double and breaks exact ties to even; JavaScript's
 * `toFixed` breaks ties away from zero, so `(62.5).toFixed(0)` is "63" where Python prints "62". We therefore
 * expand the double into an exact rational with BigInt and round that.
 */

/** x = sign * mantissa * 2^exponent, exactly (x finite). */
function decompose(x: number): { negative: boolean; mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const negative = hi >>> 31 === 1;
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exponent: number;
  if (biased === 0) {
    exponent = -1074; // subnormal
  } else {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  return { negative, mantissa, exponent };
}

/** round(|x| * 10^ndigits) to an integer, ties to even, computed exactly. */
function scaledHalfEven(x: number, ndigits: number): { negative: boolean; q: bigint } {
  const { negative, mantissa, exponent } = decompose(x);
  let num = mantissa;
  let den = 1n;
  if (exponent >= 0) num <<= BigInt(exponent);
  else den <<= BigInt(-exponent);
  if (ndigits >= 0) num *= 10n ** BigInt(ndigits);
  else den *= 10n ** BigInt(-ndigits);
  let q = num / den;
  const twiceRemainder = (num % den) * 2n;
  if (twiceRemainder > den || (twiceRemainder === den && q % 2n === 1n)) q += 1n;
  return { negative, q };
}

/** Python's `format(x, ".Nf")`: exact value, ties to even, `-` kept for negative zero. */
export function pyFormatFixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x < 0 ? '-inf' : 'inf';
  const { negative, q } = scaledHalfEven(x, digits);
  let text = q.toString();
  if (digits > 0) {
    text = text.padStart(digits + 1, '0');
    text = `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  }
  return (negative ? '-' : '') + text;
}

/**
 * Python's `repr(float)`: the shortest digits that round-trip (the same digits JS picks), laid out as Python
 * does: positional for 1e-4 <= |x| < 1e16 with at least one decimal ("80.0"), otherwise `1e+16` / `1.5e-05`.
 */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x < 0 ? '-inf' : 'inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mant, expText] = Math.abs(x).toExponential().split('e');
  const digits = mant.replace('.', '');
  const exp = Number(expText);
  if (exp >= -4 && exp < 16) {
    if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
    const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    const fracPart = digits.slice(exp + 1) || '0';
    return `${sign}${intPart}.${fracPart}`;
  }
  const expOut = `${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return `${sign}${mant}e${expOut}`;
}

/**
 * The number of decimals interrogate rounds the actual coverage to: `-Decimal(str(fail_under)).exponent`,
 * i.e. 80 -> "80.0" -> 1, 95.55 -> 2, 1e16 -> "1e+16" -> -16.
 */
export function decimalPlaces(x: number): number {
  const text = pyFloatRepr(x);
  const match = /^-?\d*(?:\.(\d*))?(?:e([+-]\d+))?$/.exec(text);
  if (!match) return 0; // inf / nan: interrogate would crash; any value will do
  const fractionDigits = match[1] ? match[1].length : 0;
  const exponent = match[2] ? Number(match[2]) : 0;
  return fractionDigits - exponent;
}
