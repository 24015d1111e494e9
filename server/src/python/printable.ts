/**
 * Names as a report may show them. A file name can hold any character but `/` and NUL: a newline followed by a
 * forged `RESULT: PASSED` line, terminal escape codes, or bidirectional overrides that make text read
 * differently from what it is. Such characters are written the way Python's repr() writes them (`\n`, `\x1b`,
 * `\u202e`), so a report line is always one line and says what the name really is. `--json` stays exact.
 */

// C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional marks, embeddings, overrides
// and isolates. Backslashes stay as they are, so ordinary names print exactly as interrogate prints them.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const UNPRINTABLE_ALL = new RegExp(UNPRINTABLE.source, 'g');

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(ch: string): string {
  const named = NAMED[ch];
  if (named !== undefined) return named;
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** The text with control, separator and bidi characters escaped; most names pass through untouched. */
export function printable(text: string): string {
  // Only names that hold one of them are rebuilt: a table of 100,000 plain names costs one test each.
  return UNPRINTABLE.test(text) ? text.replace(UNPRINTABLE_ALL, escapeOne) : text;
}

/**
 * Python's repr() of a string, as click quotes option names and values in its messages: single quotes unless
 * the text holds one and no double quote, backslashes and the quote escaped, unprintables as printable() writes them.
 */
export function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  const escaped = s.replace(/\\/g, '\\\\').split(quote).join(`\\${quote}`);
  return `${quote}${printable(escaped)}${quote}`;
}
