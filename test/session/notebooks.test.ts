/** Open notebooks as plain data (session/notebooks.ts): cell changes, and positions between module and cells. */
import * as assert from 'assert';
import { byCell, OpenNotebook } from '../../server/src/session/notebooks';

const CODE = 2, MARKUP = 1;
const ref = (id: string, kind = CODE): { kind: number; document: string } => ({ kind, document: id });
const item = (id: string, text: string, languageId = 'python'): { uri: string; languageId: string; version: number; text: string } => ({ uri: id, languageId, version: 1, text });
const range = (line: number, character: number, endLine = line, endCharacter = character) =>
  ({ start: { line, character }, end: { line: endLine, character: endCharacter } });

function open(): OpenNotebook {
  return new OpenNotebook('nb', [ref('a'), ref('m', MARKUP), ref('b')], [item('a', 'x = 1\n'), item('m', '# Title', 'markdown'), item('b', 'def f():\n    pass\n')]);
}

describe('session/notebooks', function () {
  it('makes the module of the code cells and maps ranges both ways', () => {
    const nb = open();
    assert.strictEqual(nb.module.text, 'x = 1\ndef f():\n    pass\n');
    assert.deepStrictEqual(nb.toCell(range(1, 4, 1, 5)), { uri: 'b', range: range(0, 4, 0, 5) });
    assert.deepStrictEqual(nb.toModule('b', range(1, 2)), range(2, 2));
    assert.strictEqual(nb.toModule('m', range(0, 0)), undefined, 'markdown is not in the module');
    assert.strictEqual(nb.toModule('zzz', range(0, 0)), undefined);
    // A range running past its cell ends where it starts.
    assert.deepStrictEqual(nb.toCell(range(0, 1, 2, 0)), { uri: 'a', range: range(0, 1) });
  });

  it('applies insertions, deletions (reporting the removed cells), moves, kind changes and text edits', () => {
    const nb = open();
    assert.deepStrictEqual(nb.apply({ cells: { structure: { array: { start: 1, deleteCount: 0, cells: [ref('n')] }, didOpen: [item('n', 'y = 2\n')] } } }), []);
    assert.deepStrictEqual(nb.cellUris, ['a', 'n', 'm', 'b']);
    assert.strictEqual(nb.module.text, 'x = 1\ny = 2\ndef f():\n    pass\n');
    // A move: one splice over the range, the same documents, their texts kept.
    assert.deepStrictEqual(nb.apply({ cells: { structure: { array: { start: 0, deleteCount: 4, cells: [ref('b'), ref('a'), ref('n'), ref('m', MARKUP)] } } } }), []);
    assert.strictEqual(nb.module.text, 'def f():\n    pass\nx = 1\ny = 2\n');
    assert.deepStrictEqual(nb.apply({ cells: { structure: { array: { start: 1, deleteCount: 1 }, didClose: [{ uri: 'a' }] } } }), ['a']);
    nb.apply({ cells: { data: [ref('m', CODE)] } });
    nb.apply({ cells: { textContent: [{ document: { uri: 'b', version: 2 }, changes: [{ range: range(1, 4, 1, 8), text: 'return 3' }] }] } });
    assert.strictEqual(nb.module.text, 'def f():\n    return 3\ny = 2\n');
    assert.strictEqual(nb.cellVersion(nb.indexOf('b')), 2);
    // m is a code cell now, but in markdown: not Python.
    assert.strictEqual(nb.toModule('m', range(0, 0)), undefined);
  });

  it('survives structure changes that make no sense (out of range, negative, unknown cells)', () => {
    const nb = open();
    nb.apply({ cells: { structure: { array: { start: 99, deleteCount: 5, cells: [ref('z')] } } } });
    nb.apply({ cells: { structure: { array: { start: -3, deleteCount: -1 } } } });
    nb.apply({ cells: { data: [ref('nope')], textContent: [{ document: { uri: 'nope', version: 1 }, changes: [{ text: 'x' }] }] } });
    assert.deepStrictEqual(nb.cellUris, ['a', 'm', 'b', 'z']);
    assert.strictEqual(nb.module.text, 'x = 1\ndef f():\n    pass\n\n');
  });

  it('sorts module items into their cells, every cell listed', () => {
    const nb = open();
    const sorted = byCell(nb, [{ range: range(2, 4), name: 'pass' }, { range: range(0, 0), name: 'x' }, { range: range(7, 0), name: 'past the end' }]);
    assert.deepStrictEqual([...sorted.entries()], [['a', [{ range: range(0, 0), name: 'x' }]], ['m', []], ['b', [{ range: range(1, 4), name: 'pass' }]]]);
  });
});
