/** Coverage of notebooks (coverage/notebookCoverage.ts) on the fixtures: nodes placed in their cells, errors. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { isNotebookPath, notebookBytesCoverage, notebookTextCoverage } from '../../server/src/coverage/notebookCoverage';
import { DEFAULT_OPTIONS } from '../../server/src/coverage/types';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'notebooks');
const read = (name: string): string => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const rows = (name: string, options = DEFAULT_OPTIONS): string[] =>
  notebookTextCoverage(read(name), name, options).nodes.map((n) => `${n.qualname} cell ${n.cell ?? '-'}:${n.line}:${n.column} ${n.status}`);

describe('coverage/notebookCoverage', function () {
  it('gives best-effort nodes for a notebook with a cell that does not parse, the later cells in place', () => {
    assert.deepStrictEqual(rows('broken.ipynb'), [
      'broken.ipynb cell 1:1:0 missed', 'before cell 1:1:0 covered', 'typing_now cell 2:1:0 missed', 'after cell 4:1:0 missed',
    ]);
  });

  it('places the module at the first code cell, and an empty notebook\'s module nowhere', () => {
    assert.deepStrictEqual(rows('vscode.ipynb')[0], 'vscode.ipynb cell 1:1:0 covered');
    assert.deepStrictEqual(rows('empty.ipynb'), ['empty.ipynb cell -:1:0 missed']);
  });

  it('applies the coverage options as to any file (ignore-module, nodocqa markers in cells)', () => {
    assert.deepStrictEqual(rows('vscode.ipynb', { ...DEFAULT_OPTIONS, ignoreModule: true, ignoreNestedFunctions: true }).filter((r) => !r.startsWith('vscode.ipynb')),
      ['helper cell 4:1:0 missed', 'outer cell 6:1:0 missed']);
    const nb = JSON.stringify({ cells: [{ cell_type: 'code', source: 'def f():  # nodocqa\n    pass\n' }] });
    assert.deepStrictEqual(notebookTextCoverage(nb, 'x.ipynb', DEFAULT_OPTIONS).nodes.map((n) => n.status), ['missed', 'excused']);
  });

  it('skips a notebook in another language, and refuses bytes that are not UTF-8', () => {
    const r = notebookTextCoverage(read('r_kernel.ipynb'), 'r_kernel.ipynb', DEFAULT_OPTIONS);
    assert.deepStrictEqual([r.skipped, r.error, r.nodes.length], [true, null, 0]);
    const bad = notebookBytesCoverage(new Uint8Array([0x7b, 0xff, 0x7d]), 'bad.ipynb', DEFAULT_OPTIONS);
    assert.strictEqual(bad.error, 'not a notebook: the file is not UTF-8 text');
  });

  it('knows a notebook by its extension', () => {
    assert.ok(isNotebookPath('a/b.ipynb'));
    assert.ok(!isNotebookPath('a/b.py'));
    assert.ok(!isNotebookPath('a/ipynb'));
  });
});
