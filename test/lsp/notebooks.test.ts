/**
 * Jupyter notebooks through LSP 3.17 notebook document sync (dist/server.js over stdio; `npm test` builds it):
 * the cells are analysed as one module, and every answer lands in the right cell: diagnostics (also after
 * edits, insertions, deletions and moves of cells), quick fixes, bit hovers, and docbits/fileCoverage.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CodeAction, Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { reportTree } from '../../server/src/coverage/reportTree';
import { FILE_COVERAGE_METHOD, FileCoverageResult, WORKSPACE_COVERAGE_METHOD, WorkspaceCoverageResult } from '../../server/src/protocol';
import { TestClient, uriOf } from './helpers/lspClient';

const CODE = 2;
const MARKUP = 1;

const CELL_1 = '"""Flags of the device."""\nFLAGS = 0b1010\n%matplotlib inline\n';
const CELL_2 = 'def load(path):\n    return path\n';
const CELL_3 = 'class Device:\n    """A device."""\n\n    def mask(self):\n        return FLAGS & 0b11\n';

/** The position map as the tests see it: `line:start-end code` per diagnostic. */
function places(d: PublishDiagnosticsParams): string[] {
  return d.diagnostics.map((x) => `${x.range.start.line}:${x.range.start.character}-${x.range.end.character} ${x.code}`);
}

