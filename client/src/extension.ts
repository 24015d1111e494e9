/**
 * The VS Code side of Docbits: starts the bundled language server for Python documents and wires the status
 * bar, the report view and the commands. Everything it shows comes from the server (diagnostics, code
 * actions, hovers, docbits/fileCoverage, docbits/workspaceCoverage) and from the pure text/tree modules it
 * shares with the server.
 */
import * as vscode from 'vscode';
import { DidChangeConfigurationNotification, LanguageClient, LanguageClientOptions, ServerOptions, State, TransportKind } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { configurationMiddleware } from './configuration';
import { onPythonInterpreterChange } from './pythonInterpreter';
import { CoverageTreeProvider } from './coverageTree';
import { closableOutputChannel, quietly } from './shutdown';
import { withSnippetStubs } from './snippetStubs';
import { CoverageStatusBar } from './statusBar';
import { WorkspaceReports } from './workspaceReport';

let client: LanguageClient | undefined;
let output: ReturnType<typeof closableOutputChannel> | undefined;
let stopping = false;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  stopping = false;
  output = closableOutputChannel(vscode.window.createOutputChannel('Docbits'));
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const lifecycle = { stopping: () => stopping || client?.state === State.Stopped };
  const clientOptions: LanguageClientOptions = {
    // The notebook entry gives Python cells hovers and quick fixes (their texts come through notebook sync).
    documentSelector: [{ scheme: 'file', language: 'python' }, { scheme: 'untitled', language: 'python' }, { notebook: 'jupyter-notebook', language: 'python' }],
    outputChannel: output,
    middleware: {
      ...configurationMiddleware(context.extension),
      // Requests failing because the window closes answer nothing (shutdown.ts); stubs become snippets.
      provideCodeActions: (document, range, ctx, token, next) =>
        quietly(lifecycle, async () => withSnippetStubs(document, await next(document, range, ctx, token))),
      provideHover: (document, position, token, next) => quietly(lifecycle, () => next(document, position, token)),
    },
  };
  client = new LanguageClient('docbits', 'Docbits', serverOptions, clientOptions);
  const tree = new CoverageTreeProvider(context.workspaceState);
  const statusBar = new CoverageStatusBar(client);
  const view = vscode.window.createTreeView('docbitsCoverage', { treeDataProvider: tree, showCollapseAll: true });
  const reports = new WorkspaceReports(client, output, tree, statusBar);
  context.subscriptions.push(statusBar, view, reports, ...registerCommands({ reports, tree, view, lifecycle }));
  await client.start();
  // A new interpreter selected in the Python extension: the server asks for the settings again.
  context.subscriptions.push(onPythonInterpreterChange(() => {
    void client?.sendNotification(DidChangeConfigurationNotification.type, { settings: null }).catch(() => undefined);
  }));
  statusBar.refresh();
}

/**
 * Stops the server first and closes the output channel last: the client logs requests it fails while
 * stopping, and a disposed channel would throw ("Channel has been closed").
 */
export async function deactivate(): Promise<void> {
  stopping = true;
  try {
    await client?.stop(2000);
  } catch {
    // The server had not started, or is gone already: nothing left to stop.
  }
  client = undefined;
  output?.close();
  output = undefined;
}
