/**
 * Mutations of real files. Each takes the original bytes and its decoded text and returns new bytes and/or
 * text; text mutations re-encode as UTF-8 (lone surrogates become U+FFFD in the bytes, but stay in the text).
 */
import { decodePython } from '../../server/src/python/decode';
import { tokenize } from '../../server/src/python/lexer/cursor';
import { TokenKind } from '../../server/src/python/tokens';
import { Prng as Rng } from '../helpers/prng';

export interface Mutated {
  bytes: Uint8Array;
  text: string;
  /** Human-readable description of what was done (for crash reports). */
  note: string;
}

export function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + 8192)));
  return s;
}

export function textOf(bytes: Uint8Array): string {
  const d = decodePython(bytes);
  return d.ok ? d.text : latin1(bytes);
}

export function fromText(text: string, note: string): Mutated {
  return { bytes: new Uint8Array(Buffer.from(text, 'utf8')), text, note };
}

export function fromBytes(bytes: Uint8Array, note: string): Mutated {
  return { bytes, text: textOf(bytes), note };
}


function insertAt(text: string, pos: number, s: string): string {
  return text.slice(0, pos) + s + text.slice(pos);
}

function randomPos(rng: Rng, text: string): number {
  return rng.int(0, text.length);
}

const TOKEN_SOUP = ['def ', 'class ', 'async def ', 'async ', '@', ':', '(', ')', '[', ']', '{', '}', '\\\n', '\\', '#', '# nodocqa',
  '# noqa', '"""', "'''", '"', "'", 'f"', "rf'", 'b"', 'f"{', '}', '\n', '\r', '\r\n', '\t', '\f', '\v', ' ', 'lambda',
  'return', 'yield', 'pass', '...', '=', '|', '&', '^', '<<', '>>', '~', '0x', '0b1', '0o7', '1_000', '1e', '.5j', '->',
  ':=', '**', 'if', 'else', ';', ',', '\u00e9', '\u{1F600}', '\ufeff', '\u2028', '\u0085', 'x', '_', '__init__', 'self'];

export type TextMutator = (rng: Rng, text: string) => { text: string; note: string };
export type ByteMutator = (rng: Rng, bytes: Uint8Array) => { bytes: Uint8Array; note: string };

export const TEXT_MUTATIONS: Record<string, TextMutator> = {
  truncateAtToken(rng, text) {
    const tokens = tokenize(text);
    const kinds = [...new Set(tokens.map((t) => t.kind))];
    const kind = rng.pick(kinds);
    const ofKind = tokens.filter((t) => t.kind === kind);
    const t = rng.pick(ofKind);
    const where = rng.int(0, 2);
    const cut = where === 0 ? t.start : where === 1 ? t.end : rng.int(t.start, t.end);
    return { text: text.slice(0, cut), note: `truncate at ${TokenKind[kind]} ${['start', 'end', 'inside'][where]} offset ${cut}` };
  },
  brackets(rng, text) {
    let out = text;
    const n = 1 + rng.small(8);
    for (let i = 0; i < n; i++) {
      if (rng.chance(0.5)) out = insertAt(out, randomPos(rng, out), rng.pick(['(', '[', '{', ')', ']', '}', '((((', '))']));
      else {
        const idx: number[] = [];
        for (let j = 0; j < out.length && idx.length < 5000; j++) if ('()[]{}'.includes(out[j])) idx.push(j);
        if (idx.length) {
          const j = rng.pick(idx);
          out = out.slice(0, j) + out.slice(j + 1);
        }
      }
    }
    return { text: out, note: `unbalance brackets x${n}` };
  },
  quotes(rng, text) {
    let out = text;
    const n = 1 + rng.small(6);
    for (let i = 0; i < n; i++) {
      if (rng.chance(0.6)) out = insertAt(out, randomPos(rng, out), rng.pick(['"', "'", '"""', "'''", 'f"', "f'''", 'r"\\', 'b\'', 'f"{']));
      else {
        const idx: number[] = [];
        for (let j = 0; j < out.length && idx.length < 5000; j++) if (out[j] === '"' || out[j] === "'") idx.push(j);
        if (idx.length) {
          const j = rng.pick(idx);
          out = out.slice(0, j) + out.slice(j + 1);
        }
      }
    }
    return { text: out, note: `unbalance quotes x${n}` };
  },
  indentation(rng, text) {
    const lines = text.split(/(?<=\n)/);
    const n = 1 + rng.small(Math.max(1, lines.length));
    for (let i = 0; i < n && lines.length; i++) {
      const k = rng.int(0, lines.length - 1);
      const m = /^[ \t\f]*/.exec(lines[k])![0];
      const indent = rng.pick(['', ' ', '  ', '\t', ' \t', '\f', m + ' ', m + '\t', m.slice(1), m + m, '        '.slice(0, rng.int(0, 8))]);
      lines[k] = indent + lines[k].slice(m.length);
    }
    return { text: lines.join(''), note: `random indentation on ${n} lines` };
  },
  nul(rng, text) {
    let out = text;
    const n = 1 + rng.small(5);
    for (let i = 0; i < n; i++) out = insertAt(out, randomPos(rng, out), rng.chance(0.8) ? '\0' : '\0\0\0\0');
    return { text: out, note: `inject ${n} NULs` };
  },
  surrogates(rng, text) {
    let out = text;
    const n = 1 + rng.small(5);
    for (let i = 0; i < n; i++) {
      const s = rng.pick(['\ud800', '\udfff', '\udc00', '\ud83d', '\ud83d\ude00', '\ude00\ud83d', '\ud800x', '\u{10FFFF}']);
      out = insertAt(out, randomPos(rng, out), s);
    }
    // Also sometimes split an existing pair.
    return { text: out, note: `inject ${n} surrogates` };
  },
  lineEndings(rng, text) {
    const mode = rng.int(0, 3);
    let out: string;
    if (mode === 0) out = text.replace(/\r?\n/g, '\r\n');
    else if (mode === 1) out = text.replace(/\r?\n/g, '\r');
    else out = text.replace(/\r\n|\r|\n/g, () => rng.pick(['\n', '\r\n', '\r', mode === 3 ? '\n\r' : '\n']));
    return { text: out, note: `line endings ${['CRLF', 'CR', 'mixed', 'mixed with LFCR'][mode]}` };
  },
  tokenSoup(rng, text) {
    let out = text;
    const n = 1 + rng.small(10);
    for (let i = 0; i < n; i++) out = insertAt(out, randomPos(rng, out), rng.pick(TOKEN_SOUP));
    return { text: out, note: `insert ${n} random tokens` };
  },
  lines(rng, text) {
    const lines = text.split(/(?<=\n)/);
    const n = 1 + rng.small(6);
    for (let i = 0; i < n && lines.length > 1; i++) {
      const op = rng.int(0, 2);
      const a = rng.int(0, lines.length - 1), b = rng.int(0, lines.length - 1);
      if (op === 0) lines.splice(a, 1);
      else if (op === 1) lines.splice(a, 0, lines[b]);
      else [lines[a], lines[b]] = [lines[b], lines[a]];
    }
    return { text: lines.join(''), note: `delete/duplicate/swap ${n} lines` };
  },
};

