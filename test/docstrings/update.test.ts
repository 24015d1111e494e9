/**
 * "Update docstring to match signature" (server/src/docstrings/update.ts) on stale docstrings in each style:
 * the exact text it writes, that it keeps every surviving line and the file's line breaks, that a second
 * update changes nothing, and what it leaves alone.
 */
import * as assert from 'assert';
import { parsedFile } from '../../server/src/coverage/stubs';
import { allDocstringUpdates, docstringMismatches, docstringUpdate, UpdateOptions } from '../../server/src/docstrings/update';
import { applyEdits, readFixture } from './helpers';

/** The docstring of `name` after its update, the update's changes, and checks every update must pass. */
function updated(text: string, name: string, options: UpdateOptions = {}): { doc: string; changes: string[]; text: string } {
  const file = parsedFile(text);
  const index = file.structure.definitions.findIndex((d) => d.name === name);
  assert.ok(index >= 0, `no definition ${name}`);
  const update = docstringUpdate(file, index, options);
  assert.ok(update, `no update for ${name}`);
  const after = applyEdits(text, update.edits);
  const afterFile = parsedFile(after);
  const def = afterFile.structure.definitions[index];
  const d = def.docstring!;
  const doc = after.slice(afterFile.lineStarts[d.startLine] + d.startCol, afterFile.lineStarts[d.endLine] + d.endCol);
  assert.strictEqual(docstringUpdate(afterFile, index, options), null, `second update of ${name} is not a no-op`);
  assert.deepStrictEqual(docstringMismatches(afterFile, index, options), [], `${name} still disagrees`);
  return { doc, changes: update.changes, text: after };
}

/** Every line of the original docstring is still there, unless it belongs to a removed text. */
function keepsLines(before: string, after: string, removedLines: string[] = []): void {
  const afterLines = new Set(after.split(/\r\n|\n|\r/));
  for (const line of before.split(/\r\n|\n|\r/)) {
    if (line.trim() === '' || removedLines.includes(line.trim())) continue;
    assert.ok(afterLines.has(line), `line lost or changed: ${JSON.stringify(line)}`);
  }
}

const lines = (...xs: string[]): string => xs.join('\n');

