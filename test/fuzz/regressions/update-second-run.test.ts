/**
 * Found by the fuzzer (seed 781902485): a second "Update docstring" still changed something.
 * - Cases 119 and 911 (gen:manyNumpySections, brackets unbalanced so `def fx:` has no parameters): several
 *   Parameters sections; only the first was rewritten, so each update removed one more.
 * - Case 1100 (test/fixtures/docstrings/stale_sphinx.py with line endings mixed): a `:type recipient:` with no
 *   `:param recipient:` was written twice (its typeField is its own span), and a field and its type line were
 *   joined with the docstring's line break instead of their own.
 * - Seed 767436390 case 375 (gen:manySphinxFields): lone `:type orphanN:` fields between the fields and an
 *   `:rtype:` among them made the list one we could only patch, not reorder; once they were gone, the next
 *   update reordered it.
 * - Seed 767436390 cases 13, 446, 1406 (`arg-type-hints-in-docstring = false`): a lone `:type y:` for a
 *   parameter stayed beside the new `:param y:`, and the next fix took the type out.
 */
import * as assert from 'assert';
import { parsedFile } from '../../../server/src/coverage/stubs';
import { DEFAULT_QUALITY_OPTIONS } from '../../../server/src/docstrings/checks';
import { fixDocstrings } from '../../../server/src/docstrings/fixFile';
import { allDocstringUpdates, docstringUpdate } from '../../../server/src/docstrings/update';
import { applyEdits, lineStarts } from '../check';

const SECTIONS = '    Parameters\n    ----------\n    x : int\n        X.\n\n    Raises\n    ------\n    ValueError\n        When.\n\n';
const REPEATED = `def fx:\n    """S.\n\n${SECTIONS.repeat(7)}    """\n    raise ValueError\n`;
const MIXED = '"""Sphinx-style docstrings."""\r\n\rdef send(sender, recipient: str, body: bytes, priority=1):\n\r    """Send a message.\n\n\r'
  + '    param recipient: The recipient of the message\r    :type recipient: str\n    :param str sender: The person sending the message\r'
  + '    :param old: A parameter that is gone\n\r    :type old: int\r\n    :return: the message id\n\r    :rtype: int\r    """\n\r'
  + '    if not body:\r\n        raise ValueError("empty")\n\r    return 1\r\n';

const INTERLEAVED = 'def f(a0, a1, a2):\n    """S.\n\n    :param a2: A.\n    :param a1: A.\n    :param a0: A.\n    :type a0: int\n'
  + '    :type orphan0: str\n    :type a1: int\n    :type orphan1: str\n    :type a2: int\n    :rtype: int\n    :type orphan2: str\n'
  + '    :rtype: int\n    """\n    return 1\n';
const LONE_TYPE = 'def g(x, y):\n    """G.\n\n    :param x: The x.\n    :type y: bytes\n    """\n    return x + y\n';

function updatedOnce(text: string, index: number | 'all', style: 'numpy' | 'sphinx'): string {
  const file = parsedFile(text);
  const edits = index === 'all' ? allDocstringUpdates(file, { defaultStyle: style }).edits : docstringUpdate(file, index, { defaultStyle: style })?.edits ?? [];
  assert.ok(edits.length > 0, 'the first update changes something');
  return applyEdits(text, edits, lineStarts(text), 'docstrings');
}

describe('fuzz regression: a second "Update docstring" changes nothing', () => {
  it('seven Parameters sections for a function without parameters all go at once', () => {
    const after = updatedOnce(REPEATED, 0, 'numpy');
    assert.ok(!after.includes('Parameters'), after);
    assert.strictEqual(after.split('Raises').length - 1, 7, 'the Raises sections stay');
    assert.strictEqual(docstringUpdate(parsedFile(after), 0, { defaultStyle: 'numpy' }), null);
  });

  it('mixed line endings: the lone `:type recipient:` is written once, and the next update is a no-op', () => {
    const after = updatedOnce(MIXED, 'all', 'sphinx');
    assert.strictEqual(after.split(':type recipient: str').length - 1, 1, JSON.stringify(after));
    assert.match(after, /:param recipient: Description of recipient\.(?:\r\n|\n|\r) {4}:type recipient: str/);
    assert.deepStrictEqual(allDocstringUpdates(parsedFile(after), { defaultStyle: 'sphinx' }).edits, []);
  });

  it('lone :type fields among the fields: they go, and the fields are reordered in the same update', () => {
    const after = updatedOnce(INTERLEAVED, 'all', 'sphinx');
    assert.ok(!after.includes('orphan'), after);
    assert.match(after, /:param a0: A\.\n {4}:type a0: int\n {4}:param a1: A\.\n {4}:type a1: int\n {4}:param a2: A\.\n {4}:type a2: int\n/);
    assert.deepStrictEqual(allDocstringUpdates(parsedFile(after), { defaultStyle: 'sphinx' }).edits, []);
  });

  it('types kept out of the docstring: a lone `:type y:` goes when y gets its field, and a second fix changes nothing', () => {
    const options = { ...DEFAULT_QUALITY_OPTIONS, style: 'sphinx' as const, argTypeHintsInDocstring: false };
    const once = fixDocstrings(LONE_TYPE, options);
    if (!once.ok) throw new Error(once.reason);
    assert.deepStrictEqual(once.fixes.map((f) => f.changes), [['added y', 'added Returns', 'removed the type of y']]);
    assert.ok(!once.text.includes(':type'), once.text);
    const again = fixDocstrings(once.text, options);
    assert.deepStrictEqual(again.ok ? again.fixes : again.reason, []);
  });

  it('a name twice in the signature (seed 1127272698 case 1695: NULs in a header) is documented once', () => {
    const after = updatedOnce('def f(a, b, a):\n    """F.\n\n    Args:\n        b: B.\n    """\n    return a\n', 0, 'numpy');
    assert.strictEqual(after.split('a: Description of a.').length - 1, 1, after);
    assert.strictEqual(docstringUpdate(parsedFile(after), 0, { defaultStyle: 'numpy' }), null);
  });

  it('a field less indented than the docstring (which moves its margin) is left alone, not rewritten at column 0', () => {
    const text = 'def f(a, b):\n    """F.\n\n    :param b: B.\n    :type b: int\n:param a: A.\n    :type a: str\n    """\n    return a\n';
    assert.strictEqual(docstringUpdate(parsedFile(text), 0, { defaultStyle: 'sphinx' }), null);
  });
});
