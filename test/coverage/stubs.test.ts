/**
 * Docstring stubs and nodocqa markers (server/src/coverage/stubs.ts), checked against CPython: every edit on
 * every fixture in every style must leave a file that compiles, documents its target (ast.get_docstring),
 * is covered by our own inventory, and has the same code as before (ast.dump without docstrings).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { inventory } from '../../server/src/coverage/inventory';
import { allStubEdits, docstringStubEdit, DocstringStyle, nodocqaEdit, parsedFile, TextEditLike } from '../../server/src/coverage/stubs';
import { DEFAULT_OPTIONS } from '../../server/src/coverage/types';
import { parseStructure } from '../../server/src/python/structure';
import { stdlibFiles } from '../oracles/stdlib';
import { cpythonFacts, OracleFacts } from '../oracles/stubs';

const ROOT = path.join(__dirname, '..', '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'stubs');
const FIXTURE_NAMES = fs.readdirSync(FIXTURES).filter((name) => name.endsWith('.py')).sort();
const STYLES: DocstringStyle[] = ['google', 'numpy', 'sphinx', 'pep257'];
const read = (name: string): string => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

// ------------------------------------------------------------------------------------------------------
// Helpers

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') starts.push(i + 1);
    else if (text[i] === '\r') {
      if (text[i + 1] === '\n') i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

function offsetOf(starts: number[], text: string, position: { line: number; character: number }): number {
  assert.ok(position.line >= 0 && position.line < starts.length, `line ${position.line} out of range`);
  const offset = starts[position.line] + position.character;
  assert.ok(offset <= text.length, `position ${JSON.stringify(position)} beyond the text`);
  return offset;
}

/** Applies LSP-style edits (all relative to the original text); they must not overlap. */
function applyEdits(text: string, edits: TextEditLike[]): string {
  const starts = lineStarts(text);
  const spans = edits
    .map((e) => ({ start: offsetOf(starts, text, e.range.start), end: offsetOf(starts, text, e.range.end), newText: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < spans.length; i++) {
    assert.ok(spans[i].start > spans[i - 1].end || (spans[i].start === spans[i - 1].end && spans[i - 1].start < spans[i - 1].end),
      'edits overlap or share an insertion point');
  }
  let out = text;
  for (let i = spans.length - 1; i >= 0; i--) out = out.slice(0, spans[i].start) + spans[i].newText + out.slice(spans[i].end);
  return out;
}

const isBlank = (doc: string | null): boolean => doc === null || doc.trim() === '';

function statusOf(text: string, index: number): string {
  const result = inventory(text, 'f.py', DEFAULT_OPTIONS);
  const node = result.definitionOf.indexOf(index);
  assert.ok(node >= 0, `definition ${index} is in the inventory`);
  return result.nodes[node].status;
}

function undocumented(text: string): number[] {
  const result = inventory(text, 'f.py', DEFAULT_OPTIONS);
  return result.nodes.flatMap((node, i) => (node.status === 'missed' ? [result.definitionOf[i]] : []));
}

/** What must hold after stubbing `targets` of `before` (index -1 = module). Returns problems, or []. */
function checkStubbed(label: string, beforeFacts: OracleFacts, after: OracleFacts, targets: Set<number>): string[] {
  if (after.error) return [`${label}: ${after.error}`];
  const problems: string[] = [];
  if (after.skeleton !== beforeFacts.skeleton) problems.push(`${label}: code changed`);
  if (after.defs.length !== beforeFacts.defs.length) return [...problems, `${label}: definition count changed`];
  const expectDoc = (what: string, was: string | null, now: string | null, target: boolean): void => {
    if (target && isBlank(now)) problems.push(`${label}: ${what} still undocumented`);
    if (!target && now !== was) problems.push(`${label}: ${what} docstring changed`);
  };
  expectDoc('module', beforeFacts.module_doc, after.module_doc, targets.has(-1));
  after.defs.forEach((def, i) => expectDoc(def.name, beforeFacts.defs[i].doc, def.doc, targets.has(i)));
  return problems;
}

// ------------------------------------------------------------------------------------------------------

describe('stubs', () => {

describe('docstring stubs: every fixture, every definition, every style (CPython oracle)', () => {
  interface Variant { label: string; fixture: string; targets: Set<number>; text: string; style: DocstringStyle }
  const variants: Variant[] = [];
  const originals = new Map<string, OracleFacts>();
  let variantFacts: OracleFacts[] = [];
  let refused: string[] = [];

  before(() => {
    refused = [];
    const originalFacts = cpythonFacts(FIXTURE_NAMES.map(read));
    FIXTURE_NAMES.forEach((name, i) => originals.set(name, originalFacts[i]));
    for (const name of FIXTURE_NAMES) {
      const text = read(name);
      const count = parseStructure(text).definitions.length;
      for (const style of STYLES) {
        for (let index = -1; index < count; index++) {
          const edit = docstringStubEdit(parsedFile(text), index, style);
          const facts = originals.get(name)!;
          const documented = index === -1 ? !isBlank(facts.module_doc) : !isBlank(facts.defs[index].doc);
          if (!edit) {
            if (!documented) refused.push(`${name} #${index} ${style}`);
            continue;
          }
          assert.ok(!documented, `${name} #${index}: a stub for a documented definition`);
          variants.push({ label: `${name} #${index} ${style}`, fixture: name, targets: new Set([index]), text: applyEdits(text, [edit]), style });
        }
        const all = allStubEdits(parsedFile(text), undocumented(text), style);
        variants.push({ label: `${name} all ${style}`, fixture: name, targets: new Set(undocumented(text)), text: applyEdits(text, all), style });
      }
    }
    variantFacts = cpythonFacts(variants.map((v) => v.text));
  });

  it('the fixtures compile and agree with our structure', () => {
    for (const name of FIXTURE_NAMES) {
      const facts = originals.get(name)!;
      assert.ok(!facts.error, `${name}: ${facts.error}`);
      const ours = parseStructure(read(name)).definitions.map((d) => [d.name, d.line + 1]);
      assert.deepStrictEqual(ours, facts.defs.map((d) => [d.name, d.line]), name);
    }
  });

  it('offers a stub for every undocumented definition', () => {
    assert.deepStrictEqual(refused, []);
    assert.ok(variants.length > 300, `${variants.length} variants`);
  });

  it('each result compiles, documents exactly its targets and keeps the code unchanged', () => {
    const problems = variants.flatMap((v, i) => checkStubbed(v.label, originals.get(v.fixture)!, variantFacts[i], v.targets));
    assert.deepStrictEqual(problems, []);
  });

  it('our inventory counts the targets as covered, and then offers no second stub', () => {
    const problems: string[] = [];
    for (const v of variants) {
      for (const index of v.targets) {
        const covered = index === -1
          ? inventory(v.text, 'f.py', DEFAULT_OPTIONS).nodes[0].status === 'covered'
          : statusOf(v.text, index) === 'covered';
        if (!covered) problems.push(`${v.label}: #${index} not covered`);
        if (docstringStubEdit(parsedFile(v.text), index, v.style) !== null) problems.push(`${v.label}: #${index} offered again`);
      }
    }
    assert.deepStrictEqual(problems, []);
  });

  it('allStubEdits leaves nothing undocumented in any fixture', () => {
    for (const v of variants.filter((x) => x.label.includes(' all '))) {
      assert.deepStrictEqual(undocumented(v.text), [], v.label);
    }
  });
});

describe('docstring stubs: golden text', () => {
  const source = [
    'class Store:',
    '    def put(self, key: str, value, *args: int, timeout: float = 1.0, **kwargs) -> bool:',
    '        if key is None:',
    '            raise ValueError("key")',
    '        return True',
    '',
  ].join('\n');

  const stubbed = (style: DocstringStyle): string => applyEdits(source, [docstringStubEdit(parsedFile(source), 1, style)!]);
  const withDocstring = (...docLines: string[]): string =>
    [source.split('\n')[0], source.split('\n')[1], ...docLines, ...source.split('\n').slice(2)].join('\n');

  it('google', () => {
    assert.strictEqual(stubbed('google'), withDocstring(
      '        """Summary of put.',
      '',
      '        Args:',
      '            key (str): Description of key.',
      '            value: Description of value.',
      '            *args (int): Description of args.',
      '            timeout (float): Description of timeout. Defaults to 1.0.',
      '            **kwargs: Description of kwargs.',
      '',
      '        Returns:',
      '            bool: Description of the return value.',
      '',
      '        Raises:',
      '            ValueError: Description of when it is raised.',
      '        """',
    ));
  });

  it('numpy', () => {
    assert.strictEqual(stubbed('numpy'), withDocstring(
      '        """Summary of put.',
      '',
      '        Parameters',
      '        ----------',
      '        key : str',
      '            Description of key.',
      '        value',
      '            Description of value.',
      '        *args : int',
      '            Description of args.',
      '        timeout : float, default 1.0',
      '            Description of timeout.',
      '        **kwargs',
      '            Description of kwargs.',
      '',
      '        Returns',
      '        -------',
      '        bool',
      '            Description of the return value.',
      '',
      '        Raises',
      '        ------',
      '        ValueError',
      '            Description of when it is raised.',
      '        """',
    ));
  });

  it('sphinx', () => {
    assert.strictEqual(stubbed('sphinx'), withDocstring(
      '        """Summary of put.',
      '',
      '        :param key: Description of key.',
      '        :type key: str',
      '        :param value: Description of value.',
      '        :param *args: Description of args.',
      '        :type *args: int',
      '        :param timeout: Description of timeout, defaults to 1.0.',
      '        :type timeout: float',
      '        :param **kwargs: Description of kwargs.',
      '        :return: Description of the return value.',
      '        :rtype: bool',
      '        :raises ValueError: Description of when it is raised.',
      '        """',
    ));
  });

  it('pep257: a one-line summary', () => {
    assert.strictEqual(stubbed('pep257'), withDocstring('        """Summary of put."""'));
  });

  it('a class gets a summary line; single quotes on request', () => {
    const edit = docstringStubEdit(parsedFile(source), 0, 'google', { quote: "'''" })!;
    assert.deepStrictEqual(edit, { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: "    '''Summary of Store.'''\n", snippet: "    '''${1:Summary of Store.}'''\n" });
  });

  it('a generator gets Yields typed with the return annotation', () => {
    const text = 'def gen(n) -> Iterator[int]:\n    yield n\n';
    assert.strictEqual(applyEdits(text, [docstringStubEdit(parsedFile(text), 0, 'google')!]), [
      'def gen(n) -> Iterator[int]:',
      '    """Summary of gen.',
      '',
      '    Args:',
      '        n: Description of n.',
      '',
      '    Yields:',
      '        int: Description of the yielded values.',
      '    """',
      '    yield n',
      '',
    ].join('\n'));
  });
});

describe('docstring stubs: Raises names exception types, not variables', () => {
  const raisesSection = (text: string): string[] => {
    const lines = applyEdits(text, [docstringStubEdit(parsedFile(text), 0, 'google')!]).split('\n');
    const at = lines.indexOf('    Raises:');
    if (at < 0) return [];
    const end = lines.indexOf('    """', at);
    return lines.slice(at + 1, end).map((l) => l.trim().split(':')[0]);
  };

  it('`except ValueError as e: raise e` raises ValueError', () => {
    assert.deepStrictEqual(raisesSection('def f(p):\n    try:\n        return open(p)\n    except ValueError as e:\n        raise e\n'), ['ValueError']);
  });

  it('a bare `raise` in `except (KeyError, m.Timeout):` raises both', () => {
    assert.deepStrictEqual(raisesSection('def f(p):\n    try:\n        return p[0]\n    except (KeyError, m.Timeout):\n        raise\n'), ['KeyError', 'm.Timeout']);
  });

  it('a plain `raise exc` of an unknown variable is left out', () => {
    assert.deepStrictEqual(raisesSection('def f(exc):\n    raise exc\n'), []);
  });
});

describe('docstring stubs: placement', () => {
  const stub = (text: string, index: number, style: DocstringStyle = 'pep257', options = {}): string =>
    applyEdits(text, [docstringStubEdit(parsedFile(text), index, style, options)!]);

  it('a one-line def becomes a block with the body on its own line', () => {
    assert.strictEqual(stub('def f(): return 1\n', 0), 'def f():\n    """Summary of f."""\n    return 1\n');
    assert.strictEqual(stub('class C: pass  # c\n', 0), 'class C:\n    """Summary of C."""\n    pass  # c\n');
  });

  it('the inline body is indented by the file\'s indent unit, or the one asked for', () => {
    const text = 'class A:\n  def g(self): return 2\n';
    assert.strictEqual(stub(text, 1), 'class A:\n  def g(self):\n    """Summary of g."""\n    return 2\n');
    assert.strictEqual(stub(text, 1, 'pep257', { indentUnit: '\t' }), 'class A:\n  def g(self):\n  \t"""Summary of g."""\n  \treturn 2\n');
  });

  it('keeps a trailing comment on the colon line of a multi-line, decorated header', () => {
    const text = '@dec(1,\n     2)\ndef f(\n    a,\n):  # keep\n    # lead\n    return a\n';
    assert.strictEqual(stub(text, 0), '@dec(1,\n     2)\ndef f(\n    a,\n):  # keep\n    """Summary of f."""\n    # lead\n    return a\n');
  });

  it('module: after shebang, cookie and comments, before from __future__', () => {
    const text = read('module_header.py');
    const result = stub(text, -1);
    const lines = result.split('\n');
    assert.deepStrictEqual(lines.slice(0, 7), [
      '#!/usr/bin/env python3', '# -*- coding: utf-8 -*-', '# Copyright notice', '# spanning lines.', '',
      '"""Summary of this module."""', 'from __future__ import annotations',
    ]);
  });

  it('module: an empty file, a comment-only file without a final line break', () => {
    assert.strictEqual(stub('', -1), '"""Summary of this module."""\n');
    assert.strictEqual(stub('# only a comment', -1), '# only a comment\n"""Summary of this module."""\n');
  });

  it('CRLF files get CRLF line breaks, tab-indented files get tabs', () => {
    const crlf = read('crlf.py');
    const edit = docstringStubEdit(parsedFile(crlf), 2, 'google')!; // `def other(self): return 2`
    assert.ok(!/(^|[^\r])\n/.test(edit.newText) && edit.newText.includes('\r\n'), JSON.stringify(edit.newText));
    const all = applyEdits(crlf, allStubEdits(parsedFile(crlf), undocumented(crlf), 'numpy'));
    assert.ok(!/(^|[^\r])\n/.test(all), 'no bare LF after all stubs');

    const tabs = read('tabs.py');
    const inline = docstringStubEdit(parsedFile(tabs), 2, 'pep257')!; // `\tdef inline(self): return None`
    assert.strictEqual(inline.newText, '\n\t\t"""Summary of inline."""\n\t\t');
  });

  it('a blank docstring is replaced in place', () => {
    const text = 'def f():\n    """ """\n    return 1\n';
    assert.strictEqual(stub(text, 0), 'def f():\n    """Summary of f."""\n    return 1\n');
  });

  it('a header with no body yet gets the docstring as its body', () => {
    assert.strictEqual(stub('def f(a):', 0, 'google'), 'def f(a):\n    """Summary of f.\n\n    Args:\n        a: Description of a.\n    """');
  });

  it('returns null (never throws) for documented definitions, bad indexes and broken code', () => {
    const text = 'def f():\n    "Doc."\n';
    assert.strictEqual(docstringStubEdit(parsedFile(text), 0, 'google'), null);
    for (const index of [1, -2, 99, 0.5, NaN]) assert.strictEqual(docstringStubEdit(parsedFile(text), index, 'google'), null);
    assert.strictEqual(docstringStubEdit(parsedFile('"""Doc."""\n'), -1, 'google'), null);
    // Every prefix of the fixtures: no exception, and every edit applies.
    for (const name of FIXTURE_NAMES) {
      const full = read(name);
      for (let cut = 0; cut <= full.length; cut += 7) {
        const text = full.slice(0, cut);
        const count = parseStructure(text).definitions.length;
        for (let index = -1; index < count; index++) {
          const edit = docstringStubEdit(parsedFile(text), index, 'numpy');
          if (edit) applyEdits(text, [edit]);
          const marker = nodocqaEdit(parsedFile(text), index);
          if (marker) applyEdits(text, [marker]);
        }
        applyEdits(text, allStubEdits(parsedFile(text), [-1, ...Array.from({ length: count }, (_, i) => i)], 'google'));
      }
    }
  });
});

describe('docstring stubs: truncated files and a sample of the stdlib', () => {
  /** allStubEdits over each text (rotating styles); every result must pass checkStubbed. */
  function stubEverything(labels: string[], texts: string[]): string[] {
    const stubbed = texts.map((text, i) => applyEdits(text, allStubEdits(parsedFile(text), undocumented(text), STYLES[i % STYLES.length])));
    const facts = cpythonFacts([...texts, ...stubbed]);
    const problems: string[] = [];
    texts.forEach((text, i) => {
      if (facts[i].error) return; // only files CPython compiles are compared
      problems.push(...checkStubbed(labels[i], facts[i], facts[texts.length + i], new Set(undocumented(text))));
      if (undocumented(stubbed[i]).length > 0) problems.push(`${labels[i]}: still undocumented`);
    });
    return problems;
  }

  it('every fixture cut after each of its lines', () => {
    const labels: string[] = [], texts: string[] = [];
    for (const name of FIXTURE_NAMES) {
      const text = read(name);
      const starts = lineStarts(text);
      starts.slice(1).forEach((end, line) => {
        labels.push(`${name} first ${line + 1} lines`);
        texts.push(text.slice(0, end));
      });
    }
    assert.deepStrictEqual(stubEverything(labels, texts), []);
  });

  it('every 60th file of the stdlib', function () {
    this.timeout(300000);
    const files = stdlibFiles().filter((_, i) => i % 60 === 0);
    const texts = files.map((file) => fs.readFileSync(file, 'utf8'));
    assert.deepStrictEqual(stubEverything(files, texts), []);
  });
});

describe('docstring stubs: allStubEdits on a file with ~20 undocumented definitions', () => {
  it('all edits together: compiles, 100% covered, code unchanged', () => {
    const text = read('many.py');
    const targets = undocumented(text);
    assert.ok(targets.length >= 20, `${targets.length} undocumented`);
    for (const style of STYLES) {
      const edits = allStubEdits(parsedFile(text), targets, style);
      assert.strictEqual(edits.length, targets.length, style);
      const result = applyEdits(text, edits);
      const [before, after] = cpythonFacts([text, result]);
      assert.deepStrictEqual(checkStubbed(`many.py ${style}`, before, after, new Set(targets)), []);
      const nodes = inventory(result, 'many.py', DEFAULT_OPTIONS).nodes;
      assert.deepStrictEqual(nodes.filter((n) => n.status !== 'covered').map((n) => n.qualname), [], style);
    }
  });

  it('ignores duplicates and documented indexes', () => {
    const text = read('many.py');
    const targets = undocumented(text);
    const twice = allStubEdits(parsedFile(text), [...targets, ...targets], 'pep257');
    assert.deepStrictEqual(twice, allStubEdits(parsedFile(text), targets, 'pep257'));
    const documented = applyEdits(text, twice);
    assert.deepStrictEqual(allStubEdits(parsedFile(documented), [-1, 0, 1, 2], 'google'), []);
  });
});

describe('docstring stubs: annotations', () => {
  it('annotations that would break the docstring are left out', () => {
    const text = 'def f(a: Literal["\\n"], b: \'Literal["""x"""]\'):\n    pass\n';
    const edit = docstringStubEdit(parsedFile(text), 0, 'google')!;
    assert.ok(edit.newText.includes('a: Description of a.') && edit.newText.includes('b: Description of b.'), edit.newText);
  });
});


describe('nodocqa markers', () => {
  it('excuses every undocumented definition of every fixture, and the result compiles', () => {
    const texts: string[] = [];
    const problems: string[] = [];
    for (const name of FIXTURE_NAMES) {
      const text = read(name);
      for (const index of undocumented(text)) {
        if (index === -1) {
          assert.strictEqual(nodocqaEdit(parsedFile(text), index), null);
          continue;
        }
        const edit = nodocqaEdit(parsedFile(text), index);
        if (!edit) {
          problems.push(`${name} #${index}: no edit`);
          continue;
        }
        const result = applyEdits(text, [edit]);
        if (statusOf(result, index) !== 'excused') problems.push(`${name} #${index}: ${statusOf(result, index)}`);
        texts.push(result);
      }
    }
    assert.deepStrictEqual(problems, []);
    const facts = cpythonFacts(texts);
    assert.deepStrictEqual(facts.filter((f) => f.error).map((f) => f.error), []);
    assert.ok(texts.length >= 60, `${texts.length} markers`);
  });

  it('goes after the code, or after a comment already on the colon line', () => {
    const mark = (text: string, index = 0): string => applyEdits(text, [nodocqaEdit(parsedFile(text), index)!]);
    assert.strictEqual(mark('def f():\n    pass\n'), 'def f():  # nodocqa\n    pass\n');
    assert.strictEqual(mark('def f():   \n    pass\n'), 'def f():  # nodocqa   \n    pass\n');
    assert.strictEqual(mark('def f():  # type: ignore\n    pass\n'), 'def f():  # type: ignore  # nodocqa\n    pass\n');
    assert.strictEqual(mark('def f(): return 1  # c'), 'def f(): return 1  # c  # nodocqa');
  });

  it('multi-line and decorated headers: on the colon line', () => {
    const text = '@decorator(\n    1)\ndef f(\n    a,  # first\n    b,\n) -> int:\n    return a\n';
    const result = applyEdits(text, [nodocqaEdit(parsedFile(text), 0)!]);
    assert.strictEqual(result.split('\n')[5], ') -> int:  # nodocqa');
    assert.strictEqual(statusOf(result, 0), 'excused');
  });

  it('when the colon line ends inside a string, the marker goes on its own line above', () => {
    const text = 'class A:\n    @dec\n    def f(self): return """a\nb"""\n';
    const result = applyEdits(text, [nodocqaEdit(parsedFile(text), 1)!]);
    assert.strictEqual(result, 'class A:\n    # nodocqa\n    @dec\n    def f(self): return """a\nb"""\n');
    assert.strictEqual(statusOf(result, 1), 'excused');
    assert.strictEqual(nodocqaEdit(parsedFile(text), 5), null);
  });
});
});

describe('docstring stubs: defaults, line length, snippets', () => {
  const header = 'def connect(host: str, port: int = 8080, *, retries=3, key=lambda x: x, table={"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6}, path="a\\b"):\n    pass\n';
  const stub = (style: DocstringStyle, lineLength?: number): string[] =>
    docstringStubEdit(parsedFile(header), 0, style, lineLength === undefined ? {} : { lineLength })!.newText.split('\n');

  it('mentions defaults as each style does, short and docstring-safe ones only', () => {
    assert.ok(stub('google').includes('        port (int): Description of port. Defaults to 8080.'), stub('google').join('\n'));
    assert.ok(stub('google').includes('        key: Description of key. Defaults to lambda x: x.'));
    assert.ok(stub('numpy').includes('    port : int, default 8080'));
    assert.ok(stub('numpy').includes('    retries : object, default 3'));
    assert.ok(stub('sphinx').includes('    :param port: Description of port, defaults to 8080.'));
    for (const style of ['google', 'numpy', 'sphinx'] as const) {
      const text = stub(style).join('\n');
      assert.ok(!text.includes('"a": 1'), `${style}: a default over 40 characters is not repeated`);
      assert.ok(!text.includes('a\\b'), `${style}: a default with a backslash is left out`);
      assert.ok(!/Defaults to|default /.test(text.split('\n').filter((l) => l.includes('host')).join('\n')), `${style}: host has no default`);
    }
  });

  it('wraps descriptions at the line length (88 by default), never inside the parameter head', () => {
    const text = 'class C:\n    def method(self, a_rather_long_parameter_name: Optional[Dict[str, int]] = None, b=1):\n        pass\n';
    for (const [lineLength, style] of [[88, 'google'], [60, 'google'], [50, 'sphinx'], [50, 'numpy']] as const) {
      const lines = docstringStubEdit(parsedFile(text), 1, style, { lineLength })!.newText.split('\n');
      const head = lines.find((l) => l.includes('a_rather_long_parameter_name'))!;
      assert.ok(head.includes('Optional[Dict[str, int]]') || style === 'sphinx', head);
      for (const line of lines) {
        const breakable = line.trimStart().includes(' ') && !line.includes('Optional[Dict');
        if (breakable) assert.ok(line.length <= lineLength, `${style} ${lineLength}: ${JSON.stringify(line)} is ${line.length} long`);
      }
      const joined = applyEdits(text, [docstringStubEdit(parsedFile(text), 1, style, { lineLength })!]).replace(/\s+/g, ' ');
      assert.ok(joined.includes('Defaults to None.') || joined.includes('default None') || joined.includes('defaults to None.'), joined);
    }
    const wide = docstringStubEdit(parsedFile(text), 1, 'google')!.newText;
    assert.ok(wide.includes('a_rather_long_parameter_name (Optional[Dict[str, int]]): Description of\n'), wide);
    const narrow = docstringStubEdit(parsedFile(text), 1, 'google', { lineLength: 60 })!.newText;
    assert.ok(narrow.includes('(Optional[Dict[str, int]]):\n                Description of a_rather_long_parameter_name.'), narrow);
  });

  it('the snippet is the same text with numbered tab stops, the summary first', () => {
    const text = 'def f(a, b=2) -> int:\n    """"""\n    raise ValueError("$1 }")\n';
    const edit = docstringStubEdit(parsedFile(text), 0, 'google')!;
    assert.ok(edit.snippet!.startsWith('"""${1:Summary of f.}'), edit.snippet);
    assert.deepStrictEqual([...edit.snippet!.matchAll(/\$\{(\d+):/g)].map((m) => Number(m[1])), [1, 2, 3, 4]);
    // Every fixture, every style: the snippet with its placeholders filled in is newText exactly.
    for (const name of FIXTURE_NAMES) {
      const source = read(name);
      const file = parsedFile(source);
      for (const style of STYLES) {
        for (let i = -1; i < file.structure.definitions.length; i++) {
          const e = docstringStubEdit(file, i, style);
          if (!e) continue;
          assert.ok(e.snippet, `${name} #${i} ${style}: no snippet`);
          assert.strictEqual(unsnippet(e.snippet!), e.newText, `${name} #${i} ${style}`);
        }
      }
    }
  });
});

/** A snippet as inserted with each placeholder left as it is (the escapes read back). */
function unsnippet(snippet: string): string {
  let out = '';
  for (let i = 0; i < snippet.length; i++) {
    const c = snippet[i];
    if (c === '\\') out += snippet[++i];
    else if (c === '$' && snippet[i + 1] === '{') {
      const colon = snippet.indexOf(':', i);
      assert.match(snippet.slice(i + 2, colon), /^\d+$/);
      i = colon;
    } else if (c === '}') continue;
    else out += c;
  }
  return out;
}
