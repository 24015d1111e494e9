/**
 * The two commands: "Show Workspace Docstring Coverage" (report view, -vv table in the output channel,
 * summary message) and "Export Coverage Badge" (interrogate's SVG badge where the user chooses).
 */
import { randomUUID } from 'crypto';
import * as vscode from 'vscode';
import { LanguageClient, WorkDoneProgress, WorkDoneProgressReport } from 'vscode-languageclient/node';
import { BADGE_FILENAME, badgeSvg } from '../../server/src/coverage/badge';
import { reportTree } from '../../server/src/coverage/reportTree';
import { WORKSPACE_COVERAGE_METHOD, WorkspaceCoverageResult } from '../../server/src/protocol';
import { CoverageTreeProvider } from './coverageTree';
import { Lifecycle } from './shutdown';
import { CoverageStatusBar } from './statusBar';

interface Parts {
  client: LanguageClient;
  output: vscode.OutputChannel;
  tree: CoverageTreeProvider;
  statusBar: CoverageStatusBar;
  lifecycle: Lifecycle;
}

/** Runs docbits/workspaceCoverage under a cancellable notification fed by the server's $/progress. */
async function measureWorkspace(client: LanguageClient): Promise<WorkspaceCoverageResult | undefined> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Docbits', cancellable: true }, async (progress, token) => {
    const workDoneToken = randomUUID();
    let shown = 0;
    const listener = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
      if (value.kind !== 'report') return;
      const report = value as WorkDoneProgressReport;
      const percentage = report.percentage ?? shown;
      progress.report({ message: report.message, increment: Math.max(0, percentage - shown) });
      shown = Math.max(shown, percentage);
    });
    try {
      return await client.sendRequest<WorkspaceCoverageResult>(WORKSPACE_COVERAGE_METHOD, { workDoneToken }, token);
    } catch (err) {
      if (token.isCancellationRequested) return undefined;
      throw err;
    } finally {
      listener.dispose();
    }
  });
}

export function registerCommands({ client, output, tree, statusBar, lifecycle }: Parts): vscode.Disposable[] {
  let last: WorkspaceCoverageResult | undefined;

  const showWorkspaceCoverage = async (): Promise<void> => {
    const result = await measureWorkspace(client);
    if (!result) return;
    last = result;
    tree.show(reportTree(result));
    await vscode.commands.executeCommand('setContext', 'docbits.hasReport', true);
    output.clear();
    output.append(result.text);
    output.show(true);
    statusBar.setWorkspace({ ...result.totals, failUnder: result.failUnder });
    if (result.passed) void vscode.window.showInformationMessage(result.summary);
    else void vscode.window.showWarningMessage(result.summary);
  };

  const exportBadge = async (): Promise<void> => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, `${BADGE_FILENAME}.svg`) : undefined,
      filters: { 'SVG image': ['svg'] },
      title: 'Export docstring coverage badge',
    });
    if (!target) return;
    const result = last ?? (await measureWorkspace(client));
    if (!result) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(badgeSvg(result.totals.percent)));
    void vscode.window.showInformationMessage(`Coverage badge (${result.totals.percent.toFixed(1)}%) written to ${vscode.workspace.asRelativePath(target)}`);
  };

  return [
    vscode.commands.registerCommand('docbits.showWorkspaceCoverage', () => run(showWorkspaceCoverage, lifecycle)),
    vscode.commands.registerCommand('docbits.exportBadge', () => run(exportBadge, lifecycle)),
  ];
}

/** A failing command says so in one line instead of an unhandled rejection; while stopping, it says nothing. */
async function run(command: () => Promise<void>, lifecycle: Lifecycle): Promise<void> {
  try {
    await command();
  } catch (err) {
    if (lifecycle.stopping()) return;
    void vscode.window.showErrorMessage(`Docbits: ${err instanceof Error ? err.message : String(err)}`);
  }
}
