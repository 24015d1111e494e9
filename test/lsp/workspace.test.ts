/** docbits/workspaceCoverage over stdio: the §3 report, $/progress through work-done tokens, cancellation. */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CancellationTokenSource } from 'vscode-languageserver-protocol';
import { REPO, TestClient, uriOf } from './helpers/lspClient';
import type { WorkspaceCoverageResult } from '../../server/src/workspace/workspaceCoverage';

const FIXTURE = path.join(REPO, 'test', 'fixtures', 'lsp', 'project');

describe('docbits/workspaceCoverage', function () {
  let tmp: string;
  let project: string;
  let client: TestClient | undefined;

  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-lsp-ws-'));
    project = path.join(tmp, 'project');
    fs.cpSync(FIXTURE, project, { recursive: true });
    fs.mkdirSync(path.join(project, '.git'));
  });

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('returns the CLI\'s --json report, with unsaved text over disk, and progress through the client\'s token', async () => {
    client = await TestClient.start({ folders: [project] });
    const cli = JSON.parse(spawnSync(process.execPath, [path.join(REPO, 'dist', 'cli.js'), '--json', project], { encoding: 'utf8' }).stdout);
    const onDisk = await client.request<WorkspaceCoverageResult>('docbits/workspaceCoverage', { workDoneToken: 'scan-1' });
    const { folders, text, summary, etag, ...report } = onDisk;
    assert.deepStrictEqual(report, cli);
    assert.strictEqual(typeof etag, 'string');
    // Asked again since that answer, with nothing changed: no files, nothing removed, the same totals.
    const again = await client.request<WorkspaceCoverageResult>('docbits/workspaceCoverage', { includeText: false, since: etag, workDoneToken: 'scan-again' });
    assert.deepStrictEqual([again.files, again.delta, again.totals], [[], { since: etag, removed: [] }, cli.totals]);
    assert.deepStrictEqual(folders.map((f) => [f.folder, f.totals.total]), [[project, cli.totals.total]]);
    assert.match(text, /Detailed Coverage/);
    assert.match(text, /RESULT: FAILED \(minimum: 80\.0%/);
    assert.match(summary, /^Docstring coverage \d+\.\d% \(\d+ of \d+\) — FAILED \(minimum 80%\)$/);
    // The first lines of the table only, and how many more there are (the output channel's request).
    const cut = await client.request<WorkspaceCoverageResult>('docbits/workspaceCoverage', { maxTextLines: 2, workDoneToken: 'cut' });
    assert.deepStrictEqual([cut.text, cut.textLinesLeftOut], [text.split('\n').slice(0, 2).join('\n') + '\n', text.split('\n').length - 3]);
    const ignored = await client.request<WorkspaceCoverageResult>('docbits/workspaceCoverage', { maxTextLines: 'all', workDoneToken: 'uncut' });
    assert.deepStrictEqual([ignored.text, ignored.textLinesLeftOut], [text, undefined]);

    const events = client.progress.filter((p) => p.token === 'scan-1').map((p) => p.value);
    assert.strictEqual(events[0].kind, 'begin');
    assert.strictEqual(events[0].cancellable, true);
    assert.strictEqual(events[events.length - 1].kind, 'end');
    const reports = events.filter((e) => e.kind === 'report');
    assert.ok(reports.length >= 1);
    assert.strictEqual(reports[reports.length - 1].message, `${cli.files.length}/${cli.files.length} files`);
    assert.strictEqual(reports[reports.length - 1].percentage, 100);

    // Document `parse` in the editor without saving: the report counts the editor's text.
    const uri = uriOf(path.join(project, 'parser.py'));
    const text2 = fs.readFileSync(path.join(project, 'parser.py'), 'utf8').replace('def parse(text):\n', 'def parse(text):\n    """Parse."""\n');
    await client.open(uri, text2);
    const unsaved = await client.request<WorkspaceCoverageResult>('docbits/workspaceCoverage', {});
    assert.strictEqual(unsaved.totals.covered, cli.totals.covered + 1);
    // No token from the client: the server asked for one (window/workDoneProgress/create) and used it.
    assert.strictEqual(client.createdTokens.length, 1);
    const created = client.progress.filter((p) => p.token === client!.createdTokens[0]).map((p) => p.value.kind);
    assert.deepStrictEqual([created[0], created[created.length - 1]], ['begin', 'end']);
  });

  it('stops on $/cancelRequest with RequestCancelled, and still serves afterwards', async () => {
    // Big enough to be scanning still when the cancellation arrives.
    const big = path.join(project, 'big');
    fs.mkdirSync(big);
    const body = Array.from({ length: 150 }, (_, i) => `class C${i}:\n    """Doc."""\n\n    def m${i}(self, x):\n        return x & ${i}\n`).join('\n');
    for (let i = 0; i < 1500; i++) fs.writeFileSync(path.join(big, `mod${i}.py`), body);
    client = await TestClient.start({ folders: [project] });
    const source = new CancellationTokenSource();
    const pending = client.request('docbits/workspaceCoverage', { workDoneToken: 'big' }, source);
    await waitFor(() => client!.progress.some((p) => p.token === 'big' && p.value.kind === 'report' && (p.value.percentage ?? 0) < 100));
    source.cancel();
    await assert.rejects(pending, (err: { code: number }) => err.code === -32800);
    await waitFor(() => client!.progress.some((p) => p.token === 'big' && p.value.kind === 'end'));
    const coverage = await client.request<{ total: number }>('docbits/fileCoverage', { uri: uriOf(path.join(project, 'parser.py')) });
    assert.strictEqual(coverage.total, 8);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
