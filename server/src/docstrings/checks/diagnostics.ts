/**
 * Docstring-quality findings as editor diagnostics (plain data, as the coverage diagnostics): on the
 * docstring entry or section that is wrong, or on the name in the signature; with the coverage diagnostics'
 * severity, source `docbits` and pydoclint's code, filtered by the rule groups the user switched on.
 */
import type { CoverageDiagnostic } from '../../coverage/diagnostics';
import type { Severity } from '../../config/editorSettings';
import { Position, positionAt } from '../../python/lines';
import { Finding, inRuleGroups, RuleGroup } from './types';

export function qualityDiagnostics(findings: readonly Finding[], lineStarts: readonly number[], severity: Severity,
  groups: readonly RuleGroup[]): CoverageDiagnostic[] {
  if (groups.length === 0) return [];
  const out: CoverageDiagnostic[] = [];
  for (const f of findings) {
    if (!inRuleGroups(f.code, groups)) continue;
    const start = positionNear(lineStarts, f.span.start, f.line);
    out.push({ range: { start, end: positionNear(lineStarts, f.span.end, start.line) }, severity, code: f.code, message: f.message });
  }
  return out;
}

/**
 * positionAt, tried first on the few lines from `hint` on: a finding's span is on or just below its definition's
 * line, and its end on or below its start (a notebook's line is in its cell: then the search finds it).
 */
function positionNear(lineStarts: readonly number[], offset: number, hint: number): Position {
  const last = Math.min(lineStarts.length, hint + 8) - 1;
  for (let line = Math.max(0, hint); line <= last && lineStarts[line] <= offset; line++) {
    if (line + 1 === lineStarts.length || lineStarts[line + 1] > offset) return { line, character: offset - lineStarts[line] };
  }
  return positionAt(lineStarts, offset);
}
