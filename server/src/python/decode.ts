/**
 * Turning a Python file's bytes into text the way CPython does (PEP 263): a UTF-8 BOM, or a coding cookie
 * on line 1 (or on line 2 if line 1 is blank or a comment), else UTF-8. Undecodable input is an error
 * result, never an exception.
 */

export type DecodeResult =
  | { ok: true; text: string; encoding: string }
  | { ok: false; error: string };

import { TextDecoder } from 'util';
import { CHARMAP_TABLES, CODEC_ALIASES, TEXT_CODECS } from './codepages';

const COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;
const BLANK_OR_COMMENT = /^[ \t\f]*(?:[#\r\n]|$)/;

/**
 * tokenize's `_get_normal_name`: the two spellings CPython's tokenizer knows itself. Everything else is left
 * as written and goes to the codec registry (lookupCodec).
 */
function normalizeEncodingName(name: string): string {
  const head = name.slice(0, 12).toLowerCase().replace(/_/g, '-');
  if (head === 'utf-8' || head.startsWith('utf-8-')) return 'utf-8';
  if (/^(latin-1|iso-8859-1|iso-latin-1)(-|$)/.test(head)) return 'iso-8859-1';
  return name;
}

/**
 * The codec module `codecs.lookup(name)` finds in CPython's encodings package, or undefined: lower case,
 * `encodings.normalize_encoding` (runs of other characters than letters, digits and dots become one `_`),
 * then the alias table, then the name itself.
 */
function lookupCodec(name: string): string | undefined {
  const normalized = name.toLowerCase().replace(/[^a-z0-9.]+/g, '_').replace(/^_+|_+$/g, '');
  const aliased = CODEC_ALIASES[normalized] ?? CODEC_ALIASES[normalized.replace(/\./g, '_')];
  for (const candidate of aliased === undefined ? [normalized] : [aliased, normalized]) {
    if (candidate !== '' && !candidate.includes('.') && TEXT_CODECS.has(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The multi-byte codecs read with Node's WHATWG decoders (ICU). These agree with CPython on ordinary text;
 * at the edges they may not (a lone 0x80 is the euro sign in WHATWG's gbk, an error in Python's).
 */
const WHATWG_DECODERS: Readonly<Record<string, string>> = {
  shift_jis: 'shift_jis', cp932: 'shift_jis', euc_jp: 'euc-jp', iso2022_jp: 'iso-2022-jp',
  gbk: 'gbk', gb2312: 'gbk', gb18030: 'gb18030', big5: 'big5', cp950: 'big5', euc_kr: 'euc-kr', cp949: 'euc-kr',
};

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
  if (cookie === undefined) return decodeUtf8(bytes, start);
  const name = normalizeEncodingName(cookie);
  // With a BOM only the tokenizer's own spelling of UTF-8 will do (`# coding: utf8` is "encoding problem").
  if (hasBom && name !== 'utf-8') return { ok: false, error: `encoding problem: ${cookie} with BOM` };
  const codec = name === 'utf-8' ? 'utf_8' : name === 'iso-8859-1' ? 'latin_1' : lookupCodec(name);
  if (codec === undefined) return { ok: false, error: `unknown encoding: ${cookie}` };
  return decodeWith(codec, cookie, bytes, start);
}

function decodeUtf8(bytes: Uint8Array, start: number): DecodeResult {
  try {
    return { ok: true, text: utf8Decoder.decode(bytes.subarray(start)), encoding: 'utf-8' };
  } catch {
    return undecodable('utf-8');
  }
}

function undecodable(codec: string): DecodeResult {
  return { ok: false, error: `'${codec}' codec can't decode the file (invalid bytes for this encoding)` };
}

function decodeWith(codec: string, cookie: string, bytes: Uint8Array, start: number): DecodeResult {
  if (codec === 'utf_8' || codec === 'utf_8_sig') return decodeUtf8(bytes, start);
  if (codec === 'latin_1') return { ok: true, text: latin1(bytes), encoding: 'latin-1' };
  if (codec === 'ascii') {
    const bad = bytes.findIndex((b) => b >= 0x80);
    if (bad >= 0) return { ok: false, error: `'ascii' codec can't decode byte 0x${bytes[bad].toString(16)} at offset ${bad}` };
    return { ok: true, text: latin1(bytes), encoding: 'ascii' };
  }
  const table = charmapTable(codec);
  if (table !== undefined) {
    const text = decodeCharmap(bytes, table);
    return text === undefined ? undecodable(codec) : { ok: true, text, encoding: codec };
  }
  const whatwg = WHATWG_DECODERS[codec];
  if (whatwg === undefined) return { ok: false, error: `docbits cannot decode files in ${cookie} (a Python codec it does not implement); save the file as UTF-8` };
  try {
    return { ok: true, text: new TextDecoder(whatwg, { fatal: true }).decode(bytes), encoding: codec };
  } catch {
    return undecodable(codec);
  }
}

/** Code points for bytes 0-255 (-1: no character), parsed from CHARMAP_TABLES on first use. */
const charmapCache = new Map<string, Int32Array>();

function charmapTable(codec: string): Int32Array | undefined {
  let table = charmapCache.get(codec);
  if (table !== undefined) return table;
  const source = CHARMAP_TABLES[codec];
  if (source === undefined) return undefined;
  table = new Int32Array(256);
  const full = source.startsWith('full ');
  let byte = 0;
  if (!full) for (; byte < 128; byte++) table[byte] = byte;
  for (const run of (full ? source.slice(5) : source).split(' ')) {
    const [first, count = '1'] = run.split('*');
    const codePoint = parseInt(first, 16);
    for (let k = 0; k < Number(count); k++) table[byte++] = codePoint === 0xfffe ? -1 : codePoint + k;
  }
  charmapCache.set(codec, table);
  return table;
}

/** Single-byte decoding as Python's charmap codec does it; undefined when a byte has no character. */
function decodeCharmap(bytes: Uint8Array, table: Int32Array): string | undefined {
  const units = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const codePoint = table[bytes[i]];
    if (codePoint < 0) return undefined;
    units[i] = codePoint; // every charmap table of CPython stays in the BMP
  }
  return Buffer.from(units.buffer, 0, units.byteLength).toString('utf16le');
}
