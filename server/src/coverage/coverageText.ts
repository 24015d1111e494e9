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

/** The status bar's text for a file docbits does not measure: no percentage, "100%" of nothing would mislead. */
export const NOT_MEASURED_TEXT = '$(book) not measured';

/** Why a file is not measured (workspace/checkedFiles.ts NotMeasuredReason), in words. */
const NOT_MEASURED_WHY: Record<string, string> = {
  excluded: 'excluded (exclude, or a folder such as .venv that is always excluded)',
  initModule: 'an __init__.py, and ignore-init-module is on',
  stubFile: 'a stub file (.pyi), and stub files are not included',
  whitelist: 'none of its names match whitelist-regex',
  nothingCounted: 'nothing in it is counted (e.g. an empty module with ignore-module)',
  tooLarge: 'too large (docbits.maxFileSize)',
  unreadable: 'it cannot be read',
  notPython: 'not a Python file',
};

/** `flags.py is not measured: excluded (...)`; `detail` (what the reader said) replaces the generic words. */
export function notMeasuredTooltip(fileName: string, reason: string, detail?: string): string {
  return `${fileName} is not measured: ${detail ?? NOT_MEASURED_WHY[reason] ?? reason}`;
}

/** What the status bar's tooltip adds for teams' settings (the server's fileCoverage fields of the same names). */
interface TooltipDetails {
  /** The per-path prefix whose threshold applies (`"src/"`). */
  perPath?: string;
  /** `docbits.coverage.changedSince`: the changed definitions, or why they are not known. */
  changedSince?: { base: string; total: number; missed: number } | { base: string; error: string };
}

/** Tooltip lines: the file's counts and fail-under, then the workspace figure and its fail-under when computed. */
export function statusBarTooltip(fileName: string, file: Totals, failUnder: number, workspace?: Totals & { failUnder: number }, details: TooltipDetails = {}): string {
  const minimum = `minimum ${formatMinimum(failUnder)}%${details.perPath ? ` for ${details.perPath}` : ''}`;
  const lines = [
    `Docstring coverage of ${fileName}: ${pyFormatFixed(percent(file), 1)}% (${minimum})`,
    `${groupThousands(file.covered)} covered, ${groupThousands(file.missed)} missing, ${groupThousands(file.excused)} excused`,
  ];
  const changed = details.changedSince;
  if (changed && 'error' in changed) lines.push(`Changed since ${changed.base}: not known (${changed.error}); every definition is flagged`);
  else if (changed) lines.push(`Only definitions changed since ${changed.base} are flagged: ${groupThousands(changed.total)} changed, ${groupThousands(changed.missed)} missing`);
  if (workspace) lines.push(workspaceLine(workspace));
  return lines.join('\n');
}

/** `Workspace: 66.7% (12 of 18) — PASSED (minimum 60%)`. */
export function workspaceLine(workspace: Totals & { failUnder: number }): string {
  return coverageSummary(workspace, workspace.failUnder).replace('Docstring coverage', 'Workspace:');
}

/** Below fail-under (the status bar turns to its warning colour). */
export function belowFailUnder(totals: Totals, failUnder: number): boolean {
  return !passed(failUnder, totals);
}
