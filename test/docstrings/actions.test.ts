/** The "Update docstring" code actions (server/src/docstrings/actions.ts): where they are offered, what they do. */
import * as assert from 'assert';
import { parsedFile } from '../../server/src/coverage/stubs';
import { docstringUpdateActions } from '../../server/src/docstrings/actions';
import { checkDocstrings, DEFAULT_QUALITY_OPTIONS } from '../../server/src/docstrings/checks';
import { qualityDiagnostics } from '../../server/src/docstrings/checks/diagnostics';
import { fixDocstrings } from '../../server/src/docstrings/fixFile';
import { applyEdits, readFixture } from './helpers';

const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 0 } });

describe('update docstring actions', () => {
  const text = readFixture('stale_google.py');
  const file = parsedFile(text);
  const lineOf = (s: string): number => text.slice(0, text.indexOf(s)).split('\n').length - 1;

  it('offers the quick fix on the header and inside the docstring of a stale function, and nowhere else', () => {
    for (const line of [lineOf('def lost_parameter'), lineOf('c: A number that is gone')]) {
      const actions = docstringUpdateActions({ file, range: at(line), only: ['quickfix'], style: 'google' });
      assert.deepStrictEqual(actions.map((a) => a.title), ['Update docstring to match signature (removed c)']);
      assert.ok(!applyEdits(text, actions[0].edits).includes('A number that is gone'));
    }
    // In the body, below the docstring: nothing.
    assert.deepStrictEqual(docstringUpdateActions({ file, range: at(lineOf('return a + b')), only: ['quickfix'], style: 'google' }), []);
    // On the method inside a class, the method's update (not the class's).
    const method = docstringUpdateActions({ file, range: at(lineOf('def area')), only: ['quickfix'], style: 'google' });
    assert.deepStrictEqual(method.map((a) => a.title), ['Update docstring to match signature (removed unit, added scale)']);
  });

  it('offers one source action for the whole file, and respects `only`', () => {
    const source = docstringUpdateActions({ file, range: at(0), only: ['source'], style: 'pep257' });
    assert.deepStrictEqual(source.map((a) => [a.title, a.kind]), [['Update 10 docstrings to match signatures', 'source.docbits.updateAllDocstrings']]);
    assert.deepStrictEqual(docstringUpdateActions({ file, range: at(0), only: ['source.docbits.addAllDocstrings'], style: 'google' }), []);
    const fresh = parsedFile(applyEdits(text, source[0].edits));
    assert.deepStrictEqual(docstringUpdateActions({ file: fresh, range: at(lineOf('def lost_parameter')), style: 'google' }), []);
  });
});

describe('update all docstrings: classes', () => {
  it('updates a class docstring from its __init__, as --fix does, and leaves nothing for --fix', () => {
    const text = readFixture('stale_class.py');
    const [source] = docstringUpdateActions({ file: parsedFile(text), range: at(0), only: ['source'], style: 'google' });
    assert.strictEqual(source.title, 'Update 4 docstrings to match signatures');
    const updated = applyEdits(text, source.edits);
    const fixed = fixDocstrings(text, { ...DEFAULT_QUALITY_OPTIONS, style: 'google' });
    assert.ok(fixed.ok);
    assert.strictEqual(updated, fixed.text, 'the same text as --fix');
    assert.match(updated, /x \(int\): Across\.\n {8}y \(int\): Description of y\./);
    assert.ok(!updated.includes('step (int)'));
    assert.deepStrictEqual(docstringUpdateActions({ file: parsedFile(updated), range: at(0), only: ['source'], style: 'google' }), []);
  });

  it('an __init__ with its own docstring: the class docstring by default, __init__\'s with allow-init-docstring', () => {
    const text = 'class P:\n    """A point.\n\n    Args:\n        x (int): X.\n    """\n\n    def __init__(self, x: int, y: int) -> None:\n        """Make it.\n\n        Args:\n            x (int): X.\n        """\n        self.x = x\n';
    const update = (allowInitDocstring: boolean) => {
      const quality = { options: { ...DEFAULT_QUALITY_OPTIONS, style: 'google' as const, allowInitDocstring }, findings: [] };
      const [source] = docstringUpdateActions({ file: parsedFile(text), range: at(0), only: ['source'], style: 'google', quality });
      return applyEdits(text, source.edits);
    };
    assert.match(update(false), /^ {8}y \(int\): Description of y\.\n {4}"""\n\n {4}def/m, 'the class docstring');
    assert.match(update(false), /Make it\.\n\n {8}Args:\n {12}x \(int\): X\.\n {8}"""/, '__init__\'s untouched');
    assert.match(update(true), /^ {12}y \(int\): Description of y\.\n {8}"""/m, '__init__\'s own');
    assert.match(update(true), /A point\.\n\n {4}Args:\n {8}x \(int\): X\.\n {4}"""/, 'the class docstring untouched');
  });
});

