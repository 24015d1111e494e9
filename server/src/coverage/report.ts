/**
 * Coverage reports: interrogate's text output reproduced byte for byte (the RESULT line, the -v summary and
 * the -vv detailed tables), and the `--json` object (README, "`--json`").
 *
 * The tables copy the observable behaviour of python-tabulate driven by interrogate's own row formatter, which
 * stretches every row to the terminal width; see formatTable.
 */
import { diagnosticCode, missingDocstringMessage } from './diagnostics';
import { CoverageNode, CoverageTotals, FileCoverage, NodeKind, NodeStatus, Totals } from './types';
import { compareCodePoints } from '../python/compat/ordering';
import { pythonJsonString } from '../python/compat/jsonString';
import { printable } from '../python/printable';
import { docstringsWithFindings } from '../docstrings/checks/output';
import { decimalPlaces, pyFloatRepr, pyFormatFixed } from '../python/compat/round';

// ---------------------------------------------------------------------------------------------------------
// Numbers

/** covered / total * 100 (that operation order, as interrogate), and 100.0 when nothing is counted. */
export function percent(totals: Pick<Totals, 'total' | 'covered'>): number {
  if (totals.total === 0) return 100.0;
  return (totals.covered / totals.total) * 100;
}

/** A float as the exact decimal its shortest repr spells (48.3 -> 483 / 10^1), so no binary error creeps in. */
function exactDecimal(x: number): { units: bigint; scale: number } {
  const match = /^(-?)(\d*)(?:\.(\d*))?(?:e([+-]\d+))?$/.exec(pyFloatRepr(x))!;
  const fraction = match[3] ?? '';
  const exponent = match[4] ? Number(match[4]) : 0;
  let units = BigInt(`${match[1]}${match[2] || '0'}${fraction}`);
  let scale = fraction.length - exponent;
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { units, scale };
}

/**
 * The verdict, on exact counts: covered / total * 100 >= fail_under, compared as integers. interrogate rounds
 * the percentage to the fail-under's decimals first, so 4,001 of 4,002 passes `--fail-under 100` there
 * (interrogate#186); here it never does. Nothing counted is 100%.
 */
export function passed(failUnder: number, totals: Pick<Totals, 'total' | 'covered'>): boolean {
  if (totals.total === 0) return failUnder <= 100;
  const { units, scale } = exactDecimal(failUnder);
  return BigInt(totals.covered) * 100n * 10n ** BigInt(scale) >= units * BigInt(totals.total);
}

