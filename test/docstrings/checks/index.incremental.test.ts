/**
 * checkDocstringsAgain (server/src/docstrings/checks/index.ts), the editor's re-check after an edit: random
 * edits to real stdlib files, each version checked with the previous version's memo, must give exactly the
 * findings a full check of that version gives (same codes, lines, columns, spans, messages, order).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as v8 from 'v8';
import * as vm from 'vm';
import { checkDocstrings, checkDocstringsAgain, DEFAULT_QUALITY_OPTIONS, Finding, FindingsMemo, QualityOptions } from '../../../server/src/docstrings/checks';
import { lineStarts } from '../../../server/src/python/lines';
import { parseStructure } from '../../../server/src/python/structure';
import { STDLIB, stdlibPythonFiles } from '../../helpers/stdlib';

const checked = (text: string) => ({ text, structure: parseStructure(text), lineStarts: lineStarts(text) });

/** A small seeded generator (mulberry32), so a failure is repeatable. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Edits an editor makes: typing a character, deleting a few, a line duplicated or removed, a parameter or section added. */
function edit(text: string, rand: () => number): string {
  const at = Math.floor(rand() * (text.length + 1));
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at) + 1;
  switch (Math.floor(rand() * 8)) {
    case 0: return text.slice(0, at) + '#:(), "\n x'.charAt(Math.floor(rand() * 11)) + text.slice(at);
    case 1: return text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 20));
    case 2: return text.slice(0, lineEnd) + text.slice(lineStart, lineEnd) + text.slice(lineEnd);
    case 3: return text.slice(0, lineStart) + text.slice(lineEnd);
    case 4: {
      // A new parameter in the next def after the edit point.
      const def = text.indexOf('def ', at);
      const open = def < 0 ? -1 : text.indexOf('(', def);
      return open < 0 ? text : text.slice(0, open + 1) + 'added, ' + text.slice(open + 1);
    }
    case 5: {
      const indent = /^[ \t]*/.exec(text.slice(lineStart, lineEnd))![0];
      const section = ['Args:', 'Returns:', 'Raises:', 'Parameters', ':param x: X.', 'Yields:'][Math.floor(rand() * 6)];
      return text.slice(0, lineStart) + `${indent}${section}\n${indent}    x: X.\n` + text.slice(lineStart);
    }
    case 6: return text.slice(0, lineStart) + text.slice(lineStart, lineEnd).replace(/^[ \t]*/, (s) => s + '    ') + text.slice(lineEnd);
    default: return text.slice(0, lineStart) + '\n' + text.slice(lineStart);
  }
}

function againEqualsFull(text: string, options: QualityOptions, previous: FindingsMemo | undefined): { memo: FindingsMemo; findings: Finding[] } {
  const file = checked(text);
  const again = checkDocstringsAgain(file, options, previous);
  const full = checkDocstrings(file, options);
  const show = (fs: Finding[]) => fs.map((f) => `${f.line}:${f.column} ${f.code} ${f.span.start}-${f.span.end} ${f.qualname}: ${f.message}`);
  assert.deepStrictEqual(show(again.findings), show(full));
  assert.deepStrictEqual(again.findings, full);
  return again;
}

/** Each block's findings array (reused blocks keep the array of the version they were checked in). */
const findingsOf = (memo: FindingsMemo): Array<readonly Finding[]> => [...memo.blocks.values()].flatMap((blocks) => blocks.map((b) => b.findings));

const OPTION_SETS: Array<[string, QualityOptions]> = [
  ['defaults (numpy)', DEFAULT_QUALITY_OPTIONS],
  ['google, short docstrings checked, class attributes', { ...DEFAULT_QUALITY_OPTIONS, style: 'google', skipCheckingShortDocstrings: false, checkClassAttributes: true }],
  ['sphinx, init docstrings allowed, definition noqa', { ...DEFAULT_QUALITY_OPTIONS, style: 'sphinx', allowInitDocstring: true, nativeModeNoqaLocation: 'definition' }],
];

