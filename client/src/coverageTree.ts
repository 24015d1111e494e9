/** The Explorer view `docbitsCoverage`: draws the report tree built by workspace/reportTree.ts. */
import * as vscode from 'vscode';
import { ReportTreeNode } from '../../server/src/coverage/reportTree';

export class CoverageTreeProvider implements vscode.TreeDataProvider<ReportTreeNode> {
  private roots: ReportTreeNode[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  show(roots: ReportTreeNode[]): void {
    this.roots = roots;
    this.changed.fire();
  }

  getChildren(node?: ReportTreeNode): ReportTreeNode[] {
    return node ? node.children : this.roots;
  }

  getTreeItem(node: ReportTreeNode): vscode.TreeItem {
    const collapsible = node.children.length === 0 ? vscode.TreeItemCollapsibleState.None
      : node.kind === 'folder' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(node.label, collapsible);
    item.description = node.description;
    if (node.path) {
      const uri = vscode.Uri.file(node.path);
      if (node.kind === 'file') item.resourceUri = uri;
      const line = node.line ?? 0;
      item.command = {
        command: 'vscode.open', title: 'Open',
        arguments: [uri, { selection: new vscode.Range(line, 0, line, 0) } satisfies vscode.TextDocumentShowOptions],
      };
    }
    if (node.kind === 'definition') item.iconPath = new vscode.ThemeIcon('symbol-method');
    if (node.kind === 'folder') item.iconPath = new vscode.ThemeIcon('root-folder');
    return item;
  }
}