describe('update docstring to match signature', () => {
  describe('google', () => {
    const text = readFixture('stale_google.py');

    it('adds a new parameter with its annotation, after the others, in the entries\' indentation', () => {
      const { doc, changes } = updated(text, 'gained_parameter');
      assert.deepStrictEqual(changes, ['added encoding']);
      assert.strictEqual(doc, lines('"""Read a file.', '', '    Args:', '        path (str): Where the file is.',
        '        mode (str): How to open it.', '        encoding (str | None): Description of encoding. Defaults to None.', '', '    Returns:',
        '        str: The text.', '    """'));
    });

    it('removes the entry of a parameter that is gone, continuation lines included', () => {
      const { doc, changes } = updated(text, 'lost_parameter');
      assert.deepStrictEqual(changes, ['removed c']);
      assert.ok(!doc.includes('gone') && !doc.includes('two lines'));
      keepsLines(text.slice(text.indexOf('"""Add two'), text.indexOf('return a + b')), doc, ['c: A number that is gone,', 'described over two lines.']);
    });

    it('reorders entries to the signature, keeping each one\'s text', () => {
      const { doc, changes } = updated(text, 'reordered');
      assert.deepStrictEqual(changes, ['reordered parameters']);
      assert.match(doc, /first: First\.\n {8}second: Second\.\n {8}third: Third, written first\./);
    });

    it('adds Returns when the function returns a value, drops it when it no longer does', () => {
      assert.match(updated(text, 'now_returns').doc, /x: The value\.\n\n {4}Returns:\n {8}Description of the return value\.\n {4}"""$/);
      const { doc, changes } = updated(text, 'no_longer_returns');
      assert.deepStrictEqual(changes, ['removed Returns']);
      assert.strictEqual(doc, lines('"""Print x.', '', '    Args:', '        x: The value.', '    """'));
    });

    it('turns Returns into Yields for a function that became a generator, keeping what it says', () => {
      const { doc, changes } = updated(text, 'now_yields');
      assert.deepStrictEqual(changes, ['Returns became Yields']);
      assert.match(doc, /n: The bound\.\n\n {4}Yields:\n {8}A list\.\n {4}"""$/);
    });

    it('adds Yields to a generator, typed from the annotation, and new sections in their usual order', () => {
      const source = lines('def f(n, m) -> Iterator[int]:', '    """Count.', '', '    Examples:', '        >>> list(f(2))', '    """',
        '    if n < 0:', '        raise ValueError(n)', '    yield from range(n)', '');
      const { doc, changes } = updated(source, 'f');
      assert.deepStrictEqual(changes, ['added parameters', 'added Yields', 'added Raises']);
      assert.strictEqual(doc, lines('"""Count.', '', '    Args:', '        n: Description of n.', '        m: Description of m.', '',
        '    Yields:', '        Iterator[int]: Description of the yielded values.', '', '    Raises:',
        '        ValueError: Description of when it is raised.', '', '    Examples:', '        >>> list(f(2))', '    """'));
    });

    it('adds an entry for an exception raised by name, keeping the documented ones', () => {
      const { doc } = updated(text, 'raises_more');
      assert.match(doc, /KeyError: When it is missing\.\n {8}ValueError: Description of when it is raised\./);
    });

    it('moves closing quotes that sat on the last entry\'s line to their own line', () => {
      const { doc } = updated(text, 'closing_on_last_line');
      assert.strictEqual(doc, lines('"""Closing quotes on the last entry\'s line.', '', '    Args:', '        a: The first.',
        '        b: Description of b.', '', '    Returns:', '        Description of the return value.', '    """'));
    });

    it('leaves self out of methods, and adds Args to a static method', () => {
      const area = updated(text, 'area');
      assert.deepStrictEqual(area.changes, ['removed unit', 'added scale']);
      assert.ok(!area.doc.includes('self'));
      const make = updated(text, 'make');
      assert.match(make.doc, /"""Make a shape\.\n\n {8}Args:\n {12}kind: Description of kind\.\n\n {8}Returns:/);
    });

    it('keeps the file compiling and changes only docstrings when every update of the file is applied', () => {
      const file = parsedFile(text);
      const all = allDocstringUpdates(file);
      assert.strictEqual(all.count, 10);
      const after = applyEdits(text, all.edits);
      assert.deepStrictEqual(allDocstringUpdates(parsedFile(after)).edits, []);
      const code = (t: string): string => t.replace(/"""[\s\S]*?"""/g, '""""""');
      assert.strictEqual(code(after), code(text));
    });
  });

  it('numpy: reorders, removes, adds a typed entry and Raises, in the section\'s layout', () => {
    const { doc, changes } = updated(readFixture('stale_numpy.py'), 'resample');
    assert.deepStrictEqual(changes, ['removed method', 'added axis', 'added Raises']);
    assert.strictEqual(doc, lines('"""Resample a signal.', '', '    Parameters', '    ----------', '    data : array_like',
      '        The signal.', '    rate : float', '        Target rate.', '    axis : int, default 0', '        Description of axis.', '',
      '    Returns', '    -------', '    ndarray', '        The resampled signal.', '', '    Raises', '    ------', '    ValueError',
      '        Description of when it is raised.', '    """'));
    assert.match(updated(readFixture('stale_numpy.py'), 'gen').doc, /\n\n {4}Yields\n {4}------\n {4}object\n {8}Description of the yielded values\.\n {4}"""$/);
  });

  it('sphinx: fields move with their :type:, a gone field goes with its :type:, new fields are typed', () => {
    const { doc, changes } = updated(readFixture('stale_sphinx.py'), 'send');
    assert.deepStrictEqual(changes, ['removed old', 'added body', 'added priority', 'added Raises']);
    assert.strictEqual(doc, lines('"""Send a message.', '', '    :param str sender: The person sending the message',
      '    :param recipient: The recipient of the message', '    :type recipient: str', '    :param body: Description of body.',
      '    :type body: bytes', '    :param priority: Description of priority, defaults to 1.', '    :return: the message id', '    :rtype: int',
      '    :raises ValueError: Description of when it is raised.', '    """'));
  });

  it('sphinx: a new :return: where a gone :raises field was (both edits at one place: once none was made)', () => {
    const text = lines('def plain(kind):', '    """A validator.', '', '    :param kind: The type to check for.', '',
      '    :raises TypeError: With a readable message.', '    """', '    return Validator(kind)', '');
    const { doc, changes } = updated(text, 'plain');
    assert.deepStrictEqual(changes, ['added Returns', 'removed raises']);
    assert.strictEqual(doc, lines('"""A validator.', '', '    :param kind: The type to check for.',
      '    :return: Description of the return value.', '    """'));
  });

  it('keeps CRLF line breaks', () => {
    const text = readFixture('stale_crlf.py');
    const { text: after } = updated(text, 'crlf');
    assert.ok(!/[^\r]\n/.test(after), 'a bare \\n was written');
    assert.match(after, /b: The second\.\r\n {8}c: Description of c\.\r\n\r\n {4}Returns:\r\n/);
  });

  it('leaves alone docstrings without sections, classes, and docstrings that already agree', () => {
    const text = readFixture('google_style.py');
    const file = parsedFile(text);
    const byName = (name: string): number => file.structure.definitions.findIndex((d) => d.name === name);
    assert.strictEqual(docstringUpdate(file, byName('fetch_rows')), null);
    assert.strictEqual(docstringUpdate(file, byName('Account')), null);
    const prose = parsedFile('def f(a):\n    """Only prose, about a."""\n    return a\n');
    assert.strictEqual(docstringUpdate(prose, 0), null);
  });

  it('keeps Returns and Raises of an interface (abstract method, `raise NotImplementedError`), and documents that raise', () => {
    const text = lines('import abc', 'class Base(abc.ABC):', '    @abc.abstractmethod', '    def load(self, path):',
      '        """Load.', '', '        Args:', '            path: Where.', '', '        Returns:', '            Data: What.', '',
      '        Raises:', '            OSError: When.', '        """', '', '    def save(self, path):',
      '        """Save.', '', '        Args:', '            path: Where.', '', '        Returns:', '            bool: Done.', '        """',
      '        raise NotImplementedError', '');
    const file = parsedFile(text);
    assert.strictEqual(docstringUpdate(file, 1), null);
    assert.deepStrictEqual(docstringUpdate(file, 2)?.changes, ['added Raises']);
  });
});
