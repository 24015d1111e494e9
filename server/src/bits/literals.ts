/** Python integer literals: every base, underscores, True/False. */

/**
 * Longest literal we convert. Python itself refuses decimal literals over 4,300 digits; the cap keeps a
 * megabyte of digits from costing a quadratic conversion.
 */
export const MAX_LITERAL_DIGITS = 20_000;

export type LiteralValue = { ok: true; value: bigint } | { ok: false; reason: 'not an integer' | 'too long' };

/** The value of an integer literal token (`0x_FF`, `0b1010`, `0o17`, `1_000`, `True`), or why there is none. */
export function parseIntLiteral(text: string): LiteralValue {
  if (text === 'True') return { ok: true, value: 1n };
  if (text === 'False') return { ok: true, value: 0n };
  const digits = text.replace(/_/g, '');
  if (digits.length > MAX_LITERAL_DIGITS) return { ok: false, reason: 'too long' };
  const prefix = digits.slice(0, 2).toLowerCase();
  const pattern = prefix === '0x' ? /^0x[0-9a-f]+$/i : prefix === '0o' ? /^0o[0-7]+$/i : prefix === '0b' ? /^0b[01]+$/i
    // Decimal: no leading zeros except for zero itself (`00` is fine, `01` is a SyntaxError).
    : /^(?:0+|[1-9][0-9]*)$/;
  if (!pattern.test(digits)) return { ok: false, reason: 'not an integer' };
  // BigInt understands 0x/0o/0b itself, in lower case only.
  return { ok: true, value: BigInt(prefix.startsWith('0') ? prefix + digits.slice(2) : digits) };
}
