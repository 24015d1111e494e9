/**
 * Docstring quality of a Jupyter notebook: the checks of its module (python/notebook.ts: the code cells
 * joined, magics skipped), each finding placed in its cell as coverage places nodes
 * (coverage/notebookCoverage.ts inCell): `cell` 1-based, `line` and `column` inside that cell.
 */
import { lineStarts } from '../../python/lines';
import { NotebookModule } from '../../python/notebook';
import { parseStructure } from '../../python/structure';
import { checkDocstrings, QualityOptions } from './index';
import { Finding } from './types';

/** `structure`: the module's parse, when coverage made it (one parse for both). */
export function notebookFindings(module: NotebookModule, options: QualityOptions, structure = parseStructure(module.text)): Finding[] {
  const text = module.text;
  const findings = checkDocstrings({ text, structure, lineStarts: lineStarts(text) }, options);
  return findings.map((f) => {
    const position = module.cellPosition(f.line, f.column);
    return position ? { ...f, cell: position.cell + 1, line: position.line, column: position.character } : f;
  });
}
