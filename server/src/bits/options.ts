/** Settings of the bitwise hover (re-exported by hover.ts, the public entry point). */

export type Base = 'dec' | 'hex' | 'bin' | 'oct';

export interface BitsHoverOptions {
  enabled: boolean;
  /** Fewest bits a row shows. */
  minWidth: number;
  /** Bits are shown in groups of 4 ('nibble') or 8 ('byte'). */
  grouping: 'nibble' | 'byte';
  /** The bases of the `= result` line, in order. */
  bases: Base[];
  /** Widest left shift that is computed; larger ones are reported. */
  maxShift: number;
  /** Widest value drawn in full; wider ones show their low bits. */
  maxBits: number;
}

export const DEFAULT_BITS_HOVER_OPTIONS: BitsHoverOptions = {
  enabled: true, minWidth: 8, grouping: 'nibble', bases: ['dec', 'hex', 'bin'], maxShift: 4096, maxBits: 64,
};

/** The options with defaults filled in and nonsense (negative, NaN, huge) replaced by defaults or clamped. */
export function normalizeOptions(partial: Partial<BitsHoverOptions> | undefined): BitsHoverOptions {
  const d = DEFAULT_BITS_HOVER_OPTIONS;
  const p = partial ?? {};
  const whole = (value: unknown, fallback: number, low: number, high: number): number =>
    typeof value === 'number' && Number.isFinite(value) ? Math.min(high, Math.max(low, Math.floor(value))) : fallback;
  const bases = Array.isArray(p.bases) ? p.bases.filter((b): b is Base => ['dec', 'hex', 'bin', 'oct'].includes(b)) : d.bases;
  return {
    enabled: p.enabled ?? d.enabled,
    minWidth: whole(p.minWidth, d.minWidth, 1, 1024),
    grouping: p.grouping === 'byte' ? 'byte' : 'nibble',
    bases: bases.length > 0 ? bases : d.bases,
    maxShift: whole(p.maxShift, d.maxShift, 0, 1 << 20),
    maxBits: whole(p.maxBits, d.maxBits, 8, 1024),
  };
}
