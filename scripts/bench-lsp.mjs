#!/usr/bin/env node
// The language server's latency, as an editor feels it (README, Performance): spawns `node dist/server.js --stdio`
// and measures over LSP
//   0. the FIRST didOpen after initialize (a fresh server: the JIT is cold, unless the server's warm-up ran) ->
//      its publishDiagnostics, over BENCH_LSP_COLD_STARTS fresh servers; four modules opened one after
//      another in each, the later three being the "later open" figure, then a fifth a second after the fourth's
//      diagnostics (the server has been quiet: its warm-up ran then),
//   1. didOpen of a generated 20,000-line module -> its publishDiagnostics (a server that has opened many),
//   2. a one-character didChange in that module -> the new diagnostics,
//   3. a code-action request carrying five of its diagnostics, as the user asks for one (quick fixes for each,
//      and "add all", whose edit the client resolves when it is picked, as VS Code's does), one as an editor
//      asks on a cursor move (triggerKind Automatic: quick fixes only), and the resolve of "add all",
//   4. hovers on the bitwise expressions of test/fixtures/bits/flags.py and test/fixtures/lsp/project/bits.py,
//   5. hovers on bitwise expressions in the last thousand lines of the 20,000-line module,
//   6. (1) and (2) again with docstring-quality diagnostics on (docbits.quality.enabled "on"): the checks run
//      on the same parse, for the module's ~8,000 google-style docstrings,
//   7. the workspace report of the stdlib (docbits/workspaceCoverage, no table): the first, then BENCH_LSP_REPORTS
//      re-runs with nothing changed and `since` (what the view's quiet refresh asks: a walk, stats, and
//      session/reportDeltas.ts comparing every file with the last answer's).
// The edit debounce is set to 0 (initializationOptions { debounceMs: 0 }), so (2) is the check itself, not
// the 150 ms an editor waits for typing to pause. Run `node esbuild.mjs` first (npm run bench does).
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');

const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const RUNS = Number(process.env.BENCH_LSP_RUNS ?? 20);
const HOVERS = Number(process.env.BENCH_LSP_HOVERS ?? 200);
const COLD_STARTS = Number(process.env.BENCH_LSP_COLD_STARTS ?? 5);
// Pauses between `initialized` and the first didOpen (ms), one series of fresh servers each: 0 is a window
// restored with files open (the warm-up does not run: the documents come first), 1000 a file opened a second
// after the server started (the warm-up, session/warmUp.ts, has run by then).
const COLD_PAUSES_MS = (process.env.BENCH_LSP_COLD_PAUSE_MS ?? '0,1000').split(',').map(Number);
const REPORTS = Number(process.env.BENCH_LSP_REPORTS ?? 5);
// Another build's server (to compare two binaries back to back on a loaded machine): BENCH_LSP_SERVER=/tmp/x/dist/server.js.
const SERVER = process.env.BENCH_LSP_SERVER ?? path.join(repo, 'dist', 'server.js');

/** A realistic module: classes with docstrings (some missing), methods, comments, decorators, bit twiddling. */
function generateModule(lines) {
  const out = ['"""A generated module for the LSP benchmark."""', 'import functools', ''];
  for (let c = 0; out.length < lines; c++) {
    out.push('', '', `class Widget${c}:`, c % 3 ? `    """Widget number ${c}."""` : '    # no docstring here', '');
    for (let m = 0; m < 8 && out.length < lines; m++) {
      if (m % 4 === 1) out.push('    @functools.lru_cache(maxsize=None)');
      out.push(`    def method_${m}(self, value, *, flags=0):  # ${m % 5 === 0 ? 'nodocqa' : 'handles bits'}`);
      if (m % 2 === 0) out.push(`        """Return value ${m} masked.`, '', '        Args:', '            value: an int.', '        """');
      out.push(`        mask = (1 << ${m}) - 1  # low bits`, `        return (value & mask) | (flags << ${m % 4})`, '');
    }
  }
  return out.slice(0, lines).join('\n') + '\n';
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95), n: sorted.length };
}

/**
 * A fresh `dist/server.js --stdio`, initialized, answering `workspace/configuration` with `settings` (the
 * `docbits` section); `diagnosticsOf(uri, version)` resolves on that publish.
 */
async function startServer(tmp, settings = {}, folder = tmp) {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map();
  connection.onNotification('textDocument/publishDiagnostics', (p) => {
    const key = `${p.uri}@${p.version}`;
    waiting.get(key)?.(p);
    waiting.delete(key);
  });
  connection.onRequest('workspace/configuration', (p) => p.items.map(() => settings));
  connection.listen();
  const diagnosticsOf = (uri, version) => new Promise((resolve) => waiting.set(`${uri}@${version}`, resolve));
  await connection.sendRequest('initialize', {
    processId: process.pid, rootUri: pathToFileURL(folder).href, workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'bench' }],
    // As VS Code's client: code actions' edits resolved when picked (the file-wide ones are made then).
    capabilities: { workspace: { configuration: true }, textDocument: { codeAction: { dataSupport: true, resolveSupport: { properties: ['edit'] } } } },
    initializationOptions: { debounceMs: 0 },
  });
  await connection.sendNotification('initialized', {});
  const stop = async () => {
    await connection.sendRequest('shutdown');
    connection.sendNotification('exit');
    await new Promise((resolve) => child.once('exit', resolve));
    connection.dispose();
  };
  return { connection, diagnosticsOf, stop };
}

