/**
 * Docstring quality through the real server (dist/server.js over stdio), as an editor sees it: a function
 * gains a parameter, a DOC101 diagnostic appears on it, the quick fix on that squiggle (preferred, naming
 * the diagnostics it resolves) updates the docstring, and the diagnostic goes; "Ignore with # noqa"; the
 * [tool.pydoclint] problems on their line of pyproject.toml; a notebook's findings in their cell.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CodeAction, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { REPO, TestClient, uriOf } from './helpers/lspClient';

/** A google-style function whose docstring matches its signature (shared with the e2e's quality step). */
const TEXT = fs.readFileSync(path.join(REPO, 'test', 'fixtures', 'docstrings', 'transfers.py'), 'utf8');

const docCodes = (d: PublishDiagnosticsParams): string[] => d.diagnostics.filter((x) => String(x.code).startsWith('DOC')).map((x) => String(x.code));

describe('language server: docstring quality', function () {
  let tmp: string;
  let client: TestClient;
  let uri: string;

  beforeEach(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-lsp-quality-'));
    fs.mkdirSync(path.join(tmp, '.git'));
    fs.writeFileSync(path.join(tmp, 'pyproject.toml'), '[tool.pydoclint]\nstyle = "google"\n');
    const file = path.join(tmp, 'transfers.py');
    fs.writeFileSync(file, TEXT);
    uri = uriOf(file);
    client = await TestClient.start({ folders: [tmp], initializationOptions: { debounceMs: 0 } });
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const quickFixes = (at: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> => client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: at }, range: diagnostics[0].range, context: { diagnostics, only: ['quickfix'] },
  });

  it('a function gains a parameter: DOC101 on it, the preferred quick fix on the squiggle updates the docstring, the diagnostic goes', async () => {
    assert.deepStrictEqual(docCodes(await client.open(uri, TEXT)), []);
    const at = { line: 3, character: TEXT.split('\n')[3].indexOf(') ->') };
    const published = await client.change(uri, [{ range: { start: at, end: at }, text: ', timeout: float = 10.0' }]);
    const missing = published.diagnostics.find((d) => d.code === 'DOC101')!;
    assert.ok(missing, JSON.stringify(published.diagnostics));
    assert.strictEqual(missing.message, 'Argument `timeout` is missing from the docstring of `fetch`');
    assert.deepStrictEqual(missing.range, { start: { line: 3, character: 38 }, end: { line: 3, character: 45 } }, 'on the parameter');
    // The editor sends the diagnostics under the cursor (the squiggle's).
    const actions = await quickFixes(uri, [missing]);
    assert.deepStrictEqual(actions.map((a) => [a.title, a.isPreferred ?? false, a.diagnostics?.map((d) => d.code)]), [
      ['Update docstring to match signature (added timeout)', true, ['DOC101']],
      ['Ignore with # noqa: DOC101', false, ['DOC101']],
    ]);
    const fixed = await client.applyEdits(uri, actions[0].edit!.changes![uri]);
    assert.match(client.text(uri), /retries \(int\): How often\.\n {8}timeout \(float\): Description of timeout\. Defaults to 10\.0\.\n/);
    assert.deepStrictEqual(docCodes(fixed), []);
  });

  it('"Ignore with # noqa: DOCxxx" silences the diagnostic where pydoclint reads the comment', async () => {
    await client.open(uri, TEXT.replace('        retries (int): How often.\n', ''));
    const published = client.diagnostics.get(uri)!;
    const doc = published.diagnostics.filter((d) => d.code === 'DOC101');
    assert.strictEqual(doc.length, 1, JSON.stringify(published.diagnostics));
    const ignore = (await quickFixes(uri, doc)).find((a) => a.title === 'Ignore with # noqa: DOC101')!;
    const after = await client.applyEdits(uri, ignore.edit!.changes![uri]);
    assert.match(client.text(uri), / {4}"""  # noqa: DOC101\n/);
    assert.deepStrictEqual(docCodes(after), ['DOC103'], 'only the code named is silenced');
  });

  it('shows [tool.pydoclint] problems on their line of pyproject.toml, beside the coverage ones', async () => {
    const pyproject = path.join(tmp, 'pyproject.toml');
    fs.writeFileSync(pyproject, '[tool.interrogate]\nfail-undr = 50\n\n[tool.pydoclint]\nstyle = "google"\nchek-arg-order = true\nallow-init-docstring = "maybe"\n');
    // The coverage ones come first, the [tool.pydoclint] ones join them when the document's quality is checked.
    const onConfig = client.nextDiagnostics(uriOf(pyproject), (d) => d.diagnostics.length > 1);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(pyproject), type: 2 }] });
    await client.open(uri, TEXT);
    const problems = (await onConfig).diagnostics;
    assert.deepStrictEqual(problems.map((d) => [d.range.start.line, d.severity, d.message.slice(0, 32)]), [
      [1, 2, 'Unknown key "fail-undr" in [tool'],
      [5, 2, 'Unknown key "chek-arg-order" in '],
      [6, 1, '[tool.pydoclint] allow-init-docs'],
    ]);
  });

  it('a notebook: the findings on the right cell, and the quick fix edits that cell', async () => {
    const notebook = uriOf(path.join(tmp, 'areas.ipynb'));
    fs.copyFileSync(path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'notebooks', 'quality.ipynb'), path.join(tmp, 'areas.ipynb'));
    const raw = JSON.parse(fs.readFileSync(path.join(tmp, 'areas.ipynb'), 'utf8')) as { cells: Array<{ cell_type: string; source: string[] }> };
    const cell = (i: number): string => `vscode-notebook-cell:${notebook.slice('file://'.length)}#c${i}`;
    const waiting = client.nextDiagnostics(cell(2));
    await client.connection.sendNotification('notebookDocument/didOpen', {
      notebookDocument: {
        uri: notebook, notebookType: 'jupyter-notebook', version: 1,
        cells: raw.cells.map((c, i) => ({ kind: c.cell_type === 'code' ? 2 : 1, document: cell(i) })),
      },
      cellTextDocuments: raw.cells.map((c, i) => ({ uri: cell(i), languageId: c.cell_type === 'code' ? 'python' : 'markdown', version: 1, text: c.source.join('') })),
    });
    const inCell = await waiting;
    const missing = inCell.diagnostics.filter((d) => d.code === 'DOC101');
    assert.deepStrictEqual(missing.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character]), [[0, 21, 27]], 'on `height`, in the cell');
    assert.strictEqual(client.diagnostics.get(cell(3)), undefined, 'the next cell has nothing to say');
    const [update] = await quickFixes(cell(2), missing);
    assert.deepStrictEqual([update.title, update.isPreferred, Object.keys(update.edit!.changes!)], ['Update docstring to match signature (added height)', true, [cell(2)]]);
    const [edit] = update.edit!.changes![cell(2)];
    assert.match(edit.newText, /height \(int\): Description of height\./);
    assert.ok(edit.range.start.line >= 4 && edit.range.start.line <= 8, JSON.stringify(edit.range));
  });
});
