/**
 * Docstring stubs inserted as snippets: the server's "Add docstring" quick fix carries its text in snippet
 * syntax in `data.snippet` (LSP 3.17 has no snippet edits; 3.18's SnippetTextEdit is not in the protocol
 * version VS Code's client speaks). VS Code 1.100 applies a WorkspaceEdit holding a SnippetTextEdit as a
 * snippet when the document is in the active editor: the summary placeholder is selected, Tab moves to the
 * descriptions. keepWhitespace, because the snippet already carries the file's indentation.
 */
import * as vscode from 'vscode';

type Actions = Array<vscode.Command | vscode.CodeAction> | null | undefined;

export function withSnippetStubs(document: vscode.TextDocument, actions: Actions): Actions {
  if (!actions) return actions;
  for (const action of actions) {
    if (!(action instanceof vscode.CodeAction) || !action.edit) continue;
    const snippet = (action as vscode.CodeAction & { data?: { snippet?: unknown } }).data?.snippet;
    if (typeof snippet !== 'string') continue;
    const entries = action.edit.entries();
    const plain = entries.length === 1 && entries[0][0].toString() === document.uri.toString() ? entries[0][1] : [];
    if (plain.length !== 1) continue;
    const edit = new vscode.SnippetTextEdit(plain[0].range, new vscode.SnippetString(snippet));
    edit.keepWhitespace = true;
    const workspaceEdit = new vscode.WorkspaceEdit();
    workspaceEdit.set(document.uri, [edit]);
    action.edit = workspaceEdit;
  }
  return actions;
}
