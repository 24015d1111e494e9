/**
 * Turning a Python file's bytes into text the way CPython does (PEP 263): a UTF-8 BOM, or a coding cookie
 * on line 1 (or on line 2 if line 1 is blank or a comment), else UTF-8. Undecodable input is an error
 * result, never an exception.
 */

export type DecodeResult =
  | { ok: true; text: string; encoding: string }
  | { ok: false; error: string };

const COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;
const BLANK_OR_COMMENT = /^[ \t\f]*(?:[#\r\n]|$)/;

const LATIN_1_NAMES = new Set(['latin-1', 'latin1', 'iso-8859-1', 'iso8859-1', 'iso-latin-1', 'l1', 'latin',
  'iso-ir-100', 'cp819', '8859', 'iso-8859-1-1987', 'ibm819']);
const ASCII_NAMES = new Set(['ascii', 'us-ascii', '646', 'us', 'ansi-x3.4-1968', 'iso646-us', 'cp367']);
const UTF8_NAMES = new Set(['utf-8', 'utf8', 'u8', 'utf', 'cp65001', 'utf8-ucs2', 'utf8-ucs4']);

/** Python's `_get_normal_name` from tokenize, then our own normalisation of separators. */
export function normalizeEncodingName(name: string): string {
  const lower = name.toLowerCase().replace(/_/g, '-');
  if (lower === 'utf-8' || lower.startsWith('utf-8-')) return 'utf-8';
  if (/^(latin-1|iso-8859-1|iso-latin-1)(-|$)/.test(lower)) return 'latin-1';
  if (UTF8_NAMES.has(lower)) return 'utf-8';
  if (LATIN_1_NAMES.has(lower)) return 'latin-1';
  if (ASCII_NAMES.has(lower)) return 'ascii';
  return lower;
}

/** The first (up to) two lines of the file, as bytes decoded leniently, to look for a cookie. */
function firstLines(bytes: Uint8Array, start: number): [string, string] {
  const lines: string[] = [];
  let lineStart = start;
  for (let i = start; i < bytes.length && lines.length < 2 && i - start < 4096; i++) {
    if (bytes[i] === 10) {
      lines.push(latin1(bytes.subarray(lineStart, i + 1)));
      lineStart = i + 1;
    }
  }
  if (lines.length < 2) lines.push(latin1(bytes.subarray(lineStart, Math.min(bytes.length, lineStart + 4096))));
  return [lines[0] ?? '', lines[1] ?? ''];
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    s += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + 8192)));
  }
  return s;
}

/** The coding cookie's encoding name, or undefined. */
export function findCookie(bytes: Uint8Array, start = 0): string | undefined {
  const [first, second] = firstLines(bytes, start);
  const m1 = COOKIE.exec(first);
  if (m1) return m1[1];
  if (!BLANK_OR_COMMENT.test(first)) return undefined;
  const m2 = COOKIE.exec(second);
  return m2 ? m2[1] : undefined;
}

import { TextDecoder } from "util";

const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodePython(bytes: Uint8Array): DecodeResult {
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const start = hasBom ? 3 : 0;
  const cookie = findCookie(bytes, start);
  let encoding = cookie === undefined ? 'utf-8' : normalizeEncodingName(cookie);
  if (hasBom && encoding !== 'utf-8') {
    return { ok: false, error: `encoding problem: ${cookie} with BOM` };
  }
  try {
    if (encoding === 'utf-8') {
      return { ok: true, text: utf8Decoder.decode(bytes.subarray(start)), encoding };
    }
    if (encoding === 'latin-1') return { ok: true, text: latin1(bytes), encoding };
    if (encoding === 'ascii') {
      const bad = bytes.findIndex((b) => b >= 0x80);
      if (bad >= 0) return { ok: false, error: `'ascii' codec can't decode byte 0x${bytes[bad].toString(16)} at offset ${bad}` };
      return { ok: true, text: latin1(bytes), encoding };
    }
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(encoding, { fatal: true });
    } catch {
      try {
        decoder = new TextDecoder(encoding.replace(/^cp(?=\d)/, 'windows-'), { fatal: true });
        encoding = decoder.encoding;
      } catch {
        return { ok: false, error: `unknown encoding: ${cookie}` };
      }
    }
    return { ok: true, text: decoder.decode(bytes), encoding };
  } catch {
    const label = encoding === 'utf-8' ? "'utf-8' codec" : `'${encoding}' codec`;
    return { ok: false, error: `${label} can't decode the file (invalid bytes for this encoding)` };
  }
}
