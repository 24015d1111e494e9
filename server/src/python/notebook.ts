/**
 * Jupyter notebooks as one Python module, the way ruff reads them: the code cells concatenated in order, each
 * ended with a line break; cells that are not Python (markdown, raw, another language, a cell magic such as
 * `%%bash`) left out; IPython's line magics, shell commands and help requests (`%time f()`, `!pip install x`,
 * `?obj`) replaced by `pass` at their indentation, so the module parses and positions stay where they were.
 * A position map leads from a line of the module to its cell and line inside the cell, and back.
 *
 * Two readers feed it: `readNotebook` (an .ipynb file's JSON, read defensively: a file that is not a notebook
 * is an error message, never an exception) and the language server's notebook documents (cells it already has).
 */
import { Tokenizer } from './lexer/cursor';
import { partitionPoint } from './partition';
import { TokenKind } from './tokens';

/** A cell as both readers have it. */
export interface NotebookCell {
  /** A code cell (markdown and raw cells are not). */
  code: boolean;
  /** The cell's own language when it names one (VS Code's `metadata.vscode.languageId`, a cell document's). */
  language?: string;
  text: string;
}

export interface Notebook {
  cells: NotebookCell[];
  /** The notebook's language (`metadata.language_info.name`, else `metadata.kernelspec.language`), lower case. */
  language: string | null;
}

/** Where one cell's lines sit in the module. */
export interface CellSpan {
  /** 0-based index among all the notebook's cells (markdown cells included, as ruff and Jupyter number them). */
  cell: number;
  /** 0-based module line of the cell's first line. */
  firstLine: number;
  /** Lines of the cell in the module (a cell always ends with a line break there, so at least 1). */
  lineCount: number;
}

/** A position inside a cell: 0-based cell index (among all cells), line and UTF-16 character. */
export interface CellPosition {
  cell: number;
  line: number;
  character: number;
}

/**
 * IPython cell magics whose body is Python (ruff's list): the `%%time` line is skipped, the rest is code.
 * Any other `%%` cell (`%%bash`, `%%html`, `%%writefile`) is not Python and is left out whole.
 */
const PYTHON_CELL_MAGICS = new Set(['capture', 'debug', 'prun', 'pypy', 'python', 'python3', 'time', 'timeit']);

/** A line that starts (after blanks) with one of IPython's escape characters: the cheap test before tokenizing. */
const MAY_HOLD_ESCAPE = /^[ \t\f]*[%!?/,;]/m;

export class NotebookModule {
  private constructor(readonly text: string, readonly spans: readonly CellSpan[]) {}

  /** The module of a notebook's cells. */
  static of(cells: readonly NotebookCell[]): NotebookModule {
    const parts: string[] = [];
    const spans: CellSpan[] = [];
    let line = 0;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (!isPythonCell(cell)) continue;
      let text = withoutEscapeCommands(cell.text);
      if (!endsWithLineBreak(text)) text += '\n';
      const lineCount = countLineBreaks(text);
      spans.push({ cell: i, firstLine: line, lineCount });
      parts.push(text);
      line += lineCount;
    }
    return new NotebookModule(parts.join(''), spans);
  }

  /** The cell position of a module position (characters are the same: a cell's lines are copied whole). */
  cellPosition(line: number, character = 0): CellPosition | null {
    const span = this.spanAt(line);
    return span ? { cell: span.cell, line: line - span.firstLine, character } : null;
  }

  /** The module position of a cell position, or null when that cell or line is not part of the module. */
  modulePosition(cell: number, line: number, character = 0): { line: number; character: number } | null {
    const span = this.spanOf(cell);
    if (!span || line < 0 || line >= span.lineCount) return null;
    return { line: span.firstLine + line, character };
  }

  /** The span of a cell (by its index among all cells), if the cell is in the module. */
  spanOf(cell: number): CellSpan | undefined {
    const k = partitionPoint(this.spans.length, (i) => this.spans[i].cell < cell);
    return this.spans[k]?.cell === cell ? this.spans[k] : undefined;
  }

  private spanAt(line: number): CellSpan | undefined {
    if (line < 0) return undefined;
    const k = partitionPoint(this.spans.length, (i) => this.spans[i].firstLine <= line) - 1;
    const span = this.spans[k];
    return span && line < span.firstLine + span.lineCount ? span : undefined;
  }
}

