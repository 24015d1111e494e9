/**
 * Code actions on docbits' diagnostics, as plain data (the server turns them into LSP CodeActions):
 * - "Add docstring to X" (quick fix, preferred): a stub in the configured style (stubs.ts);
 * - "Excuse X with # nodocqa" (quick fix): a skip marker on the header;
 * - "Add docstrings to all undocumented definitions" (source action `source.docbits.addAllDocstrings`).
 * The diagnostics a request carries may be older than the text (the user kept typing): each one names its
 * definition by kind and qualified name (diagnostics.ts), which is looked up in the current inventory, and
 * dropped if that definition is documented by now or gone.
 */
import type { Range } from 'vscode-languageserver-types';
import { DIAGNOSTIC_SOURCE, MissingDocstringData } from './diagnostics';
import { FileInventory } from './inventory';
import { allStubEdits, docstringStubEdit, DocstringStyle, nodocqaEdit, ParsedFile, StubOptions, TextEditLike } from './stubs';
import { NodeKind } from './types';

export const QUICK_FIX_KIND = 'quickfix';
export const ADD_ALL_DOCSTRINGS_KIND = 'source.docbits.addAllDocstrings';
/** "Update all docstrings to match signatures" (docstrings/actions.ts builds it). */
export const UPDATE_ALL_DOCSTRINGS_KIND = 'source.docbits.updateAllDocstrings';

/** The part of an editor's diagnostic that code actions read. */
export interface DiagnosticRef {
  range: Range;
  source?: string;
  /** `DOC101`: a quality diagnostic is matched to its finding by code and place (docstrings/actions.ts). */
  code?: string | number;
  data?: unknown;
}

export interface CodeActionInput {
  /** The text, its parse and its inventory under the document's current options (one analysis). */
  file: ParsedFile;
  inventory: FileInventory;
  /** The diagnostics the editor sent with the request (context.diagnostics). */
  diagnostics: readonly DiagnosticRef[];
  /** context.only: the kinds the editor asks for, if it restricts them. */
  only?: readonly string[];
  style: DocstringStyle;
  /** How stubs are laid out (the project's line length). */
  stubOptions?: StubOptions;
  /**
   * The editor asks for an action's edit when the user picks it (LSP codeAction/resolve): the file-wide
   * action is then offered with its count alone, and its stubs are made at resolve (codeActions with its kind).
   */
  deferFileWideEdits?: boolean;
}

export interface CoverageAction {
  title: string;
  kind: typeof QUICK_FIX_KIND | typeof ADD_ALL_DOCSTRINGS_KIND | typeof UPDATE_ALL_DOCSTRINGS_KIND;
  edits: TextEditLike[];
  /** Edits in other documents than the one asked about (a notebook's cells), by URI; `edits` is then empty. */
  editsByUri?: Record<string, TextEditLike[]>;
  /** Index into the request's diagnostics of the one this action fixes. */
  diagnostic?: number;
  /** Indices into the request's diagnostics of those this action fixes, when it fixes several. */
  diagnostics?: number[];
  isPreferred?: boolean;
  /** The one edit's text as a snippet (tab stops on the placeholders), for clients that insert snippets. */
  snippet?: string;
  /** `edits` are left for the editor to resolve when the action is picked (deferFileWideEdits). */
  deferred?: boolean;
}

/**
 * The kinds a request asks for. An automatic request (LSP triggerKind 2: the editor looking for a lightbulb
 * as the cursor moves) that names none gets quick fixes only: the source actions are built from every
 * definition of the file (1,468 stubs, 352 KB of answer, ~200 ms on a 20,000-line module at every cursor
 * move), and editors list them only when asked for by kind (VS Code drops source actions from automatic
 * answers). A request the user made (triggerKind 1, Neovim's code_action()) still gets everything.
 */
export function requestedKinds(only: readonly string[] | undefined, automatic: boolean): readonly string[] | undefined {
  return only === undefined || only.length === 0 ? (automatic ? [QUICK_FIX_KIND] : only) : only;
}

/** Whether an action of `kind` is wanted under `only` (kinds are hierarchical: `source` covers `source.x`). */
export function kindWanted(kind: string, only: readonly string[] | undefined): boolean {
  if (!only || only.length === 0) return true;
  return only.some((wanted) => kind === wanted || kind.startsWith(`${wanted}.`));
}

