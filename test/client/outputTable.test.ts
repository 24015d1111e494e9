import * as assert from 'assert';
import { boundedTable, MAX_TABLE_LINES } from '../../client/src/outputTable';

describe('client/outputTable boundedTable', () => {
  it('writes a table within the bound whole, ending with a newline', () => {
    assert.strictEqual(boundedTable({ text: 'a\nb\n' }, 2), 'a\nb\n');
    assert.strictEqual(boundedTable({ text: 'a\nb' }, 2), 'a\nb\n');
    assert.strictEqual(boundedTable({ text: '' }, 2), '');
  });

  it('says how many lines the server left out (maxTextLines)', () => {
    assert.strictEqual(boundedTable({ text: 'a\nb\n', textLinesLeftOut: 72_318 }, 2),
      'a\nb\n… 72,318 more lines: "Docbits: Show Coverage Table" opens the whole table.\n');
    assert.strictEqual(boundedTable({ text: 'a\nb\n', textLinesLeftOut: 1 }, 2), 'a\nb\n… 1 more line: "Docbits: Show Coverage Table" opens the whole table.\n');
  });

  it('cuts a longer table a server sent whole after maxLines lines and counts the rest', () => {
    assert.strictEqual(boundedTable({ text: 'a\nb\nc\nd\n' }, 2), 'a\nb\n… 2 more lines: "Docbits: Show Coverage Table" opens the whole table.\n');
    assert.strictEqual(boundedTable({ text: 'a\nb\nc' }, 2), 'a\nb\n… 1 more line: "Docbits: Show Coverage Table" opens the whole table.\n');
  });

  it('writes at most MAX_TABLE_LINES + 1 lines of a -vv sized table (77,318 lines)', () => {
    const table = Array.from({ length: 77_318 }, (_, i) => `| module_${i}.py (L${i}) | MISSED |`).join('\n') + '\n';
    const out = boundedTable({ text: table });
    const lines = out.split('\n');
    assert.strictEqual(lines.length, MAX_TABLE_LINES + 2); // the last line's newline leaves an empty piece
    assert.strictEqual(lines[MAX_TABLE_LINES - 1], `| module_${MAX_TABLE_LINES - 1}.py (L${MAX_TABLE_LINES - 1}) | MISSED |`);
    assert.match(lines[MAX_TABLE_LINES], /^… 72,318 more lines/);
  });
});
