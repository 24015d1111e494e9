/**
 * "Update all docstrings to match signatures" on an open notebook, through the real server (dist/server.js
 * over stdio): asked from one cell, the source action edits every cell with a stale docstring, and once the
 * edits are applied to the cells their DOC diagnostics go.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CodeAction, PublishDiagnosticsParams, TextEdit } from 'vscode-languageserver-protocol';
import { REPO, TestClient, uriOf } from './helpers/lspClient';

/** make_layouts.py's notebook: stale docstrings in cells 3, 5 and 6 (0-based 2, 4, 5), a good one in cell 4. */
const FIXTURE = path.join(REPO, 'test', 'fixtures', 'docstrings', 'notebook_layouts', 'indent1.ipynb');

const docCodes = (d: PublishDiagnosticsParams | undefined): string[] => (d?.diagnostics ?? []).filter((x) => String(x.code).startsWith('DOC')).map((x) => String(x.code));

describe('language server: updating a notebook\'s docstrings', function () {
  let tmp: string;
  let client: TestClient;

  beforeEach(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-lsp-nbupdate-'));
    fs.mkdirSync(path.join(tmp, '.git'));
    fs.writeFileSync(path.join(tmp, 'pyproject.toml'), '[tool.pydoclint]\nstyle = "google"\n');
    client = await TestClient.start({ folders: [tmp], initializationOptions: { debounceMs: 0 } });
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('the source action asked in one cell edits each stale cell, and their DOC diagnostics go', async () => {
    fs.copyFileSync(FIXTURE, path.join(tmp, 'layout.ipynb'));
    const notebook = uriOf(path.join(tmp, 'layout.ipynb'));
    const raw = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as { cells: Array<{ cell_type: string; source: string | string[] }> };
    const texts = raw.cells.map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source));
    const cell = (i: number): string => `vscode-notebook-cell:${notebook.slice('file://'.length)}#c${i}`;
    const stale = [2, 4, 5];
    const first = Promise.all(stale.map((i) => client.nextDiagnostics(cell(i), (d) => docCodes(d).length > 0)));
    await client.connection.sendNotification('notebookDocument/didOpen', {
      notebookDocument: { uri: notebook, notebookType: 'jupyter-notebook', version: 1, cells: raw.cells.map((c, i) => ({ kind: c.cell_type === 'code' ? 2 : 1, document: cell(i) })) },
      cellTextDocuments: raw.cells.map((c, i) => ({ uri: cell(i), languageId: c.cell_type === 'code' ? 'python' : 'markdown', version: 1, text: texts[i] })),
    });
    const before = await first;
    assert.deepStrictEqual(before.map(docCodes), [['DOC101', 'DOC103'], ['DOC102', 'DOC103'], ['DOC102', 'DOC103']]);
    assert.strictEqual(docCodes(client.diagnostics.get(cell(3))).length, 0, 'the good cell has nothing to say');

    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: cell(1) }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source'] },
    });
    const all = actions.find((a) => a.kind === 'source.docbits.updateAllDocstrings');
    assert.ok(all, JSON.stringify(actions.map((a) => a.title)));
    assert.strictEqual(all.title, 'Update 3 docstrings to match signatures');
    const changes = all.edit!.changes!;
    assert.deepStrictEqual(Object.keys(changes).sort(), stale.map(cell).sort());

    // The editor applies each cell's edits (last first, so earlier positions hold) as one change of the notebook.
    const fixed = Promise.all(stale.map((i) => client.nextDiagnostics(cell(i), (d) => d.version === 2)));
    const textContent = stale.map((i) => ({
      document: { uri: cell(i), version: 2 },
      changes: [...changes[cell(i)]].sort((a: TextEdit, b: TextEdit) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character)
        .map((e) => ({ range: e.range, text: e.newText })),
    }));
    await client.connection.sendNotification('notebookDocument/didChange', { notebookDocument: { uri: notebook, version: 2 }, change: { cells: { textContent } } });
    const after = await fixed;
    assert.deepStrictEqual(after.map(docCodes), [[], [], []]);
  });
});