export const BYTE_MUTATIONS: Record<string, ByteMutator> = {
  byteFlip(rng, bytes) {
    const out = new Uint8Array(bytes);
    const n = 1 + rng.small(16);
    for (let i = 0; i < n && out.length; i++) {
      const k = rng.int(0, out.length - 1);
      out[k] = rng.chance(0.5) ? out[k] ^ (1 << rng.int(0, 7)) : rng.int(0, 255);
    }
    return { bytes: out, note: `flip ${n} bytes` };
  },
  encoding(rng, bytes) {
    const heads = ['\xef\xbb\xbf', '# -*- coding: latin-1 -*-\n', '# coding: utf-8\n', '#!/bin/py\n# vim: set fileencoding=cp1252 :\n',
      '# coding=ascii\n', '# coding: bogus-enc\n', '\xef\xbb\xbf# coding: latin-1\n', '# coding: utf-16\n', '\n# coding: euc-jp\n',
      '# coding: utf_8_sig\n', '\xed\xa0\x80', '\xc3\x28', '\xff\xfe'];
    const head = rng.pick(heads);
    const h = Uint8Array.from(head, (c) => c.charCodeAt(0));
    const out = new Uint8Array(h.length + bytes.length);
    out.set(h);
    out.set(bytes, h.length);
    return { bytes: out, note: `prepend ${JSON.stringify(head)}` };
  },
};

export const MUTATION_KINDS = [...Object.keys(TEXT_MUTATIONS), ...Object.keys(BYTE_MUTATIONS), 'stacked', 'original'];

export function mutate(kind: string, rng: Rng, bytes: Uint8Array): Mutated {
  if (kind === 'original') return fromBytes(bytes, 'original');
  if (kind === 'stacked') {
    let m = fromBytes(bytes, '');
    const notes: string[] = [];
    const n = 2 + rng.small(3);
    for (let i = 0; i < n; i++) {
      const k = rng.pick(MUTATION_KINDS.filter((x) => x !== 'stacked' && x !== 'original'));
      m = mutate(k, rng, m.bytes);
      notes.push(`${k}: ${m.note}`);
    }
    return { ...m, note: notes.join('; ') };
  }
  if (kind in BYTE_MUTATIONS) {
    const r = BYTE_MUTATIONS[kind](rng, bytes);
    return fromBytes(r.bytes, r.note);
  }
  const r = TEXT_MUTATIONS[kind](rng, textOf(bytes));
  return fromText(r.text, r.note);
}
