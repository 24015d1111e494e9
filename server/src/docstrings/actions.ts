/**
 * The "Update docstring" code actions, as plain data (like coverage/actions.ts, whose shapes they share):
 * - "Update docstring to match signature" (quick fix): on a function whose header or docstring holds the
 *   request's start line, when the update would change something (docstrings/update.ts). Offered whatever
 *   the checks report; when the request carries DOC1xx/2xx/4xx/5xx diagnostics of that function, the action
 *   names those the update resolves (the function checked again on the updated text, so the claim is
 *   measured, not assumed), and is preferred when it resolves all of them;
 * - "Ignore with # noqa: DOCxxx" (quick fix), one per DOC diagnostic of the request: the comment where
 *   pydoclint reads it (`native-mode-noqa-location`), merged into a `# noqa:` already there, as ruff does;
 * - "Update all docstrings to match signatures" (source action `source.docbits.updateAllDocstrings`): every
 *   function's, a class's from its `__init__` as `--fix` does (update.ts documentedAt).
 * A diagnostic of the request is matched to a finding of the current text by code and start; a stale one
 * (the user typed since) matches none and gets no action.
 */
import type { Range } from 'vscode-languageserver-types';
import { CoverageAction, DiagnosticRef, kindWanted, QUICK_FIX_KIND, UPDATE_ALL_DOCSTRINGS_KIND } from '../coverage/actions';
import { DIAGNOSTIC_SOURCE } from '../coverage/diagnostics';
import { DocstringStyle, ParsedFile, TextEditLike } from '../coverage/stubs';
import { lineEndOffset, lineStarts, positionAt } from '../python/lines';
import { Definition, parseStructure } from '../python/structure';
import { checkDocstrings, Finding, QualityOptions } from './checks';
import { noqaCodes } from './checks/noqa';
import { ruleGroup } from './checks/types';
import { DocstringStyleName } from './parse';
import { allDocstringUpdates, docstringUpdate } from './update';

export interface UpdateActionInput {
  file: ParsedFile;
  /** The request's range. */
  range: Range;
  only?: readonly string[];
  /** The editor's docstring style: the style of docstrings that show none (pep257 counts as google). */
  style: DocstringStyle;
  /** The diagnostics the editor sent with the request (context.diagnostics). */
  diagnostics?: readonly DiagnosticRef[];
  /** The document's quality options and the findings of this text; absent when quality checks are off. */
  quality?: { options: QualityOptions; findings: readonly Finding[] };
}

/**
 * Above this many functions, the whole-file action is built only when the editor asks for source actions
 * (`only`): it reads every docstring of the file. Requests marked automatic (cursor moves) never ask for it
 * (coverage/actions.ts requestedKinds); this guards clients that do not say why they ask (no triggerKind).
 */
const AUTOMATIC_FILE_ACTION_LIMIT = 1000;

/** The rule groups the update works on (DOC3xx and DOC6xx are about classes, which it does not edit). */
const UPDATED_GROUPS: ReadonlySet<string> = new Set(['args', 'returns', 'yields', 'raises']);

