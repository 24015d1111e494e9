/** `--fix` on a notebook's JSON text (server/src/docstrings/fixNotebook.ts): only the edited cells' `source` spans replaced, in the file's layout. */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { notebookModuleOfText } from '../../server/src/coverage/notebookCoverage';
import { DEFAULT_QUALITY_OPTIONS } from '../../server/src/docstrings/checks';
import { notebookFindings } from '../../server/src/docstrings/checks/notebook';
import { fixNotebookDocstrings } from '../../server/src/docstrings/fixNotebook';
import { scanNotebookJson } from '../../server/src/docstrings/notebookJson';
import { ROOT } from './helpers';

const options = { ...DEFAULT_QUALITY_OPTIONS, style: 'google' as const };
const stale = 'def f(a: int, b: int) -> None:\n    """Sum.\n\n    Args:\n        a (int): A.\n    """\n';
const notebook = (cells: unknown[], language = 'python'): Record<string, unknown> => ({ cells, metadata: { language_info: { name: language } }, nbformat: 4, nbformat_minor: 5 });
const code = (source: string | string[]): Record<string, unknown> => ({ cell_type: 'code', metadata: {}, outputs: [], source });

const LAYOUTS = path.join(ROOT, 'test', 'fixtures', 'docstrings', 'notebook_layouts');
/** The writers of make_layouts.py: each fixture is that script's notebook as one JSON writer lays it out. */
const WRITERS = ['indent1', 'indent2', 'ascii', 'crlf', 'compact', 'tight', 'order', 'tabs', 'indent0'];

type Cells = { cells: Array<{ source: string | string[] }> };
const sourceOf = (cell: { source: string | string[] }): string => (Array.isArray(cell.source) ? cell.source.join('') : cell.source);

/** The text outside the given cells' `source` values, as the pieces between them. */
function outside(text: string, cells: readonly number[]): string[] {
  const scanned = scanNotebookJson(text);
  assert.ok(typeof scanned !== 'string', String(scanned));
  const pieces: string[] = [];
  let at = 0;
  for (const cell of cells) {
    const span = scanned.cells[cell]!;
    pieces.push(text.slice(at, span.start));
    at = span.end;
  }
  pieces.push(text.slice(at));
  return pieces;
}

