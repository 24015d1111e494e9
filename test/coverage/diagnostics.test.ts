/** Diagnostics and code actions for one document (coverage/diagnostics.ts, coverage/actions.ts). */
import * as assert from 'assert';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { codeActions, kindWanted } from '../../server/src/coverage/actions';
import { coverageDiagnostics } from '../../server/src/coverage/diagnostics';
import { inventory } from '../../server/src/coverage/inventory';
import { DEFAULT_OPTIONS } from '../../server/src/coverage/types';

describe('diagnostics and code actions', () => {
  const text = 'class A:\n    def __init__(self):\n        pass\n\n    def __len__(self):\n        return 0\n\n    def run(self):  # nodocqa\n        """Run."""\n';
  const inv = inventory(text, 'a.py', DEFAULT_OPTIONS);

  it('maps kinds to pydocstyle codes and puts the range on the name', () => {
    const diagnostics = coverageDiagnostics(inv, 'pkg/a.py', 'information');
    assert.deepStrictEqual(diagnostics.map((d) => [d.code, d.message, d.range.start.line, d.range.start.character, d.range.end.character, d.severity]), [
      ['D100', 'Missing docstring in module pkg/a.py', 0, 0, 0, DiagnosticSeverity.Information],
      ['D101', 'Missing docstring in class A', 0, 6, 7, DiagnosticSeverity.Information],
      ['D107', 'Missing docstring in method A.__init__', 1, 8, 16, DiagnosticSeverity.Information],
      ['D105', 'Missing docstring in method A.__len__', 4, 8, 15, DiagnosticSeverity.Information],
      ['unnecessary-marker', 'Unnecessary # nodocqa: A.run has a docstring', 7, 22, 29, DiagnosticSeverity.Hint],
    ]);
  });

  it('offers quick fixes only for diagnostics that still match the text, and filters by kind', () => {
    const diagnostics = coverageDiagnostics(inv, 'a.py', 'warning');
    const init = diagnostics[2];
    const actions = codeActions({ uri: 'file:///a.py', text, inventory: inv, diagnostics: [init], style: 'google' });
    assert.deepStrictEqual(actions.map((a) => a.title), [
      'Add docstring to A.__init__', 'Excuse A.__init__ with # nodocqa', 'Add docstrings to 4 undocumented definitions',
    ]);
    const moved = { ...init, data: { definition: 2, qualname: 'A.__init__' } }; // index 2 is __len__ now
    assert.deepStrictEqual(codeActions({ uri: 'u', text, inventory: inv, diagnostics: [moved], only: ['quickfix'], style: 'google' }), []);
    assert.ok(kindWanted('source.docbits.addAllDocstrings', ['source']));
    assert.ok(!kindWanted('source.docbits.addAllDocstrings', ['quickfix']));
    assert.ok(!kindWanted('sourcex', ['source']));
  });
});
