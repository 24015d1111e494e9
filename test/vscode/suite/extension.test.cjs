// Extension-host tests: the extension as VS Code's API sees it (activation, diagnostics, hover, code actions,
// commands, manifest). Expectations are shared with the code-server e2e (test/e2e/expectations.mjs).
const assert = require('assert');
const path = require('path');
const { pathToFileURL } = require('url');
const vscode = require('vscode');

const EXTENSION_ID = 'docbits.docbits';
const workspace = process.env.DOCBITS_TEST_WORKSPACE;

async function until(fn, what, timeout = 30000) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
const docbitsDiagnostics = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'docbits');
const messages = (uri) => docbitsDiagnostics(uri).map((d) => d.message).sort();
function positionOf(doc, lineText, needle) {
  for (let i = 0; i < doc.lineCount; i++) {
    const text = doc.lineAt(i).text;
    if (text.includes(lineText)) return new vscode.Position(i, text.indexOf(lineText) + lineText.indexOf(needle));
  }
  throw new Error(`no line "${lineText}"`);
}
const hoverText = (hovers) => hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');

describe('Docbits in VS Code', function () {
  let E;
  let flags;
  let geometry;

  before(async function () {
    assert.ok(workspace, 'DOCBITS_TEST_WORKSPACE is not set (run through test/vscode/run.mjs)');
    E = await import(pathToFileURL(path.join(__dirname, '..', '..', 'e2e', 'expectations.mjs')).href);
    geometry = await vscode.workspace.openTextDocument(path.join(workspace, 'shapes', 'geometry.py'));
    flags = await vscode.workspace.openTextDocument(path.join(workspace, 'shapes', 'flags.py'));
    await vscode.window.showTextDocument(geometry);
    await vscode.window.showTextDocument(flags);
  });

  after(async function () {
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('activates on a Python file, from the bundled dist/extension.js', async function () {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed`);
    await until(() => ext.isActive, 'activation');
    assert.strictEqual(ext.packageJSON.main, './dist/extension.js');
    assert.ok(ext.packageJSON.capabilities?.untrustedWorkspaces?.supported === true, 'capabilities.untrustedWorkspaces');
  });

  it('contributes its commands', async function () {
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['docbits.showWorkspaceCoverage', 'docbits.exportBadge']) assert.ok(commands.includes(c), c);
  });

  it('reports exactly the undocumented definitions, and not the excused one', async function () {
    for (const [file, doc] of [['shapes/flags.py', flags], ['shapes/geometry.py', geometry]]) {
      const want = [...E.EXPECTED_MISSING[file]].sort();
      await until(() => messages(doc.uri).length === want.length, `${want.length} diagnostics in ${file}`);
      assert.deepStrictEqual(messages(doc.uri), want);
    }
    const all = [...messages(flags.uri), ...messages(geometry.uri)].join('\n');
    for (const name of E.EXCUSED) assert.ok(!all.includes(name), `${name} is excused but has a diagnostic`);
    for (const d of docbitsDiagnostics(flags.uri)) {
      assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning);
      assert.match(String(typeof d.code === 'object' ? d.code.value : d.code), /^D10[0-7]$/);
    }
  });

  it('lays out a bitwise expression bit by bit on hover', async function () {
    const at = positionOf(flags, E.HOVER.lineText, E.HOVER.operator);
    const text = await until(async () => {
      const t = hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', flags.uri, at));
      return t.includes(E.HOVER.mustContain[0]) && t;
    }, 'the bitwise hover');
    for (const s of E.HOVER.mustContain) assert.ok(text.includes(s), `hover lacks "${s}":\n${text}`);
  });

  it('offers "Add docstring" as the preferred quick fix, and the diagnostic goes away once applied', async function () {
    const at = positionOf(flags, E.QUICK_FIX.defLine, 'clear');
    const diagnostic = docbitsDiagnostics(flags.uri).find((d) => d.message.includes(E.QUICK_FIX.qualname));
    assert.ok(diagnostic, `no diagnostic for ${E.QUICK_FIX.qualname}`);
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', flags.uri, new vscode.Range(at, at), vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === E.QUICK_FIX.action);
    assert.ok(fix, `no "${E.QUICK_FIX.action}" among: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(fix.isPreferred, 'the fix is not preferred');
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the edit was not applied');
    assert.match(flags.lineAt(at.line + 1).text, /"""/);
    await until(() => !messages(flags.uri).some((m) => m.includes(E.QUICK_FIX.qualname)), `${E.QUICK_FIX.qualname} diagnostic to go`);
  });

  it('runs the workspace command without an error', async function () {
    await vscode.commands.executeCommand('docbits.showWorkspaceCoverage');
  });
});
