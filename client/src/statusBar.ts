/**
 * The status-bar item: the active Python file's docstring coverage (`$(book) 72%`), in the warning colour
 * below fail-under; `$(book) not measured` with the server's reason for a file outside the selection; hidden
 * for other editors. Refreshed on editor switch, when the file's diagnostics change (the server re-checked
 * it), on save, when docbits settings or a project config change, and when a new workspace report arrives,
 * so the tooltip's figures and fail-unders are never older than the last of these.
 */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import {
  belowFailUnder, NOT_MEASURED_TEXT, notMeasuredTooltip, statusBarText, statusBarTooltip, workspaceLine,
} from '../../server/src/coverage/coverageText';
import { FILE_COVERAGE_METHOD, FileCoverageResult } from '../../server/src/protocol';
import type { Totals } from '../../server/src/coverage/types';

export class CoverageStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('docbits.coverage', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [];
  private workspace?: Totals & { failUnder: number };
  /** Answers to older requests must not overwrite newer ones. */
  private generation = 0;

  constructor(private readonly client: LanguageClient) {
    this.item.name = 'Docbits coverage';
    this.item.command = 'docbits.showWorkspaceCoverage';
    const configs = vscode.workspace.createFileSystemWatcher('**/{pyproject.toml,setup.cfg}');
    this.disposables.push(
      configs,
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.workspace.onDidSaveTextDocument((d) => this.refreshIfActive(d.uri)),
      vscode.languages.onDidChangeDiagnostics((e) => e.uris.forEach((uri) => this.refreshIfActive(uri))),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('docbits')) this.refreshSoon(); }),
      configs.onDidChange(() => this.refreshSoon()), configs.onDidCreate(() => this.refreshSoon()), configs.onDidDelete(() => this.refreshSoon()),
    );
  }

  /** The workspace figure for the tooltip; undefined when the report no longer describes the workspace. */
  setWorkspace(workspace: (Totals & { failUnder: number }) | undefined): void {
    this.workspace = workspace;
    this.refresh();
  }

  refresh(): void {
    const document = vscode.window.activeTextEditor?.document;
    const generation = ++this.generation;
    if (!document || document.languageId !== 'python' || !this.client.isRunning()) {
      this.item.hide();
      return;
    }
    this.client.sendRequest<FileCoverageResult>(FILE_COVERAGE_METHOD, { uri: document.uri.toString() }).then((coverage) => {
      if (generation !== this.generation) return;
      const fileName = document.uri.path.split('/').pop() ?? '';
      if (coverage.measured) {
        this.item.text = statusBarText(coverage);
        this.item.tooltip = statusBarTooltip(fileName, coverage, coverage.failUnder, this.workspace, coverage);
      } else {
        // A file that is not measured has no figure: "100%" of nothing would mislead.
        this.item.text = NOT_MEASURED_TEXT;
        const lines = [notMeasuredTooltip(fileName, coverage.notMeasured ?? 'excluded', coverage.notMeasuredDetail)];
        if (this.workspace) lines.push(workspaceLine(this.workspace));
        this.item.tooltip = lines.join('\n');
      }
      this.item.backgroundColor = coverage.measured && belowFailUnder(coverage, coverage.failUnder)
        ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
      this.item.show();
    }, () => {
      if (generation === this.generation) this.item.hide();
    });
  }

  /** After a settings or config change: the server re-reads them when told, a moment later. */
  private refreshSoon(): void {
    setTimeout(() => this.refresh(), 300);
  }

  private refreshIfActive(uri: vscode.Uri): void {
    if (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString()) this.refresh();
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
    this.item.dispose();
  }
}