/** A code cell in Python, and not a cell magic that makes it something else (`%%bash`). */
function isPythonCell(cell: NotebookCell): boolean {
  if (!cell.code) return false;
  if (cell.language !== undefined && cell.language.toLowerCase() !== 'python') return false;
  const magic = /^[ \t\f\r\n]*%%(\S*)/.exec(cell.text);
  return magic === null || PYTHON_CELL_MAGICS.has(magic[1]);
}

/**
 * The cell's text with each escape command's first line replaced by `pass` (keeping its indentation, so the
 * block it sits in still has a statement) and the lines its backslashes joined emptied. Line breaks stay, so
 * every other position is unchanged. The tokenizer decides where logical lines start: a `%` inside a
 * docstring or a bracket is not a magic.
 */
function withoutEscapeCommands(text: string): string {
  if (!MAY_HOLD_ESCAPE.test(text)) return text;
  const tokenizer = new Tokenizer(text, { escapeCommands: true });
  while (tokenizer.next() !== TokenKind.EndMarker) { /* the tokenizer records the escape commands */ }
  const commands = tokenizer.escapeCommands;
  if (commands.length === 0) return text;
  const out: string[] = [];
  let at = 0;
  for (const { start, end } of commands) {
    out.push(text.slice(at, start), 'pass', lineBreaksOf(text.slice(start, end)));
    at = end;
  }
  out.push(text.slice(at));
  return out.join('');
}

function lineBreaksOf(s: string): string {
  return s.replace(/[^\r\n]+/g, '');
}

function endsWithLineBreak(s: string): boolean {
  const c = s.charCodeAt(s.length - 1);
  return c === 10 || c === 13;
}

/** Line breaks as the tokenizer and LSP count them: `\n`, `\r\n` and a lone `\r`. */
function countLineBreaks(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (s.charCodeAt(i + 1) === 10) i++;
    }
  }
  return n;
}

/**
 * An .ipynb file's notebook (nbformat 4), or why it is not one. Never throws: any JSON, of any shape or depth,
 * is either a notebook or a message.
 */
export function readNotebook(text: string): Notebook | string {
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return 'not a notebook: the file is not valid JSON';
  }
  if (!isObject(json)) return 'not a notebook: the JSON is not an object';
  if (!Array.isArray(json.cells)) {
    return Array.isArray(json.worksheets) ? 'not supported: nbformat 3 notebook (save it as nbformat 4)'
      : 'not a notebook: no "cells" list';
  }
  const cells: NotebookCell[] = [];
  for (let i = 0; i < json.cells.length; i++) {
    const cell = readCell(json.cells[i]);
    if (typeof cell === 'string') return `not a notebook: cell ${i + 1}: ${cell}`;
    cells.push(cell);
  }
  return { cells, language: notebookLanguage(json.metadata) };
}

function readCell(raw: unknown): NotebookCell | string {
  if (!isObject(raw)) return 'not an object';
  if (typeof raw.cell_type !== 'string') return '"cell_type" is not a string';
  const text = sourceText(raw.source);
  if (text === null) return '"source" is neither a string nor a list of strings';
  const cell: NotebookCell = { code: raw.cell_type === 'code', text };
  const metadata = isObject(raw.metadata) ? raw.metadata : undefined;
  const vscode = metadata && isObject(metadata.vscode) ? metadata.vscode : undefined;
  if (vscode && typeof vscode.languageId === 'string') cell.language = vscode.languageId;
  return cell;
}

/** nbformat's multiline string: a string, or a list of strings to join. */
function sourceText(source: unknown): string | null {
  if (typeof source === 'string') return source;
  if (!Array.isArray(source)) return null;
  for (let i = 0; i < source.length; i++) if (typeof source[i] !== 'string') return null;
  return (source as string[]).join('');
}

function notebookLanguage(metadata: unknown): string | null {
  if (!isObject(metadata)) return null;
  const info = isObject(metadata.language_info) ? metadata.language_info : undefined;
  if (info && typeof info.name === 'string') return info.name.toLowerCase();
  const kernel = isObject(metadata.kernelspec) ? metadata.kernelspec : undefined;
  if (kernel && typeof kernel.language === 'string') return kernel.language.toLowerCase();
  return null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
