/**
 * The status-bar item: the active Python file's docstring coverage (`$(book) 72%`), in the warning colour
 * below fail-under, hidden for other editors. Refreshed on editor switch, when the file's diagnostics change
 * (the server re-checked it) and on save.
 */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { belowFailUnder, NOT_MEASURED_TEXT, notMeasuredTooltip, statusBarText, statusBarTooltip } from '../../server/src/coverage/coverageText';
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
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.workspace.onDidSaveTextDocument((d) => this.refreshIfActive(d.uri)),
      vscode.languages.onDidChangeDiagnostics((e) => e.uris.forEach((uri) => this.refreshIfActive(uri))),
    );
  }

  setWorkspace(totals: Totals, failUnder: number): void {
    this.workspace = { ...totals, failUnder };
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
      // A file that is not measured has no figure: "100%" of nothing would mislead.
      this.item.text = coverage.measured ? statusBarText(coverage) : NOT_MEASURED_TEXT;
      this.item.tooltip = coverage.measured ? statusBarTooltip(fileName, coverage, coverage.failUnder, this.workspace) : notMeasuredTooltip(fileName);
      this.item.backgroundColor = coverage.measured && belowFailUnder(coverage, coverage.failUnder)
        ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
      this.item.show();
    }, () => {
      if (generation === this.generation) this.item.hide();
    });
  }

  private refreshIfActive(uri: vscode.Uri): void {
    if (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString()) this.refresh();
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
    this.item.dispose();
  }
}
