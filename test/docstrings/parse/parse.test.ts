/**
 * The docstring parser (server/src/docstrings/parse/) on real-style fixtures in each style: sections and
 * their kinds, entries with name / type / description, spans that point at the file's own text (through raw
 * and escaped literals, CRLF, tabs), style detection with the default as fallback, and problems for
 * malformed sections.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import { docView } from '../../../server/src/docstrings/checks/docView';
import { DocEntry, isPlainProse, ParsedDocstring, parseDocstring, parseDocstringAt, SectionKind, Span } from '../../../server/src/docstrings/parse';
import { decodePython } from '../../../server/src/python/decode';
import { lineStarts } from '../../../server/src/python/lines';
import { parseStructure } from '../../../server/src/python/structure';
import { stdlibFiles } from '../../oracles/stdlib';
import { docstringsOf, FIXTURES, readFixture } from '../helpers';

function get(map: Map<string, ParsedDocstring>, name: string): ParsedDocstring {
  const doc = map.get(name);
  assert.ok(doc, `no docstring for ${name}`);
  return doc;
}

function entries(doc: ParsedDocstring, kind: SectionKind): DocEntry[] {
  return doc.sections.filter((s) => s.kind === kind).flatMap((s) => s.entries);
}

const slice = (text: string, span: Span | null): string | null => (span ? text.slice(span.start, span.end) : null);

describe('docstring parser', () => {
  describe('google', () => {
    const text = readFixture('google_style.py');
    const docs = docstringsOf(text, { defaultStyle: 'numpy' });

    it('reads Args with names, types in parentheses, optional, stars and continuation lines', () => {
      const doc = get(docs, 'fetch_rows');
      assert.strictEqual(doc.style, 'google');
      assert.deepStrictEqual(doc.matchedStyles, ['google']);
      assert.strictEqual(doc.summary, 'Fetch rows from a table.');
      assert.match(doc.longDescription, /^Retrieves rows .*\ndescription over two lines\.$/);
      const params = entries(doc, 'params');
      assert.deepStrictEqual(params.map((e) => e.name), ['table', 'keys', '*args', 'retries', '**kwargs']);
      assert.deepStrictEqual(params.map((e) => e.type), ['Table', 'Sequence[str]', null, 'int, optional', null]);
      assert.deepStrictEqual(params.map((e) => e.optional), [false, false, false, true, false]);
      assert.strictEqual(params[1].description,
        'A sequence of strings representing the key of each\ntable row to fetch.  String keys will be UTF-8 encoded.');
      // The entry's span ends with its last continuation line, without the line break.
      assert.ok(slice(text, params[1].span)!.endsWith('will be UTF-8 encoded.'));
      for (const e of params) {
        assert.strictEqual(slice(text, e.nameSpan), e.name);
        if (e.type) assert.strictEqual(slice(text, e.typeSpan), e.type);
      }
    });

    it('reads Returns as one entry with its type, Raises per exception, and Examples as prose', () => {
      const doc = get(docs, 'fetch_rows');
      assert.deepStrictEqual(doc.sections.map((s) => [s.kind, s.title, s.nonstandard]),
        [['params', 'Args', false], ['returns', 'Returns', false], ['raises', 'Raises', false], ['examples', 'Examples', false]]);
      const [returns] = entries(doc, 'returns');
      assert.strictEqual(returns.type, 'dict');
      assert.strictEqual(returns.description, 'A dict mapping keys to the corresponding table row data\nfetched.');
      assert.deepStrictEqual(entries(doc, 'raises').map((e) => e.name), ['IOError', 'ValueError']);
      assert.strictEqual(entries(doc, 'examples').length, 0);
      assert.strictEqual(slice(text, doc.sections[0].titleSpan), 'Args:');
      assert.deepStrictEqual(doc.problems, []);
    });

    it('reads Yields, untyped Returns, Arguments as params', () => {
      assert.strictEqual(entries(get(docs, 'count_up'), 'yields')[0].type, 'int');
      const doc = get(docs, 'no_type_returns');
      assert.deepStrictEqual(entries(doc, 'params').map((e) => e.name), ['x']);
      const [returns] = entries(doc, 'returns');
      assert.strictEqual(returns.type, null);
      assert.strictEqual(returns.description, 'The same thing, unchanged.');
    });

    it('keeps Warns apart from Raises, and marks titles pydoclint does not read', () => {
      const doc = get(docs, 'warns_not_raises');
      assert.deepStrictEqual(doc.sections.map((s) => [s.kind, s.nonstandard]), [['params', false], ['warns', true], ['notes', true]]);
      assert.deepStrictEqual(entries(doc, 'raises'), []);
      assert.deepStrictEqual(entries(doc, 'warns').map((e) => e.name), ['UserWarning']);
    });

    it('reports an entry without a colon and an empty section as problems, and goes on', () => {
      const doc = get(docs, 'malformed');
      assert.deepStrictEqual(doc.problems.map((p) => p.message),
        ['Entry "a the first, without a colon" in Args has no colon.', 'Section Raises is empty.']);
      assert.strictEqual(slice(text, doc.problems[1].span), 'Raises:');
      assert.deepStrictEqual(entries(doc, 'params').map((e) => e.name), ['a the first, without a colon', 'b']);
    });

    it('reads Attributes of a class (no google marker pydoclint looks for: the default style decides)', () => {
      assert.strictEqual(get(docs, 'Account').style, 'numpy');
      const attrs = entries(get(docstringsOf(text, { defaultStyle: 'google' }), 'Account'), 'attributes');
      assert.deepStrictEqual(attrs.map((e) => [e.name, e.type]), [['owner', 'str'], ['balance', null]]);
    });
  });

  describe('numpy', () => {
    const text = readFixture('numpy_style.py');
    const docs = docstringsOf(text, { defaultStyle: 'google' });

    it('reads dashed sections: parameters, several returns, raises, warns, see also', () => {
      const doc = get(docs, 'resample');
      assert.strictEqual(doc.style, 'numpy');
      assert.deepStrictEqual(doc.sections.map((s) => s.kind), ['params', 'returns', 'raises', 'warns', 'seeAlso']);
      assert.strictEqual(slice(text, doc.sections[0].titleSpan), 'Parameters\n    ----------');
      const params = entries(doc, 'params');
      assert.deepStrictEqual(params.map((e) => [e.name, e.type, e.optional]),
        [['data', 'array_like', false], ['rate', 'float', false], ['axis', 'int, optional', true], ['method', null, false]]);
      assert.strictEqual(params[0].description, 'The signal to resample. It can be\ngiven as any sequence.');
      assert.strictEqual(params[3].descriptionSpan, null);
      assert.deepStrictEqual(entries(doc, 'returns').map((e) => [e.name, e.type]), [[null, 'ndarray'], ['count', 'int']]);
      assert.deepStrictEqual(entries(doc, 'raises').map((e) => e.name), ['ValueError']);
      assert.deepStrictEqual(entries(doc, 'warns').map((e) => e.name), ['RuntimeWarning']);
      assert.strictEqual(doc.longDescription, 'A longer description.');
    });

    it('reads Yields, and reports an unknown section', () => {
      assert.deepStrictEqual(entries(get(docs, 'gen'), 'yields').map((e) => e.type), ['int']);
      const doc = get(docs, 'unknown_section');
      assert.deepStrictEqual(doc.problems.map((p) => p.message), ['Unknown section "Blah Blah".']);
      assert.deepStrictEqual(doc.sections.map((s) => s.kind), ['params', 'other']);
    });

    it('marks an underline whose length differs from the title (pydoclint does not read it)', () => {
      const source = 'def f(x):\n    """S.\n\n    Parameters\n    -----\n    x : int\n        X.\n    """\n';
      const doc = parseDocstringAt(source, source.indexOf('"""'), source.lastIndexOf('"""') + 3);
      assert.strictEqual(doc.style, 'numpy');
      assert.deepStrictEqual(doc.sections.map((s) => [s.kind, s.nonstandard]), [['params', true]]);
    });
  });

  describe('sphinx', () => {
    const text = readFixture('sphinx_style.py');
    const docs = docstringsOf(text, { defaultStyle: 'google' });

    it('reads :param:, inline and :type: types, :return: with :rtype:, :raises:', () => {
      const doc = get(docs, 'send');
      assert.strictEqual(doc.style, 'sphinx');
      const params = entries(doc, 'params');
      assert.deepStrictEqual(params.map((e) => [e.name, e.type]),
        [['sender', 'str'], ['recipient', 'str'], ['message_body', null], ['priority', 'integer or None']]);
      assert.strictEqual(slice(text, params[1].typeField!), ':type recipient: str');
      assert.strictEqual(params[2].description, 'The body of the message,\nover two lines');
      const [returns] = entries(doc, 'returns');
      assert.deepStrictEqual([returns.type, returns.description, slice(text, returns.typeField!)], ['int', 'the message id', ':rtype: int']);
      assert.deepStrictEqual(entries(doc, 'raises').map((e) => e.name), ['ValueError', 'TypeError']);
      // The directive after a blank line is prose, not the last field's description.
      assert.strictEqual(entries(doc, 'raises')[1].description, 'if the message_body is not a basestring');
    });

    it('keeps a :type: or :rtype: without its field as an entry of its own', () => {
      const doc = get(docs, 'only_rtype');
      const params = entries(doc, 'params');
      assert.deepStrictEqual(params.map((e) => [e.name, e.type, e.field]), [['x', null, 'param'], ['unknown', 'int', 'type']]);
      assert.deepStrictEqual(entries(doc, 'returns').map((e) => [e.type, e.field]), [['int', 'rtype']]);
      assert.deepStrictEqual(entries(get(docs, 'gen'), 'yields').map((e) => [e.type, e.description]), [['int', 'the value']]);
    });

    it('types a field with its last :type: or :rtype: (as the fork\'s dict does); an earlier one is an entry of its own', () => {
      const doc = get(docs, 'retyped');
      const params = entries(doc, 'params');
      assert.deepStrictEqual(params.map((e) => [e.name, e.type, e.field]), [['x', 'str', 'param'], ['x', 'int', 'type'], ['y', 'bytes', 'type']]);
      assert.strictEqual(slice(text, params[0].typeField!), ':type x: str');
      assert.strictEqual(slice(text, params[0].typeSpan), 'str');
      assert.deepStrictEqual(entries(doc, 'returns').map((e) => [e.type, e.field]), [['float', 'return'], ['int', 'rtype']]);
    });

    it('reads :ivar: and :cvar: as attributes when parsed as sphinx', () => {
      const doc = docstringsOf(text, { defaultStyle: 'sphinx' }).get('Thing')!;
      assert.deepStrictEqual(entries(doc, 'attributes').map((e) => [e.name, e.type]), [['size', null], ['count', 'int']]);
    });

    it('reports a field without its closing colon', () => {
      assert.deepStrictEqual(get(docs, 'broken').problems.map((p) => p.message), ['Field ":param x the value" has no closing colon.']);
    });
  });

  describe('detection', () => {
    it('falls back to the default style when the docstring shows none, or several', () => {
      const docs = docstringsOf(readFixture('google_style.py'), { defaultStyle: 'sphinx' });
      assert.strictEqual(get(docs, 'Account').style, 'sphinx'); // only `Attributes:`, not one of pydoclint's google markers
      const mixed = 'def f(x):\n    """S.\n\n    Args:\n        x: X.\n\n    :param x: X.\n    """\n';
      const doc = parseDocstringAt(mixed, mixed.indexOf('"""'), mixed.lastIndexOf('"""') + 3, { defaultStyle: 'numpy' });
      assert.deepStrictEqual([doc.style, doc.matchedStyles], ['numpy', ['google', 'sphinx']]);
    });

    it('lets numpy underlines win, and a forced style override detection', () => {
      const both = 'def f(x):\n    """S.\n\n    Args:\n        x: X.\n\n    Returns\n    -------\n    int\n    """\n';
      const at = [both.indexOf('"""'), both.lastIndexOf('"""') + 3] as const;
      assert.deepStrictEqual(parseDocstringAt(both, ...at).matchedStyles, ['numpy']);
      assert.strictEqual(parseDocstringAt(both, ...at, { style: 'google' }).style, 'google');
    });
  });

  describe('spans through the literal', () => {
    const text = readFixture('literals.py');
    const docs = docstringsOf(text, { defaultStyle: 'google' });

    it('maps values of raw and escaped literals back to the source text', () => {
      const raw = entries(get(docs, 'raw_doc'), 'params')[0];
      assert.strictEqual(raw.description, 'A regex such as \\w+.');
      assert.strictEqual(slice(text, raw.descriptionSpan), 'A regex such as \\w+.');
      const escaped = get(docs, 'escaped_doc');
      const [pattern, flags] = entries(escaped, 'params');
      assert.strictEqual(pattern.description, 'A regex such as \\w+.');
      assert.strictEqual(slice(text, pattern.descriptionSpan), 'A regex such as \\\\w+.');
      assert.strictEqual(flags.description, 'The flags.');
      assert.strictEqual(slice(text, flags.descriptionSpan), 'The \\x66lags.');
      assert.strictEqual(slice(text, escaped.summarySpan), 'Match a pattern like \\\\d+ and \\t tabs.');
    });

    it('reads single quotes, tab indentation and CRLF line ends', () => {
      assert.deepStrictEqual(get(docs, 'single_quoted').literals.map((l) => l.quote), ["'''"]);
      assert.strictEqual(slice(text, entries(get(docs, 'tabs'), 'params')[0].span), 'a: The input.');
      const crlf = readFixture('crlf.py');
      const doc = get(docstringsOf(crlf), 'crlf');
      assert.strictEqual(doc.style, 'google');
      const params = entries(doc, 'params');
      assert.deepStrictEqual(params.map((e) => slice(crlf, e.span)), ['a (int): The first.', 'b: The second.']);
      assert.strictEqual(slice(crlf, doc.sections[0].span), 'Args:\r\n        a (int): The first.\r\n        b: The second.');
    });

    it('reads a summary line and implicit concatenation', () => {
      const oneLine = get(docs, 'one_line');
      assert.strictEqual(oneLine.summary, 'Args: not a section on the summary line.');
      assert.deepStrictEqual(oneLine.sections, []);
      const concatenated = get(docs, 'concatenated');
      assert.strictEqual(concatenated.literals.length, 2);
      assert.strictEqual(concatenated.summary, 'Concatenated. Args are not split.');
    });
  });

  it('reads a one-literal docstring without the tokenizer exactly as through it (stdlib docstrings, an empty literal appended)', () => {
    let compared = 0;
    for (const file of stdlibFiles().filter((_, i) => i % 4 === 0)) {
      const decoded = decodePython(fs.readFileSync(file));
      if (!decoded.ok) continue;
      const text = decoded.text;
      const starts = lineStarts(text);
      for (const def of parseStructure(text).definitions) {
        const doc = def.docstring;
        if (!doc) continue;
        const start = starts[doc.startLine] + doc.startCol;
        const end = starts[doc.endLine] + doc.endCol;
        // `"""Doc.""" ''` has the same value; its two literals take the tokenizer's path.
        const joined = `${text.slice(0, end)} ''${text.slice(end)}`;
        const fast = parseDocstringAt(text, start, end);
        const tokenized = parseDocstringAt(joined, start, end + 3);
        assert.strictEqual(tokenized.literals.length, fast.literals.length + 1, file);
        // Spread copies the fields; the detected styles are a getter (read on demand), so they are copied by name.
        assert.deepStrictEqual({ ...tokenized, matchedStyles: tokenized.matchedStyles, literals: tokenized.literals.slice(0, -1), span: fast.span },
          { ...fast, matchedStyles: fast.matchedStyles }, `${file}:${doc.startLine + 1}`);
        compared++;
      }
    }
    assert.ok(compared > 2000, `${compared} docstrings`);
  });

  it('isPlainProse: what it calls prose parses to a summary, no section and no problem, in every style (stdlib, fixtures)', () => {
    let plain = 0, numpyPlain = 0, all = 0;
    const texts = [...stdlibFiles().filter((_, i) => i % 4 === 1), ...fs.readdirSync(FIXTURES).filter((n) => n.endsWith('.py')).map((n) => `${FIXTURES}/${n}`)];
    for (const file of texts) {
      const decoded = decodePython(fs.readFileSync(file));
      if (!decoded.ok) continue;
      const text = decoded.text;
      const starts = lineStarts(text);
      for (const def of parseStructure(text).definitions) {
        if (!def.docstring || def.docstring.blank) continue;
        all++;
        if (isPlainProse(text, starts, def.docstring, 'numpy')) {
          numpyPlain++;
          const doc = parseDocstring(text, starts, def.docstring, { style: 'numpy' });
          assert.deepStrictEqual([doc.sections, doc.problems], [[], []], `${file}:${def.line + 1} numpy`);
          assert.ok(doc.summary !== '' && docView(doc).short, `${file}:${def.line + 1} numpy`);
        }
        if (!isPlainProse(text, starts, def.docstring)) continue;
        plain++;
        for (const style of ['google', 'numpy', 'sphinx'] as const) {
          const doc = parseDocstring(text, starts, def.docstring, { style });
          assert.deepStrictEqual([doc.sections, doc.problems], [[], []], `${file}:${def.line + 1} ${style}`);
          assert.ok(doc.summary !== '' && docView(doc).short, `${file}:${def.line + 1} ${style}`);
        }
      }
    }
    assert.ok(plain > all / 2 && plain < all, `${plain} of ${all}`);
    // In numpy style alone colons make nothing: most of what has one is prose there too.
    assert.ok(numpyPlain > plain && numpyPlain < all, `${numpyPlain} numpy-plain, ${plain} plain, of ${all}`);
    // Each thing that can make a section, an entry or a problem makes it not plain.
    const made = (body: string): boolean => {
      const text = `def f():\n    """${body}"""\n`;
      return isPlainProse(text, lineStarts(text), parseStructure(text).definitions[0].docstring!);
    };
    assert.deepStrictEqual(['Sum.\n\n    More - and more.\n    ', 'Args:', 'Sum.\n\n    Notes\n    -----\n    x', ':param x', 'a\\x3a', 'Sum\u00a0'].map(made),
      [true, false, false, false, false, false]);
    const madeInNumpy = (body: string): boolean => {
      const text = `def f():\n    """${body}"""\n`;
      return isPlainProse(text, lineStarts(text), parseStructure(text).definitions[0].docstring!, 'numpy');
    };
    assert.deepStrictEqual(['Args:', ':param x', 'Sum.\n\n    - a bullet', 'Sum.\n\n    Notes\n    -----\n    x', 'Sum.\n\n    Notes\n    -----', 'a\\x2d', 'Sum\u00a0'].map(madeInNumpy),
      [true, true, true, false, false, false, false]);
    // Joined literals are parsed: a line of the value can start in the middle of the text's line.
    const joined = 'def f():\n    ("""Sum.\n\n    Notes\n""" """-----\n    x""")\n';
    assert.strictEqual(isPlainProse(joined, lineStarts(joined), parseStructure(joined).definitions[0].docstring!, 'numpy'), false);
  });

  it('gives every span inside the docstring, in order, on every fixture and in every style', () => {
    for (const name of fs.readdirSync(FIXTURES).filter((n) => n.endsWith('.py'))) {
      const text = readFixture(name);
      for (const style of ['google', 'numpy', 'sphinx'] as const) {
        for (const doc of docstringsOf(text, { style }).values()) {
          const spans: Span[] = [doc.span];
          if (doc.summarySpan) spans.push(doc.summarySpan);
          for (const s of doc.sections) {
            spans.push(s.span, ...(s.titleSpan ? [s.titleSpan] : []));
            for (const e of s.entries) spans.push(...[e.span, e.nameSpan, e.typeSpan, e.descriptionSpan, e.typeField].filter((x): x is Span => !!x));
          }
          for (const p of doc.problems) spans.push(p.span);
          for (const span of spans) {
            assert.ok(doc.span.start <= span.start && span.start <= span.end && span.end <= doc.span.end, `${name} ${style}: ${JSON.stringify(span)}`);
          }
        }
      }
    }
  });
});
