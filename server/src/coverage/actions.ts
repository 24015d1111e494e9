/**
 * Code actions on docbits' diagnostics:
 * - "Add docstring to X" (quick fix, preferred): a stub in the configured style (stubs.ts);
 * - "Excuse X with # nodocqa" (quick fix): a skip marker on the header;
 * - "Add docstrings to all undocumented definitions" (source action `source.docbits.addAllDocstrings`).
 * The diagnostics a request carries may be older than the text (the user kept typing): each one is checked
 * against the current text before an edit is built from it, and dropped if its definition moved or vanished.
 */
import { CodeAction, CodeActionKind, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { DIAGNOSTIC_SOURCE, MissingDocstringData } from './diagnostics';
import { FileInventory } from './inventory';
import { allStubEdits, docstringStubEdit, DocstringStyle, nodocqaEdit } from './stubs';

export const ADD_ALL_DOCSTRINGS_KIND = 'source.docbits.addAllDocstrings';

export interface CodeActionInput {
  uri: string;
  text: string;
  /** The inventory of `text` under the document's current options. */
  inventory: FileInventory;
  /** The diagnostics the editor sent with the request (context.diagnostics). */
  diagnostics: readonly Diagnostic[];
  /** context.only: the kinds the editor asks for, if it restricts them. */
  only?: readonly string[];
  style: DocstringStyle;
}

/** Whether an action of `kind` is wanted under `only` (kinds are hierarchical: `source` covers `source.x`). */
export function kindWanted(kind: string, only: readonly string[] | undefined): boolean {
  if (!only || only.length === 0) return true;
  return only.some((wanted) => kind === wanted || kind.startsWith(`${wanted}.`));
}

function missingDocstringData(diagnostic: Diagnostic): MissingDocstringData | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const data = diagnostic.data as Partial<MissingDocstringData> | undefined;
  if (!data || typeof data.definition !== 'number' || typeof data.qualname !== 'string') return undefined;
  return data as MissingDocstringData;
}

/** The diagnostic still names the same definition in the current text. */
function stillMissing(data: MissingDocstringData, inv: FileInventory): boolean {
  const i = inv.definitionOf.indexOf(data.definition);
  return i >= 0 && inv.nodes[i].status === 'missed' && inv.nodes[i].qualname === data.qualname;
}

function editAction(title: string, kind: string, uri: string, edits: TextEdit[], diagnostic?: Diagnostic, isPreferred?: boolean): CodeAction {
  const action: CodeAction = { title, kind, edit: { changes: { [uri]: edits } } };
  if (diagnostic) action.diagnostics = [diagnostic];
  if (isPreferred) action.isPreferred = true;
  return action;
}

export function codeActions(input: CodeActionInput): CodeAction[] {
  const { uri, text, inventory: inv, only, style } = input;
  const actions: CodeAction[] = [];
  if (kindWanted(CodeActionKind.QuickFix, only)) {
    for (const diagnostic of input.diagnostics) {
      const data = missingDocstringData(diagnostic);
      if (!data || !stillMissing(data, inv)) continue;
      const stub = docstringStubEdit(text, data.definition, style);
      if (stub) actions.push(editAction(`Add docstring to ${data.qualname}`, CodeActionKind.QuickFix, uri, [stub], diagnostic, true));
      if (data.definition >= 0) {
        const marker = nodocqaEdit(text, data.definition);
        if (marker) actions.push(editAction(`Excuse ${data.qualname} with # nodocqa`, CodeActionKind.QuickFix, uri, [marker], diagnostic));
      }
    }
  }
  if (kindWanted(ADD_ALL_DOCSTRINGS_KIND, only)) {
    const missing = inv.nodes.flatMap((node, i) => (node.status === 'missed' && node.counted ? [inv.definitionOf[i]] : []));
    const edits = missing.length > 0 ? allStubEdits(text, missing, style) : [];
    if (edits.length > 0) {
      const noun = edits.length === 1 ? 'definition' : 'definitions';
      actions.push(editAction(`Add docstrings to ${edits.length} undocumented ${noun}`, ADD_ALL_DOCSTRINGS_KIND, uri, edits));
    }
  }
  return actions;
}
