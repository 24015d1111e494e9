/** The "Update docstring" code actions (server/src/docstrings/actions.ts): where they are offered, what they do. */
import * as assert from 'assert';
import { parsedFile } from '../../server/src/coverage/stubs';
import { docstringUpdateActions } from '../../server/src/docstrings/actions';
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