describe('language server: notebooks', function () {
  let tmp: string;
  let client: TestClient;
  let notebook: string;
  const cell = (id: string): string => `vscode-notebook-cell:${notebook.slice('file://'.length)}#${id}`;
  let version = 1;

  /** Waits for the next diagnostics of each cell named (published after the notification that follows). */
  const after = (cells: string[], send: () => Promise<void>): Promise<PublishDiagnosticsParams[]> => {
    const waiting = Promise.all(cells.map((c) => client.nextDiagnostics(cell(c))));
    return send().then(() => waiting);
  };
  const change = (changeEvent: unknown): Promise<void> =>
    client.connection.sendNotification('notebookDocument/didChange', { notebookDocument: { uri: notebook, version: ++version }, change: changeEvent });

  beforeEach(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-lsp-nb-'));
    fs.mkdirSync(path.join(tmp, '.git'));
    notebook = uriOf(path.join(tmp, 'analysis.ipynb'));
    // On disk as last saved (empty): the workspace report reads the open notebook's cells instead.
    fs.writeFileSync(path.join(tmp, 'analysis.ipynb'), '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}');
    version = 1;
    client = await TestClient.start({ folders: [tmp], initializationOptions: { debounceMs: 0 } });
    const [c2, c3] = await after(['b', 'c'], () => client.connection.sendNotification('notebookDocument/didOpen', {
      notebookDocument: {
        uri: notebook, notebookType: 'jupyter-notebook', version,
        cells: [{ kind: CODE, document: cell('a') }, { kind: CODE, document: cell('b') }, { kind: CODE, document: cell('c') }],
      },
      cellTextDocuments: [
        { uri: cell('a'), languageId: 'python', version: 1, text: CELL_1 },
        { uri: cell('b'), languageId: 'python', version: 1, text: CELL_2 },
        { uri: cell('c'), languageId: 'python', version: 1, text: CELL_3 },
      ],
    }));
    assert.deepStrictEqual([places(c2), places(c3)], [['0:4-8 D103'], ['3:8-12 D102']]);
    assert.strictEqual(client.diagnostics.get(cell('a')), undefined, 'a cell without diagnostics is sent none');
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('reports the notebook\'s figure for a cell and for the notebook (the status bar asks with the cell\'s URI)', async () => {
    for (const uri of [cell('b'), notebook]) {
      const result = await client.request<FileCoverageResult>(FILE_COVERAGE_METHOD, { uri });
      assert.deepStrictEqual([result.total, result.covered, result.missed, result.measured], [4, 2, 2, true], uri);
    }
  });

  it('follows an edit of a cell: the diagnostic goes when the docstring comes', async () => {
    const [b] = await after(['b'], () => change({
      cells: { textContent: [{ document: { uri: cell('b'), version: 2 }, changes: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '    """Load it."""\n' }] }] },
    }));
    assert.strictEqual(b.version, 2);
    assert.deepStrictEqual(places(b), []);
  });

  it('follows inserted, moved and deleted cells, and a cell that turns into markdown', async () => {
    // Insert a cell before the class: its own diagnostic, and the class's stays at its line in its cell.
    const [x, c] = await after(['x', 'c'], () => change({
      cells: { structure: { array: { start: 2, deleteCount: 0, cells: [{ kind: CODE, document: cell('x') }] }, didOpen: [{ uri: cell('x'), languageId: 'python', version: 1, text: '\n\ndef new():\n    pass\n' }] } },
    }));
    assert.deepStrictEqual([places(x), places(c)], [['2:4-7 D103'], ['3:8-12 D102']]);
    // Move the class's cell to the front: one splice over the moved range, the same documents, none opened.
    const order = ['c', 'a', 'b', 'x'].map((id) => ({ kind: CODE, document: cell(id) }));
    const [moved] = await after(['c', 'b', 'x'], () => change({ cells: { structure: { array: { start: 0, deleteCount: 4, cells: order } } } }));
    // The module's docstring is no longer its first statement: the module's diagnostic is at the first cell's start.
    assert.deepStrictEqual(places(moved), ['0:0-0 D100', '3:8-12 D102']);
    assert.strictEqual(client.diagnostics.get(cell('a')), undefined);
    // Delete the inserted cell: its diagnostics are cleared.
    const gone = client.nextDiagnostics(cell('x'), (d) => d.diagnostics.length === 0);
    await change({ cells: { structure: { array: { start: 3, deleteCount: 1 }, didClose: [{ uri: cell('x') }] } } });
    await gone;
    // A code cell turned into markdown is not Python any more.
    const asMarkdown = client.nextDiagnostics(cell('b'), (d) => d.diagnostics.length === 0);
    await change({ cells: { data: [{ kind: MARKUP, document: cell('b') }] } });
    await asMarkdown;
    const result = await client.request<FileCoverageResult>(FILE_COVERAGE_METHOD, { uri: notebook });
    assert.deepStrictEqual([result.total, result.missed], [3, 2], 'load() is gone with its cell: the module, Device, Device.mask');
  });

  it('offers a quick fix that edits the cell of the definition', async () => {
    const diagnostics = client.diagnostics.get(cell('c'))!.diagnostics;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: cell('c') }, range: diagnostics[0].range, context: { diagnostics, only: ['quickfix'] },
    });
    const add = actions.find((a) => a.title === 'Add docstring to Device.mask')!;
    assert.ok(add, JSON.stringify(actions.map((a) => a.title)));
    assert.deepStrictEqual(Object.keys(add.edit!.changes!), [cell('c')]);
    const [edit] = add.edit!.changes![cell('c')];
    assert.deepStrictEqual(edit.range.start, { line: 4, character: 0 });
    assert.match(edit.newText, /^ {8}"""/);
    const [c] = await after(['c'], () => change({
      cells: { textContent: [{ document: { uri: cell('c'), version: 2 }, changes: [{ range: edit.range, text: edit.newText }] }] },
    }));
    assert.deepStrictEqual(places(c), []);
  });

  it('offers that quick fix when the request carries no diagnostics (ours at the range, in the module)', async () => {
    const [diagnostic] = client.diagnostics.get(cell('c'))!.diagnostics;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: cell('c') }, range: diagnostic.range, context: { diagnostics: [], only: ['quickfix'], triggerKind: 1 },
    });
    const add = actions.find((a) => a.title === 'Add docstring to Device.mask');
    assert.ok(add, JSON.stringify(actions.map((a) => a.title)));
    assert.deepStrictEqual(Object.keys(add.edit!.changes!), [cell('c')]);
    const automatic = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: cell('c') }, range: diagnostic.range, context: { diagnostics: [], only: ['quickfix'], triggerKind: 2 },
    });
    assert.deepStrictEqual(automatic.map((a) => a.title), []);
  });

  it('shows bit hovers in a cell, with names from earlier cells resolved and the range in the cell', async () => {
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: cell('c') }, position: { line: 4, character: 21 } });
    assert.ok(hover, 'a hover on `&`');
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /FLAGS/);
    assert.match(value, /= 2\b/);
    assert.strictEqual(hover.range!.start.line, 4);
    const none = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: cell('a') }, position: { line: 2, character: 3 } });
    assert.strictEqual(none, null, 'nothing on a magic line');
  });

  it('puts the open notebook in the workspace report with cell-qualified places, and clears every cell on close', async () => {
    const report = await client.request<WorkspaceCoverageResult>(WORKSPACE_COVERAGE_METHOD, {});
    const file = report.files.find((f) => f.path === 'analysis.ipynb')!;
    assert.deepStrictEqual(file.nodes.map((n) => [n.qualname, n.cell, n.line]), [['analysis.ipynb', 1, 1], ['load', 2, 1], ['Device', 3, 1], ['Device.mask', 3, 4]]);
    assert.match(report.text, /Device\.mask \(cell 3, L4\)/);
    const view = reportTree(report)[0].children.find((f) => f.label === 'analysis.ipynb')!;
    assert.deepStrictEqual(view.children.map((d) => [d.label, d.description]), [['load', 'function · cell 2, L1'], ['Device.mask', 'method · cell 3, L4']]);
    const cleared = await after(['a', 'b', 'c'], () => client.connection.sendNotification('notebookDocument/didClose', {
      notebookDocument: { uri: notebook }, cellTextDocuments: [{ uri: cell('a') }, { uri: cell('b') }, { uri: cell('c') }],
    }));
    assert.deepStrictEqual(cleared.map(places), [[], [], []]);
  });
});