/** The percentage cut (not rounded) to `digits` decimals, from the counts: 4,001 of 4,002 at 1 -> "99.9". */
function truncatedPercent(totals: Pick<Totals, 'total' | 'covered'>, digits: number): string {
  const scaled = (BigInt(totals.covered) * 100n * 10n ** BigInt(digits)) / BigInt(totals.total);
  const text = scaled.toString().padStart(digits + 1, '0');
  return digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/**
 * The actual figure of the RESULT line: interrogate's one decimal, unless that figure would contradict the
 * verdict (99.98% shown as "100.0" under a failed --fail-under 100); then cut to the minimum's decimals,
 * which always lands on the verdict's side ("99.9").
 */
export function shownPercent(failUnder: number, totals: Pick<Totals, 'total' | 'covered'>): string {
  const rounded = pyFormatFixed(percent(totals), 1);
  const verdict = passed(failUnder, totals);
  if (totals.total === 0 || (Number(rounded) >= failUnder) === verdict) return rounded;
  return truncatedPercent(totals, Math.max(1, decimalPlaces(failUnder)));
}

/** Sum of the files' counts, with the percentage. */
export function sumTotals(files: readonly Totals[]): CoverageTotals {
  const sum = { total: 0, covered: 0, missed: 0, excused: 0 };
  for (const f of files) {
    sum.total += f.total;
    sum.covered += f.covered;
    sum.missed += f.missed;
    sum.excused += f.excused;
  }
  return { ...sum, percent: percent(sum) };
}

/** With per-path thresholds, the verdict of every group: `RESULT: FAILED (minimum: per path, actual: 87.5%)`. */
function perPathResultLine(allPassed: boolean, totals: Pick<Totals, 'total' | 'covered'>): string {
  return `RESULT: ${allPassed ? 'PASSED' : 'FAILED'} (minimum: per path, actual: ${pyFormatFixed(percent(totals), 1)}%)`;
}

/** `RESULT: PASSED (minimum: 80.0%, actual: 97.1%)` */
export function resultLine(failUnder: number, totals: Pick<Totals, 'total' | 'covered'>): string {
  const status = passed(failUnder, totals) ? 'PASSED' : 'FAILED';
  return `RESULT: ${status} (minimum: ${pyFloatRepr(failUnder)}%, actual: ${shownPercent(failUnder, totals)}%)`;
}

// ---------------------------------------------------------------------------------------------------------
// Text layout primitives

/** Python's len(): code points, not UTF-16 units, so widths match interrogate for astral characters. */
function pyLen(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Python's `s * n`: empty for n <= 0. */
function repeat(s: string, n: number): string {
  return n > 0 ? s.repeat(n) : '';
}

/** py.io TerminalWriter.sep: a title centred in a rule of `sepchar` as wide as the terminal allows. */
export function sep(sepchar: string, width: number, title?: string): string {
  let line: string;
  if (title !== undefined) {
    const n = Math.max(Math.floor((width - pyLen(title) - 2) / (2 * pyLen(sepchar))), 1);
    const fill = repeat(sepchar, n);
    line = `${fill} ${title} ${fill}`;
  } else {
    line = repeat(sepchar, Math.floor(width / pyLen(sepchar)));
  }
  const tail = sepchar.trimEnd();
  if (pyLen(line) + pyLen(tail) <= width) line += tail;
  return line;
}

export type Align = 'left' | 'right' | 'center';

/** Colours for a row's padded cells (interrogate's set_detailed_markup / set_summary_markup). */
type RowMarkup = (paddedCells: string[]) => string[];

const RED = 31;
const GREEN = 32;

/** colorama's Fore colour and RESET_ALL around the text. */
function colorize(text: string, code: number): string {
  return `\x1b[${code}m${text}\x1b[0m`;
}

function colorAll(cells: string[], code: number): string[] {
  return cells.map((cell) => colorize(cell, code));
}

/** -vv rows: red when the status says MISSED, green when COVERED; headers, rules and excused rows stay plain. */
const detailedMarkup: RowMarkup = (cells) => {
  const status = cells[cells.length - 1];
  if (status.includes('MISSED')) return colorAll(cells, RED);
  if (status.includes('COVERED') || status.includes('INHERITED')) return colorAll(cells, GREEN);
  return cells;
};

/** -v rows: red below fail-under, green at or above, judged on the Cover% text as interrogate does. */
function summaryMarkup(failUnder: number): RowMarkup {
  return (cells) => {
    if (cells.length !== 5) return cells;
    const shown = cells[4].trim().replace(/^%+|%+$/g, '');
    // Python's float(): the header "Cover%" is not a number, so it stays plain.
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(shown)) return cells;
    return colorAll(cells, Number(shown) < failUnder ? RED : GREEN);
  };
}

/** interrogate's separator row, `["---"]`. */
const SEPARATOR: readonly string[] = ['---'];

function alignCell(text: string, width: number, align: Align): string {
  const pad = width - pyLen(text);
  if (align === 'right') return repeat(' ', pad) + text;
  if (align === 'center') {
    // Python's format(s, "^w"): the odd space goes to the right.
    const left = Math.floor(pad / 2);
    return repeat(' ', left) + text + repeat(' ', pad - left);
  }
  return text + repeat(' ', pad);
}

/**
 * interrogate's row formatter: spread the room left on the terminal line over the cells (the first cell takes
 * the remainder); a row whose first cell is "---" becomes a rule of dashes.
 */
function formatRow(paddedCells: string[], aligns: readonly Align[], width: number, markup?: RowMarkup): string {
  let padder = ' ';
  let cells = paddedCells;
  let finalWidth = cells.reduce((n, c) => n + pyLen(c), 0) + (cells.length + 1);
  const extra = Math.max(width - finalWidth, 0);
  if (cells[0].trim() === SEPARATOR[0]) {
    padder = '-';
    cells = cells.map((c) => repeat('-', pyLen(c)));
  }
  const perCell = Math.trunc(extra / cells.length);
  finalWidth += cells.length * perCell;
  const remaining = Math.max(0, width - finalWidth);
  // interrogate colours the padded cells, before the row is stretched to the terminal's width.
  if (markup) cells = markup(cells);
  const joined = cells.map((cell, i) => {
    const padding = perCell + (i === 0 ? remaining : 0);
    const align = aligns[i] ?? 'left';
    if (align === 'right') return repeat(padder, padding) + cell;
    if (align === 'center') {
      const left = Math.floor(padding / 2);
      return repeat(padder, left) + cell + repeat(padder, padding - left);
    }
    return cell + repeat(padder, padding);
  });
  return `|${joined.join('|')}|`.trimEnd();
}

/**
 * python-tabulate with interrogate's format: short rows are filled with "", each column is as wide as its
 * widest cell (the "---" of separator rows included), cells are aligned, padded with one space each side,
 * and then laid out by formatRow.
 */
export function formatTable(rows: ReadonlyArray<readonly string[]>, aligns: readonly Align[], width: number, markup?: RowMarkup): string[] {
  // Loops, not Math.max(...rows): a table of a few hundred thousand rows would overflow the call stack.
  let ncols = aligns.length;
  for (const r of rows) ncols = Math.max(ncols, r.length);
  const full = rows.map((r) => Array.from({ length: ncols }, (_, i) => r[i] ?? ''));
  const widths: number[] = new Array<number>(ncols).fill(0);
  for (const r of full) for (let i = 0; i < ncols; i++) widths[i] = Math.max(widths[i], pyLen(r[i]));
  return full.map((r) => {
    const padded = r.map((cell, i) => ` ${alignCell(cell, widths[i], aligns[i] ?? 'left')} `);
    return formatRow(padded, aligns, width, markup);
  });
}

// ---------------------------------------------------------------------------------------------------------
// interrogate's text report

export interface TextReportOptions {
  failUnder: number;
  omitCoveredFiles: boolean;
  /** 0: the RESULT line only; 1: summary table; 2: detailed table too. */
  verbosity: number;
  /** The common base directory, printed as `Coverage for <base>/` (interrogate appends the `/`). */
  base: string;
  /** Terminal width (interrogate: COLUMNS or the tty's width, else 80). */
  width?: number;
  /** The detailed table lists only missing definitions (and only the files that have some). */
  onlyMissing?: boolean;
  /** ANSI colours as interrogate's on a terminal: table rows and the RESULT rule; the caller decides when. */
  color?: boolean;
  /** Per-path thresholds (coverage/perPath.ts): their table, shown before the RESULT line, and whether all passed. */
  perPath?: { table: string[]; passed: boolean };
}

const STATUS_TEXT: Record<NodeStatus, string> = { covered: 'COVERED', missed: 'MISSED', excused: 'EXCUSED', inherited: 'INHERITED' };

function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** interrogate's file order: by directory, then by path within it. */
export function sortFiles<T extends { path: string }>(files: readonly T[]): T[] {
  return [...files].sort((a, b) => compareCodePoints(dirname(a.path), dirname(b.path)) || compareCodePoints(a.path, b.path));
}

function isFullyCovered(file: FileCoverage): boolean {
  return percent(file) === 100;
}

function detailedRow(node: CoverageNode, fileName: string): string[] {
  if (node.kind === 'module') {
    // Under ignore-module the module is listed without a status (interrogate's `[filename, ""]`).
    if (!node.counted && node.status !== 'excused') return [fileName, ''];
    return [`${fileName} (module)`, STATUS_TEXT[node.status]];
  }
  return [`${repeat('  ', node.level)}${printable(node.qualname)} (${nodePlace(node)})`, STATUS_TEXT[node.status]];
}

/** Where a node is, as the tables and the report view show it: `L12`, in a notebook `cell 3, L2`. */
export function nodePlace(node: { line: number; cell?: number }): string {
  return node.cell === undefined ? `L${node.line}` : `cell ${node.cell}, L${node.line}`;
}

/** Source order: by line, and in a notebook by cell first (a node's line is inside its cell). */
function nodeOrder(a: CoverageNode, b: CoverageNode): number {
  if (a.kind === 'module' || b.kind === 'module') return (a.kind === 'module' ? 0 : 1) - (b.kind === 'module' ? 0 : 1);
  return ((a.cell ?? 0) - (b.cell ?? 0)) || a.line - b.line;
}

function detailedTable(files: FileCoverage[], nameOf: (f: FileCoverage) => string, omitCovered: boolean, width: number,
  onlyMissing: boolean, markup: RowMarkup | undefined): string[] | undefined {
  const rows: (readonly string[])[] = [['Name', 'Status'], SEPARATOR];
  for (const file of files) {
    if (omitCovered && isFullyCovered(file)) continue;
    const shown = onlyMissing ? file.nodes.filter((node) => node.status === 'missed' && node.counted) : file.nodes;
    if (shown.length === 0 && onlyMissing) continue;
    // Stable sort: nodes on the same line keep the inventory's order, as Python's sorted() does.
    const nodes = [...shown].sort(nodeOrder);
    // Listing only what is missing, a documented module still names its file (as under ignore-module).
    if (onlyMissing && nodes[0].kind !== 'module') rows.push([nameOf(file), '']);
    for (const node of nodes) rows.push(detailedRow(node, nameOf(file)));
    rows.push(SEPARATOR);
  }
  // Only the header and its rule: every file was omitted, so interrogate prints no table at all.
  if (rows.length < 3) return undefined;
  return formatTable(rows, ['left', 'right'], width, markup);
}

function summaryTable(files: FileCoverage[], totals: CoverageTotals, nameOf: (f: FileCoverage) => string, omitCovered: boolean, width: number,
  markup: RowMarkup | undefined): string[] {
  const rows: (readonly string[])[] = [['Name', 'Total', 'Miss', 'Cover', 'Cover%'], SEPARATOR];
  for (const file of files) {
    if (omitCovered && isFullyCovered(file)) continue;
    rows.push([nameOf(file), String(file.total), String(file.missed), String(file.covered), `${pyFormatFixed(percent(file), 0)}%`]);
  }
  if (rows.length > 2) rows.push(SEPARATOR);
  rows.push(['TOTAL', String(totals.total), String(totals.missed), String(totals.covered), `${pyFormatFixed(totals.percent, 1)}%`]);
  return formatTable(rows, ['left', 'right', 'right', 'right', 'right'], width, markup);
}

function omittedFilesTable(files: FileCoverage[], width: number): string[] {
  const omitted = files.filter(isFullyCovered).length;
  if (omitted === 0) return [];
  const noun = files.length > 1 ? 'files' : 'file';
  const message = `(${omitted} of ${files.length} ${noun} omitted due to complete coverage)`;
  return formatTable([SEPARATOR, [message]], ['center'], width);
}

/**
 * interrogate's report for the given files, ending with a newline.
 *
 * Files without any node (unreadable ones, and those whose every definition was filtered out) are left out of
 * the tables, as interrogate leaves out files with nothing to report; they still count in `files.length` for
 * the one-file rule: when exactly one file was scanned, interrogate names it by its base name.
 */
export function formatTextReport(files: readonly FileCoverage[], opts: TextReportOptions): string {
  const width = opts.width ?? 80;
  const totals = sumTotals(files);
  const status = opts.perPath ? perPathResultLine(opts.perPath.passed, totals) : resultLine(opts.failUnder, totals);
  if (opts.verbosity <= 0) return `${status}\n`;

  const singleFile = files.length === 1;
  const nameOf = (f: FileCoverage): string => printable(singleFile ? basename(f.path) : f.path);
  const listed = sortFiles(files.filter((f) => f.nodes.length > 0));

  // Blocks of lines, joined once: a table may have hundreds of thousands of rows, too many to spread into push().
  const blocks: string[][] = [[sep('=', width, `Coverage for ${printable(opts.base)}/`)]];
  if (opts.verbosity >= 2) {
    const table = detailedTable(listed, nameOf, opts.omitCoveredFiles, width, opts.onlyMissing ?? false, opts.color ? detailedMarkup : undefined);
    if (table) blocks.push([sep('-', width, 'Detailed Coverage')], table, ['']);
  }
  blocks.push([sep('-', width, 'Summary')],
    summaryTable(listed, totals, nameOf, opts.omitCoveredFiles, width, opts.color ? summaryMarkup(opts.failUnder) : undefined));
  if (opts.omitCoveredFiles) blocks.push(omittedFilesTable(listed, width));
  if (opts.perPath) blocks.push([sep('-', width, 'Per-path thresholds')], opts.perPath.table);
  let resultRule = sep('-', width, status);
  if (opts.color) resultRule = colorize(resultRule, (opts.perPath ? opts.perPath.passed : passed(opts.failUnder, totals)) ? GREEN : RED);
  blocks.push([resultRule]);
  return blocks.map((block) => block.map((l) => `${l}\n`).join('')).join('');
}

// ---------------------------------------------------------------------------------------------------------
// --format concise

/**
 * One line per missing docstring, `path:line:column: D103 Missing docstring in function foo`, the way compilers
 * and linters print them (terminals, editors and CI annotations turn them into links), then interrogate's
 * RESULT line. Paths as given (the CLI makes them relative to the current folder); lines and columns 1-based.
 */
export function formatConcise(files: readonly FileCoverage[], failUnder: number, perPathPassed?: boolean): string {
  const lines: string[] = [];
  for (const file of sortFiles(files)) {
    const fileName = file.path.slice(file.path.lastIndexOf('/') + 1);
    for (const node of file.nodes) {
      if (node.status !== 'missed' || !node.counted) continue;
      // A notebook's place is ruff's `nb.ipynb:cell 3:2:5`: the cell, then the line inside it.
      const cell = node.cell === undefined ? '' : `cell ${node.cell}:`;
      lines.push(`${printable(file.path)}:${cell}${Math.max(1, node.line)}:${node.column + 1}: ${diagnosticCode(node, fileName)} ${missingDocstringMessage(node, file.path)}`);
    }
  }
  lines.push(perPathPassed === undefined ? resultLine(failUnder, sumTotals(files)) : perPathResultLine(perPathPassed, sumTotals(files)), '');
  return lines.join('\n');
}

// --json (README, "`--json`")

export interface JsonNode {
  kind: NodeKind;
  qualname: string;
  /** Notebooks only: the 1-based cell; `line` is then inside it. */
  cell?: number;
  line: number;
  column: number;
  status: NodeStatus;
}

export interface JsonFile {
  path: string;
  total: number;
  covered: number;
  missed: number;
  excused: number;
  error: string | null;
  nodes: JsonNode[];
  /** When docstring quality is checked: how many of the file's docstrings have findings. */
  docstringsWithFindings?: number;
  /** With `--check-docstrings`: the docstring-quality findings (line and column 1-based / 0-based, and `cell`, as nodes). */
  findings?: Array<{ code: string; cell?: number; line: number; column: number; qualname: string; message: string }>;
}

export interface JsonReport {
  version: 1;
  root: string;
  failUnder: number;
  passed: boolean;
  totals: CoverageTotals;
  /** Per-path thresholds: one entry per group (coverage/perPath.ts); `passed` is then theirs together. */
  perPath?: Array<{ prefix: string | null; failUnder: number; files: string[]; total: number; covered: number; percent: number; passed: boolean }>;
  files: JsonFile[];
}

/**
 * The `--json` object. Nodes are the counted ones plus the excused ones; a module that is listed but not
 * counted (ignore-module) is left out, so every node listed is covered, missed or excused for real.
 */
export function buildReport(files: readonly FileCoverage[], options: { failUnder: number }, root: string, perPath?: JsonReport['perPath']): JsonReport {
  const totals = sumTotals(files);
  return {
    version: 1,
    root,
    failUnder: options.failUnder,
    passed: perPath ? perPath.every((g) => g.passed) : passed(options.failUnder, totals),
    totals: { total: totals.total, covered: totals.covered, missed: totals.missed, excused: totals.excused, percent: totals.percent },
    ...(perPath ? { perPath } : {}),
    files: sortFiles(files).map((f) => ({
      path: f.path,
      total: f.total,
      covered: f.covered,
      missed: f.missed,
      excused: f.excused,
      error: f.error,
      nodes: f.nodes
        .filter((n) => n.counted || n.status === 'excused')
        .map((n): JsonNode => (n.cell === undefined
          ? { kind: n.kind, qualname: n.qualname, line: n.line, column: n.column, status: n.status }
          : { kind: n.kind, qualname: n.qualname, cell: n.cell, line: n.line, column: n.column, status: n.status })),
      ...(f.findings ? { docstringsWithFindings: docstringsWithFindings(f.findings) } : {}),
    })),
  };
}

/** Keys whose numbers are floats in the schema: written as Python does (`80.0`, `0.0`). */
const FLOAT_KEYS = new Set(['failUnder', 'percent']);

function jsonValue(value: unknown, asFloat: boolean): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return asFloat ? pyFloatRepr(value) : Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return pythonJsonString(value);
  if (Array.isArray(value)) return `[${value.map((v) => jsonValue(v, false)).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${pythonJsonString(k)}: ${jsonValue(v, FLOAT_KEYS.has(k))}`);
  return `{${entries.join(', ')}}`;
}

