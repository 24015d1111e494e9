/**
 * The one place where docbits' plain answers become LSP's types (the habit of rust-analyzer's `to_proto`):
 * the session and the services below it return their own data; server.ts sends what these functions make.
 */
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver-types';
import { DiagnosticSeverity, DiagnosticTag, MarkupKind } from 'vscode-languageserver-types';
import type { BitsHover } from './bits/hover';
import type { CoverageAction } from './coverage/actions';
import { CoverageDiagnostic, DIAGNOSTIC_SOURCE } from './coverage/diagnostics';
import type { Severity } from './config/editorSettings';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function diagnostic(d: CoverageDiagnostic): Diagnostic {
  const out: Diagnostic = { range: d.range, severity: SEVERITY[d.severity], source: DIAGNOSTIC_SOURCE, message: d.message };
  if (d.code !== undefined) out.code = d.code;
  if (d.unnecessary) out.tags = [DiagnosticTag.Unnecessary];
  if (d.data !== undefined) out.data = d.data;
  return out;
}

/** What a deferred action carries for codeAction/resolve (server.ts), which asks the session for its edits. */
interface DeferredActionData {
  docbitsResolve: { uri: string; kind: string };
}

/** The deferred action a codeAction/resolve request names, if it is one of ours. */
export function deferredActionOf(action: CodeAction): DeferredActionData['docbitsResolve'] | undefined {
  const named = (action.data as Partial<DeferredActionData> | undefined)?.docbitsResolve;
  return named && typeof named.uri === 'string' && typeof named.kind === 'string' ? named : undefined;
}

/** @param requestDiagnostics the diagnostics the request carried (an action names the one it fixes by index). */
export function codeAction(action: CoverageAction, uri: string, requestDiagnostics: readonly Diagnostic[]): CodeAction {
  const out: CodeAction = { title: action.title, kind: action.kind };
  if (action.deferred) out.data = { docbitsResolve: { uri, kind: action.kind } } satisfies DeferredActionData;
  else out.edit = { changes: action.editsByUri ?? { [uri]: action.edits } };
  const indices = action.diagnostics ?? (action.diagnostic === undefined ? [] : [action.diagnostic]);
  const fixes = indices.flatMap((i) => (requestDiagnostics[i] ? [requestDiagnostics[i]] : []));
  if (fixes.length > 0) out.diagnostics = fixes;
  if (action.isPreferred) out.isPreferred = true;
  // docbits' own extension of the answer: the VS Code client inserts it as a snippet (docs/editors.md).
  if (action.snippet !== undefined) out.data = { snippet: action.snippet };
  return out;
}

export function hover(h: BitsHover): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: h.range };
}
