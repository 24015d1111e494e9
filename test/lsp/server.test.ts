/**
 * The language server over stdio, as an editor drives it (dist/server.js; `npm test` builds it first).
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CodeAction, Diagnostic, DiagnosticSeverity, DiagnosticTag, TextEdit } from 'vscode-languageserver-protocol';
import { codes, REPO, TestClient, uriOf } from './helpers/lspClient';

const FIXTURE = path.join(REPO, 'test', 'fixtures', 'lsp', 'project');

function parsesWithPython(text: string): void {
  const r = spawnSync('python3', ['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], { input: text, encoding: 'utf8' });
  assert.strictEqual(r.status, 0, `python3 cannot parse the edited file:\n${r.stderr}\n${text}`);
}

function onlyEdits(action: CodeAction, uri: string): TextEdit[] {
  const edits = action.edit?.changes?.[uri];
  assert.ok(edits && edits.length > 0, `action ${action.title} has edits for ${uri}`);
  return edits;
}

describe('language server over stdio', function () {
  let tmp: string;
  let project: string;
  let client: TestClient;

  const fileUri = (name: string): string => uriOf(path.join(project, name));
  const read = (name: string): string => fs.readFileSync(path.join(project, name), 'utf8');

  beforeEach(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-lsp-'));
    project = path.join(tmp, 'project');
    fs.cpSync(FIXTURE, project, { recursive: true });
    fs.mkdirSync(path.join(project, '.git')); // the project root, as interrogate finds it
    client = await TestClient.start({ folders: [project] });
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('publishes one diagnostic per undocumented definition, on its name, with pydocstyle codes', async () => {
    const published = await client.open(fileUri('parser.py'), read('parser.py'));
    assert.deepStrictEqual(codes(published.diagnostics), [
      '7:8-16 D107 Missing docstring in method Parser.__init__',
      '10:8-14 D105 Missing docstring in method Parser.__eq__',
      '13:8-12 D102 Missing docstring in method Parser.feed',
      '16:10-17 D106 Missing docstring in class Parser.Options',
      '20:4-9 D103 Missing docstring in function parse',
      '26:6-18 D101 Missing docstring in class Undocumented',
    ]);
    for (const d of published.diagnostics) {
      assert.strictEqual(d.source, 'docbits');
      assert.strictEqual(d.severity, DiagnosticSeverity.Warning);
    }
  });

  it('reports exactly the unexcused definitions under every skip-marker form, and hints stale markers', async () => {
    const uri = fileUri('skip_markers.py');
    const text = read('skip_markers.py');
    const published = await client.open(uri, text);
    const missing = published.diagnostics.filter((d) => d.code !== 'unnecessary-marker');
    assert.deepStrictEqual(codes(missing), [
      '47:4-19 D103 Missing docstring in function noqa_other_code',
      '59:4-16 D103 Missing docstring in function pylint_other',
      '79:4-18 D103 Missing docstring in function marker_in_body',
      '86:4-22 D103 Missing docstring in function blank_line_between',
      '90:4-23 D103 Missing docstring in function nodocqa_word_prefix',
      '95:8-28 D102 Missing docstring in method Excused.method_still_counted',
    ]);
    const hints = published.diagnostics.filter((d) => d.code === 'unnecessary-marker');
    const line = text.split('\n').findIndex((l) => l.startsWith('def documented_anyway'));
    const column = text.split('\n')[line].indexOf('nodocqa');
    assert.deepStrictEqual(hints.map((d) => ({ range: d.range, severity: d.severity, tags: d.tags, message: d.message })), [{
      range: { start: { line, character: column }, end: { line, character: column + 'nodocqa'.length } },
      severity: DiagnosticSeverity.Hint,
      tags: [DiagnosticTag.Unnecessary],
      message: 'Unnecessary # nodocqa: documented_anyway has a docstring',
    }]);
  });

  it('puts module diagnostics at the start of the file, D104 for packages', async () => {
    const module = await client.open(fileUri('nomodule.py'), read('nomodule.py'));
    assert.deepStrictEqual(codes(module.diagnostics), ['1:0-0 D100 Missing docstring in module nomodule.py']);
    const pkg = await client.open(fileUri('pkg/__init__.py'), '');
    assert.deepStrictEqual(codes(pkg.diagnostics), ['1:0-0 D104 Missing docstring in module pkg/__init__.py']);
  });

  it('follows incremental edits, coalesces a burst into one check, and clears on close', async () => {
    const uri = fileUri('parser.py');
    const first = await client.open(uri, read('parser.py'));
    assert.strictEqual(first.diagnostics.length, 6);
    const before = client.published.length;
    // Type a docstring into `parse` one character at a time, as fast as a person never could.
    const docstring = '    """Parse text."""\n';
    let last!: Promise<unknown>;
    for (let i = 0; i < docstring.length; i++) {
      last = client.change(uri, [{ range: { start: { line: 20, character: i }, end: { line: 20, character: i } }, text: i === docstring.length - 1 ? '\n' : docstring[i] }]);
    }
    const after = (await last) as { version: number; diagnostics: Diagnostic[] };
    assert.strictEqual(after.version, client.version(uri));
    assert.ok(!codes(after.diagnostics).some((c) => c.includes('function parse')), codes(after.diagnostics).join('\n'));
    assert.strictEqual(after.diagnostics.length, 5);
    const burst = client.published.slice(before).filter((p) => p.uri === uri);
    assert.strictEqual(burst.length, 1, `one check for the whole burst, got versions ${burst.map((p) => p.version)}`);
    const closed = await client.close(uri);
    assert.deepStrictEqual(closed.diagnostics, []);
  });

  it('fixes a missing docstring with the preferred quick fix, and the file still parses', async () => {
    const uri = fileUri('parser.py');
    const published = await client.open(uri, read('parser.py'));
    const feed = published.diagnostics.find((d) => d.message.endsWith('Parser.feed'))!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: feed.range, context: { diagnostics: [feed], only: ['quickfix'] },
    });
    assert.deepStrictEqual(actions.map((a) => [a.title, a.kind, a.isPreferred ?? false]), [
      ['Add docstring to Parser.feed', 'quickfix', true],
      ['Excuse Parser.feed with # nodocqa', 'quickfix', false],
    ]);
    const after = await client.applyEdits(uri, onlyEdits(actions[0], uri));
    assert.ok(!after.diagnostics.some((d) => d.message.endsWith('Parser.feed')));
    assert.strictEqual(after.diagnostics.length, 5);
    assert.match(client.text(uri), /def feed\(self, data\):\n        """[^\n]*\n/);
    parsesWithPython(client.text(uri));
  });

  it('excuses a definition with # nodocqa', async () => {
    const uri = fileUri('parser.py');
    const published = await client.open(uri, read('parser.py'));
    const parse = published.diagnostics.find((d) => d.message.endsWith('function parse'))!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: parse.range, context: { diagnostics: [parse] },
    });
    const excuse = actions.find((a) => a.title === 'Excuse parse with # nodocqa')!;
    const after = await client.applyEdits(uri, onlyEdits(excuse, uri));
    assert.ok(!after.diagnostics.some((d) => d.message.endsWith('function parse')));
    assert.match(client.text(uri), /def parse\(text\):  # nodocqa\n/);
    parsesWithPython(client.text(uri));
  });

  it('adds every missing docstring with the source action', async () => {
    for (const name of ['skip_markers.py', 'parser.py', 'nomodule.py']) {
      const uri = fileUri(name);
      const published = await client.open(uri, read(name));
      const missing = published.diagnostics.filter((d) => d.code !== 'unnecessary-marker');
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source'] },
      });
      assert.deepStrictEqual(actions.map((a) => [a.title, a.kind]), [
        [`Add docstrings to ${missing.length} undocumented definition${missing.length === 1 ? '' : 's'}`, 'source.docbits.addAllDocstrings'],
      ]);
      // The editor looking for a lightbulb on its own (triggerKind Automatic) is not sent the file-wide edit.
      const automatic = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], triggerKind: 2 },
      });
      assert.ok(!automatic.some((a) => a.kind?.startsWith('source')), name);
      const after = await client.applyEdits(uri, onlyEdits(actions[0], uri));
      assert.deepStrictEqual(codes(after.diagnostics.filter((d) => d.code !== 'unnecessary-marker')), [], name);
      parsesWithPython(client.text(uri));
    }
  });

  it('leaves the file-wide edit to codeAction/resolve for a client that resolves edits, and makes it then', async () => {
    const resolving = await TestClient.start({ folders: [project], resolvesCodeActionEdits: true });
    try {
      const uri = fileUri('parser.py');
      const published = await resolving.open(uri, read('parser.py'));
      const missing = published.diagnostics.filter((d) => d.code !== 'unnecessary-marker');
      const request = { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
      const [offered] = await resolving.request<CodeAction[]>('textDocument/codeAction', { ...request, context: { diagnostics: [], only: ['source'] } });
      // The same title as the eager answer (the other client's server), without the edit.
      await client.open(uri, read('parser.py'));
      const [made] = await client.request<CodeAction[]>('textDocument/codeAction', { ...request, context: { diagnostics: [], only: ['source'] } });
      assert.strictEqual(offered.title, made.title);
      assert.ok(made.edit);
      assert.strictEqual(offered.edit, undefined);
      const resolved = await resolving.request<CodeAction>('codeAction/resolve', offered);
      assert.strictEqual(resolved.title, offered.title);
      assert.deepStrictEqual(resolved.edit, made.edit, 'the same stubs as the eager answer');
      assert.ok(missing.length > 0);
      const after = await resolving.applyEdits(uri, onlyEdits(resolved, uri));
      assert.deepStrictEqual(codes(after.diagnostics.filter((d) => d.code !== 'unnecessary-marker')), []);
      // A stale action (everything documented since): an edit that changes nothing, no error.
      const again = await resolving.request<CodeAction>('codeAction/resolve', offered);
      assert.deepStrictEqual(again.edit, { changes: {} });
      // Not ours: returned as it came.
      const foreign = { title: 'x', data: { other: 1 } };
      assert.deepStrictEqual(await resolving.request('codeAction/resolve', foreign), foreign);
    } finally {
      await resolving.stop();
    }
  });

  it('ignores code actions for diagnostics the text has outgrown, and answers unknown documents cleanly', async () => {
    const uri = fileUri('parser.py');
    const published = await client.open(uri, read('parser.py'));
    const feed = published.diagnostics.find((d) => d.message.endsWith('Parser.feed'))!;
    await client.change(uri, [{ range: { start: { line: 12, character: 8 }, end: { line: 12, character: 12 } }, text: 'push' }]);
    const stale = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: feed.range, context: { diagnostics: [feed], only: ['quickfix'] },
    });
    assert.deepStrictEqual(stale, []);
    const unknown = fileUri('nowhere.py');
    assert.strictEqual(await client.request('textDocument/hover', { textDocument: { uri: unknown }, position: { line: 0, character: 0 } }), null);
    assert.deepStrictEqual(await client.request('textDocument/codeAction', {
      textDocument: { uri: unknown }, range: feed.range, context: { diagnostics: [feed] },
    }), []);
    await assert.rejects(client.request('docbits/fileCoverage', { uri: unknown }), (err: { code: number; message: string }) =>
      err.code === -32602 && /nowhere\.py/.test(err.message));
  });

  it('applies editor settings pulled with workspace/configuration after didChangeConfiguration', async () => {
    const uri = fileUri('parser.py');
    await client.open(uri, read('parser.py'));
    assert.ok(client.registrations.some((r) => r.method === 'workspace/didChangeConfiguration'));
    const next = client.nextDiagnostics(uri, (d) => !d.diagnostics.some((x) => x.code === 'D105'));
    await client.changeSettings({ ignoreMagic: true, severity: 'error' });
    const after = await next;
    assert.strictEqual(after.diagnostics.length, 5);
    assert.ok(after.diagnostics.every((d) => d.severity === DiagnosticSeverity.Error));
  });

  it('lets [tool.interrogate] win over editor settings by default, and the reverse on request', async () => {
    fs.writeFileSync(path.join(project, 'pyproject.toml'), '[tool.interrogate]\nignore-init-method = true\n');
    client.settings = { ignoreMagic: true, ignoreInitMethod: false };
    const uri = fileUri('parser.py');
    const fileWins = await client.open(uri, read('parser.py'));
    // CI's view: the file alone over interrogate's defaults (no __init__, magic methods counted).
    assert.deepStrictEqual(fileWins.diagnostics.map((d) => d.code), ['D105', 'D102', 'D106', 'D103', 'D101']);
    const next = client.nextDiagnostics(uri, (d) => d.diagnostics.some((x) => x.code === 'D107'));
    await client.changeSettings({ ignoreMagic: true, ignoreInitMethod: false, configPrecedence: 'editorSettings' });
    assert.deepStrictEqual((await next).diagnostics.map((d) => d.code), ['D107', 'D102', 'D106', 'D103', 'D101']);
  });

  it('re-reads pyproject.toml when it changes (didChangeWatchedFiles)', async () => {
    const uri = fileUri('parser.py');
    assert.strictEqual((await client.open(uri, read('parser.py'))).diagnostics.length, 6);
    assert.ok(client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'));
    const pyproject = path.join(project, 'pyproject.toml');
    fs.writeFileSync(pyproject, '[tool.interrogate]\nignore-regex = ["^parse$", "Undoc.*"]\n');
    const next = client.nextDiagnostics(uri, (d) => d.diagnostics.length === 4);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(pyproject), type: 1 }] });
    assert.deepStrictEqual((await next).diagnostics.map((d) => d.code), ['D107', 'D105', 'D102', 'D106']);
  });

  it('reports a malformed pyproject.toml as diagnostics on it, falls back to defaults, and clears them once fixed', async () => {
    const pyproject = path.join(project, 'pyproject.toml');
    fs.writeFileSync(pyproject, '[tool.interrogate]\nfail-under = "abc"\nignore-regex = ["(?=a)"]\nignore-magic = true\n');
    const configUri = uriOf(pyproject);
    const problems = client.nextDiagnostics(configUri, (d) => d.diagnostics.length > 0);
    const uri = fileUri('parser.py');
    const published = await client.open(uri, read('parser.py'));
    // ignore-magic still applies; the broken keys fall back to their defaults.
    assert.deepStrictEqual(published.diagnostics.map((d) => d.code), ['D107', 'D102', 'D106', 'D103', 'D101']);
    const onConfig = (await problems).diagnostics;
    assert.deepStrictEqual(onConfig.map((d) => [d.range.start.line, d.severity, d.source]), [[1, 1, 'docbits'], [2, 2, 'docbits']]);
    assert.match(onConfig[0].message, /fail-under/);
    fs.writeFileSync(pyproject, '[tool.interrogate]\nignore-magic = true\n');
    const cleared = client.nextDiagnostics(configUri, (d) => d.diagnostics.length === 0);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
    await cleared;
  });

  it('answers docbits/fileCoverage from unsaved text for open documents and from disk otherwise', async () => {
    const onDisk = await client.request<Record<string, unknown>>('docbits/fileCoverage', { uri: fileUri('parser.py') });
    assert.deepStrictEqual(onDisk, {
      uri: fileUri('parser.py'), total: 8, covered: 2, missed: 6, excused: 0, percent: 25, failUnder: 80, passed: false, measured: true,
    });
    const uri = fileUri('skip_markers.py');
    await client.open(uri, read('skip_markers.py'));
    await client.change(uri, [{ range: { start: { line: 47, character: 0 }, end: { line: 47, character: 0 } }, text: '    """Now documented."""\n' }]);
    const open = await client.request<Record<string, unknown>>('docbits/fileCoverage', { uri });
    assert.deepStrictEqual([open.total, open.covered, open.missed, open.excused], [9, 4, 5, 14]);
  });

  it('reports hovers on bitwise expressions', async () => {
    const uri = fileUri('bits.py');
    await client.open(uri, read('bits.py'));
    const line = read('bits.py').split('\n').findIndex((l) => l.includes('mode & FLAG_READ'));
    const hover = await client.request<{ contents: { kind: string; value: string } } | null>('textDocument/hover', {
      textDocument: { uri }, position: { line, character: 20 },
    });
    assert.ok(hover && hover.contents.kind === 'markdown' && hover.contents.value.includes('FLAG_READ'), JSON.stringify(hover));
  });

  it('keeps serving after an internal error on one document, and logs it once with its URI', async () => {
    // A file URI naming another host cannot be mapped to a path here: the check throws inside the server.
    const remote = 'file://fileserver/share/remote.py';
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: remote, languageId: 'python', version: 1, text: 'x = 1\n' } });
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: remote, version: 2 }, contentChanges: [{ text: 'x = 2\n' }],
    });
    const uri = fileUri('parser.py');
    assert.strictEqual((await client.open(uri, read('parser.py'))).diagnostics.length, 6);
    const coverage = await client.request<{ total: number }>('docbits/fileCoverage', { uri });
    assert.strictEqual(coverage.total, 8);
    await waitFor(() => client.logs.some((l) => l.message.includes(remote)));
    const errors = client.logs.filter((l) => l.type === 1 && l.message.includes(remote));
    assert.strictEqual(errors.length, 1, JSON.stringify(client.logs));
    assert.match(errors[0].message, /internal error in diagnostics for file:\/\/fileserver\/share\/remote\.py/);
    assert.strictEqual(client.exitCode, null);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
