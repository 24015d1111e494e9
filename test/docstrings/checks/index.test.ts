/** The docstring-quality checks (server/src/docstrings/checks/) on small cases: each rule, noqa, our own rules. */
import * as assert from 'assert';
import { checkDocstrings, DEFAULT_QUALITY_OPTIONS, QualityOptions } from '../../../server/src/docstrings/checks';
import { withMarkers } from '../../../server/src/docstrings/checks/options';
import { inRuleGroups } from '../../../server/src/docstrings/checks/types';
import { DEFAULT_MARKERS } from '../../../server/src/config/options';
import { lineStarts } from '../../../server/src/python/lines';
import { parseStructure } from '../../../server/src/python/structure';

const check = (text: string, options: Partial<QualityOptions> = {}): string[] =>
  checkDocstrings({ text, structure: parseStructure(text), lineStarts: lineStarts(text) }, { ...DEFAULT_QUALITY_OPTIONS, style: 'google', ...options })
    .map((f) => `${f.line + 1}:${f.code}`);
const messages = (text: string, options: Partial<QualityOptions> = {}): string[] =>
  checkDocstrings({ text, structure: parseStructure(text), lineStarts: lineStarts(text) }, { ...DEFAULT_QUALITY_OPTIONS, style: 'google', ...options })
    .map((f) => `${f.code} ${f.message}`);

const fn = (signature: string, doc: string[], body: string[] = ['pass']): string =>
  [`def ${signature}:`, '    """Summary.', '', ...doc.map((l) => (l ? `    ${l}` : '')), '    """', ...body.map((l) => `    ${l}`), ''].join('\n');

