/**
 * "Update docstring to match signature" (server/src/docstrings/update.ts) on stale docstrings in each style:
 * the exact text it writes, that it keeps every surviving line and the file's line breaks, that a second
 * update changes nothing, and what it leaves alone.
 */
import * as assert from 'assert';
import { parsedFile } from '../../server/src/coverage/stubs';
import { allDocstringUpdates, docstringMismatches, docstringUpdate, UpdateOptions } from '../../server/src/docstrings/update';
import { checkDocstrings, DEFAULT_QUALITY_OPTIONS } from '../../server/src/docstrings/checks';
import { pydoclintFindings, pydoclintMissing } from '../oracles/pydoclint';
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
        '    Yields:', '        int: Description of the yielded values.', '', '    Raises:',
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

  it('sphinx: fields with fields of another kind between them take signature order where they stand; new ones follow the field before them; the last two go', () => {
    const text = readFixture('stale_sphinx.py');
    const { doc, changes } = updated(text, 'postinit');
    assert.deepStrictEqual(changes, ['removed gone', 'added decorators', 'added returns', 'added position', 'added Returns', 'removed raises']);
    assert.strictEqual(doc, lines("\"\"\"Set up after initialisation (as astroid's FunctionDef.postinit: :params fields between).", '',
      '    :param args: The arguments that the function takes.', '', '    :param body: The contents of the function body.',
      '    :type body: list(NodeNG)', '    :param decorators: Description of decorators, defaults to None.',
      '    :param returns: Description of returns, defaults to None.', '    :param position: Description of position, defaults to None.',
      '    :params returns:', '        The return annotation.', '    :param doc_node:', '        The doc node associated with this node.',
      '    :return: Description of the return value.', '    """'));
    keepsLines(text.slice(text.indexOf('"""Set up'), text.indexOf('    return None')), doc, [':param gone: A parameter that is no more.', ':raises ValueError: Never, in fact.']);
  });

  it('keeps CRLF line breaks', () => {
    const text = readFixture('stale_crlf.py');
    const { text: after } = updated(text, 'crlf');
    assert.ok(!/[^\r]\n/.test(after), 'a bare \\n was written');
    assert.match(after, /b: The second\.\r\n {8}c: Description of c\.\r\n\r\n {4}Returns:\r\n/);
  });

  describe('a parameter documented twice', () => {
    const text = readFixture('stale_repeats.py');

    it('numpy: two Parameters sections become one, in signature order; the one without a parameter goes', () => {
      const { doc, changes } = updated(text, 'shift', { defaultStyle: 'numpy' });
      assert.deepStrictEqual(changes, ['removed gone', 'removed gone', 'removed Parameters']);
      assert.strictEqual(doc, lines('"""Shift a signal.', '', '    Parameters', '    ----------', '    signal : ndarray', '        The signal.',
        '    offset : int', '        How far.', '', '    Returns', '    -------', '    ndarray', '        The shifted signal.', '    """'));
    });

    it('numpy: the first section that documents a parameter keeps it; a second entry for it goes', () => {
      const { doc } = updated(text, 'scale', { defaultStyle: 'numpy' });
      assert.strictEqual(doc, lines('"""Scale a signal.', '', '    Parameters', '    ----------', '    signal : ndarray', '        The signal.',
        '    factor : float', '        How much.', '    """'));
    });

    it('sphinx: a `:type x:` with no `:param x:` gets its field before it, written once', () => {
      const { doc, changes } = updated(text, 'send', { defaultStyle: 'sphinx' });
      assert.deepStrictEqual(changes, ['added recipient']);
      assert.strictEqual(doc, lines('"""Send a message.', '', '    :param str sender: The person sending the message',
        '    :param recipient: Description of recipient.', '    :type recipient: str', '    """'));
    });

    it('pydoclint finds no argument missing, extra or out of order in the updated definitions', () => {
      if (pydoclintMissing()) return;
      const numpy = pydoclintFindings([updated(text, 'shift', { defaultStyle: 'numpy' }).text], ['--style=numpy'])[0];
      const sphinx = pydoclintFindings([updated(text, 'send', { defaultStyle: 'sphinx' }).text], ['--style=sphinx'])[0];
      const argumentCodes = (found: Array<{ line: number; code: string }>, line: number): string[] =>
        found.filter((f) => f.line === line && /^DOC10[1-4]$/.test(f.code)).map((f) => f.code);
      assert.deepStrictEqual(argumentCodes(numpy, 4), []);
      assert.deepStrictEqual(argumentCodes(sphinx, 47), []);
      assert.ok(sphinx.some((f) => f.code === 'DOC107'), 'pydoclint saw the sphinx function (sender has no annotation)');
    });
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

  describe('types', () => {
    const untyped: UpdateOptions = { types: { ...DEFAULT_QUALITY_OPTIONS, argTypeHintsInDocstring: false } };
    const typed: UpdateOptions = { types: DEFAULT_QUALITY_OPTIONS };

    it('arg-type-hints-in-docstring = false: google and numpy argument types go, the rest of each entry stays', () => {
      const text = readFixture('typed_args.py');
      const google = updated(text, 'google_typed', untyped);
      assert.deepStrictEqual(google.changes, ['removed the type of a', 'removed the type of b', 'removed the type of *args', 'removed the type of **kwargs']);
      assert.strictEqual(google.doc, lines('"""Sum.', '', '    Args:', '        a: The first,', '            over two lines.', '        b: The second.',
        '        *args: More.', '        **kwargs: Keywords.', '', '    Returns:', '        int: The sum.', '    """'));
      const numpy = updated(text, 'numpy_typed', untyped);
      assert.deepStrictEqual(numpy.changes, ['removed the type of a', 'removed the type of b', 'removed the type of *args']);
      assert.match(numpy.doc, /\n {4}a\n {8}The first\.\n {4}b\n {8}The second\.\n {4}\*args\n {8}More\.\n {4}\*\*kwargs\n {8}Keywords\.\n\n {4}Returns\n {4}-------\n {4}int\n/);
    });

    it('arg-type-hints-in-docstring = false: sphinx loses its :type: fields and inline types, also when fields move', () => {
      const text = readFixture('typed_args.py');
      const sphinx = updated(text, 'sphinx_typed', untyped);
      assert.deepStrictEqual(sphinx.changes, ['removed the type of a', 'removed the type of b']);
      assert.strictEqual(sphinx.doc, lines('"""Sum.', '', '    :param a: The first.', '    :param b: The second.', '    :param c: The third.',
        '    :returns: The sum.', '    :rtype: int', '    """'));
      const moved = updated(text, 'sphinx_moved', untyped);
      assert.deepStrictEqual(moved.changes, ['reordered parameters', 'removed the type of a', 'removed the type of c', 'typed Returns']);
      assert.strictEqual(moved.doc, lines('"""Sum, its parameters out of order.', '', '    :param c: The third.', '    :param a: The first.',
        '    :returns: The sum.', '    :rtype: int', '    """'));
    });

    it('arg-type-hints-in-docstring = false: new entries come without types; without type rules types stay', () => {
      const text = readFixture('stale_google.py');
      const { doc } = updated(text, 'gained_parameter', untyped);
      assert.match(doc, /\n {8}path: Where the file is\.\n {8}mode: How to open it\.\n {8}encoding: Description of encoding\. Defaults to None\.\n/);
      const file = parsedFile(readFixture('typed_args.py'));
      assert.strictEqual(docstringUpdate(file, file.structure.definitions.findIndex((d) => d.name === 'sphinx_typed'), {}), null);
    });

    it('star arguments are typed with their annotation as written, in each style', () => {
      const text = readFixture('star_args.py');
      const google = updated(text, 'google_untyped', typed);
      assert.deepStrictEqual(google.changes, ['typed *args', 'typed **kwargs']);
      assert.match(google.doc, /\n {8}\*args \(int\): Values\.\n {8}\*\*kwargs \(str\): Options\.\n/);
      assert.deepStrictEqual(updated(text, 'google_wrong', typed).changes, ['retyped *args', 'retyped **kwargs']);
      assert.match(updated(text, 'google_missing', typed).doc, /\n {8}\*args \(int\): Description of args\.\n {8}\*\*kwargs \(str\): Description of kwargs\.\n/);
      assert.match(updated(text, 'numpy_untyped', typed).doc, /\n {4}\*args : int\n {8}Values\.\n {4}\*\*kwargs : str\n {8}Options\.\n/);
      assert.match(updated(text, 'numpy_missing', typed).doc, /\n {4}\*args : int\n {8}Description of args\.\n {4}\*\*kwargs : str\n/);
      assert.match(updated(text, 'sphinx_untyped', typed).doc, /\n {4}:param \*args: Values\.\n {4}:type \*args: int\n {4}:param \*\*kwargs: Options\.\n {4}:type \*\*kwargs: str\n/);
      // The sphinx stub writes `:param args:`; pydoclint matches `*args` only with its stars.
      assert.match(updated(text, 'sphinx_missing', typed).doc, /\n {4}:param \*args: Description of args\.\n {4}:type \*args: int\n {4}:param \*\*kwargs: Description of kwargs\.\n {4}:type \*\*kwargs: str\n/);
    });

    it('numpy: an entry with an empty type (`name :`, IPython\'s register_lazy) gets the type after its colon', () => {
      const text = lines('def f(name: str) -> None:', '    """F.', '', '    Parameters', '    ----------', '    name :', '        The name.', '    """', '');
      const { doc, changes } = updated(text, 'f', typed);
      assert.deepStrictEqual(changes, ['typed name']);
      assert.match(doc, /\n {4}name : str\n {8}The name\.\n/);
    });

    it('star arguments named without their stars get them (pydoclint matches only `*args`), unless omit-stars is set', () => {
      const text = readFixture('star_args.py');
      const google = updated(text, 'google_bare', typed);
      assert.deepStrictEqual(google.changes, ['starred *args', 'starred **kwargs']);
      assert.match(google.doc, /\n {8}\*args \(int\): Values\.\n {8}\*\*kwargs \(str\): Options\.\n/);
      assert.match(updated(text, 'numpy_bare', typed).doc, /\n {4}\*args : int\n {8}Values\.\n {4}\*\*kwargs : str\n {8}Options\.\n/);
      assert.match(updated(text, 'sphinx_bare', typed).doc, /\n {4}:param \*args: Values\.\n {4}:type \*args: int\n {4}:param \*\*kwargs: Options\.\n {4}:type \*\*kwargs: str\n/);
      const file = parsedFile(text);
      const bare = file.structure.definitions.findIndex((d) => d.name === 'google_bare');
      assert.strictEqual(docstringUpdate(file, bare, { types: { ...DEFAULT_QUALITY_OPTIONS, omitStarsWhenDocumentingVarargs: true } }), null);
    });

    it('numpy Returns and Yields: the type line follows the annotation, a tuple entry by entry, a sentence stays', () => {
      const text = readFixture('numpy_returns.py');
      assert.match(updated(text, 'bare_type', typed).doc, /\n {4}-------\n {4}str\n {8}The text\.\n/);
      assert.match(updated(text, 'named', typed).doc, /\n {4}-------\n {4}result : str\n {8}The text\.\n/);
      assert.match(updated(text, 'yields_bare', typed).doc, /\n {4}------\n {4}str\n {8}A text\.\n/);
      assert.match(updated(text, 'yields_named', typed).doc, /\n {4}------\n {4}item : str\n {8}A text\.\n/);
      const pair = updated(text, 'pair', typed);
      assert.deepStrictEqual(pair.changes, ['retyped Returns y']);
      assert.match(pair.doc, /\n {4}x : int\n {8}The number\.\n {4}y : str\n {8}Its text\.\n/);
      const file = parsedFile(text);
      assert.strictEqual(docstringUpdate(file, file.structure.definitions.findIndex((d) => d.name === 'prose'), typed), null);
    });

    it('numpy Yields of a tuple item by item: each entry retyped, pydoclint left with only its first-entry DOC404', () => {
      const text = readFixture('numpy_returns.py');
      const pair = updated(text, 'yields_pair', typed);
      assert.deepStrictEqual(pair.changes, ['retyped Yields i', 'retyped Yields s']);
      assert.match(pair.doc, /\n {4}------\n {4}i : int\n {8}The number\.\n {4}s : str\n {8}Its text\.\n/);
      const generator = updated(text, 'yields_pair_generator', typed);
      assert.deepStrictEqual(generator.changes, ['retyped Yields s']);
      // More items than entries (or fewer): nothing to pair them with, the types stay.
      const three = lines('from typing import Iterator', '', '', 'def f(n: int) -> Iterator[tuple[int, str, bool]]:', '    """F.', '', '    Parameters',
        '    ----------', '    n : int', '        N.', '', '    Yields', '    ------', '    i : float', '        I.', '    s : str', '        S.', '    """', '    yield n, "", True', '');
      assert.strictEqual(docstringUpdate(parsedFile(three), 0, typed), null);
      // The fixed definitions: no finding of ours; pydoclint's only DOC4xx is the DOC404 it gives any tuple
      // listed item by item (it compares the first entry with the whole tuple: README, documented differences).
      const fixed = [pair.text, generator.text];
      const names = ['yields_pair', 'yields_pair_generator'];
      fixed.forEach((after, k) => {
        const mine = checkDocstrings(parsedFile(after), { ...DEFAULT_QUALITY_OPTIONS, style: 'numpy' }).filter((f) => f.qualname === names[k]);
        assert.deepStrictEqual(mine.map((f) => f.code), []);
      });
      if (pydoclintMissing()) return;
      const theirs = pydoclintFindings(fixed, ['--style=numpy']);
      fixed.forEach((after, k) => {
        const line = parsedFile(after).structure.definitions.find((d) => d.name === names[k])!.line + 1;
        const found = theirs[k].filter((f) => f.line === line);
        assert.deepStrictEqual(found.map((f) => f.code), ['DOC404']);
        assert.match(found[0].message, /Iterator\[\.\.\.\]\): tuple\[int, str\]; docstring "yields" section types: int$/);
      });
    });

    it('a Returns "type" the parser ran over several lines (asyncio.staggered_race) is prose, not retyped', () => {
      const text = lines('def race(a: int) -> tuple[int, int]:', '    """Race.', '', '    Args:', '        a (int): A.', '', '    Returns:',
        '        tuple *(winner, index)* where', '', '        - *winner*: the result.', '    """', '    return a, a', '');
      assert.strictEqual(docstringUpdate(parsedFile(text), 0, typed), null);
    });
  });
});
