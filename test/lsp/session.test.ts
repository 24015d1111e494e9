/**
 * A long editing session (README, Performance and reliability): 10,000 random edits to a real module replayed through
 * incremental didChange end with exactly the diagnostics a fresh open of the final text gives, and the
 * server's memory does not grow with the number of edits.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codes, delay, TestClient, uriOf } from './helpers/lspClient';
import { Prng } from '../helpers/prng';
import { stdlibRoot } from '../oracles/stdlib';

/** What people type, half-typed: docstrings, definitions, brackets and quotes that are not closed yet. */
const SNIPPETS = ['"""Doc."""', 'def f(x):\n    ', 'class C:\n    ', '(', ')', '[', ']', '"', "'", '"""', '#', ' # nodocqa',
  '\n', '\n    ', '    ', 'x = 1\n', 'return x', ':', '@decorator\n', 'async def g():\n        pass\n', 'a', 'é', '\t', '\\\n'];

function rssKiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]);
}

describe('language server: a long editing session', function () {
  this.timeout(180_000);
  let tmp: string;
  let client: TestClient;

  beforeEach(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-session-'));
    fs.mkdirSync(path.join(tmp, '.git'));
    client = await TestClient.start({ folders: [tmp], initializationOptions: { debounceMs: 20 } });
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('10,000 random edits end with the diagnostics of a fresh open, without memory growth', async () => {
    const source = fs.readFileSync(path.join(stdlibRoot(), 'textwrap.py'), 'utf8');
    const file = path.join(tmp, 'textwrap_copy.py');
    fs.writeFileSync(file, source);
    const uri = uriOf(file);
    await client.open(uri, source);
    const prng = new Prng(20261125);
    const random = (): number => prng.next();
    const rss: number[] = [];
    for (let i = 1; i <= 10_000; i++) {
      const doc = TextDocument.create(uri, 'python', 0, client.text(uri));
      const length = doc.getText().length;
      const start = Math.floor(random() * (length + 1));
      const end = Math.min(length, start + (random() < 0.5 ? 0 : Math.floor(random() * 12)));
      // Keep the module about its size: delete a little more often when it has grown.
      const insert = random() < (length > source.length * 1.2 ? 0.3 : 0.6) ? SNIPPETS[Math.floor(random() * SNIPPETS.length)] : '';
      client.sendChange(uri, [{ range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: insert }]);
      // Let the debounced checks run now and then, as between bursts of typing; not after the last edit: its
      // diagnostics could come during the pause, before anything waits for them.
      if (i % 500 === 0 && i < 10_000) {
        await delay(30);
        if (i === 2000) rss.push(rssKiB(client.pid!));
      }
    }
    const finalVersion = client.version(uri);
    const afterEdits = await client.nextDiagnostics(uri, (d) => d.version === finalVersion, 30_000);
    rss.push(rssKiB(client.pid!));
    const finalText = client.text(uri);
    await client.close(uri);
    const fresh = await client.open(uri, finalText);
    assert.deepStrictEqual(codes(afterEdits.diagnostics), codes(fresh.diagnostics));
    assert.ok(fresh.diagnostics.length > 0, 'the edited module still has definitions to report');
    // Memory: what the server holds does not depend on how many edits it has seen.
    assert.ok(rss[1] - rss[0] < 40 * 1024, `server RSS grew from ${rss[0]} KiB to ${rss[1]} KiB`);
  });
});
