import * as assert from 'assert';
import { firstLines } from '../../server/src/session/firstLines';

describe('session/firstLines', () => {
  it('keeps a text within the bound whole, ending with a newline', () => {
    assert.deepStrictEqual(firstLines('a\nb\n', 2), { text: 'a\nb\n', leftOut: 0 });
    assert.deepStrictEqual(firstLines('a\nb', 2), { text: 'a\nb\n', leftOut: 0 });
    assert.deepStrictEqual(firstLines('', 2), { text: '', leftOut: 0 });
  });

  it('cuts after maxLines lines and counts the rest, a last line without a newline too', () => {
    assert.deepStrictEqual(firstLines('a\nb\nc\nd\n', 2), { text: 'a\nb\n', leftOut: 2 });
    assert.deepStrictEqual(firstLines('a\nb\nc', 2), { text: 'a\nb\n', leftOut: 1 });
    assert.deepStrictEqual(firstLines('a\nb\n', 0), { text: '', leftOut: 2 });
  });

  it('agrees with split on a -vv sized table (77,318 lines) at every bound it is asked for', () => {
    const table = Array.from({ length: 77_318 }, (_, i) => `| module_${i}.py (L${i}) | MISSED |`).join('\n') + '\n';
    const lines = table.split('\n').slice(0, -1);
    for (const max of [0, 1, 4_999, 5_000, 77_317, 77_318, 100_000]) {
      const cut = firstLines(table, max);
      const kept = Math.min(max, lines.length);
      assert.strictEqual(cut.text, lines.slice(0, kept).map((l) => `${l}\n`).join(''), `max ${max}`);
      assert.strictEqual(cut.leftOut, lines.length - kept, `max ${max}`);
    }
  });
});
