/**
 * The server against clients that misbehave and bursts an attack run found (CHANGELOG, "Fixed (hostile input)"):
 * each input below hung, deafened or bloated the server before. Memory is the server process's own peak
 * (VmHWM in /proc), threads its Threads count, both sampled while the input runs.
 */
import * as assert from 'assert';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { CancellationTokenSource } from 'vscode-languageserver-protocol';
import { codes, delay, processStatus, SERVER, TestClient, uriOf } from './helpers/lspClient';
import type { WorkspaceCoverageResult } from '../../server/src/workspace/workspaceCoverage';

const MiB = 1024;
/** JSON-RPC's code for parameters a request cannot take. */
const INVALID_PARAMS = -32602;

/** Samples the server's peak memory and thread count until stopped. */
function watch(pid: number): { stop(): { hwmMiB: number; maxThreads: number } } {
  let maxThreads = 0;
  const sample = (): void => {
    try {
      maxThreads = Math.max(maxThreads, processStatus(pid).threads);
    } catch {
      // exited
    }
  };
  const timer = setInterval(sample, 10);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { hwmMiB: processStatus(pid).hwmKiB / MiB, maxThreads };
    },
  };
}

function module(definitions: number, tag = ''): string {
  return Array.from({ length: definitions }, (_, i) => `def f${i}${tag}(x):\n    return x + ${i}\n`).join('');
}

