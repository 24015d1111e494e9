/** The hover's per-text cache (bits/hover.ts HoverTokens): the same lines and the same hovers as reading afresh. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { bitsHover, HoverTokens } from '../../server/src/bits/hover';
import { logicalLineAround } from '../../server/src/bits/lines';
import { tokenizeThrough } from '../../server/src/python/lexer/cursor';
import { isCodeKind, Token } from '../../server/src/python/tokens';
import { Prng } from '../helpers/prng';
import { readFixture } from './helpers';

const LSP_BITS = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'lsp', 'project', 'bits.py');

describe('bits/hover: HoverTokens', () => {
  const texts = [readFixture('flags.py'), fs.readFileSync(LSP_BITS, 'utf8'), 'x = (1 |\n     2)\ny = """a\nb""" ; z = x & 3\n', ''];

  it('reads the logical line tokenizeThrough ends with, for lines asked in any order', () => {
    const prng = new Prng(20261201);
    const code = (tokens: readonly Token[]): Token[] => tokens.filter((t) => isCodeKind(t.kind));
    for (const text of texts) {
      const cache = new HoverTokens(text);
      const lines = text.split('\n').length + 2;
      for (let i = 0; i < 3 * lines; i++) {
        const line = Math.floor(prng.next() * lines);
        const through = tokenizeThrough(text, line)!;
        const { start } = logicalLineAround(through, through.length - 1);
        assert.deepStrictEqual(code(cache.scopes.lineTokens(line)!), code(through.slice(start)), `line ${line} of ${JSON.stringify(text.slice(0, 40))}`);
      }
    }
  });

  it('changes no hover, at every position of the fixtures', () => {
    for (const text of texts.slice(0, 2)) {
      const cache = new HoverTokens(text);
      let shown = 0;
      text.split('\n').forEach((lineText, line) => {
        for (let character = 0; character <= lineText.length; character++) {
          const fresh = bitsHover(text, line, character);
          assert.deepStrictEqual(bitsHover(text, line, character, undefined, cache), fresh, `${line}:${character}`);
          if (fresh) shown++;
        }
      });
      assert.ok(shown > 20, `only ${shown} hovers shown`);
    }
  });

  it('changes no hover when hovers jump up and down the file (the bindings read so far serve earlier lines)', () => {
    const prng = new Prng(20261202);
    for (const text of texts.slice(0, 2)) {
      const cache = new HoverTokens(text);
      const lines = text.split('\n');
      let shown = 0;
      for (let i = 0; i < 400; i++) {
        const line = Math.floor(prng.next() * lines.length);
        const character = Math.floor(prng.next() * (lines[line].length + 1));
        const fresh = bitsHover(text, line, character);
        assert.deepStrictEqual(bitsHover(text, line, character, undefined, cache), fresh, `${line}:${character}`);
        if (fresh) shown++;
      }
      assert.ok(shown > 20, `only ${shown} hovers shown`);
    }
  });

  it('is not used for another text', () => {
    const cache = new HoverTokens('A = 1\n');
    assert.deepStrictEqual(bitsHover('x = 5 & 3\n', 0, 6, undefined, cache), bitsHover('x = 5 & 3\n', 0, 6));
    assert.ok(bitsHover('x = 5 & 3\n', 0, 6, undefined, cache));
  });
});
