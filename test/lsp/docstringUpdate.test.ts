/**
 * "Update docstring to match signature" through the real server (dist/server.js over stdio): a function
 * gains a parameter, the quick fix on its header updates the docstring, and then none is offered; the
 * source action updates every stale docstring of a file.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CodeAction } from 'vscode-languageserver-protocol';
import { REPO, TestClient, uriOf } from './helpers/lspClient';

/** A google-style function whose docstring matches its signature (shared with the e2e's quality step). */
const TEXT = fs.readFileSync(path.join(REPO, 'test', 'fixtures', 'docstrings', 'transfers.py'), 'utf8');

describe('update docstring over LSP', function () {
  let tmp: string;
  let client: TestClient;
  let uri: string;

  beforeEach(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-lsp-update-'));
    fs.mkdirSync(path.join(tmp, '.git'));
    const file = path.join(tmp, 'transfers.py');
    fs.writeFileSync(file, TEXT);
    uri = uriOf(file);
    client = await TestClient.start({ folders: [tmp] });
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const actionsAt = (line: number, only: string[]): Promise<CodeAction[]> => client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri }, range: { start: { line, character: 4 }, end: { line, character: 4 } }, context: { diagnostics: [], only },
  });

  it('a function gains a parameter: the quick fix documents it, then is no longer offered', async () => {
    await client.open(uri, TEXT);
    assert.deepStrictEqual(await actionsAt(3, ['quickfix']), []);
    // The user adds `timeout: float = 10.0` after `retries`.
    const at = { line: 3, character: TEXT.split('\n')[3].indexOf(') ->') };
    await client.change(uri, [{ range: { start: at, end: at }, text: ', timeout: float = 10.0' }]);
    const actions = await actionsAt(3, ['quickfix']);
    assert.deepStrictEqual(actions.map((a) => [a.title, a.kind]), [['Update docstring to match signature (added timeout)', 'quickfix']]);
    await client.applyEdits(uri, actions[0].edit!.changes![uri]);
    assert.match(client.text(uri), /retries \(int\): How often\.\n {8}timeout \(float\): Description of timeout\. Defaults to 10\.0\.\n\n {4}Returns:/);
    const python = spawnSync('python3', ['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], { input: client.text(uri), encoding: 'utf8' });
    assert.strictEqual(python.status, 0, python.stderr);
    assert.deepStrictEqual(await actionsAt(3, ['quickfix']), []);
    assert.deepStrictEqual(await actionsAt(3, ['source']), []);
  });

  it('the source action updates every stale docstring of the file', async () => {
    await client.open(uri, TEXT.replace('url: str, retries: int = 3', 'retries: int, url: str'));
    const actions = await actionsAt(0, ['source']);
    assert.deepStrictEqual(actions.map((a) => [a.title, a.kind]), [['Update 1 docstring to match signatures', 'source.docbits.updateAllDocstrings']]);
    await client.applyEdits(uri, actions[0].edit!.changes![uri]);
    assert.match(client.text(uri), /Args:\n {8}retries \(int\): How often\.\n {8}url \(str\): Where\.\n/);
  });
});
