/** Docstring quality of a notebook (server/src/docstrings/checks/notebook.ts): the module's findings, placed in their cells. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { notebookModuleOfBytes } from '../../../server/src/coverage/notebookCoverage';
import { DEFAULT_QUALITY_OPTIONS } from '../../../server/src/docstrings/checks';
import { notebookFindings } from '../../../server/src/docstrings/checks/notebook';
import { NotebookModule } from '../../../server/src/python/notebook';
import { ROOT } from '../helpers';

describe('docstrings/checks/notebook', () => {
  it('places each finding in its cell (1-based, counted over all cells), its line and column inside the cell', () => {
    const module = notebookModuleOfBytes(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'notebooks', 'quality.ipynb')));
    assert.ok(module instanceof NotebookModule);
    const findings = notebookFindings(module, { ...DEFAULT_QUALITY_OPTIONS, style: 'google' });
    assert.deepStrictEqual(findings.map((f) => [f.code, f.cell, f.line, f.column, f.qualname]), [['DOC101', 3, 0, 0, 'area'], ['DOC103', 3, 0, 0, 'area']]);
    // The span stays in the module's text: the parameter `height` of the signature.
    assert.strictEqual(module.text.slice(findings[0].span.start, findings[0].span.end), 'height');
  });
});
