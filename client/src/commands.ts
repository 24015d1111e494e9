/**
 * The commands: "Show Workspace Docstring Coverage" (runs the report, reveals the Docbits view, one summary
 * line in the output channel, and the table with `docbits.report.outputTable`, and a notification), "Show
 * Coverage Table" (interrogate's -vv table in a read-only editor: 11 MB for the stdlib, which the output channel
 * would take seconds to draw), the view's sort and filter, and "Export Coverage Badge".
 */
import * as vscode from 'vscode';
import { BADGE_FILENAME, badgeSvg } from '../../server/src/coverage/badge';
import type { ReportSort } from '../../server/src/coverage/reportTree';
import { CoverageTreeProvider } from './coverageTree';
import { Lifecycle } from './shutdown';
import { WorkspaceReports } from './workspaceReport';

interface Parts {
  reports: WorkspaceReports;
  tree: CoverageTreeProvider;
  view: vscode.TreeView<unknown>;
  lifecycle: Lifecycle;
}

const TABLE_SCHEME = 'docbits-report';
const TABLE_URI = vscode.Uri.from({ scheme: TABLE_SCHEME, path: '/Docstring coverage table.txt' });

const SORTS: Array<vscode.QuickPickItem & { sort: ReportSort }> = [
  { label: 'Path', description: 'folders, then files, by name', sort: 'path' },
  { label: 'Missing docstrings', description: 'most missing first', sort: 'missing' },
  { label: 'Coverage', description: 'lowest first', sort: 'coverage' },
];

export function registerCommands({ reports, tree, view, lifecycle }: Parts): vscode.Disposable[] {
  let table = '';
  const tableChanged = new vscode.EventEmitter<vscode.Uri>();
  const syncMessage = (): void => { view.message = tree.message; };

  const showWorkspaceCoverage = async (): Promise<void> => {
    // Revealed first: the view fills in when the report arrives.
    await vscode.commands.executeCommand('workbench.view.extension.docbits');
    const result = await reports.run();
    if (!result) return;
    syncMessage();
    if (result.passed) void vscode.window.showInformationMessage(result.summary);
    else void vscode.window.showWarningMessage(result.summary);
  };

  const showCoverageTable = async (): Promise<void> => {
    const result = await reports.run({ includeText: true });
    if (!result) return;
    table = result.text;
    tableChanged.fire(TABLE_URI);
    const document = await vscode.workspace.openTextDocument(TABLE_URI);
    await vscode.window.showTextDocument(document, { preview: true });
  };

  const sortView = async (): Promise<void> => {
    const current = tree.viewOptions.sort;
    const picked = await vscode.window.showQuickPick(SORTS.map((s) => ({ ...s, picked: s.sort === current })), { title: 'Sort the coverage view by' });
    if (picked) tree.setSort(picked.sort);
  };

  const exportBadge = async (): Promise<void> => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, `${BADGE_FILENAME}.svg`) : undefined,
      filters: { 'SVG image': ['svg'] },
      title: 'Export docstring coverage badge',
    });
    if (!target) return;
    const result = reports.current ?? (await reports.run());
    if (!result) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(badgeSvg(result.totals.percent)));
    void vscode.window.showInformationMessage(`Coverage badge (${result.totals.percent.toFixed(1)}%) written to ${vscode.workspace.asRelativePath(target)}`);
  };

  const command = (id: string, body: () => Promise<void> | void): vscode.Disposable =>
    vscode.commands.registerCommand(id, () => run(async () => body(), lifecycle));
  return [
    tableChanged,
    vscode.workspace.registerTextDocumentContentProvider(TABLE_SCHEME, { onDidChange: tableChanged.event, provideTextDocumentContent: () => table }),
    command('docbits.showWorkspaceCoverage', showWorkspaceCoverage),
    command('docbits.showCoverageTable', showCoverageTable),
    command('docbits.sortCoverageView', sortView),
    command('docbits.showOnlyBelowFailUnder', () => { tree.setOnlyBelowFailUnder(true); syncMessage(); }),
    command('docbits.showAllFiles', () => { tree.setOnlyBelowFailUnder(false); syncMessage(); }),
    command('docbits.exportBadge', exportBadge),
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
