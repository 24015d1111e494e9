/** Diagnostics and code actions for one document (coverage/diagnostics.ts, coverage/actions.ts). */
import * as assert from 'assert';
import { codeActions, kindWanted } from '../../server/src/coverage/actions';
import { coverageDiagnostics } from '../../server/src/coverage/diagnostics';
import { inventoryOf } from '../../server/src/coverage/inventory';
import { parsedFile } from '../../server/src/coverage/stubs';
import { DEFAULT_OPTIONS } from '../../server/src/coverage/types';

describe('diagnostics and code actions', () => {
  const text = 'class A:\n    def __init__(self):\n        pass\n\n    def __len__(self):\n        return 0\n\n    def run(self):  # nodocqa\n        """Run."""\n';
  const file = parsedFile(text);
  const inv = inventoryOf(file.structure, 'a.py', DEFAULT_OPTIONS);

  it('maps kinds to pydocstyle codes and puts the range on the name', () => {
    const diagnostics = coverageDiagnostics(inv, 'pkg/a.py', 'information');
    assert.deepStrictEqual(diagnostics.map((d) => [d.code, d.message, d.range.start.line, d.range.start.character, d.range.end.character, d.severity]), [
      ['D100', 'Missing docstring in module pkg/a.py', 0, 0, 0, 'information'],
      ['D101', 'Missing docstring in class A', 0, 6, 7, 'information'],
      ['D107', 'Missing docstring in method A.__init__', 1, 8, 16, 'information'],
      ['D105', 'Missing docstring in method A.__len__', 4, 8, 15, 'information'],
      ['unnecessary-marker', 'Unnecessary # nodocqa: A.run has a docstring', 7, 22, 29, 'hint'],
    ]);
  });

  it('offers quick fixes only for diagnostics that still match the text, and filters by kind', () => {
    const diagnostics = coverageDiagnostics(inv, 'a.py', 'warning');
    const init = { ...diagnostics[2], source: 'docbits' };
    const actions = codeActions({ file, inventory: inv, diagnostics: [init], style: 'google' });
    assert.deepStrictEqual(actions.map((a) => [a.title, a.kind, a.diagnostic]), [
      ['Add docstring to A.__init__', 'quickfix', 0], ['Excuse A.__init__ with # nodocqa', 'quickfix', 0],
      ['Add docstrings to 4 undocumented definitions', 'source.docbits.addAllDocstrings', undefined],
    ]);
    // The diagnostic names its definition, not an index: after an edit above it, it still finds it.
    const edited = parsedFile(`import os\n\n${text}`);
    const after = codeActions({ file: edited, inventory: inventoryOf(edited.structure, 'a.py', DEFAULT_OPTIONS), diagnostics: [init], only: ['quickfix'], style: 'google' });
    assert.deepStrictEqual(after.map((a) => [a.title, a.edits[0].range.start.line]), [['Add docstring to A.__init__', 4], ['Excuse A.__init__ with # nodocqa', 3]]);
    // Documented by now, gone, of another kind, or not ours: no quick fix.
    const documented = parsedFile(text.replace('def __init__(self):\n', 'def __init__(self):\n        """Init."""\n'));
    const stale = [init, { ...init, data: { kind: 'method', qualname: 'A.gone' } }, { ...init, data: { kind: 'function', qualname: 'A.__len__' } }, { ...init, source: 'other' }];
    assert.deepStrictEqual(codeActions({ file: documented, inventory: inventoryOf(documented.structure, 'a.py', DEFAULT_OPTIONS), diagnostics: stale, only: ['quickfix'], style: 'google' }), []);
    // Namesakes: the one nearest the diagnostic's line.
    const twice = parsedFile('def f():\n    pass\n\n\ndef f():\n    pass\n');
    const twiceInv = inventoryOf(twice.structure, 't.py', DEFAULT_OPTIONS);
    const second = coverageDiagnostics(twiceInv, 't.py', 'warning').filter((d) => d.data?.qualname === 'f')[1];
    const fix = codeActions({ file: twice, inventory: twiceInv, diagnostics: [{ ...second, source: 'docbits' }], only: ['quickfix'], style: 'pep257' })[0];
    assert.strictEqual(fix.edits[0].range.start.line, 5);
    assert.ok(kindWanted('source.docbits.addAllDocstrings', ['source']));
    assert.ok(!kindWanted('source.docbits.addAllDocstrings', ['quickfix']));
    assert.ok(!kindWanted('sourcex', ['source']));
  });
});
