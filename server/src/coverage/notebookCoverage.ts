/**
 * Docstring coverage of a Jupyter notebook: the inventory of its module (python/notebook.ts: code cells
 * concatenated, magics skipped), with each node's line turned into its cell and the line inside that cell.
 * The inventory itself is the one every .py file gets; only the positions differ.
 */
import { NotebookModule, readNotebook } from '../python/notebook';
import type { ModuleStructure } from '../python/structure';
import { errorCoverage, skippedCoverage, textCoverage } from './inventory';
import { CoverageNode, CoverageOptions, FileCoverage } from './types';

/** Whether a path names a notebook (`.ipynb`, as Jupyter and VS Code recognise them). */
export function isNotebookPath(path: string): boolean {
  return path.endsWith('.ipynb');
}

/**
 * Coverage of an .ipynb file's bytes (UTF-8 JSON). Never throws: a file that is not a notebook gets `error`.
 * `cover` turns the module into coverage (a scan asked for quality adds the findings).
 */
export function notebookBytesCoverage(bytes: Uint8Array, relativePath: string, options: CoverageOptions,
  cover: (module: NotebookModule) => FileCoverage = (module) => notebookModuleCoverage(module, relativePath, options)): FileCoverage {
  const module = notebookModuleOfBytes(bytes);
  if (module === null) return skippedCoverage(relativePath);
  if (typeof module === 'string') return errorCoverage(relativePath, module);
  return cover(module);
}

/** Coverage of a notebook's JSON text. */
export function notebookTextCoverage(text: string, relativePath: string, options: CoverageOptions): FileCoverage {
  const module = notebookModuleOfText(text);
  if (module === null) return skippedCoverage(relativePath);
  if (typeof module === 'string') return errorCoverage(relativePath, module);
  return notebookModuleCoverage(module, relativePath, options);
}

/**
 * The module of an .ipynb file's bytes (UTF-8 JSON), as coverage and the docstring checks read it: an error
 * message when it is not a notebook, null when its language is not Python (R, Julia: not ours to read, as
 * ruff leaves them alone). Never throws.
 */
export function notebookModuleOfBytes(bytes: Uint8Array): NotebookModule | string | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return 'not a notebook: the file is not UTF-8 text';
  }
  return notebookModuleOfText(text);
}

/** A notebook's module from its JSON text; null for a notebook in another language, a message when it is none. */
export function notebookModuleOfText(text: string): NotebookModule | string | null {
  const notebook = readNotebook(text);
  if (typeof notebook === 'string') return notebook;
  if (notebook.language !== null && notebook.language !== 'python') return null;
  return NotebookModule.of(notebook.cells);
}

/** Coverage of a notebook's module, its nodes placed in their cells (`structure`: the module's parse, when made). */
export function notebookModuleCoverage(module: NotebookModule, relativePath: string, options: CoverageOptions, structure?: ModuleStructure): FileCoverage {
  const coverage = textCoverage(module.text, relativePath, options, structure);
  coverage.nodes = coverage.nodes.map((node) => inCell(node, module));
  return coverage;
}

/** A node with its cell and its line inside that cell (the module node sits at the first code cell's start). */
export function inCell(node: CoverageNode, module: NotebookModule): CoverageNode {
  const position = module.cellPosition(Math.max(0, node.line - 1));
  if (!position) return node;
  return { ...node, line: position.line + 1, cell: position.cell + 1 };
}