export function docstringUpdateActions(input: UpdateActionInput): CoverageAction[] {
  const { file, range, only } = input;
  const defaultStyle: DocstringStyleName = input.style === 'pep257' ? 'google' : input.style;
  const actions: CoverageAction[] = [];
  if (kindWanted(QUICK_FIX_KIND, only)) {
    const matched = input.quality ? matchedFindings(file, input.diagnostics ?? [], input.quality.findings) : [];
    const index = functionAt(file, range.start.line);
    // With quality on, types follow the annotations under its options; without, they stay as written.
    const types = input.quality?.options;
    const update = index >= 0 ? docstringUpdate(file, index, { defaultStyle, ...(types && { types }) }) : null;
    if (update) {
      const shown = update.changes.slice(0, 3).join(', ') + (update.changes.length > 3 ? ', …' : '');
      const action: CoverageAction = { title: `Update docstring to match signature (${shown})`, kind: QUICK_FIX_KIND, edits: update.edits };
      const def = file.structure.definitions[index];
      const own = matched.filter((m) => m.finding.line === def.line && UPDATED_GROUPS.has(ruleGroup(m.finding.code)));
      if (own.length > 0 && input.quality) {
        const left = findingsAfter(file, index, update.edits, input.quality.options);
        const resolved = left === null ? [] : own.filter((m) => !left.has(findingKey(m.finding)));
        if (resolved.length > 0) action.diagnostics = resolved.map((m) => m.diagnostic);
        if (resolved.length === own.length) action.isPreferred = true;
      }
      actions.push(action);
    }
    if (input.quality) actions.push(...noqaActions(file, matched, input.quality.options.nativeModeNoqaLocation));
  }
  const functions = file.structure.definitions.filter((d) => d.keyword === 'def').length;
  const asked = only !== undefined && only.length > 0;
  if (kindWanted(UPDATE_ALL_DOCSTRINGS_KIND, only) && (asked || functions <= AUTOMATIC_FILE_ACTION_LIMIT)) {
    const types = input.quality?.options;
    const all = allDocstringUpdates(file, { defaultStyle, allowInitDocstring: types?.allowInitDocstring ?? false, ...(types && { types }) });
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

interface MatchedFinding {
  /** Index into the request's diagnostics. */
  diagnostic: number;
  finding: Finding;
}

/** The request's DOC diagnostics that are findings of this text (same code, same start). */
function matchedFindings(file: ParsedFile, diagnostics: readonly DiagnosticRef[], findings: readonly Finding[]): MatchedFinding[] {
  // Diagnostics are few, findings may be thousands: the diagnostics' starts as offsets, then one pass.
  const wanted = new Map<number, number[]>();
  diagnostics.forEach((d, i) => {
    if (d.source !== DIAGNOSTIC_SOURCE || typeof d.code !== 'string' || !d.code.startsWith('DOC')) return;
    const lineStart = file.lineStarts[d.range.start.line];
    if (lineStart === undefined) return;
    const offset = lineStart + d.range.start.character;
    wanted.set(offset, [...(wanted.get(offset) ?? []), i]);
  });
  const out: MatchedFinding[] = [];
  if (wanted.size === 0) return out;
  for (const finding of findings) {
    for (const i of wanted.get(finding.span.start) ?? []) {
      if (diagnostics[i].code === finding.code) out.push({ diagnostic: i, finding });
    }
  }
  return out.sort((a, b) => a.diagnostic - b.diagnostic);
}

/** What a finding says about which definition: equal keys before and after an edit are the same problem. */
function findingKey(f: Finding): string {
  return `${f.code}\u0000${f.qualname}\u0000${f.message}`;
}

/**
 * The findings of function `index` once `edits` are applied, as keys; null when they cannot be known. Only the
 * function is checked again, under the headers of the definitions around it (a method under its `class`
 * line): its checks read nothing else, so a fix in a class of 20,000 lines costs no more than the method.
 */
function findingsAfter(file: ParsedFile, index: number, edits: readonly TextEditLike[], options: QualityOptions): Set<string> | null {
  try {
    const defs = file.structure.definitions;
    const chain = [index];
    for (let at = defs[index].parent; at >= 0 && chain.length <= defs.length; at = defs[at].parent) chain.unshift(at);
    const qualname = chain.map((i) => defs[i].name).join('.');
    const parts: string[] = [];
    // A definition indented at module level (under `if`, `try`) opens a block of its own.
    if (textBefore(file, defs[chain[0]].headerStartLine) !== '') parts.push('if True:\n');
    for (const i of chain.slice(0, -1)) parts.push(file.text.slice(file.lineStarts[defs[i].headerStartLine], lineStartOrEnd(file, defs[i].headerBreakLine + 1)));
    const target = defs[index];
    const body = withEdits(file, edits, file.lineStarts[target.headerStartLine], lineStartOrEnd(file, target.endLine + 1));
    if (body === null) return null;
    parts.push(body);
    const text = parts.join('');
    const checked = checkDocstrings({ text, structure: parseStructure(text), lineStarts: lineStarts(text) }, options);
    return new Set(checked.filter((f) => f.qualname === qualname).map(findingKey));
  } catch {
    return null;
  }
}

/** The indentation before a line's first character that is not a blank. */
function textBefore(file: ParsedFile, line: number): string {
  const start = file.lineStarts[line];
  const end = lineStartOrEnd(file, line + 1);
  const text = file.text.slice(start, end);
  return text.slice(0, text.length - text.trimStart().length);
}

function lineStartOrEnd(file: ParsedFile, line: number): number {
  return line < file.lineStarts.length ? file.lineStarts[line] : file.text.length;
}

/** The text from offset `from` to `to` with the edits applied; null when an edit falls outside it or they overlap. */
function withEdits(file: ParsedFile, edits: readonly TextEditLike[], from: number, to: number): string | null {
  const offsetOf = (p: { line: number; character: number }): number => (file.lineStarts[p.line] ?? file.text.length) + p.character;
  const sorted = [...edits].sort((a, b) => offsetOf(a.range.start) - offsetOf(b.range.start));
  const parts: string[] = [];
  let at = from;
  for (const edit of sorted) {
    const start = offsetOf(edit.range.start);
    const end = offsetOf(edit.range.end);
    if (start < at || end < start || end > to) return null;
    parts.push(file.text.slice(at, start), edit.newText);
    at = end;
  }
  parts.push(file.text.slice(at, to));
  return parts.join('');
}

/** "Ignore with # noqa: DOCxxx": one per code and definition, naming every request diagnostic it silences. */
function noqaActions(file: ParsedFile, matched: readonly MatchedFinding[], location: 'docstring' | 'definition'): CoverageAction[] {
  if (matched.length === 0) return [];
  const defByLine = new Map<number, Definition>();
  for (const def of file.structure.definitions) defByLine.set(def.line, def);
  const byEdit = new Map<string, CoverageAction>();
  for (const { diagnostic, finding } of matched) {
    const def = defByLine.get(finding.line);
    const line = def && (location === 'definition' ? def.line : def.docstring?.endLine);
    if (line === undefined) continue;
    const key = `${finding.code} ${line}`;
    const existing = byEdit.get(key);
    if (existing) {
      existing.diagnostics!.push(diagnostic);
      continue;
    }
    const edit = noqaEdit(file, line, finding.code);
    if (edit) byEdit.set(key, { title: `Ignore with # noqa: ${finding.code}`, kind: QUICK_FIX_KIND, edits: [edit], diagnostics: [diagnostic] });
  }
  return [...byEdit.values()];
}

/**
 * `# noqa: CODE` at the end of a line, or `, CODE` after the codes of a `# noqa:` comment already there; null
 * when the line cannot take one (it ends in a backslash, or holds a bare `# noqa`, which pydoclint reads as
 * excusing nothing and other linters as excusing everything: not ours to narrow).
 */
function noqaEdit(file: ParsedFile, line: number, code: string): TextEditLike | null {
  const end = lineEndOffset(file.text, file.lineStarts, line);
  if (file.text.charCodeAt(end - 1) === 92 /* \ */) return null;
  const comment = file.structure.comments.find((c) => c.line === line);
  const at = positionAt(file.lineStarts, end);
  if (comment && /\bnoqa\b/i.test(comment.text)) {
    if (noqaCodes(comment.text).length === 0 && !/\bnoqa\s*:/i.test(comment.text)) return null;
    return { range: { start: at, end: at }, newText: `, ${code}` };
  }
  return { range: { start: at, end: at }, newText: `  # noqa: ${code}` };
}
