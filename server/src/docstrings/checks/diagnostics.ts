/**
 * Docstring-quality findings as editor diagnostics (plain data, as the coverage diagnostics): on the
 * docstring entry or section that is wrong, or on the name in the signature; with the coverage diagnostics'
 * severity, source `docbits` and pydoclint's code, filtered by the rule groups the user switched on.
 */
import type { CoverageDiagnostic } from '../../coverage/diagnostics';
import type { Severity } from '../../config/editorSettings';
import { positionAt } from '../../python/lines';
import { Finding, inRuleGroups, RuleGroup } from './types';

export function qualityDiagnostics(findings: readonly Finding[], lineStarts: readonly number[], severity: Severity,
  groups: readonly RuleGroup[]): CoverageDiagnostic[] {
  if (groups.length === 0) return [];
  const out: CoverageDiagnostic[] = [];
  for (const f of findings) {
    if (!inRuleGroups(f.code, groups)) continue;
    out.push({ range: { start: positionAt(lineStarts, f.span.start), end: positionAt(lineStarts, f.span.end) }, severity, code: f.code, message: f.message });
  }
  return out;
}
