/**
 * Open notebooks (LSP 3.17 notebook document sync), as plain data: each notebook's cells in order with their
 * texts, kept up to date by the client's changes (cells inserted, deleted, moved, their kinds changed, their
 * texts edited), and the translation between the notebook's module (python/notebook.ts: what is analysed)
 * and its cells (what the editor shows): diagnostics go to the cell they are in, a quick fix edits the cell
 * of its definition, a hover in a cell is a hover in the module.
 *
 * The shapes mirror LSP's (NotebookCell, NotebookDocumentChangeEvent) structurally, so server.ts passes the
 * protocol's objects straight in; nothing here knows the connection.
 */
import type { Range } from 'vscode-languageserver-types';
import { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { NotebookCell, NotebookModule } from '../python/notebook';

/** LSP's NotebookCellKind.Code (1 is Markup). */
const CODE_CELL = 2;

/** A cell as LSP names it: its kind and the URI of its text document. */
export interface NotebookCellRef {
  kind: number;
  document: string;
}

/** A cell's text document as LSP sends it when the cell is opened. */
export interface CellTextItem {
  uri: string;
  languageId: string;
  version: number;
  text: string;
}

/** LSP's NotebookDocumentChangeEvent, the parts docbits reads. */
export interface NotebookChange {
  cells?: {
    structure?: {
      array: { start: number; deleteCount: number; cells?: NotebookCellRef[] };
      didOpen?: CellTextItem[];
      didClose?: Array<{ uri: string }>;
    };
    data?: NotebookCellRef[];
    textContent?: Array<{ document: { uri: string; version: number }; changes: TextDocumentContentChangeEvent[] }>;
  };
}

interface CellState {
  uri: string;
  kind: number;
  document: TextDocument;
}

/** Cells and texts past these are not kept: a client cannot make the server hold unbounded notebooks. */
const MAX_CELLS = 100_000;

export class OpenNotebook {
  private cells: CellState[] = [];
  private cachedModule?: NotebookModule;
  private cachedIndex?: Map<string, number>;
  /** The cells whose last published diagnostics were not empty: only they and cells with new ones are sent. */
  publishedCells = new Set<string>();

  constructor(readonly uri: string, cells: readonly NotebookCellRef[], texts: readonly CellTextItem[]) {
    const byUri = new Map(texts.map((t) => [t.uri, t]));
    this.cells = cells.slice(0, MAX_CELLS).map((cell) => this.cellOf(cell, byUri.get(cell.document)));
  }

  /** The cells' URIs, in order. */
  get cellUris(): string[] {
    return this.cells.map((c) => c.uri);
  }

  /** The module the analysis reads (made again after a change). */
  get module(): NotebookModule {
    return (this.cachedModule ??= NotebookModule.of(this.cells.map((c): NotebookCell =>
      ({ code: c.kind === CODE_CELL, language: c.document.languageId, text: c.document.getText() }))));
  }

  /** Applies a change; returns the URIs of the cells it removed (their diagnostics must be cleared). */
  apply(change: NotebookChange): string[] {
    this.cachedModule = undefined;
    this.cachedIndex = undefined;
    const removed: string[] = [];
    const structure = change.cells?.structure;
    if (structure) {
      const opened = new Map((structure.didOpen ?? []).map((t) => [t.uri, t]));
      const { start, deleteCount } = structure.array;
      // Moving a cell is a delete and an insert of the same document: keep the text the server has.
      const kept = new Map(this.cells.map((c) => [c.uri, c]));
      const inserted = (structure.array.cells ?? []).map((cell) => {
        const text = opened.get(cell.document);
        const old = kept.get(cell.document);
        return text || !old ? this.cellOf(cell, text) : { ...old, kind: cell.kind };
      });
      const gone = this.cells.splice(clamp(start, 0, this.cells.length), Math.max(0, deleteCount), ...inserted);
      if (this.cells.length > MAX_CELLS) this.cells.length = MAX_CELLS;
      const present = new Set(this.cells.map((c) => c.uri));
      for (const cell of gone) if (!present.has(cell.uri)) removed.push(cell.uri);
    }
    const byUri = new Map(this.cells.map((c) => [c.uri, c]));
    for (const data of change.cells?.data ?? []) {
      const cell = byUri.get(data.document);
      if (cell) cell.kind = data.kind;
    }
    for (const { document, changes } of change.cells?.textContent ?? []) {
      const cell = byUri.get(document.uri);
      if (cell) cell.document = TextDocument.update(cell.document, changes, document.version);
    }
    return removed;
  }

  /** Index among the notebook's cells (as the client sent them) of a cell's URI, or -1. */
  indexOf(cellUri: string): number {
    this.cachedIndex ??= new Map(this.cells.map((c, i) => [c.uri, i]));
    return this.cachedIndex.get(cellUri) ?? -1;
  }

  /** The version of a cell's text (by index), for publishing its diagnostics. */
  cellVersion(index: number): number {
    return this.cells[index]?.document.version ?? 0;
  }

  /** A module range in cell coordinates: the cell's URI and the range there (its end kept in the same cell). */
  toCell(range: Range): { uri: string; range: Range } | undefined {
    const start = this.module.cellPosition(range.start.line, range.start.character);
    if (!start) return undefined;
    const end = this.module.cellPosition(range.end.line, range.end.character);
    const sameCell = end !== null && end.cell === start.cell;
    return {
      uri: this.cells[start.cell].uri,
      range: {
        start: { line: start.line, character: start.character },
        end: sameCell ? { line: end.line, character: end.character } : { line: start.line, character: start.character },
      },
    };
  }

  /** A range in a cell in module coordinates, or undefined when the cell is not part of the module. */
  toModule(cellUri: string, range: Range): Range | undefined {
    const cell = this.indexOf(cellUri);
    const start = this.module.modulePosition(cell, range.start.line, range.start.character);
    if (!start) return undefined;
    const end = this.module.modulePosition(cell, range.end.line, range.end.character) ?? start;
    return { start, end };
  }

  private cellOf(cell: NotebookCellRef, text: CellTextItem | undefined): CellState {
    return { uri: cell.document, kind: cell.kind, document: TextDocument.create(cell.document, text?.languageId ?? 'python', text?.version ?? 0, text?.text ?? '') };
  }
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, Number.isInteger(value) ? value : low));
}

/** Items with a module range, sorted into the cells they fall in (items outside every cell are dropped). */
export function byCell<T extends { range: Range }>(notebook: OpenNotebook, items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>(notebook.cellUris.map((uri) => [uri, []]));
  for (const item of items) {
    const placed = notebook.toCell(item.range);
    if (placed) out.get(placed.uri)!.push({ ...item, range: placed.range });
  }
  return out;
}
