/**
 * Found by the fuzzer (seed 781902485): a second "Update docstring" still changed something.
 * - Cases 119 and 911 (gen:manyNumpySections, brackets unbalanced so `def fx:` has no parameters): several
 *   Parameters sections; only the first was rewritten, so each update removed one more.
 * - Case 1100 (test/fixtures/docstrings/stale_sphinx.py with line endings mixed): a `:type recipient:` with no
 *   `:param recipient:` was written twice (its typeField is its own span), and a field and its type line were
 *   joined with the docstring's line break instead of their own.
 */
import * as assert from 'assert';
import { parsedFile } from '../../../server/src/coverage/stubs';
import { allDocstringUpdates, docstringUpdate } from '../../../server/src/docstrings/update';
import { applyEdits, lineStarts } from '../check';

const SECTIONS = '    Parameters\n    ----------\n    x : int\n        X.\n\n    Raises\n    ------\n    ValueError\n        When.\n\n';
const REPEATED = `def fx:\n    """S.\n\n${SECTIONS.repeat(7)}    """\n    raise ValueError\n`;
const MIXED = '"""Sphinx-style docstrings."""\r\n\rdef send(sender, recipient: str, body: bytes, priority=1):\n\r    """Send a message.\n\n\r'
  + '    param recipient: The recipient of the message\r    :type recipient: str\n    :param str sender: The person sending the message\r'
  + '    :param old: A parameter that is gone\n\r    :type old: int\r\n    :return: the message id\n\r    :rtype: int\r    """\n\r'
  + '    if not body:\r\n        raise ValueError("empty")\n\r    return 1\r\n';

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
    assert.ok(after.includes(':param recipient: Description of recipient.\r    :type recipient: str'), JSON.stringify(after));
    assert.deepStrictEqual(allDocstringUpdates(parsedFile(after), { defaultStyle: 'sphinx' }).edits, []);
  });
});
