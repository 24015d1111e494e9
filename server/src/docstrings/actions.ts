/**
 * The "Update docstring" code actions, as plain data (like coverage/actions.ts, whose shapes they share):
 * - "Update docstring to match signature" (quick fix): on a function whose header or docstring holds the
 *   request's start line, when the update would change something (docstrings/update.ts);
 * - "Update all docstrings to match signatures" (source action `source.docbits.updateAllDocstrings`).
 * They do not depend on diagnostics: whatever the checks report, the action is offered where the
 * docstring disagrees with the code.
 */
import type { Range } from 'vscode-languageserver-types';
import { CoverageAction, kindWanted, QUICK_FIX_KIND, UPDATE_ALL_DOCSTRINGS_KIND } from '../coverage/actions';
import { DocstringStyle, ParsedFile } from '../coverage/stubs';
import { DocstringStyleName } from './parse';
import { allDocstringUpdates, docstringUpdate } from './update';

export interface UpdateActionInput {
  file: ParsedFile;
  /** The request's range. */
  range: Range;
  only?: readonly string[];
  /** The editor's docstring style: the style of docstrings that show none (pep257 counts as google). */
  style: DocstringStyle;
}

/**
 * Above this many functions, the whole-file action is built only when the editor asks for source actions
 * (`only`), not on every automatic request (cursor moves): it reads every docstring of the file.
 */
const AUTOMATIC_FILE_ACTION_LIMIT = 1000;

export function docstringUpdateActions(input: UpdateActionInput): CoverageAction[] {
  const { file, range, only } = input;
  const defaultStyle: DocstringStyleName = input.style === 'pep257' ? 'google' : input.style;
  const actions: CoverageAction[] = [];
  if (kindWanted(QUICK_FIX_KIND, only)) {
    const index = functionAt(file, range.start.line);
    const update = index >= 0 ? docstringUpdate(file, index, { defaultStyle }) : null;
    if (update) {
      const shown = update.changes.slice(0, 3).join(', ') + (update.changes.length > 3 ? ', …' : '');
      actions.push({ title: `Update docstring to match signature (${shown})`, kind: QUICK_FIX_KIND, edits: update.edits });
    }
  }
  const functions = file.structure.definitions.filter((d) => d.keyword === 'def').length;
  const asked = only !== undefined && only.length > 0;
  if (kindWanted(UPDATE_ALL_DOCSTRINGS_KIND, only) && (asked || functions <= AUTOMATIC_FILE_ACTION_LIMIT)) {
    const all = allDocstringUpdates(file, { defaultStyle });
    if (all.count > 0) {
      const noun = all.count === 1 ? 'docstring' : 'docstrings';
      actions.push({ title: `Update ${all.count} ${noun} to match signatures`, kind: UPDATE_ALL_DOCSTRINGS_KIND, edits: all.edits });
    }
  }
  return actions;
}

/** The innermost function whose header or docstring holds `line`, or -1. */
function functionAt(file: ParsedFile, line: number): number {
  const defs = file.structure.definitions;
  let found = -1;
  for (let i = 0; i < defs.length; i++) {
    const def = defs[i];
    if (def.headerStartLine > line) break;
    const last = def.docstring ? def.docstring.endLine : def.headerEndLine;
    if (def.keyword === 'def' && line <= last) found = i;
  }
  return found;
}
