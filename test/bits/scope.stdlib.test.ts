/**
 * The ScopeIndex reads from the tokenizer's cursor (no token kept), re-reads a hovered logical line on its own
 * (Tokenizer.resumeAt) and tokenizes a constant's expression again from its text. The old path read every
 * token of the text up front (tokenize) and sliced that array: the index still can (options.tokens), and on
 * real stdlib files both must agree on every line's tokens, every name's binding at every statement, and
 * every hover.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { bitsHover, HoverTokens } from '../../server/src/bits/hover';
import { ScopeIndex } from '../../server/src/bits/scope';
import { tokenize } from '../../server/src/python/lexer/cursor';
import { isCodeKind, Token, TokenKind } from '../../server/src/python/tokens';
import { STDLIB, stdlibPythonFiles } from '../helpers/stdlib';

/** Every FILE_STEP-th file of the sorted stdlib (about 70 files), and a few known to hold many constants. */
const FILE_STEP = 10;
const CHOSEN = ['stat.py', 're/_constants.py', 're/__init__.py', 'enum.py', 'tarfile.py', 'zipfile.py', 'socket.py', 'ssl.py'];

function stdlibFiles(): string[] {
  const out = stdlibPythonFiles(STDLIB);
  const picked = out.filter((_, i) => i % FILE_STEP === 0);
  for (const name of CHOSEN) if (!picked.includes(path.join(STDLIB, name))) picked.push(path.join(STDLIB, name));
  return picked;
}

/** A token as the tests compare it: kind and positions (INDENT and DEDENT may differ after resumeAt). */
function codeOf(tokens: readonly Token[] | null): Token[] | null {
  return tokens && tokens.filter((t) => isCodeKind(t.kind));
}

/** What a lookup says, as plain data (bigints as strings, a flag class by its name and members). */
function said(lookup: ReturnType<ScopeIndex['lookupBefore']>, names: readonly string[]): string {
  return JSON.stringify(names.map((name) => lookup.lookup(name)), (_, v) => (typeof v === 'bigint' ? `${v}n` : v?.identity ? v.name : v));
}

describe('bits/scope: the cursor path agrees with reading every token first (stdlib)', function () {
  this.timeout(600_000);

  it('same lines, same bindings at every statement, same hovers', function () {
    if (!fs.existsSync(STDLIB)) this.skip();
    let files = 0, lines = 0, statements = 0, lookups = 0, hovers = 0, shown = 0;
    for (const file of stdlibFiles()) {
      const text = fs.readFileSync(file, 'utf8');
      const tokens = tokenize(text);
      const cursor = new ScopeIndex(text);
      const reference = new ScopeIndex(text, { tokens });
      files++;
      // Lines in a shuffled order: earlier ones are read again on their own, later ones extend the reading.
      const lineCount = text.split('\n').length + 1;
      for (let k = 0; k < lineCount; k++) {
        const line = (k * 7919) % lineCount;
        assert.deepStrictEqual(codeOf(cursor.lineTokens(line)), codeOf(reference.lineTokens(line)), `${file}:${line + 1}`);
        lines++;
      }
      // At each statement start, every name the statement uses.
      for (let i = 0; i < tokens.length; i++) {
        if (!isCodeKind(tokens[i].kind) || (i > 0 && tokens[i - 1].kind !== TokenKind.Newline && isCodeKind(tokens[i - 1].kind))) continue;
        const names = new Set<string>();
        for (let j = i; j < tokens.length && tokens[j].kind !== TokenKind.Newline && tokens[j].kind !== TokenKind.EndMarker; j++) {
          if (tokens[j].kind === TokenKind.Name) names.add(text.slice(tokens[j].start, tokens[j].end));
        }
        const offset = tokens[i].start;
        assert.strictEqual(said(cursor.lookupBefore(offset), [...names]), said(reference.lookupBefore(offset), [...names]), `${file}:${tokens[i].startLine + 1}`);
        statements++;
        lookups += names.size;
      }
      // Every operator and number, hovered through both.
      const cursorHovers = new HoverTokens(text, cursor), referenceHovers = new HoverTokens(text, reference);
      for (const t of tokens) {
        if (t.kind !== TokenKind.Op && t.kind !== TokenKind.Number) continue;
        const hover = bitsHover(text, t.startLine, t.startCol, undefined, cursorHovers);
        assert.deepStrictEqual(hover, bitsHover(text, t.startLine, t.startCol, undefined, referenceHovers), `${file}:${t.startLine + 1}:${t.startCol + 1}`);
        hovers++;
        if (hover) shown++;
      }
    }
    console.log(`      ${files} files: ${lines} lines, ${statements} statements (${lookups} lookups), ${hovers} hovers (${shown} shown) agree`);
    assert.ok(files >= 50 && statements > 10_000 && shown > 500, `too little compared: ${files} files, ${statements} statements, ${shown} hovers`);
  });
});