const NODE_KINDS: ReadonlySet<string> = new Set<NodeKind>(['module', 'class', 'function', 'method']);

function missingDocstringData(diagnostic: DiagnosticRef): MissingDocstringData | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const data = diagnostic.data as Partial<MissingDocstringData> | undefined;
  if (!data || typeof data.qualname !== 'string' || typeof data.kind !== 'string' || !NODE_KINDS.has(data.kind)) return undefined;
  return data as MissingDocstringData;
}

/** The missed definitions of an inventory (index into the structure, -1 for the module) by kind and qualname. */
function missedByName(inv: FileInventory): Map<string, Array<{ definition: number; nameLine: number }>> {
  const byName = new Map<string, Array<{ definition: number; nameLine: number }>>();
  inv.nodes.forEach((node, i) => {
    if (node.status !== 'missed' || !node.counted) return;
    const definition = inv.definitionOf[i];
    const nameLine = definition >= 0 ? inv.structure.definitions[definition].nameLine : 0;
    const key = `${node.kind} ${node.qualname}`;
    const list = byName.get(key);
    if (list) list.push({ definition, nameLine });
    else byName.set(key, [{ definition, nameLine }]);
  });
  return byName;
}

/**
 * The definition that a diagnostic names, if it is still missing its docstring: the missed node of that kind
 * and name, the one nearest the diagnostic's line when several share the name (redefinitions, `if`/`else`
 * branches).
 */
function stillMissing(data: MissingDocstringData, line: number, missed: ReturnType<typeof missedByName>): number | undefined {
  let best: number | undefined;
  let bestDistance = Infinity;
  for (const candidate of missed.get(`${data.kind} ${data.qualname}`) ?? []) {
    const distance = Math.abs(candidate.nameLine - line);
    if (distance < bestDistance) [best, bestDistance] = [candidate.definition, distance];
  }
  return best;
}

export function codeActions(input: CodeActionInput): CoverageAction[] {
  const { file, inventory: inv, only, style, stubOptions } = input;
  const actions: CoverageAction[] = [];
  if (kindWanted(QUICK_FIX_KIND, only)) {
    // A select-all range sends every diagnostic of the file: one index, not one pass over the nodes each.
    const missed = missedByName(inv);
    input.diagnostics.forEach((diagnostic, d) => {
      const data = missingDocstringData(diagnostic);
      const definition = data && stillMissing(data, diagnostic.range.start.line, missed);
      if (!data || definition === undefined) return;
      const stub = docstringStubEdit(file, definition, style, stubOptions);
      if (stub) {
        const { snippet, ...edit } = stub;
        actions.push({ title: `Add docstring to ${data.qualname}`, kind: QUICK_FIX_KIND, edits: [edit], diagnostic: d, isPreferred: true, ...(snippet ? { snippet } : {}) });
      }
      if (definition >= 0) {
        const marker = nodocqaEdit(file, definition);
        if (marker) actions.push({ title: `Excuse ${data.qualname} with # nodocqa`, kind: QUICK_FIX_KIND, edits: [marker], diagnostic: d });
      }
    });
  }
  if (kindWanted(ADD_ALL_DOCSTRINGS_KIND, only)) {
    const missing = inv.nodes.flatMap((node, i) => (node.status === 'missed' && node.counted ? [inv.definitionOf[i]] : []));
    const title = (count: number) => `Add docstrings to ${count} undocumented ${count === 1 ? 'definition' : 'definitions'}`;
    if (input.deferFileWideEdits) {
      const count = new Set(missing).size;
      if (count > 0) actions.push({ title: title(count), kind: ADD_ALL_DOCSTRINGS_KIND, edits: [], deferred: true });
    } else {
      // Many snippets in one edit would be one snippet session across the file: plain text here.
      const edits = missing.length > 0 ? allStubEdits(file, missing, style, stubOptions).map(({ range, newText }) => ({ range, newText })) : [];
      if (edits.length > 0) actions.push({ title: title(edits.length), kind: ADD_ALL_DOCSTRINGS_KIND, edits });
    }
  }
  return actions;
}
