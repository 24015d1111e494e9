/** The notebook reader, the module of its cells and the position map (python/notebook.ts). */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Tokenizer } from '../../server/src/python/lexer/cursor';
import { NotebookCell, NotebookModule, readNotebook } from '../../server/src/python/notebook';
import { TokenKind } from '../../server/src/python/tokens';
import { stdlibFiles } from '../oracles/stdlib';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'notebooks');
const code = (text: string, language?: string): NotebookCell => ({ code: true, text, ...(language ? { language } : {}) });
const markdown = (text: string): NotebookCell => ({ code: false, text });

function tokenKinds(text: string, escapeCommands: boolean): string {
  const tokenizer = new Tokenizer(text, { escapeCommands });
  const out: string[] = [];
  for (;;) {
    const kind = tokenizer.next();
    out.push(`${kind}:${tokenizer.start}-${tokenizer.end}`);
    if (kind === TokenKind.EndMarker) return out.join(' ');
  }
}

describe('python/notebook', function () {
  describe('readNotebook', function () {
    it('reads cells whose source is a list or a string, with their kind and VS Code language', function () {
      const nb = readNotebook(JSON.stringify({
        cells: [
          { cell_type: 'markdown', source: ['# T', 'itle\n'] },
          { cell_type: 'code', source: 'x = 1', metadata: { vscode: { languageId: 'sql' } } },
        ],
        metadata: { language_info: { name: 'Python' } },
      }));
      assert.deepStrictEqual(nb, { cells: [{ code: false, text: '# Title\n' }, { code: true, text: 'x = 1', language: 'sql' }], language: 'python' });
    });

    it('says why a file is not a notebook, and never throws', function () {
      const cases: Array<[string, RegExp]> = [
        ['{"cells": [', /not valid JSON/],
        ['[1, 2]', /not an object/],
        ['"text"', /not an object/],
        ['{"nbformat": 4}', /no "cells" list/],
        ['{"worksheets": [], "nbformat": 3}', /nbformat 3/],
        ['{"cells": [7]}', /cell 1: not an object/],
        ['{"cells": [{"cell_type": "code", "source": 42}]}', /cell 1: "source" is neither/],
        ['{"cells": [{"cell_type": "code", "source": ["a", null]}]}', /"source" is neither/],
        ['{"cells": [{"source": "x"}]}', /"cell_type" is not a string/],
        ['\ufeff{"cells": {}}', /no "cells" list/],
        ['[['.repeat(100000), /not valid JSON/],
      ];
      for (const [text, message] of cases) {
        const result = readNotebook(text);
        assert.ok(typeof result === 'string' && message.test(result), `${text.slice(0, 40)} -> ${JSON.stringify(result)}`);
      }
    });

    it('takes the language from language_info, else from the kernelspec', function () {
      const language = (metadata: unknown): string | null => (readNotebook(JSON.stringify({ cells: [], metadata })) as { language: string | null }).language;
      assert.strictEqual(language({ kernelspec: { language: 'R' } }), 'r');
      assert.strictEqual(language({ language_info: { name: 'python' }, kernelspec: { language: 'R' } }), 'python');
      assert.strictEqual(language({ language_info: 3 }), null);
      assert.strictEqual(language(undefined), null);
    });
  });

  describe('NotebookModule', function () {
    it('joins the Python code cells, each ended with a line break, and maps lines both ways', function () {
      const module = NotebookModule.of([markdown('# T\n'), code('import os'), code(''), code('%%bash\nls\n'), code('def f():\n    pass\n'), code('SELECT 1', 'sql')]);
      assert.strictEqual(module.text, 'import os\n\ndef f():\n    pass\n');
      assert.deepStrictEqual(module.spans, [{ cell: 1, firstLine: 0, lineCount: 1 }, { cell: 2, firstLine: 1, lineCount: 1 }, { cell: 4, firstLine: 2, lineCount: 2 }]);
      assert.deepStrictEqual(module.cellPosition(3, 5), { cell: 4, line: 1, character: 5 });
      assert.deepStrictEqual(module.modulePosition(4, 1, 5), { line: 3, character: 5 });
      assert.strictEqual(module.cellPosition(4), null);
      assert.strictEqual(module.cellPosition(-1), null);
      assert.strictEqual(module.modulePosition(0, 0), null, 'a markdown cell is not in the module');
      assert.strictEqual(module.modulePosition(3, 0), null, 'nor a %%bash cell');
      assert.strictEqual(module.modulePosition(4, 2), null, 'the empty line after a final line break is past the cell');
    });

    it('replaces escape commands by pass at their indentation, only where a logical line starts', function () {
      const cell = [
        '%matplotlib inline',
        'def f(x):',
        '    %time y = g(',
        '    """',
        '%d stays: it is inside the docstring',
        '    """',
        '    return (x,',
        '!not a command inside brackets)',
        '!echo one \\',
        '  continued',
        '?help',
        'x = 1; %not_at_the_start',
      ].join('\n');
      assert.deepStrictEqual(NotebookModule.of([code(cell)]).text.split('\n'), [
        'pass', 'def f(x):', '    pass', '    """', '%d stays: it is inside the docstring', '    """', '    return (x,',
        '!not a command inside brackets)', 'pass', '', 'pass', 'x = 1; %not_at_the_start', '',
      ]);
    });

    it('keeps the body of the Python cell magics (%%time) and drops the others', function () {
      const module = NotebookModule.of([code('%%time\ndef f(): pass\n'), code('\n%%writefile a.py\ndef g(): pass\n'), code('%%timeit -n1\nf()')]);
      assert.strictEqual(module.text, 'pass\ndef f(): pass\npass\nf()\n');
      assert.deepStrictEqual(module.spans.map((s) => s.cell), [0, 2]);
    });

    it('counts \\r\\n and a lone \\r as one line break, as the tokenizer and LSP do', function () {
      const module = NotebookModule.of([code('a = 1\r\nb = 2\rc = 3'), code('d = 4')]);
      assert.deepStrictEqual(module.spans.map((s) => [s.firstLine, s.lineCount]), [[0, 3], [3, 1]]);
    });

    it('reads every fixture notebook without throwing', function () {
      for (const file of fs.readdirSync(FIXTURES)) {
        const nb = readNotebook(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));
        if (typeof nb !== 'string') NotebookModule.of(nb.cells);
      }
    });
  });

  describe('the tokenizer with escapeCommands', function () {
    it('tokenizes Python exactly as without it (stdlib sample)', function () {
      const files = stdlibFiles().filter((_, i) => i % 50 === 0);
      for (const file of files) {
        const text = fs.readFileSync(file, 'latin1');
        assert.strictEqual(tokenKinds(text, true), tokenKinds(text, false), file);
      }
    });
  });
});