/**
 * The latency probe: fresh servers, each opening four 20,000-line modules one after another and waiting
 * for each one's diagnostics, as an editor restoring a window does (right after `initialized`, no pause).
 */
async function coldStarts(tmp, text, starts, pauseMs) {
  const first = [], later = [], settled = [];
  for (let s = 0; s < starts; s++) {
    const { connection, diagnosticsOf, stop } = await startServer(tmp);
    if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    for (let m = 0; m < 5; m++) {
      if (m === 4) await new Promise((resolve) => setTimeout(resolve, 1000));
      const uri = pathToFileURL(path.join(tmp, `cold_${s}_${m}.py`)).href;
      const t = performance.now();
      const opened = diagnosticsOf(uri, 1);
      connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
      await opened;
      (m === 0 ? first : m < 4 ? later : settled).push(performance.now() - t);
    }
    await stop();
  }
  return { first, later, settled };
}

/**
 * `RUNS` times (after two that warm the JIT): didOpen of the module -> its diagnostics, a one-character edit ->
 * the new ones, and a code action on five of them. The last module stays open.
 */
async function editLatency(connection, diagnosticsOf, tmp, text, name) {
  const open = [], change = [], actions = [], lightbulbs = [], resolves = [];
  let diagnosticCount = 0;
  for (let run = 0; run < RUNS + 2; run++) { // the first two runs warm the JIT and are not counted
    const uri = pathToFileURL(path.join(tmp, `${name}_${run}.py`)).href;
    let t = performance.now();
    const opened = diagnosticsOf(uri, 1);
    connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
    diagnosticCount = (await opened).diagnostics.length;
    if (run >= 2) open.push(performance.now() - t);
    t = performance.now();
    const changed = diagnosticsOf(uri, 2);
    connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 10_000, character: 0 }, end: { line: 10_000, character: 0 } }, text: '#' }],
    });
    const { diagnostics } = await changed;
    if (run >= 2) change.push(performance.now() - t);
    t = performance.now();
    const offered = await connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics: diagnostics.slice(0, 5), triggerKind: 1 },
    });
    if (run >= 2) actions.push(performance.now() - t);
    t = performance.now();
    await connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range: diagnostics[1].range, context: { diagnostics: diagnostics.slice(1, 2), triggerKind: 2 },
    });
    if (run >= 2) lightbulbs.push(performance.now() - t);
    const addAll = offered.find((a) => a.kind === 'source.docbits.addAllDocstrings');
    t = performance.now();
    const resolved = await connection.sendRequest('codeAction/resolve', addAll);
    if (run >= 2) resolves.push(performance.now() - t);
    if (!resolved.edit) throw new Error('codeAction/resolve gave no edit');
    if (run < RUNS + 1) connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }
  return { open, change, actions, lightbulbs, resolves, diagnosticCount };
}

/**
 * The stdlib's workspace report, as the view gets it: the whole first, then re-runs with `since` and nothing
 * changed (the server's scan cache answers from stats; the delta is empty).
 */
