/**
 * The docstring-quality findings as the CLI prints them: pydoclint's shape (the file's path, then one
 * `    LINE: DOCxxx: message` line per finding, a blank line between files), or the concise
 * `path:line:col: DOCxxx message` lines that terminals and editors turn into links.
 */
import { printable } from '../../python/printable';
import type { DocstringFix } from '../fixFile';
import type { Finding } from './types';

export interface FileFindings {
  /** As the output shows it (relative to the current folder). */
  path: string;
  findings: readonly Finding[];
}

/** In line order, as pydoclint lists them per file (it groups by definition; a line sort reads the same). */
function sorted(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => (a.cell ?? 0) - (b.cell ?? 0) || a.line - b.line || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** A notebook's finding is placed as ruff places it: `cell 3:2` (the cell, then the 1-based line inside it). */
function place(f: Finding): string {
  return f.cell === undefined ? `${f.line + 1}` : `cell ${f.cell}:${f.line + 1}`;
}

export function formatPydoclintStyle(files: readonly FileFindings[]): string {
  const blocks: string[] = [];
  for (const file of files) {
    if (file.findings.length === 0) continue;
    const lines = [printable(file.path), ...sorted(file.findings).map((f) => `    ${place(f)}: ${f.code}: ${printable(f.message)}`)];
    blocks.push(lines.join('\n'));
  }
  return blocks.length === 0 ? '' : `${blocks.join('\n\n')}\n`;
}

export function formatConciseFindings(files: readonly FileFindings[]): string {
  let out = '';
  for (const file of files) {
    for (const f of sorted(file.findings)) out += `${printable(file.path)}:${place(f)}:${f.column + 1}: ${f.code} ${printable(f.message)}\n`;
  }
  return out;
}

/**
 * How many docstrings have findings (the report's per-file figure): one per definition, told apart by its line
 * and name; an inline attribute docstring (DOC606, on its own line) counts on its own.
 */
export function docstringsWithFindings(findings: readonly Finding[]): number {
  const seen = new Set<string>();
  for (const f of findings) seen.add(`${f.line}:${f.qualname}`);
  return seen.size;
}

/** The closing line: how many findings in how many files. */
export function findingsSummary(files: readonly FileFindings[]): string {
  const count = files.reduce((n, f) => n + f.findings.length, 0);
  const withFindings = files.filter((f) => f.findings.length > 0).length;
  if (count === 0) return `No docstring findings in ${files.length} file${files.length === 1 ? '' : 's'}.\n`;
  return `${count} docstring finding${count === 1 ? '' : 's'} in ${withFindings} of ${files.length} file${files.length === 1 ? '' : 's'}.\n`;
}

/** What `--fix` changed in one file: `path:line: updated docstring of function f (added x, removed y)`. */
export function formatFixes(path: string, fixes: readonly DocstringFix[]): string {
  let out = '';
  for (const fix of fixes) out += `${printable(path)}:${fix.cell === undefined ? '' : `cell ${fix.cell}:`}${fix.line + 1}: updated docstring of ${fix.kind} ${printable(fix.qualname)} (${printable(fix.changes.join(', '))})\n`;
  return out;
}

/** After the fix lines: how many docstrings `--fix` updated in how many files (nothing when none). */
export function fixesSummary(docstrings: number, files: number): string {
  if (docstrings === 0) return '';
  return `Updated ${docstrings} docstring${docstrings === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}.\n`;
}
