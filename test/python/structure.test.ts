/** The structural parser: docstring edge cases against CPython, recovery from broken code, deep nesting. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { inventory } from '../../server/src/coverage/inventory';
import { DEFAULT_OPTIONS } from '../../server/src/coverage/types';
import { decodePython } from '../../server/src/python/decode';
import { parseStructure } from '../../server/src/python/structure';
import { runOracle, stdlibFiles } from '../oracles/stdlib';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures');
const fixture = (name: string): string => path.join(FIXTURES, name);
const read = (name: string): string => {
  const decoded = decodePython(fs.readFileSync(fixture(name)));
  assert.ok(decoded.ok, `${name} should decode`);
  return decoded.text;
};

type OracleNode = [string, string, number | null, number | null, boolean];

describe('structure: docstring edge cases agree with CPython', () => {
  it('docstrings/edge_cases.py: every node and its documented flag', () => {
    const file = fixture('docstrings/edge_cases.py');
    const expected = runOracle<{ nodes: OracleNode[] }>('inventory.py', [file]).get(file)!;
    assert.ok(expected.nodes, 'CPython parses the fixture');
    const ours = inventory(read('docstrings/edge_cases.py'), 'edge_cases.py', DEFAULT_OPTIONS).nodes.map((n): OracleNode =>
      n.kind === 'module' ? [n.kind, n.qualname, null, null, n.status === 'covered'] : [n.kind, n.qualname, n.line, n.column, n.status === 'covered']);
    assert.deepStrictEqual(ours, expected.nodes);
    // The fixture exercises both outcomes a good number of times.
    assert.ok(ours.filter((n) => n[4]).length >= 12 && ours.filter((n) => !n[4]).length >= 12);
  });

  it('records decorators, header span and body position', () => {
    const s = parseStructure(read('docstrings/edge_cases.py'));
    const decorated = s.definitions.find((d) => d.name === 'Decorated')!;
    assert.deepStrictEqual(decorated.decorators.map((d) => [d.shape, d.name]), [['name', 'decorator'], ['other', '']]);
    assert.strictEqual(decorated.headerStartLine + 1, 95); // the first decorator
    assert.strictEqual(decorated.line + 1, 97); // the class keyword
    assert.strictEqual(decorated.headerEndLine + 1, 100); // the colon
    assert.strictEqual(decorated.bodyIndent, '    ');
    const oneLine = s.definitions.find((d) => d.name === 'one_line')!;
    assert.strictEqual(oneLine.inlineBody, true);
    const method = s.definitions.find((d) => d.name === 'method')!;
    assert.strictEqual(s.definitions[method.parent].name, 'Decorated');
  });
});

describe('structure: broken code is recovered, not swallowed', () => {
  const names = (name: string): string[] => parseStructure(read(name)).definitions.map((d) => d.name);

  it('an unclosed bracket ends at the next definition', () => {
    assert.deepStrictEqual(names('broken/unclosed_bracket.py'), ['after_bracket', 'AfterBracket', 'method']);
    const s = parseStructure(read('broken/unclosed_bracket.py'));
    assert.ok(s.problems.some((p) => p.message === 'unclosed bracket' && p.line === 2));
    assert.strictEqual(s.definitions[0].docstring?.blank, false);
  });

  it('an unterminated triple-quoted string ends before the next definition at its indentation or less', () => {
    assert.deepStrictEqual(names('broken/unterminated_string.py'), ['before', 'broken', 'recovered', 'AlsoRecovered']);
    const s = parseStructure(read('broken/unterminated_string.py'));
    assert.ok(s.problems.some((p) => p.message.startsWith('unterminated triple-quoted')));
    assert.notStrictEqual(s.definitions[3].docstring, null);
  });

  it('Python 2 code still yields its definitions', () => {
    assert.deepStrictEqual(names('broken/python2.py'), ['old_print', 'OldStyle', 'method']);
  });
});

describe('structure: no recursion per nesting level', () => {
  it('10,000 nested brackets', () => {
    const text = `x = ${'('.repeat(10000)}1${')'.repeat(10000)}\ndef f():\n    """Doc."""\n`;
    const s = parseStructure(text);
    assert.deepStrictEqual(s.definitions.map((d) => d.name), ['f']);
  });

  it('2,000 nested definitions', () => {
    const depth = 2000;
    let text = '';
    for (let i = 0; i < depth; i++) text += `${' '.repeat(i)}def f${i}():\n`;
    text += `${' '.repeat(depth)}pass\n`;
    const s = parseStructure(text);
    assert.strictEqual(s.definitions.length, depth);
    assert.strictEqual(s.definitions[depth - 1].parent, depth - 2);
    const nodes = inventory(text, 'deep.py', DEFAULT_OPTIONS).nodes;
    assert.strictEqual(nodes[depth].level, depth);
  });

  it('an unclosed bracket at the end of a 100,000-line file stays linear', () => {
    const text = 'def f():\n    pass\n'.repeat(50000) + 'x = (\n';
    const start = Date.now();
    const s = parseStructure(text);
    assert.strictEqual(s.definitions.length, 50000);
    assert.ok(Date.now() - start < 5000);
  });

  it('native searches (closing triple quotes, backslashes, line ends) read each character a bounded number of times', () => {
    // Searching afresh per string would read the rest of the file (no backslash after 10,000 docstrings) or of
    // the line (10,000 strings on one line, comments after them) each time: quadratic. Counted, not timed:
    // every indexOf call is charged what it scans.
    const texts = {
      docstrings: 'def f():\n    """Doc."""\n    x = \'\'\'v\'\'\'\n'.repeat(10000),
      'one long line of strings': 'x = ' + '"a" + '.repeat(10000) + '"a"  # end\n',
    };
    for (const [name, text] of Object.entries(texts)) {
      const original = String.prototype.indexOf;
      let scanned = 0;
      String.prototype.indexOf = function (this: string, search: string, from?: number): number {
        const found = original.call(this, search, from);
        scanned += (found < 0 ? this.length : found) - (from ?? 0);
        return found;
      };
      let s;
      try {
        s = parseStructure(text);
      } finally {
        String.prototype.indexOf = original;
      }
      assert.strictEqual(s.definitions.filter((d) => d.docstring).length, name === 'docstrings' ? 10000 : 0);
      assert.ok(scanned < 4 * text.length, `${name}: indexOf scanned ${scanned} characters of a ${text.length}-character text`);
    }
  });
});

describe('structure: the fast line skip agrees with reading every token', function () {
  it('on every 3rd stdlib file and the broken fixtures: same definitions, comments, docstrings, problems', function () {
    const files = stdlibFiles().filter((_, i) => i % 3 === 0);
    for (const name of fs.readdirSync(fixture('broken'))) files.push(fixture(`broken/${name}`));
    files.push(fixture('docstrings/edge_cases.py'), fixture('markers/skip_markers.py'));
    let compared = 0;
    for (const file of files) {
      const decoded = decodePython(fs.readFileSync(file));
      if (!decoded.ok) continue;
      const fast = parseStructure(decoded.text);
      const full = parseStructure(decoded.text, { fastSkip: false });
      assert.deepStrictEqual(fast, full, file);
      compared++;
    }
    assert.ok(compared > 550, `compared ${compared}`);
  });
});