async function stdlibReports(tmp) {
  const stdlib = execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
  // site-packages left out, as scripts/bench.mjs does: the stdlib's own 1,790 files.
  const { connection, stop } = await startServer(tmp, { exclude: ['site-packages'] }, stdlib);
  const method = 'docbits/workspaceCoverage';
  let t = performance.now();
  const whole = await connection.sendRequest(method, { includeText: false });
  const first = performance.now() - t;
  const again = [];
  let etag = whole.etag, sent = 0;
  for (let i = 0; i < REPORTS; i++) {
    t = performance.now();
    const answer = await connection.sendRequest(method, { includeText: false, since: etag });
    again.push(performance.now() - t);
    etag = answer.etag;
    sent = JSON.stringify(answer).length;
  }
  await stop();
  return { files: whole.files.length, bytes: JSON.stringify(whole).length, sent, first, again };
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-bench-lsp-'));
  const text = generateModule(20_000);
  const colds = [];
  for (const pauseMs of COLD_PAUSES_MS) colds.push({ pauseMs, ...(await coldStarts(tmp, text, COLD_STARTS, pauseMs)) });
  // In a project of its own: its [tool.pydoclint] says google, the module's style.
  const qualityProject = path.join(tmp, 'quality');
  fs.mkdirSync(qualityProject);
  fs.writeFileSync(path.join(qualityProject, 'pyproject.toml'), '[tool.pydoclint]\nstyle = "google"\n');
  const withQuality = await startServer(tmp, { quality: { enabled: 'on' } });
  const quality = await editLatency(withQuality.connection, withQuality.diagnosticsOf, qualityProject, text, 'module');
  await withQuality.stop();
  const reports = REPORTS > 0 ? await stdlibReports(tmp) : undefined;
  const { connection, diagnosticsOf } = await startServer(tmp);
  const { open, change, actions, lightbulbs, resolves, diagnosticCount } = await editLatency(connection, diagnosticsOf, tmp, text, 'module');
  const bigUri = pathToFileURL(path.join(tmp, `module_${RUNS + 1}.py`)).href;
  const bigTargets = [];
  text.split('\n').forEach((line, i) => {
    if (i < 19_000) return;
    for (const m of line.matchAll(/<<|[&|]/g)) bigTargets.push({ uri: bigUri, line: i, character: m.index });
  });

  // Hovers: on every operator of the bitwise fixtures, round-robin.
  const targets = [];
  for (const file of ['test/fixtures/bits/flags.py', 'test/fixtures/lsp/project/bits.py']) {
    const source = fs.readFileSync(path.join(repo, file), 'utf8');
    const uri = pathToFileURL(path.join(repo, file)).href;
    connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: source } });
    source.split('\n').forEach((line, i) => {
      if (line.trimStart().startsWith('#')) return;
      for (const m of line.matchAll(/<<|>>|[&|^~]/g)) targets.push({ uri, line: i, character: m.index });
    });
  }
  const hover = [];
  let shown = 0;
  for (let i = 0; i < HOVERS + 20; i++) {
    const target = targets[i % targets.length];
    const t = performance.now();
    const result = await connection.sendRequest('textDocument/hover', { textDocument: { uri: target.uri }, position: { line: target.line, character: target.character } });
    if (i >= 20) {
      hover.push(performance.now() - t);
      if (result) shown++;
    }
  }

  const bigHover = [];
  for (let i = 0; i < HOVERS + 20; i++) {
    const target = bigTargets[(i * 37) % bigTargets.length];
    const t = performance.now();
    await connection.sendRequest('textDocument/hover', { textDocument: { uri: target.uri }, position: { line: target.line, character: target.character } });
    if (i >= 20) bigHover.push(performance.now() - t);
  }

  await connection.sendRequest('shutdown');
  connection.sendNotification('exit');
  fs.rmSync(tmp, { recursive: true, force: true });

  const row = (name, s, target) => `${name.padEnd(44)} ${s.median.toFixed(2).padStart(8)} ${s.p95.toFixed(2).padStart(8)} ${String(s.n).padStart(5)}   ${target}`;
  console.log(`LSP latency (ms; 20,000-line module, ${diagnosticCount} diagnostics; debounce 0; ${shown}/${hover.length} hovers showed something)`);
  console.log(`${'measure'.padEnd(44)} ${'median'.padStart(8)} ${'p95'.padStart(8)} ${'runs'.padStart(5)}   target`);
  for (const cold of colds) {
    if (cold.first.length === 0) continue; // BENCH_LSP_COLD_STARTS=0
    console.log(row(`first didOpen ${cold.pauseMs} ms after initialize -> diagnostics`, stats(cold.first), '< 50'));
    console.log(row(`2nd-4th didOpen (pause ${cold.pauseMs} ms) -> diagnostics`, stats(cold.later), '< 25'));
    console.log(row(`5th didOpen, 1 s after the 4th (pause ${cold.pauseMs} ms)`, stats(cold.settled), '< 25'));
  }
  console.log(row('didOpen -> publishDiagnostics (warmed up)', stats(open), ''));
  console.log(row('1-char didChange -> publishDiagnostics', stats(change), ''));
  console.log(row('codeAction with 5 diagnostics (user asked)', stats(actions), ''));
  console.log(row('codeAction on a cursor move (automatic)', stats(lightbulbs), ''));
  console.log(row('codeAction/resolve of "add all" (1,468 stubs)', stats(resolves), ''));
  console.log(row(`didOpen -> diagnostics, quality on (${quality.diagnosticCount})`, stats(quality.open), '< 50'));
  console.log(row('1-char didChange -> diagnostics, quality on', stats(quality.change), ''));
  console.log(row('hover on a bitwise expression', stats(hover), '< 2 (median)'));
  console.log(row('hover near the end of the 20,000-line module', stats(bigHover), ''));
  if (reports) {
    console.log(`Workspace report of the stdlib over LSP (${reports.files.toLocaleString('en-US')} files; ms): the whole ${reports.first.toFixed(0)} (${(reports.bytes / 1e6).toFixed(2)} MB)`);
    console.log(row(`again with since, nothing changed (${reports.sent.toLocaleString('en-US')} bytes)`, stats(reports.again), ''));
  }
  setTimeout(() => process.exit(0), 200).unref();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
