/**
 * A string as Python's `json.dumps` writes it: `ensure_ascii` (non-ASCII and DEL as `\uXXXX`, astral characters
 * as surrogate pairs) or raw, and the hex case of those escapes. The `--json` report writes as interrogate's
 * json.dumps does; `--fix` on a notebook writes a cell's source in the notebook's own style.
 */

export interface JsonStringStyle {
  /** Non-ASCII as `\uXXXX` (`ensure_ascii=True`, Python's default), else raw. */
  asciiOnly: boolean;
  /** Hex digits of `\u` escapes in upper case (`\u00E9`; Python writes lower case). */
  upperHex: boolean;
}

const ENSURE_ASCII: JsonStringStyle = { asciiOnly: true, upperHex: false };

export function pythonJsonString(value: string, style: JsonStringStyle = ENSURE_ASCII): string {
  // Most strings (qualnames, paths, code lines) need no escaping at all: checked here, that is cheaper than
  // building them again through JSON.stringify and the regexes.
  let plain = true;
  for (let i = 0; i < value.length && plain; i++) {
    const c = value.charCodeAt(i);
    plain = c >= 0x20 && c < 0x7f && c !== 0x22 && c !== 0x5c;
  }
  if (plain) return `"${value}"`;
  let out = JSON.stringify(value);
  if (style.asciiOnly) out = out.replace(/[^\x00-\x7e]/g, (ch) => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0'));
  // Escapes read in pairs from the start, so an escaped backslash before a `u` is not taken for one.
  if (style.upperHex) out = out.replace(/\\(u[0-9a-f]{4}|.)/gs, (pair: string) => (pair[1] === 'u' ? '\\u' + pair.slice(2).toUpperCase() : pair));
  return out;
}
