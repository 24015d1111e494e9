/**
 * Found by the fuzzer (test/fixtures/stubs/oneliners.py with mixed line endings, seed 777 case 320; minimised by
 * hand). A header ending in a backslash continuation followed by a blank line:
 *
 *     def cont(): \
 *
 *         return 3
 *
 * CPython ends the logical line at the blank line (tokenize: NEWLINE), so `return 3` is an indented block. Our
 * tokenizer emits NL there instead (tokenizer.ts, now lexer/cursor.ts, newlineToken(): `!this.lineHasContent`
 * is per physical line, and startLine_() resets it on the continuation line), so the structure sees an
 * "inline body" that starts at the INDENT token (bodyColumn 0) and docstringStubEdit / allStubEdits produce
 * `"""Summary."""` followed by an over-indented `return 3`: CPython compiles the original but not the
 * stubbed file ("unexpected indent").
 * Second fault, in structure.ts header(): an INDENT right after the colon is taken as an inline body.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { docstringStubEdit, parsedFile } from '../../../server/src/coverage/stubs';
import { parseStructure } from '../../../server/src/python/structure';
import { tokenize } from '../../../server/src/python/lexer/cursor';
import { TokenKind } from '../../../server/src/python/tokens';
import { applyEdits, lineStarts } from '../check';

function compiles(source: string): boolean {
  const r = spawnSync('python3', ['-c', 'import sys; compile(sys.stdin.read(), "f", "exec")'], { input: source, encoding: 'utf8' });
  return r.status === 0;
}

describe('fuzz regression: backslash continuation followed by a blank line', () => {
  const top = 'def cont(): \\\n\n    return 3\n';
  const method = 'class H:\n    def cont(self): \\\n\n        return 3\n';

  it('the blank line ends the logical line (NEWLINE, as tokenize says)', () => {
    const kinds = tokenize(top).map((t) => t.kind);
    assert.deepStrictEqual(kinds.slice(5, 7), [TokenKind.Newline, TokenKind.Indent]);
  });

  it('the body is a block, not an inline body starting at column 0', () => {
    const d = parseStructure(method).definitions[1];
    assert.strictEqual(d.inlineBody, false);
    assert.strictEqual(d.bodyIndent, '        ');
  });

  for (const text of [top, method, top.replace(/\n/g, '\r\n'), 'def cont(): \\\n\r    return 3\n']) {
    it(`the stubbed file still compiles: ${JSON.stringify(text)}`, () => {
      assert.ok(compiles(text), 'the original compiles');
      const index = parseStructure(text).definitions.length - 1;
      const edit = docstringStubEdit(parsedFile(text), index, 'google');
      if (edit === null) return; // refusing is safe
      const edited = applyEdits(text, [edit], lineStarts(text), 'stubs');
      assert.ok(compiles(edited), `does not compile:\n${edited}`);
    });
  }
});
