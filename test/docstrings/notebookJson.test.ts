/** A notebook's cell sources located in its JSON text, and the file's string style (server/src/docstrings/notebookJson.ts). */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { scanNotebookJson } from '../../server/src/docstrings/notebookJson';

describe('docstrings/notebookJson', () => {
  it('finds each cell source, as a string or a list, whatever the key spelling and order, and steps over other values', () => {
    const text = '{"metadata": {"cells": [{"source": "no"}]}, "c\\u0065lls" : [ {"outputs": [{"text": ["a\\"b\\\\", "]"]}], "x": 1.5e3, "sour\\u0063e": ["l1\\n" , "l2"]},'
      + ' {"cell_type": "markdown"}, {"source": "one \\"q\\""}, {"source": []} ], "nbformat": 4}';
    const scanned = scanNotebookJson(text);
    assert.ok(typeof scanned !== 'string', String(scanned));
    assert.strictEqual(scanned.cells.length, 4);
    const [list, none, one, empty] = scanned.cells;
    assert.ok(list && list.form === 'list');
    assert.deepStrictEqual(list.items.map((i) => i.value), ['l1\n', 'l2']);
    assert.strictEqual(text.slice(list.start, list.end), '["l1\\n" , "l2"]');
    assert.strictEqual(none, null);
    assert.ok(one && one.form === 'string' && one.items[0].value === 'one "q"' && text.slice(one.start, one.end) === '"one \\"q\\""');
    assert.ok(empty && empty.form === 'list' && empty.items.length === 0 && text.slice(empty.start, empty.end) === '[]');
    assert.strictEqual(scanned.separator, ', ');
  });

  it('reads the string style: ensure_ascii from the escapes (raw text wins), the case of hex digits', () => {
    const style = (text: string): unknown => { const s = scanNotebookJson(text); return typeof s === 'string' ? s : s.style; };
    assert.deepStrictEqual(style('{"cells": [], "a": "\\u00e9\\n"}'), { asciiOnly: true, upperHex: false });
    assert.deepStrictEqual(style('{"cells": [], "a": "\\u00E9"}'), { asciiOnly: true, upperHex: true });
    assert.deepStrictEqual(style('{"cells": [], "a": "\\\\u00e9 \\u001b"}'), { asciiOnly: false, upperHex: false });
    assert.deepStrictEqual(style('{"cells": [], "a": "\\u00e9", "b": "é"}'), { asciiOnly: false, upperHex: false });
  });

  it('refuses, without throwing, JSON it cannot read or a notebook it cannot locate cells in', () => {
    const refusals: Array<[string, RegExp]> = [
      ['', /empty/], ['{"cells": [', /expected a key|unexpected/], ['{"cells": [] } x', /after the JSON/], ['{"a": "open', /not closed/],
      ['{"cells": [], "cells": []}', /"cells" twice/], ['{"cells": [{"source": "a", "source": "b"}]}', /"source" twice/],
      ['{"cells": [{"source": 3}]}', /not a string/], ['{"cells": [{"source": ["a", 1]}]}', /not a list of strings/],
      ['{"cells": [{"source": ["a", ["b"]]}]}', /not a list of strings/], ['{"cells": [{"source": {"a": 1}}]}', /not a string/],
      ['['.repeat(100000) + ']'.repeat(100000), /too deep/], ['{"a" 1}', /expected ":"/], ['{"a": tru}', /unexpected/],
    ];
    for (const [text, reason] of refusals) {
      const scanned = scanNotebookJson(text);
      assert.ok(typeof scanned === 'string' && reason.test(scanned), `${text.slice(0, 30)}: ${JSON.stringify(scanned).slice(0, 80)}`);
    }
  });
});

describe('docstrings/notebookJson on every fixture notebook and mutations of them', () => {
  it('never throws, and where JSON.parse reads a notebook the scan finds the same sources', () => {
    const fixtures = path.join(__dirname, '..', '..', '..', 'test', 'fixtures');
    const folders = [path.join(fixtures, 'notebooks'), path.join(fixtures, 'docstrings', 'notebook_layouts')];
    const files = folders.flatMap((folder) => fs.readdirSync(folder).map((f) => path.join(folder, f))).filter((f) => f.endsWith('.ipynb'));
    let seed = 13;
    const random = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    let agreed = 0, checked = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const variants = [text];
      // Cut, doubled and swapped characters: mostly invalid JSON, some valid JSON of another shape.
      for (let k = 0; k < 150; k++) {
        const at = random(text.length), len = 1 + random(4);
        const pick = random(3);
        variants.push(pick === 0 ? text.slice(0, at) + text.slice(at + len) : pick === 1 ? text.slice(0, at) + text.slice(at, at + len) + text.slice(at) : text.slice(0, at) + '"[{,:\\]}'[random(8)] + text.slice(at + 1));
      }
      for (const variant of variants) {
        const scanned = scanNotebookJson(variant);
        let json: unknown;
        try {
          json = JSON.parse(variant);
        } catch {
          continue;
        }
        const cells = (json as { cells?: unknown }).cells;
        if (typeof scanned === 'string' || !Array.isArray(cells)) continue;
        checked++;
        const ours = scanned.cells.map((c) => (c ? c.items.map((i) => i.value) : null));
        const theirs = cells.map((c: { source?: unknown }) => (typeof c?.source === 'string' ? [c.source] : Array.isArray(c?.source) ? c.source : null));
        if (JSON.stringify(ours) === JSON.stringify(theirs)) agreed++;
        else assert.fail(`${path.basename(file)}: the scan and JSON.parse read different sources`);
      }
    }
    assert.ok(checked >= files.length, `${checked} notebooks compared`);
    assert.strictEqual(agreed, checked);
  });
});