describe('docstrings/checks', () => {
  it('a complete docstring has no findings', () => {
    assert.deepStrictEqual(check(fn('f(a: int) -> int', ['Args:', '    a (int): A.', '', 'Returns:', '    int: The a.'], ['return a'])), []);
  });

  it('a missing argument: DOC101 and DOC103, naming it', () => {
    const text = fn('f(a: int, b: int) -> None', ['Args:', '    a (int): A.']);
    assert.deepStrictEqual(check(text), ['1:DOC101', '1:DOC103']);
    assert.ok(messages(text)[0].includes('Argument `b` is missing from the docstring of `f`'), messages(text)[0]);
  });

  it('order (DOC104) and types (DOC105), with spacing and quotes not mattering', () => {
    assert.deepStrictEqual(check(fn('f(a: int, b: int) -> None', ['Args:', '    b (int): B.', '    a (int): A.'])), ['1:DOC104']);
    assert.deepStrictEqual(check(fn('f(a: int) -> None', ['Args:', '    a (str): A.'])), ['1:DOC105']);
    assert.deepStrictEqual(check(fn('f(a: "Dict[str, int]") -> None', ['Args:', '    a (Dict[str,int]): A.'])), []);
  });

  it('Optional[str] matches `str, optional` only with optional-equivalence', () => {
    const text = fn('f(a: Optional[str] = None) -> None', ['Args:', '    a (str, optional): A.']);
    assert.deepStrictEqual(check(text), ['1:DOC105']);
    assert.deepStrictEqual(check(text, { optionalEquivalence: true }), []);
    assert.deepStrictEqual(check(fn('f(a: str | None = None) -> None', ['Args:', '    a (str, optional): A.']), { optionalEquivalence: true }), []);
  });

  it('self and cls are not arguments; a staticmethod\'s first one is', () => {
    const text = ['class C:', '    """C."""', '', '    @staticmethod', '    def s(x: int) -> None:', '        """S.', '', '        Args:', '            x (int): X.', '        """', '',
      '    def m(self, x: int) -> None:', '        """M.', '', '        Args:', '            x (int): X.', '        """', ''].join('\n');
    assert.deepStrictEqual(check(text), []);
  });

  it('returns: DOC201, DOC202, DOC203; a bare `return` returns nothing', () => {
    assert.deepStrictEqual(check(fn('f() -> int', ['Raises:', '    ValueError: V.'], ['raise ValueError'])), ['1:DOC201', '1:DOC203']);
    assert.deepStrictEqual(check(fn('f()', ['Returns:', '    int: I.'])), ['1:DOC202', '1:DOC203']);
    assert.deepStrictEqual(check(fn('f(a: int)', ['Args:', '    a (int): A.'], ['if a:', '    return', 'print(a)'])), []);
  });

  it('google: a Returns section pydoclint finds nothing in is one untyped entry (DOC203, not DOC201)', () => {
    assert.deepStrictEqual(check(fn('f(a: int) -> int', ['Args:', '    a (int): A.', '', 'Returns:', ''], ['return a'])), ['1:DOC203']);
    assert.deepStrictEqual(check(fn('f(a: int)', ['Args:', '    a (int): A.', '', 'Returns:', ''], ['print(a)'])), ['1:DOC202', '1:DOC203']);
    // Opening with its only section, the entries are dedented to the title by the parser's second cleaning.
    const opens = 'def f() -> int:\n    """\n    Returns:\n        int: One.\n    """\n    return 1\n';
    assert.deepStrictEqual(check(opens), ['1:DOC203']);
    assert.deepStrictEqual(check(opens.replace('"""\n    Returns:', '"""One.\n\n    Returns:')), []);
  });

  it('yields: DOC402, DOC403, DOC404', () => {
    assert.deepStrictEqual(check(fn('f(n: int) -> Iterator[int]', ['Args:', '    n (int): N.'], ['yield n'])), ['1:DOC402', '1:DOC404']);
    assert.deepStrictEqual(check(fn('f(n: int) -> Iterator[int]', ['Args:', '    n (int): N.', '', 'Yields:', '    int: N.'], ['yield n'])), []);
    assert.deepStrictEqual(check(fn('f(n: int) -> int', ['Args:', '    n (int): N.', '', 'Returns:', '    int: N.', '', 'Yields:', '    int: N.'], ['return n'])), ['1:DOC403']);
    // `x = yield` makes a generator too (pydoclint sees only yield statements).
    assert.deepStrictEqual(check(fn('f(n: int) -> Generator[int, int, None]', ['Args:', '    n (int): N.'], ['x = yield n'])), ['1:DOC402', '1:DOC404']);
  });

  it('raises: a re-raise inside `except X` raises X, module.Error matches Error, a variable is not a type', () => {
    const reraise = fn('f(p: str) -> None', ['Args:', '    p (str): P.', '', 'Raises:', '    OSError: O.'], ['try:', '    open(p)', 'except OSError as e:', '    raise e']);
    assert.deepStrictEqual(check(reraise), []);
    assert.deepStrictEqual(check(fn('f(p: str) -> None', ['Args:', '    p (str): P.', '', 'Raises:', '    error: E.'], ['raise os.error(p)'])), []);
    assert.deepStrictEqual(check(fn('f(e: Exception) -> None', ['Args:', '    e (Exception): E.', '', 'Raises:', '    KeyError: K.'], ['raise e'])), []);
    assert.deepStrictEqual(check(fn('f(p: str) -> None', ['Args:', '    p (str): P.'], ['raise ValueError(p)'])), ['1:DOC501', '1:DOC503']);
    assert.deepStrictEqual(check(fn('f(p: str) -> None', ['Args:', '    p (str): P.', '', 'Raises:', '    KeyError: K.'], ['print(p)'])), ['1:DOC502']);
  });

  it('an assert is not a raise, unless should-declare-assert-error-if-assert-statement-exists', () => {
    const text = fn('f(a: int) -> None', ['Args:', '    a (int): A.'], ['assert a']);
    assert.deepStrictEqual(check(text), []);
    assert.deepStrictEqual(check(text, { shouldDeclareAssertErrorIfAssertStatementExists: true }), ['1:DOC504']);
  });

  it('numpy: an entry may name several arguments (`x1, x2 : int`, as numpydoc allows), each checked', () => {
    const combined = fn('f(x1: int, x2: int, y: str) -> None', ['Parameters', '----------', 'x1, x2 : int', '    The inputs.', 'y : str', '    Y.']);
    assert.deepStrictEqual(check(combined, { style: 'numpy' }), []);
    const wrongType = fn('f(x1: int, x2: str) -> None', ['Parameters', '----------', 'x1, x2 : int', '    The inputs.']);
    assert.deepStrictEqual(check(wrongType, { style: 'numpy' }), ['1:DOC105']);
    const extra = fn('f(x1: int) -> None', ['Parameters', '----------', 'x1, x2 : int', '    The inputs.']);
    assert.deepStrictEqual(check(extra, { style: 'numpy' }), ['1:DOC102', '1:DOC103']);
    // IPython's `raw, output : bool` for (pattern, raw, search_raw, output): the entry's first name keeps the order.
    const apart = fn('f(pattern: str, raw: bool, search_raw: bool, output: bool) -> None', ['Parameters', '----------', 'pattern : str', '    P.', 'raw, output : bool', '    R.', 'search_raw : bool', '    S.']);
    assert.deepStrictEqual(check(apart, { style: 'numpy' }), []);
    const disordered = fn('f(pattern: str, raw: bool, search_raw: bool, output: bool) -> None', ['Parameters', '----------', 'search_raw : bool', '    S.', 'raw, output : bool', '    R.', 'pattern : str', '    P.']);
    assert.deepStrictEqual(check(disordered, { style: 'numpy' }), ['1:DOC104']);
  });

  it('Warns is not Raises (numpy)', () => {
    const text = ['def f(a: int) -> None:', '    """Summary.', '', '    Parameters', '    ----------', '    a : int', '        A.', '',
      '    Warns', '    -----', '    UserWarning', '        Always.', '    """', '    print(a)', ''].join('\n');
    assert.deepStrictEqual(check(text, { style: 'numpy' }), []);
  });

  it('class and __init__: DOC301; arguments documented in the class are checked against __init__', () => {
    const both = ['class C:', '    """C.', '', '    Args:', '        a (int): A.', '    """', '', '    def __init__(self, a: int) -> None:', '        """Init."""', ''].join('\n');
    assert.deepStrictEqual(check(both), ['8:DOC301']);
    const inClass = ['class C:', '    """C.', '', '    Args:', '        a (int): A.', '    """', '', '    def __init__(self, a: int, b: int) -> None:', '        self.a = a', ''].join('\n');
    assert.deepStrictEqual(check(inClass), ['8:DOC101', '8:DOC103']);
  });

  it('allow-init-docstring: an unreadable class or __init__ docstring (DOC001) has no sections for DOC302-DOC307', () => {
    const init = ['    def __init__(self, a: int) -> None:', '        """Init.', '', '        Args:', '            a (int): A.', '        """', '        self.a = a', ''];
    const classDoc = ['class C:', '    """C.', '', '    Args:', '        a (int): A.', '', '    Raises:', '    """', '', ...init].join('\n');
    assert.deepStrictEqual(check(classDoc, { allowInitDocstring: true }), ['1:DOC001']);
    assert.deepStrictEqual(check(classDoc.replace('\n    Raises:', ''), { allowInitDocstring: true }), ['1:DOC304']);
    const initDoc = ['class C:', '    """C."""', '', '    def __init__(self, a: int) -> None:', '        """Init.', '', '        Args:', '            a (int): A.', '', '        Returns:', '            int: I.', '', '        Raises:', '        """', ''].join('\n');
    assert.deepStrictEqual(check(initDoc, { allowInitDocstring: true }), ['4:DOC001']);
    // pydoclint puts the __init__ Returns on the class as well (DOC302).
    assert.deepStrictEqual(check(initDoc.replace('\n        Raises:', ''), { allowInitDocstring: true }), ['4:DOC303', '1:DOC302']);
  });

  it('a class docstring of spaces that ast.get_docstring keeps is checked; numpy `.. deprecated::` alone is not short', () => {
    assert.deepStrictEqual(check('class C:\n    """\n    """\n\n    size: int = 1\n'), ['1:DOC601', '1:DOC603']);
    assert.deepStrictEqual(check('class C:\n    """\n\n"""\n\n    size: int = 1\n'), [], 'cleaned to an empty docstring');
    assert.deepStrictEqual(check('class C:\n    """  """\n\n    size: int = 1\n'), []);
    assert.deepStrictEqual(check('def f(a):\n    """.. deprecated:: 2.0"""\n', { style: 'numpy' }), ['1:DOC101', '1:DOC106', '1:DOC107', '1:DOC103']);
  });

  it('an __init__ overload inside a block of the class body is checked; one in the body itself is a stub', () => {
    const cls = (stubIndent: string): string => ['class C:', '    """C.', '', '    Args:', '        a (int): A.', '    """', '',
      ...(stubIndent ? ['    if TYPE_CHECKING:'] : []), `${stubIndent}    @overload`, `${stubIndent}    def __init__(self, a: str) -> None:`, `${stubIndent}        ...`, '',
      '    def __init__(self, a: int) -> None:', '        self.a = a', ''].join('\n');
    assert.deepStrictEqual(check(cls('    ')), ['10:DOC105']);
    assert.deepStrictEqual(check(cls('')), []);
  });

  it('google: an entry whose colon is on a later line is read with its type from there (`a` then `    (int): A.`)', () => {
    assert.deepStrictEqual(check(fn('f(a: int) -> None', ['Args:', '    a', '        (str):', '        A.'])), ['1:DOC105']);
    assert.deepStrictEqual(check(fn('f(a: int) -> None', ['Args:', '    a', '        (int): A.'])), []);
  });

  it('class attributes: DOC601, DOC603, inline attribute docstrings (DOC606), private ones left out', () => {
    const text = ['class C:', '    """C.', '', '    Attributes:', '        a (int): A.', '    """', '', '    a: int = 1', '    b: str = "b"', '    """About b."""', '    _c = 3', ''].join('\n');
    assert.deepStrictEqual(check(text), ['10:DOC606', '1:DOC601', '1:DOC603']);
  });

  it('short docstrings are skipped unless skip-checking-short-docstrings is off', () => {
    const text = 'def f(a):\n    """Only a summary."""\n    return a\n';
    assert.deepStrictEqual(check(text), []);
    assert.deepStrictEqual(check(text, { skipCheckingShortDocstrings: false }), ['1:DOC101', '1:DOC106', '1:DOC107', '1:DOC103', '1:DOC201']);
  });

  it('# noqa: DOCxxx on the closing quotes (or the def line, if so configured) excuses; a bare # noqa does not', () => {
    const base = fn('f(a: int, b: int) -> None', ['Args:', '    a (int): A.']);
    assert.deepStrictEqual(check(base.replace('    """\n    pass', '    """  # noqa: DOC101, DOC103\n    pass')), []);
    assert.deepStrictEqual(check(base.replace('    """\n    pass', '    """  # noqa: DOC1\n    pass')), []);
    assert.deepStrictEqual(check(base.replace('    """\n    pass', '    """  # noqa\n    pass')), ['1:DOC101', '1:DOC103']);
    const onDef = base.replace('-> None:', '-> None:  # noqa: DOC101');
    assert.deepStrictEqual(check(onDef), ['1:DOC101', '1:DOC103']);
    assert.deepStrictEqual(check(onDef, { nativeModeNoqaLocation: 'definition' }), ['1:DOC103']);
  });

  it('# nodocqa excuses a definition from every check (on its header or the line above); # nodocqa: file the file', () => {
    const base = fn('f(a: int, b: int) -> None', ['Args:', '    a (int): A.']);
    const other = fn('g(x: int) -> None', ['Args:', '    y (int): Y.']);
    assert.deepStrictEqual(check(base + other), ['1:DOC101', '1:DOC103', '8:DOC103']);
    assert.deepStrictEqual(check(base.replace('-> None:', '-> None:  # nodocqa') + other), ['8:DOC103']);
    assert.deepStrictEqual(check(`# nodocqa\n${base}${other}`), ['9:DOC103']);
    assert.deepStrictEqual(check(`# nodocqa: file\n${base}${other}`), []);
    // A word that only starts like the marker is not it.
    assert.deepStrictEqual(check(base.replace('-> None:', '-> None:  # nodocqastuff')), ['1:DOC101', '1:DOC103']);
  });

  it('# nodocqa excuses nothing when the coverage marker settings turn it off (nodocqa: false)', () => {
    const base = fn('f(a: int, b: int) -> None', ['Args:', '    a (int): A.']);
    assert.deepStrictEqual(check(base.replace('-> None:', '-> None:  # nodocqa'), { nodocqa: false }), ['1:DOC101', '1:DOC103']);
    assert.deepStrictEqual(check(`# nodocqa: file\n${base}`, { nodocqa: false }), ['2:DOC101', '2:DOC103']);
  });

  it('withMarkers copies coverage\'s nodocqa setting, keeping the object when it agrees', () => {
    const off = withMarkers(DEFAULT_QUALITY_OPTIONS, { ...DEFAULT_MARKERS, nodocqa: false });
    assert.strictEqual(off.nodocqa, false);
    assert.strictEqual(off.style, DEFAULT_QUALITY_OPTIONS.style);
    assert.strictEqual(withMarkers(DEFAULT_QUALITY_OPTIONS, DEFAULT_MARKERS), DEFAULT_QUALITY_OPTIONS);
  });

  it('numpy: a type\'s default (`int, default 3`) is not part of the type, but with check-arg-defaults', () => {
    const numpy = (type: string): string => ['def f(a: int = 3) -> None:', '    """F.', '', '    Parameters', '    ----------', `    a : ${type}`, '        A.', '    """', ''].join('\n');
    for (const type of ['int, default 3', 'int, default=3', 'int, default: 3']) assert.deepStrictEqual(check(numpy(type), { style: 'numpy' }), [], type);
    assert.deepStrictEqual(check(numpy('str, default 3'), { style: 'numpy' }), ['1:DOC105']);
    assert.deepStrictEqual(check(numpy('int, default=3'), { style: 'numpy', checkArgDefaults: true }), []);
    assert.deepStrictEqual(check(numpy('int'), { style: 'numpy', checkArgDefaults: true }), ['1:DOC105']);
  });

  it('sphinx: a `:type x:` types every `:param x:`; a role names the exception of a bare `:raises:`', () => {
    const twice = ['def f(a: str, b: str) -> None:', '    """F.', '', '    :type a: str', '    :param a: A.', '    :param a: Again.', '    """', ''].join('\n');
    assert.deepStrictEqual(check(twice, { style: 'sphinx' }), ['1:DOC103']);
    const raises = (role: string): string => ['def f() -> None:', '    """F.', '', `    :raises: ${role} when it fails.`, '    """', '    raise Error()', ''].join('\n');
    assert.deepStrictEqual(check(raises(':class:`~module.Error`'), { style: 'sphinx' }), []);
    assert.deepStrictEqual(check(raises(':exc:`Error`'), { style: 'sphinx' }), []);
    assert.deepStrictEqual(check(raises(':exc:`KeyError`'), { style: 'sphinx' }), ['1:DOC503']);
  });

  it('check-arg-defaults: the docstring type carries the default (`int, default=3`), for attributes too', () => {
    const text = fn('f(a: int = 3) -> None', ['Args:', '    a (int): A.']);
    assert.deepStrictEqual(check(text), []);
    assert.deepStrictEqual(check(text, { checkArgDefaults: true }), ['1:DOC105']);
    assert.deepStrictEqual(check(fn('f(a: int = 3) -> None', ['Args:', '    a (int, default=3): A.']), { checkArgDefaults: true }), []);
    const cls = 'class C:\n    """C.\n\n    Attributes:\n        size (int): Big.\n    """\n\n    size: int = 1\n';
    assert.deepStrictEqual(check(cls), []);
    assert.deepStrictEqual(check(cls, { checkArgDefaults: true }), ['1:DOC605']);
  });

  it('check-style-mismatch: DOC003 on a docstring in another style (or several), checked in the one it shows', () => {
    const sphinx = 'def f(a: int, b: int) -> int:\n    """Sum.\n\n    :param a: A.\n    """\n    return a + b\n';
    assert.deepStrictEqual(check(sphinx), [], 'off by default: google reads no Args section in it');
    // Read as sphinx: `b` is missing; the return, yield and raise checks are left out, as pydoclint does.
    assert.deepStrictEqual(check(sphinx, { checkStyleMismatch: true }), ['1:DOC003', '1:DOC101', '1:DOC103']);
    assert.match(messages(sphinx, { checkStyleMismatch: true })[0], /`f` is written in sphinx style, not google as configured/);
    const asSphinx = check(sphinx, { checkStyleMismatch: true, style: 'sphinx' });
    assert.ok(!asSphinx.includes('1:DOC003') && asSphinx.includes('1:DOC201'), `the configured style: no DOC003, every check (${asSphinx.join()})`);
    const mixed = fn('f(a: int) -> None', ['Args:', '    a (int): A.', ':param a: A.']);
    assert.deepStrictEqual(check(mixed, { checkStyleMismatch: true }), ['1:DOC003']);
    assert.match(messages(mixed, { checkStyleMismatch: true })[0], /a mix of google and sphinx styles/);
    // Under a mismatch no type is judged (DOC105-DOC111), but a wrong order with wrong types is still DOC104 and DOC105.
    const numpy = (params: string[]) => fn('f(a: int, b: int) -> None', ['Parameters', '----------', ...params]);
    assert.deepStrictEqual(check(numpy(['a : str', '    A.', 'b : int', '    B.']), { checkStyleMismatch: true }), ['1:DOC003']);
    assert.deepStrictEqual(check(numpy(['b : int', '    B.', 'a : str', '    A.']), { checkStyleMismatch: true }), ['1:DOC003', '1:DOC104', '1:DOC105']);
    assert.deepStrictEqual(check(numpy(['a', '    A.', 'b', '    B.']), { checkStyleMismatch: true }), ['1:DOC003'], 'no DOC110 for untyped entries');
  });

  it('DOC001 and DOC003 show under any rule group switched on; the others under their own', () => {
    assert.deepStrictEqual(['DOC001', 'DOC003', 'DOC101', 'DOC201', 'DOC601'].filter((code) => inRuleGroups(code, ['returns'])), ['DOC001', 'DOC003', 'DOC201']);
    assert.strictEqual(inRuleGroups('DOC003', []), false);
  });

  it('check-style-mismatch: a docstring that cannot be read is DOC001 only, not DOC003', () => {
    const text = fn('f(a, b)', ['Args:', '    a - no colon here']);
    assert.deepStrictEqual(check(text, { checkStyleMismatch: true }), ['1:DOC001']);
    assert.deepStrictEqual(check(text, { checkStyleMismatch: true, style: 'numpy' }), ['1:DOC001']);
  });

  it('a malformed section is DOC001 and nothing else for that definition', () => {
    assert.deepStrictEqual(check(fn('f(a, b)', ['Args:', '    a - no colon here'])), ['1:DOC001']);
  });

  it('findings point at the wrong docstring entry, or the name in the signature', () => {
    const text = fn('f(a: int) -> None', ['Args:', '    a (int): A.', '    z (int): Z.']);
    const findings = checkDocstrings({ text, structure: parseStructure(text), lineStarts: lineStarts(text) }, { ...DEFAULT_QUALITY_OPTIONS, style: 'google' });
    const extra = findings.find((f) => f.code === 'DOC102')!;
    assert.ok(text.slice(extra.span.start, extra.span.end).startsWith('z (int)'), text.slice(extra.span.start, extra.span.end));
    const names = findings.find((f) => f.code === 'DOC103')!;
    assert.strictEqual(text.slice(names.span.start, names.span.end), 'f');
    const missing = fn('g(a: int, bee: int) -> None', ['Args:', '    a (int): A.']);
    const onParameter = checkDocstrings({ text: missing, structure: parseStructure(missing), lineStarts: lineStarts(missing) }, { ...DEFAULT_QUALITY_OPTIONS, style: 'google' })
      .find((f) => f.code === 'DOC101')!;
    assert.strictEqual(missing.slice(onParameter.span.start, onParameter.span.end), 'bee');
  });

  it('never throws on broken code', () => {
    for (const text of ['def f(:\n    """S.\n\n    Args:\n', 'class C:\n    """C.\n\n    Attributes:\n        x', 'def f(a)\n    """\n']) {
      assert.ok(Array.isArray(check(text)));
    }
  });
});
