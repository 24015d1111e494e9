/** `--fix` on a notebook's JSON text (server/src/docstrings/fixNotebook.ts): cells edited in place, the layout kept or refused. */
import * as assert from 'assert';
import { DEFAULT_QUALITY_OPTIONS } from '../../server/src/docstrings/checks';
import { fixNotebookDocstrings } from '../../server/src/docstrings/fixNotebook';

const options = { ...DEFAULT_QUALITY_OPTIONS, style: 'google' as const };
const stale = 'def f(a: int, b: int) -> None:\n    """Sum.\n\n    Args:\n        a (int): A.\n    """\n';
const notebook = (cells: unknown[], language = 'python'): Record<string, unknown> => ({ cells, metadata: { language_info: { name: language } }, nbformat: 4, nbformat_minor: 5 });
const code = (source: string | string[]): Record<string, unknown> => ({ cell_type: 'code', metadata: {}, outputs: [], source });

describe('docstrings/fixNotebook', () => {
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

  it('refuses a layout it cannot write back (CRLF, escaped non-ASCII), and never throws on what is not a notebook', () => {
    const text = JSON.stringify(notebook([code(stale)]), null, 1);
    const crlf = fixNotebookDocstrings(text.replace(/\n/g, '\r\n'), options);
    assert.ok(!crlf.ok && /laid out otherwise/.test(crlf.reason));
    assert.ok(!crlf.ok && crlf.before.some((f) => f.code === 'DOC101' && f.cell === 1));
    const escaped = fixNotebookDocstrings(text.replace('Sum.', '\\u00fcber.'), options);
    assert.ok(!escaped.ok);
    for (const bad of ['', '[]', '{"cells": 3}', '{"cells": [{"cell_type": "code", "source": 7}]}', '{'.repeat(100000)]) {
      const r = fixNotebookDocstrings(bad, options);
      assert.ok(!r.ok, bad.slice(0, 20));
    }
    // A notebook in another language is not Python: nothing to fix.
    const julia = JSON.stringify(notebook([code(stale)], 'julia'));
    assert.deepStrictEqual(fixNotebookDocstrings(julia, options), { ok: true, text: julia, fixes: [], before: [] });
  });
});
