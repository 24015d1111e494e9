/** Recovery: which lines close an unclosed bracket or cut an unterminated triple-quoted string. */
import * as assert from 'assert';
import { Indentation } from '../../../server/src/python/lexer/indentation';
import { closesBrackets, stringCut } from '../../../server/src/python/lexer/recovery';

/** closesBrackets for a line of `text` (its indentation measured), brackets opened on a line indented `indent`. */
function closes(line: string, indent: number): boolean {
  const indentation = new Indentation();
  const column = indentation.measure(line, 0);
  return closesBrackets(line, 0, indentation.stop, column, indent);
}

describe('lexer/recovery', function () {
  it('a def, class or async def line no deeper than the bracket\'s line closes the brackets', function () {
    for (const line of ['def f():', 'class C:', 'async def f():', 'async\tdef f():', '  def f():', 'def(']) {
      assert.ok(closes(line, 2), line);
    }
    for (const line of ['    def f():', 'define = 1', 'classes', 'async with x:', '@decorator', '# def f():', 'x = def',
      'défini', 'asyncdef f():']) {
      assert.ok(!closes(line, 2), line);
    }
  });

  it('a triple-quoted string is cut before a definition or decorator line no deeper than its own', function () {
    const text = 'x = """doc\n    def inner():\n\n@decorator\ndef f():\n';
    assert.strictEqual(stringCut(text, 4, text.length, 0, new Indentation()), text.indexOf('\n\n@'));
    assert.strictEqual(stringCut(text, 4, text.length, 4, new Indentation()), text.indexOf('\n    def'));
    assert.strictEqual(stringCut(text, 4, text.indexOf('@'), 0, new Indentation()), -1);
    assert.strictEqual(stringCut('s = """\nclassify = 1\n', 4, 20, 0, new Indentation()), -1);
  });
});
