/**
 * Short coverage texts for people (the summary message, the status bar and its tooltip), shared by the
 * server and the VS Code client so both say the same thing the same way. Pure: numbers in, strings out.
 */
import { passed, percent } from './report';
import { pyFormatFixed } from '../python/compat/round';
import { Totals } from './types';

/** 1234567 -> "1,234,567" (independent of the machine's locale). */
export function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 80 -> "80", 87.5 -> "87.5": the fail-under as people write it. */
export function formatMinimum(failUnder: number): string {
  return String(Number(failUnder.toFixed(2)));
}

/** `Docstring coverage 87.3% (1,234 of 1,414) — PASSED (minimum 80%)` */
export function coverageSummary(totals: Totals, failUnder: number): string {
  const pct = percent(totals);
  const verdict = passed(failUnder, totals) ? 'PASSED' : 'FAILED';
  return `Docstring coverage ${pyFormatFixed(pct, 1)}% (${groupThousands(totals.covered)} of ${groupThousands(totals.total)}) — ${verdict} (minimum ${formatMinimum(failUnder)}%)`;
}

/** The status bar's text for a file: `$(book) 72%` (whole percent, as interrogate's per-file column). */
export function statusBarText(totals: Totals): string {
  return `$(book) ${pyFormatFixed(percent(totals), 0)}%`;
}

/** The status bar's text for a file docbits does not measure (excluded, outside the whitelist, too large). */
export const NOT_MEASURED_TEXT = '$(book) —';

export function notMeasuredTooltip(fileName: string): string {
  return `${fileName} is not measured: excluded, outside whitelist-regex, or too large`;
}

/** Tooltip lines: the file's counts, then the workspace figure when one has been computed. */
export function statusBarTooltip(fileName: string, file: Totals, failUnder: number, workspace?: Totals & { failUnder: number }): string {
  const lines = [
    `Docstring coverage of ${fileName}: ${pyFormatFixed(percent(file), 1)}% (minimum ${formatMinimum(failUnder)}%)`,
    `${file.covered} covered, ${file.missed} missing, ${file.excused} excused`,
  ];
  if (workspace) lines.push(coverageSummary(workspace, workspace.failUnder).replace('Docstring coverage', 'Workspace:'));
  return lines.join('\n');
}

/** Below fail-under (the status bar turns to its warning colour). */
export function belowFailUnder(totals: Totals, failUnder: number): boolean {
  return !passed(failUnder, totals);
}