describe('update docstring actions on quality diagnostics', () => {
  const text = readFixture('quality_actions.py');
  const file = parsedFile(text);
  const options = { ...DEFAULT_QUALITY_OPTIONS, style: 'google' as const };
  const findings = checkDocstrings(file, options);
  const lineOf = (s: string): number => text.slice(0, text.indexOf(s)).split('\n').length - 1;
  /** The diagnostics the editor would send: the published ones (the findings as diagnostics). */
  const diagnosticsOn = (line: number) => qualityDiagnostics(findings, file.lineStarts, 'warning', ['args', 'returns', 'yields', 'raises', 'class', 'attributes'])
    .filter((d) => d.range.start.line === line).map((d) => ({ ...d, source: 'docbits' }));
  const actionsFor = (line: number, diagnostics = diagnosticsOn(line)) =>
    docstringUpdateActions({ file, range: diagnostics[0]?.range ?? at(line), only: ['quickfix'], style: 'google', diagnostics, quality: { options, findings } });

  it('names the diagnostics the update resolves, and is preferred when it resolves them all', () => {
    const diagnostics = diagnosticsOn(lineOf('def fetch'));
    assert.deepStrictEqual(diagnostics.map((d) => d.code), ['DOC101', 'DOC103']);
    const actions = actionsFor(lineOf('def fetch'), diagnostics);
    assert.deepStrictEqual(actions.map((a) => [a.title, a.diagnostics, a.isPreferred]), [
      ['Update docstring to match signature (added timeout)', [0, 1], true],
      ['Ignore with # noqa: DOC101', [0], undefined],
      ['Ignore with # noqa: DOC103', [1], undefined],
    ]);
    // Checked: after the update the function has no findings left.
    const fixed = parsedFile(applyEdits(text, actions[0].edits));
    assert.deepStrictEqual(checkDocstrings(fixed, options).filter((f) => f.qualname === 'fetch'), []);
  });

  it('rewrites a type that disagrees with the annotation, and names its diagnostic too', () => {
    // `value (str)` against `value: int` (DOC105): the type text becomes the annotation, the description stays.
    const diagnostics = [...diagnosticsOn(lineOf('def scale')), ...diagnosticsOn(lineOf('value (str)'))];
    assert.deepStrictEqual(diagnostics.map((d) => d.code), ['DOC201', 'DOC203', 'DOC105']);
    const [update] = actionsFor(lineOf('def scale'), diagnostics);
    assert.strictEqual(update.title, 'Update docstring to match signature (added Returns, retyped value)');
    assert.deepStrictEqual([update.diagnostics, update.isPreferred], [[0, 1, 2], true]);
    assert.ok(applyEdits(text, update.edits).includes('        value (int): The value.\n'));
    // Without quality options (checks off) types stay as written.
    const [plain] = docstringUpdateActions({ file, range: at(lineOf('def scale')), only: ['quickfix'], style: 'google' });
    assert.strictEqual(plain.title, 'Update docstring to match signature (added Returns)');
  });

  it('checks a method, and a function indented under `try`/`else`, again inside their enclosing headers', () => {
    // Shape.area: the update removes `precision`, which resolves both of its argument diagnostics.
    const area = [...diagnosticsOn(lineOf('def area')), ...diagnosticsOn(lineOf('precision (int): Gone.'))];
    const [method] = actionsFor(lineOf('def area'), area);
    assert.deepStrictEqual([method.title, method.diagnostics?.map((i) => area[i].code), method.isPreferred],
      ['Update docstring to match signature (removed precision)', ['DOC103', 'DOC102'], true]);
    // guarded: the arguments and the Returns type (DOC203) go with the update, `z`'s missing annotation (DOC107)
    // stays: had the check read nothing, it would count as resolved.
    const guarded = [...diagnosticsOn(lineOf('def guarded')), ...diagnosticsOn(lineOf('str: The wrong type.') - 1)];
    assert.deepStrictEqual(guarded.map((d) => d.code).sort(), ['DOC101', 'DOC103', 'DOC107', 'DOC203']);
    const [update] = actionsFor(lineOf('def guarded'), guarded);
    assert.deepStrictEqual([update.diagnostics?.map((i) => guarded[i].code).sort(), update.isPreferred], [['DOC101', 'DOC103', 'DOC203'], undefined]);
  });

  it('puts # noqa where pydoclint reads it, merged into a # noqa: there; not beside a bare # noqa', () => {
    const diagnostics = diagnosticsOn(lineOf('precision (int): Gone.'));
    assert.deepStrictEqual(diagnostics.map((d) => d.code), ['DOC102']);
    const noqa = (location: 'docstring' | 'definition', line: number, sent = diagnosticsOn(line)) => docstringUpdateActions({
      file, range: sent[0].range, only: ['quickfix'], style: 'google', diagnostics: sent,
      quality: { options: { ...options, nativeModeNoqaLocation: location }, findings },
    }).filter((a) => a.title.startsWith('Ignore'));
    const onDocstring = noqa('docstring', lineOf('precision (int): Gone.'));
    assert.deepStrictEqual(onDocstring.map((a) => [a.title, a.diagnostics]), [['Ignore with # noqa: DOC102', [0]]]);
    const edited = applyEdits(text, onDocstring[0].edits);
    assert.ok(edited.includes('        """  # noqa: DOC203, DOC102\n'), edited);
    assert.ok(!checkDocstrings(parsedFile(edited), options).some((f) => f.qualname === 'Shape.area' && f.code === 'DOC102'), 'the comment silences it');
    const onDef = noqa('definition', lineOf('precision (int): Gone.'));
    assert.ok(applyEdits(text, onDef[0].edits).includes('def area(self, unit: str) -> float:  # noqa: E501, DOC102\n'));
    // A closing line with no comment gets one; a `def` line with a bare `# noqa` gets none.
    assert.ok(applyEdits(text, noqa('docstring', lineOf('extra (int): Gone.'))[0].edits).includes('            extra (int): Gone.\n        """  # noqa: DOC102\n'));
    assert.deepStrictEqual(noqa('definition', lineOf('extra (int): Gone.')), []);
  });

  it('ignores diagnostics that are no longer findings of the text (stale) and those of other sources', () => {
    const line = lineOf('def fetch');
    const stale = diagnosticsOn(line).map((d) => ({ ...d, range: { start: { line: line + 1, character: 0 }, end: { line: line + 1, character: 1 } } }));
    const other = diagnosticsOn(line).map((d) => ({ ...d, source: 'pydoclint' }));
    for (const diagnostics of [stale, other]) {
      const actions = docstringUpdateActions({ file, range: at(line), only: ['quickfix'], style: 'google', diagnostics, quality: { options, findings } });
      assert.deepStrictEqual(actions.map((a) => [a.title, a.diagnostics, a.isPreferred]), [['Update docstring to match signature (added timeout)', undefined, undefined]]);
    }
  });
});
