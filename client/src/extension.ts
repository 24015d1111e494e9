/**
 * The VS Code side of Docbits: starts the bundled language server for Python documents and wires the status
 * bar, the report view and the two commands. Everything it shows comes from the server (diagnostics, code
 * actions, hovers, docbits/fileCoverage, docbits/workspaceCoverage) and from the pure text/tree modules it
 * shares with the server.
 */
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { configurationMiddleware } from './configuration';
import { CoverageTreeProvider } from './coverageTree';
import { CoverageStatusBar } from './statusBar';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Docbits');
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // The notebook entry gives Python cells hovers and quick fixes (their texts come through notebook sync).
    documentSelector: [{ scheme: 'file', language: 'python' }, { scheme: 'untitled', language: 'python' }, { notebook: 'jupyter-notebook', language: 'python' }],
    outputChannel: output,
    middleware: configurationMiddleware(context.extension),
  };
  client = new LanguageClient('docbits', 'Docbits', serverOptions, clientOptions);
  const tree = new CoverageTreeProvider();
  const statusBar = new CoverageStatusBar(client);
  context.subscriptions.push(
    output,
    statusBar,
    vscode.window.registerTreeDataProvider('docbitsCoverage', tree),
    ...registerCommands({ client, output, tree, statusBar }),
  );
  await client.start();
  statusBar.refresh();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
