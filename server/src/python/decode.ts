/**
 * Turning a Python file's bytes into text the way CPython does (PEP 263): a UTF-8 BOM, or a coding cookie
 * on line 1 (or on line 2 if line 1 is blank or a comment), else UTF-8. Undecodable input is an error
 * result, never an exception.
 */

export type DecodeResult =
  | { ok: true; text: string; encoding: string }
  | { ok: false; error: string };

import { TextDecoder } from 'util';

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
  while (lines.length < 2 && lineStart < bytes.length) {
    const lf = bytes.indexOf(10, lineStart);
    const end = lf < 0 ? bytes.length : lf + 1;
    lines.push(latin1(bytes, lineStart, end));
    lineStart = end;
  }
  return [lines[0] ?? '', lines[1] ?? ''];
}

/** Bytes as ISO-8859-1 (each byte one character), natively (TextDecoder's 'latin1' is really windows-1252). */
function latin1(bytes: Uint8Array, start = 0, end = bytes.length): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
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
    if (decoder.encoding === 'windows-1252') {
      const text = decodeCp1252(bytes);
      if (text === undefined) throw new Error('undefined byte');
      return { ok: true, text, encoding };
    }
    return { ok: true, text: decoder.decode(bytes), encoding };
  } catch {
    const label = encoding === 'utf-8' ? "'utf-8' codec" : `'${encoding}' codec`;
    return { ok: false, error: `${label} can't decode the file (invalid bytes for this encoding)` };
  }
}

/**
 * Python's cp1252 for bytes 0x80-0x9F (0: no character there, decoding fails). Needed because Node's
 * TextDecoder decodes windows-1252 as latin-1 (0x80 gives U+0080, not the euro sign).
 */
const CP1252_C1 = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

function decodeCp1252(bytes: Uint8Array): string | undefined {
  const units = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x80 || b >= 0xa0) units[i] = b;
    else if ((units[i] = CP1252_C1[b - 0x80]) === 0) return undefined;
  }
  return Buffer.from(units.buffer, 0, units.byteLength).toString('utf16le');
}