describe('docstrings/fixNotebook', () => {
  for (const writer of WRITERS) {
    it(`${writer}.ipynb: only the stale cells' sources change, the rest byte for byte, and the result is what that writer makes of the fixed cells`, () => {
      const before = fs.readFileSync(path.join(LAYOUTS, `${writer}.ipynb`), 'utf8');
      const r = fixNotebookDocstrings(before, options);
      assert.ok(r.ok, r.ok ? '' : r.reason);
      assert.deepStrictEqual(r.fixes.map((f) => `cell ${f.cell}: ${f.qualname}`), ['cell 3: area', 'cell 5: scale', 'cell 6: scale']);
      const a = JSON.parse(before) as Cells, b = JSON.parse(r.text) as Cells;
      const edited = a.cells.flatMap((cell, i) => (sourceOf(cell) !== sourceOf(b.cells[i]) ? [i] : []));
      assert.deepStrictEqual(edited, [2, 4, 5]);
      // The JSON is the same but for those sources, which keep their form (a list, a string).
      for (const i of edited) {
        assert.strictEqual(Array.isArray(b.cells[i].source), Array.isArray(a.cells[i].source));
        a.cells[i].source = b.cells[i].source;
      }
      assert.deepStrictEqual(b, a);
      // Every byte outside the replaced spans is the same.
      assert.deepStrictEqual(outside(r.text, edited), outside(before, edited));
      // Python's writer, given the fixed notebook, writes exactly this text (escapes, separators, line splits).
      const redump = spawnSync('python3', [path.join(LAYOUTS, 'make_layouts.py'), 'redump', writer], { input: r.text, encoding: 'utf8' });
      assert.strictEqual(redump.status, 0, redump.stderr);
      assert.strictEqual(redump.stdout, r.text);
      if (writer === 'ascii' || writer === 'compact' || writer === 'indent0') assert.ok(!/[^\x00-\x7f]/.test(r.text), 'ensure_ascii kept');
      // No findings are left, and a second run changes nothing.
      const module = notebookModuleOfText(r.text);
      assert.ok(module !== null && typeof module !== 'string');
      assert.deepStrictEqual(notebookFindings(module, options).map((f) => `${f.code} ${f.line}`), []);
      const again = fixNotebookDocstrings(r.text, options);
      assert.ok(again.ok && again.fixes.length === 0 && again.text === r.text);
    });
  }

  it('edits only the source of the cell whose docstring changed, in its form (lines or one string), the indent and newline kept', () => {
    const lines = stale.split(/(?<=\n)/);
    const nb = notebook([code('x = 1\n'), code(lines), { cell_type: 'markdown', metadata: {}, source: 'Text' }, code(stale)]);
    const text = JSON.stringify(nb, null, 2) + '\n';
    const r = fixNotebookDocstrings(text, options);
    assert.ok(r.ok);
    assert.deepStrictEqual(r.fixes.map((f) => `cell ${f.cell}:${f.line + 1} ${f.changes.join(', ')}`), ['cell 2:1 added b', 'cell 4:1 added b']);
    const fixedStale = stale.replace('a (int): A.\n', 'a (int): A.\n        b (int): Description of b.\n');
    const want = notebook([code('x = 1\n'), code(fixedStale.split(/(?<=\n)/)), { cell_type: 'markdown', metadata: {}, source: 'Text' }, code(fixedStale)]);
    assert.strictEqual(r.text, JSON.stringify(want, null, 2) + '\n');
    const again = fixNotebookDocstrings(r.text, options);
    assert.ok(again.ok && again.fixes.length === 0 && again.text === r.text);
  });

  it('keeps a BOM, a list of one string, upper-case escapes, a CRLF inside the cell, and the unchanged strings of the edited list as written', () => {
    // One string holding the whole cell (no item separator to copy): the new lines follow it the file's way.
    const one = JSON.stringify(notebook([code([stale])]), null, 1);
    const r1 = fixNotebookDocstrings('\ufeff' + one, options);
    assert.ok(r1.ok && r1.fixes.length === 1);
    assert.ok(r1.text.startsWith('\ufeff{\n "cells": [\n  {'));
    assert.match(r1.text, /"source": \[\n {4}"def f\(a: int, b: int\) -> None:\\n",\n {4}" {4}\\"\\"\\"Sum\.\\n",\n/);
    // Upper-case hex, an odd escape (`\/`) in a line that stays: both kept; new text escaped in upper case.
    const cell = ['def f(a: int, b: int) -> None:\n', '    """S\u00fcm \u00e9 a/b.\n', '\n', '    Args:\n', '        a (int): A.\n', '    """\n'];
    let upper = JSON.stringify(notebook([code(cell)]), null, 1).replace(/[\u0080-\uffff]/g, (ch) => '\\u' + ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0'));
    upper = upper.replace('a/b', 'a\\/b');
    const r2 = fixNotebookDocstrings(upper, options);
    assert.ok(r2.ok && r2.fixes.length === 1, r2.ok ? '' : r2.reason);
    assert.ok(r2.text.includes('"    \\"\\"\\"S\\u00FCm \\u00E9 a\\/b.\\n"'));
    assert.strictEqual(r2.text.split('\n').length, upper.split('\n').length + 1);
    // CRLF inside the cell's text: the added line ends as the docstring's lines do.
    const crlf = stale.replace(/\n/g, '\r\n');
    const r3 = fixNotebookDocstrings(JSON.stringify(notebook([code(crlf.split(/(?<=\n)/))]), null, 1), options);
    assert.ok(r3.ok && r3.fixes.length === 1);
    assert.ok(r3.text.includes('"        b (int): Description of b.\\r\\n"'));
  });

  it('refuses what it cannot locate with a reason, and never throws on what is not a notebook', () => {
    const text = JSON.stringify(notebook([code(stale.split(/(?<=\n)/))]), null, 1);
    const twice = fixNotebookDocstrings(text.replace('"source": [', '"source": "",\n   "source": ['), options);
    assert.ok(!twice.ok && /"source" twice/.test(twice.reason), twice.ok ? '' : twice.reason);
    assert.ok(!twice.ok && twice.before.some((f) => f.code === 'DOC101' && f.cell === 1));
    const cellsTwice = fixNotebookDocstrings(text.replace('{\n "cells"', '{\n "cells": [],\n "cells"'), options);
    assert.ok(!cellsTwice.ok && /"cells" twice/.test(cellsTwice.reason));
    for (const bad of ['', '[]', '{"cells": 3}', '{"cells": [{"cell_type": "code", "source": 7}]}', '{'.repeat(100000), '['.repeat(100000) + ']'.repeat(100000)]) {
      const r = fixNotebookDocstrings(bad, options);
      assert.ok(!r.ok, bad.slice(0, 20));
    }
    // A notebook in another language is not Python: nothing to fix.
    const julia = JSON.stringify(notebook([code(stale)], 'julia'));
    assert.deepStrictEqual(fixNotebookDocstrings(julia, options), { ok: true, text: julia, fixes: [], before: [] });
  });
});