describe('language server: hostile input', function () {
  this.timeout(60_000);
  let tmp: string;
  let client: TestClient | undefined;

  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-hostile-'));
    fs.mkdirSync(path.join(tmp, '.git'));
  });

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  describe('a client that misbehaves', () => {
    const frames: Array<[string, string]> = [
      ['no Content-Length', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"shutdown"}'],
      ['a non-numeric Content-Length', 'Content-Length: twelve\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"shutdown"}'],
      ['a negative Content-Length', 'Content-Length: -5\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"shutdown"}'],
      ['a Content-Length shorter than the body', 'Content-Length: 10\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"shutdown"}'],
    ];
    for (const [what, frame] of frames) {
      it(`exits with an error code on a frame with ${what}, rather than stay alive and deaf`, async () => {
        const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
        child.stdin.on('error', () => undefined); // EPIPE once it has exited
        const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
        child.stdin.write(frame); // and stdin stays open: the editor is still there
        const code = await Promise.race([exited, delay(5000).then(() => 'alive' as const)]);
        if (code === 'alive') child.kill();
        assert.notStrictEqual(code, 'alive', 'the server neither answered nor exited');
        assert.ok(code !== 0 && code !== null, `exit code ${code}`);
        assert.match(stderr, /docbits: unreadable message from the client, exiting/);
      });
    }

    for (const transport of ['socket', 'pipe'] as const) {
      it(`over --${transport}: answers a good frame, and exits with an error code on a bad one`, async () => {
        const address = transport === 'pipe' ? path.join(tmp, 'lsp.sock') : undefined;
        const server = net.createServer();
        await new Promise<void>((resolve) => (address ? server.listen(address, resolve) : server.listen(0, '127.0.0.1', resolve)));
        const arg = address ?? String((server.address() as net.AddressInfo).port);
        const connected = new Promise<net.Socket>((resolve) => server.once('connection', resolve));
        const child = spawn(process.execPath, [SERVER, `--${transport}=${arg}`], { stdio: ['ignore', 'pipe', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
        const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
        try {
          const socket = await connected;
          socket.on('error', () => undefined);
          let answers = '';
          socket.on('data', (chunk: Buffer) => { answers += chunk.toString(); });
          const initialize = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
          socket.write(`Content-Length: ${Buffer.byteLength(initialize)}\r\n\r\n${initialize}`);
          for (let waited = 0; !answers.includes('"id":1') && waited < 10_000; waited += 50) await delay(50);
          assert.match(answers, /"capabilities"/, 'the server answers initialize over the transport');
          socket.write('Content-Length: twelve\r\n\r\n{"jsonrpc":"2.0","id":2,"method":"shutdown"}'); // and the socket stays open
          const code = await Promise.race([exited, delay(5000).then(() => 'alive' as const)]);
          assert.notStrictEqual(code, 'alive', 'the server neither answered nor exited');
          assert.ok(code !== 0 && code !== null, `exit code ${code}`);
          assert.match(stderr, /docbits: unreadable message from the client, exiting/);
        } finally {
          child.kill();
          server.close();
        }
      });
    }

    it('answers custom requests sent with no params or params by position, and logs no internal error for a minimal client', async () => {
      fs.writeFileSync(path.join(tmp, 'a.py'), module(2));
      const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
      const send = (message: object): void => {
        const body = JSON.stringify({ jsonrpc: '2.0', ...message });
        child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      };
      const answer = async (id: number): Promise<{ result?: { totals?: { total: number } } | null; error?: { code: number; message: string } }> => {
        for (let waited = 0; waited < 20_000; waited += 50) {
          const found = out.split(/Content-Length: \d+\r\n\r\n/).find((part) => part.includes(`"id":${id},`));
          if (found) return JSON.parse(found);
          await delay(50);
        }
        throw new Error(`no answer to request ${id}: ${out.slice(0, 2000)}`);
      };
      try {
        // A client with no capabilities at all: no workspace folders, no configuration, no progress.
        send({ id: 1, method: 'initialize', params: { processId: null, rootUri: uriOf(tmp), capabilities: {} } });
        await answer(1);
        send({ method: 'initialized', params: {} });
        send({ id: 2, method: 'docbits/workspaceCoverage' });
        assert.strictEqual((await answer(2)).result?.totals?.total, 3, 'no params is {}');
        send({ id: 3, method: 'docbits/workspaceCoverage', params: [{}, 5] });
        const byPosition = await answer(3);
        assert.strictEqual(byPosition.error?.code, INVALID_PARAMS);
        assert.match(byPosition.error?.message ?? '', /takes its parameters by name/);
        send({ id: 4, method: 'docbits/fileCoverage', params: [1, 2] });
        assert.strictEqual((await answer(4)).error?.code, INVALID_PARAMS);
        send({ id: 5, method: 'docbits/fileCoverage' });
        assert.strictEqual((await answer(5)).error?.code, INVALID_PARAMS);
        assert.doesNotMatch(out, /internal error/, 'the server logged an internal error');
      } finally {
        child.kill();
      }
    });

    it('answers docbits/workspaceCoverage without progress when the client never answers workDoneProgress/create, and answers a cancel at once', async () => {
      fs.writeFileSync(path.join(tmp, 'a.py'), module(3));
      client = await TestClient.start({ folders: [tmp], unanswered: ['window/workDoneProgress/create'] });
      const started = Date.now();
      const report = await client.request<WorkspaceCoverageResult>('docbits/workspaceCoverage', {});
      assert.strictEqual(report.totals.total, 4);
      assert.ok(Date.now() - started < 10_000);
      assert.strictEqual(client.createdTokens.length, 1, 'the server asked');
      assert.deepStrictEqual(client.progress, [], 'and went on without progress');

      const source = new CancellationTokenSource();
      const pending = client.request('docbits/workspaceCoverage', {}, source);
      await delay(200); // the server is waiting for the client's answer now
      const cancelledAt = Date.now();
      source.cancel();
      await assert.rejects(pending, (err: { code: number }) => err.code === -32800);
      assert.ok(Date.now() - cancelledAt < 1000, `the cancel took ${Date.now() - cancelledAt} ms to answer`);
    });

    it('stays up when the client refuses its registrations (eglot 1.9 answers "Internal error"), and says so once', async () => {
      client = await TestClient.start({ folders: [tmp], refusesRegistrations: true });
      const uri = uriOf(path.join(tmp, 'm.py'));
      const first = await client.open(uri, module(2));
      assert.strictEqual(first.diagnostics.length, 3);
      await delay(200); // an unhandled rejection ended the server here
      assert.strictEqual(client.exitCode, null, 'the server exited');
      const warnings = client.logs.filter((l) => /the editor refused to/.test(l.message)).map((l) => l.message);
      assert.strictEqual(warnings.length, 2, warnings.join('\n'));
      assert.match(warnings.join('\n'), /refused to watch pyproject\.toml and setup\.cfg for changes \(Internal error\)/);
      const after = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '"""Module."""\n' }]);
      assert.strictEqual(after.diagnostics.length, 2, 'no diagnostics for an edit after the refusals');
    });

    it('publishes diagnostics under the pushed settings when the client never answers workspace/configuration', async () => {
      client = await TestClient.start({
        folders: [tmp], unanswered: ['workspace/configuration'], initializationOptions: { settings: { docbits: { severity: 'error' } } },
      });
      const uri = uriOf(path.join(tmp, 'a.py'));
      const published = await client.open(uri, module(2));
      assert.deepStrictEqual(codes(published.diagnostics), [
        '1:0-0 D100 Missing docstring in module a.py', '1:4-6 D103 Missing docstring in function f0', '3:4-6 D103 Missing docstring in function f1',
      ]);
      assert.ok(published.diagnostics.every((d) => d.severity === 1), 'the pushed severity: error');
    });

    it('takes the new text of a re-opened document, and of a change that reuses a version number', async () => {
      client = await TestClient.start({ folders: [tmp] });
      const uri = uriOf(path.join(tmp, 'a.py'));
      await client.open(uri, module(1));
      // didOpen again, same version, another text: three functions now.
      const reopened = client.nextDiagnostics(uri, (d) => d.diagnostics.length === 4);
      void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: module(3) } });
      await reopened;
      // Version 2 twice, with different texts: the second one counts.
      await client.sendFullText(uri, module(5), 2);
      await client.nextDiagnostics(uri, (d) => d.version === 2 && d.diagnostics.length === 6);
      const reused = client.nextDiagnostics(uri, (d) => d.version === 2 && d.diagnostics.length === 3);
      await client.sendFullText(uri, module(2, '_reused'), 2);
      assert.deepStrictEqual(codes((await reused).diagnostics).slice(1), [
        '1:4-13 D103 Missing docstring in function f0_reused', '3:4-13 D103 Missing docstring in function f1_reused',
      ]);
    });
  });

  describe('bursts and concurrency', () => {
    it('coalesces 2,000 full-text changes of a 100 KB document: bounded memory, final diagnostics within 2 s', async () => {
      // debounceMs 0, as the bench runs it: every change used to be checked and published on its own.
      client = await TestClient.start({ folders: [tmp], initializationOptions: { debounceMs: 0 } });
      const uri = uriOf(path.join(tmp, 'big.py'));
      const base = module(2500).slice(0, 100 * 1024);
      await client.open(uri, base);
      const watcher = watch(client.pid!);
      const writes: Array<Promise<void>> = [];
      for (let v = 2; v <= 2001; v++) writes.push(client.sendFullText(uri, `${base}\n# change ${v}\n`, v));
      await Promise.all(writes);
      const lastWritten = Date.now();
      await client.nextDiagnostics(uri, (d) => d.version === 2001, 2000);
      const latency = Date.now() - lastWritten;
      const { hwmMiB } = watcher.stop();
      assert.ok(hwmMiB < 500, `peak RSS ${hwmMiB.toFixed(0)} MiB`);
      assert.ok(latency < 2000, `final diagnostics ${latency} ms after the last change`);
      const checks = client.published.filter((p) => p.uri === uri).length;
      assert.ok(checks < 50, `${checks} publications for one burst`);
    });

    it('shares one scan among 100 concurrent docbits/workspaceCoverage requests: one worker pool, bounded memory', async () => {
      for (let i = 0; i < 200; i++) fs.writeFileSync(path.join(tmp, `mod${i}.py`), module(20));
      client = await TestClient.start({ folders: [tmp] });
      const baseline = processStatus(client.pid!).threads;
      const watcher = watch(client.pid!);
      const requests = Array.from({ length: 100 }, (_, i) => client!.request<WorkspaceCoverageResult>('docbits/workspaceCoverage', { workDoneToken: `t${i}` }));
      const reports = await Promise.all(requests);
      const { hwmMiB, maxThreads } = watcher.stop();
      assert.ok(reports.every((r) => r.totals.total === 200 * 21), 'every request answered with the report');
      assert.ok(hwmMiB < 500, `peak RSS ${hwmMiB.toFixed(0)} MiB`);
      assert.ok(maxThreads - baseline <= os.availableParallelism() + 2, `${maxThreads - baseline} threads more than idle`);
    });

    it('cancels a running scan superseded by a request after an edit, and serves the new one', async () => {
      for (let i = 0; i < 300; i++) fs.writeFileSync(path.join(tmp, `mod${i}.py`), module(100));
      client = await TestClient.start({ folders: [tmp] });
      const uri = uriOf(path.join(tmp, 'mod0.py'));
      await client.open(uri, module(100));
      const first = client.request<WorkspaceCoverageResult>('docbits/workspaceCoverage', { workDoneToken: 'old' });
      await delay(50);
      await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '"""Module."""\n' }]);
      const second = client.request<WorkspaceCoverageResult>('docbits/workspaceCoverage', { workDoneToken: 'new' });
      const [old, fresh] = await Promise.allSettled([first, second]);
      assert.strictEqual(fresh.status, 'fulfilled');
      assert.strictEqual(fresh.value.totals.covered, 1, 'the edited text counts');
      // The first scan may have finished before the second request came; if not, it was superseded.
      if (old.status === 'rejected') assert.strictEqual((old.reason as { code: number }).code, -32800);
    });

    // formatTextReport used to spread the rows into Math.max(...) and push(...): RangeError past ~125,000 rows,
    // and the handler's guard answered null.
    it('answers docbits/workspaceCoverage on 140,000 definitions (not null)', async () => {
      fs.writeFileSync(path.join(tmp, 'huge.py'), module(140_000));
      client = await TestClient.start({ folders: [tmp] });
      const report = await client.request<WorkspaceCoverageResult | null>('docbits/workspaceCoverage', {});
      assert.ok(report, 'a report, not null');
      assert.strictEqual(report.totals.total, 140_001);
    });

    it('caps docbits.maxFileSize at 50 MB: a 200 MB file under a limit of 1e12 is reported, and the server lives', async () => {
      const huge = path.join(tmp, 'huge.py');
      const chunk = Buffer.from(module(1000));
      const fd = fs.openSync(huge, 'w');
      for (let written = 0; written < 200 * 1024 * 1024; written += chunk.length) fs.writeSync(fd, chunk);
      fs.closeSync(fd);
      fs.writeFileSync(path.join(tmp, 'small.py'), module(2));
      client = await TestClient.start({ folders: [tmp], settings: { maxFileSize: 1e12 } });
      const report = await client.request<WorkspaceCoverageResult>('docbits/workspaceCoverage', {});
      assert.strictEqual(report.totals.total, 3, 'small.py alone is counted');
      assert.match(JSON.stringify(report.files), /"error":"file is 200 MB, larger than the 50 MB limit \(docbits.maxFileSize\)"/);
      assert.ok(client.logs.some((l) => /"docbits\.maxFileSize": 1000000000000 is above the ceiling of 52428800 \(50 MB\); using 52428800/.test(l.message)),
        JSON.stringify(client.logs));
      const small = await client.request<{ total: number }>('docbits/fileCoverage', { uri: uriOf(path.join(tmp, 'small.py')) });
      assert.strictEqual(small.total, 3);
      assert.strictEqual(client.exitCode, null);
    });
  });
});