/** A node with its fixed keys written directly: reports of whole trees have hundreds of thousands. */
function jsonNode(n: JsonNode): string {
  const cell = n.cell === undefined ? '' : `"cell": ${n.cell}, `;
  return `{"kind": "${n.kind}", "qualname": ${pythonJsonString(n.qualname)}, ${cell}"line": ${n.line}, "column": ${n.column}, "status": "${n.status}"}`;
}

function jsonFile(f: JsonFile): string {
  return `{"path": ${pythonJsonString(f.path)}, "total": ${f.total}, "covered": ${f.covered}, "missed": ${f.missed}, ` +
    `"excused": ${f.excused}, "error": ${f.error === null ? 'null' : pythonJsonString(f.error)}, "nodes": [${f.nodes.map(jsonNode).join(', ')}]` +
    (f.docstringsWithFindings === undefined ? '' : `, "docstringsWithFindings": ${f.docstringsWithFindings}`) +
    (f.findings ? `, "findings": ${jsonValue(f.findings, false)}}` : '}');
}

/** The report as one line of JSON in Python's `json.dumps` layout, keys in the documented order. */
export function formatJson(report: JsonReport): string {
  const { files, ...head } = report;
  const top = jsonValue(head, false);
  return `${top.slice(0, -1)}, "files": [${files.map(jsonFile).join(', ')}]}`;
}