describe('docstrings/checks: re-checking an edited text (checkDocstringsAgain)', function () {
  this.timeout(300_000);
  // The files with the most findings in each style, from every 8th stdlib file: real docstrings in each style.
  const candidates = fs.existsSync(STDLIB) ? stdlibPythonFiles().filter((_, i) => i % 8 === 0) : [];

  for (const [label, options] of OPTION_SETS) {
    it(`random edits to stdlib files give the findings of a full check: ${label}`, function () {
      if (candidates.length === 0) this.skip();
      const counted = candidates.map((file) => {
        const text = fs.readFileSync(file, 'latin1');
        return { file, text, count: checkDocstrings(checked(text), options).length };
      }).filter((c) => c.text.length < 200_000).sort((a, b) => b.count - a.count || (a.file < b.file ? -1 : 1));
      let reused = 0;
      for (const [k, { text: original }] of counted.slice(0, 4).entries()) {
        const rand = random(1000 * k + label.length);
        let text = original;
        let { memo } = againEqualsFull(text, options, undefined);
        for (let step = 0; step < 120; step++) {
          text = edit(text, rand);
          const before = new Set(findingsOf(memo));
          memo = againEqualsFull(text, options, memo).memo;
          for (const findings of findingsOf(memo)) if (before.has(findings) && findings.length > 0) reused++;
        }
      }
      // The memo was used: definitions the edits did not touch kept their findings.
      assert.ok(reused > 100, `only ${reused} reused blocks`);
    });
  }

  it('a memo made under other options is not used', () => {
    const text = ['def f(a, b):', '    """Summary.', '', '    Args:', '        a: A.', '    """', ''].join('\n');
    const google = { ...DEFAULT_QUALITY_OPTIONS, style: 'google' as const };
    const { memo } = checkDocstringsAgain(checked(text), google);
    assert.deepStrictEqual(checkDocstringsAgain(checked(text), { ...google, skipCheckingShortDocstrings: false }, memo).findings.map((f) => f.code),
      checkDocstrings(checked(text), { ...google, skipCheckingShortDocstrings: false }).map((f) => f.code));
    assert.deepStrictEqual(checkDocstringsAgain(checked(text), DEFAULT_QUALITY_OPTIONS, memo).findings, checkDocstrings(checked(text), DEFAULT_QUALITY_OPTIONS));
  });

  it('a memo made under an equal copy of the options is used (the session copies them per analysis)', () => {
    const text = ['def f(a, b):', '    """Summary.', '', '    Args:', '        a: A.', '    """', ''].join('\n');
    const google = { ...DEFAULT_QUALITY_OPTIONS, style: 'google' as const, nodocqa: false };
    const first = checkDocstringsAgain(checked(text), google);
    const again = checkDocstringsAgain(checked(text), { ...google }, first.memo);
    assert.ok(again.findings.length > 0);
    assert.strictEqual(findingsOf(again.memo)[0], findingsOf(first.memo)[0]);
  });

  it('keeps one version of the text, however many edits: the memo holds no cut of an old text', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    // Each block's findings name a long argument (a cut of 13+ characters would be a view on the whole text).
    const block = (i: number, tag: string): string => `def function_number_${i}(first_long_argument_${i}: int, second: str) -> int:\n` +
      `    """Summary ${tag}.\n\n    Args:\n        first_long_argument_${i} (str): A.\n    """\n    return 1\n\n\n`;
    const blocks = Array.from({ length: 4000 }, (_, i) => block(i, 'v0'));
    const google = { ...DEFAULT_QUALITY_OPTIONS, style: 'google' as const };
    let { memo } = checkDocstringsAgain(checked(blocks.join('')), google);
    gc();
    const before = process.memoryUsage().heapUsed;
    const textBytes = blocks.join('').length * 2; // an edited text is two-byte if any of it is; one-byte halves it
    for (let v = 1; v <= 60; v++) {
      const k = (v * 37) % blocks.length;
      blocks[k] = block(k, `v${v}`);
      memo = checkDocstringsAgain(checked(blocks.join('')), google, memo).memo;
    }
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    // With cuts kept, each of the 60 edited versions stayed alive (~0.75 MB each: 45 MB); without, about nothing.
    assert.ok(grown < 10 * textBytes / 2, `heap grew ${(grown / 1e6).toFixed(1)} MB over 60 edits`);
    assert.ok(memo.blocks.size > 0);
  });

  it('a block moved down keeps its findings, at its new lines and offsets', () => {
    const text = ['def f(a, b):', '    """Summary.', '', '    Args:', '        a: A.', '    """', ''].join('\n');
    const google = { ...DEFAULT_QUALITY_OPTIONS, style: 'google' as const };
    const first = checkDocstringsAgain(checked(text), google);
    const moved = `x = 1\n\n${text}`;
    const again = checkDocstringsAgain(checked(moved), google, first.memo);
    assert.deepStrictEqual(again.findings, checkDocstrings(checked(moved), google));
    assert.ok(again.findings.length > 0 && again.findings.every((f) => f.line === 2));
    assert.strictEqual(findingsOf(again.memo)[0], findingsOf(first.memo)[0]);
  });
});
