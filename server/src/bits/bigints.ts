/** Small BigInt helpers with Python's meaning. */

/** Python's `int.bit_length()`: bits of the absolute value, 0 for 0. */
export function bitLength(value: bigint): number {
  if (value < 0n) value = -value;
  if (value < 0x20000000000000n) {
    // Exact as a double: no string needed for the common small values.
    const n = Number(value);
    return n < 0x100000000 ? 32 - Math.clz32(n) : 64 - Math.clz32(Math.floor(n / 0x100000000));
  }
  // Wider: shift off the high part, halving the shift each time, so the rest is always shorter than the shift.
  // Shifts past the top are free (zero at once) and each kept shift halves what is left: linear in all,
  // ten times faster than a hex string, and this runs for every operand of every operation.
  let bits = 0;
  for (let k = 1 << 30; value >= 0x20000000000000n; k >>= 1) {
    const high = value >> BigInt(k);
    if (high !== 0n) {
      value = high;
      bits += k;
    }
  }
  return bits + bitLength(value);
}

/** Bits needed to show the value in two's complement with at least one sign bit (0 for 0). */
export function signedBitLength(value: bigint): number {
  return value < 0n ? bitLength(-value - 1n) + 1 : bitLength(value) + 1;
}

/** Python's `//` (floors); the divisor must not be 0. */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && (a < 0n) !== (b < 0n) ? q - 1n : q;
}

/** Python's `%` (the result takes the divisor's sign); the divisor must not be 0. */
export function floorMod(a: bigint, b: bigint): bigint {
  const r = a % b;
  return r !== 0n && (r < 0n) !== (b < 0n) ? r + b : r;
}

/** Number of 1 bits of a non-negative value. */
export function popCount(value: bigint): number {
  let count = 0;
  for (const digit of value.toString(16)) count += POP_COUNT_OF_HEX_DIGIT[parseInt(digit, 16)];
  return count;
}
const POP_COUNT_OF_HEX_DIGIT = [0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4];

/** Python's `hex()`, `oct()`, `bin()` and `str()` spelling. */
export function pythonRepr(value: bigint, base: 'dec' | 'hex' | 'bin' | 'oct'): string {
  const sign = value < 0n ? '-' : '';
  const magnitude = value < 0n ? -value : value;
  switch (base) {
    case 'dec': return sign + magnitude.toString(10);
    case 'hex': return `${sign}0x${magnitude.toString(16)}`;
    case 'bin': return `${sign}0b${magnitude.toString(2)}`;
    case 'oct': return `${sign}0o${magnitude.toString(8)}`;
  }
}
