/**
 * The report view `docbitsCoverage` (in the Docbits view container): draws the tree that
 * coverage/reportTree.ts builds, under the sort and filter the user chose (kept per workspace).
 */
import * as vscode from 'vscode';
import { ReportSort, ReportTreeModel, ReportTreeNode, ReportViewOptions } from '../../server/src/coverage/reportTree';
import type { WorkspaceCoverageResult } from '../../server/src/protocol';

const OPTIONS_KEY = 'docbits.coverageView';

export class CoverageTreeProvider implements vscode.TreeDataProvider<ReportTreeNode> {
  private readonly model = new ReportTreeModel();
  private roots: ReportTreeNode[] = [];
  private hasReport = false;
  private options: ReportViewOptions;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly state: vscode.Memento) {
    this.options = { sort: 'path', onlyBelowFailUnder: false, ...state.get<Partial<ReportViewOptions>>(OPTIONS_KEY) };
    void this.setContext();
  }

  get viewOptions(): ReportViewOptions {
    return this.options;
  }

  show(result: WorkspaceCoverageResult): void {
    this.model.update(result);
    this.hasReport = true;
    this.redraw();
  }

  setSort(sort: ReportSort): void {
    this.setOptions({ ...this.options, sort });
  }

  setOnlyBelowFailUnder(onlyBelowFailUnder: boolean): void {
    this.setOptions({ ...this.options, onlyBelowFailUnder });
  }

  /** What the view says above an empty tree (the welcome content covers "no report yet"). */
  get message(): string | undefined {
    if (this.hasReport && this.roots.length === 0 && this.options.onlyBelowFailUnder) return 'Every file meets its fail-under.';
    return undefined;
  }

  getChildren(node?: ReportTreeNode): ReportTreeNode[] {
    return node ? node.children : this.roots;
  }

  getTreeItem(node: ReportTreeNode): vscode.TreeItem {
    const topLevel = this.roots.includes(node);
    const collapsible = node.children.length === 0 ? vscode.TreeItemCollapsibleState.None
      : topLevel ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(node.label, collapsible);
    item.id = node.id;
    item.description = node.description;
    item.tooltip = node.tooltip;
    if (node.path && node.kind !== 'folder') {
      const uri = vscode.Uri.file(node.path);
      if (node.kind === 'file') item.resourceUri = uri;
      const line = node.line ?? 0;
      item.command = {
        command: 'vscode.open', title: 'Open',
        arguments: [uri, { selection: new vscode.Range(line, 0, line, 0) } satisfies vscode.TextDocumentShowOptions],
      };
    }
    if (node.kind === 'definition') item.iconPath = new vscode.ThemeIcon('symbol-method');
    if (node.kind === 'folder') item.iconPath = new vscode.ThemeIcon(topLevel ? 'root-folder' : 'folder');
    if (node.error) item.iconPath = new vscode.ThemeIcon('warning');
    return item;
  }

  private setOptions(options: ReportViewOptions): void {
    this.options = options;
    void this.state.update(OPTIONS_KEY, options);
    void this.setContext();
    this.redraw();
  }

  private setContext(): Thenable<unknown> {
    return vscode.commands.executeCommand('setContext', 'docbits.onlyBelowFailUnder', this.options.onlyBelowFailUnder);
  }

  private redraw(): void {
    this.roots = this.model.roots(this.options);
    this.changed.fire();
  }
}
