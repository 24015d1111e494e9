/** --diff: which definitions a change touches (coverage/changedDefinitions.ts), on test/fixtures/diff/changes.py. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { changedFileCoverage, changedNodes, LineChanges } from '../../server/src/coverage/changedDefinitions';
import { inventory } from '../../server/src/coverage/inventory';
import { DEFAULT_OPTIONS } from '../../server/src/coverage/types';

const FILE = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'diff', 'changes.py');
const TEXT = fs.readFileSync(FILE, 'utf8');
const inv = inventory(TEXT, 'changes.py', DEFAULT_OPTIONS);

/** The line of a fixture line's text (1-based). */
function lineOf(text: string): number {
  const index = TEXT.split('\n').findIndex((l) => l.includes(text));
  assert.ok(index >= 0, text);
  return index + 1;
}

const touched = (changes: Partial<LineChanges>): string[] =>
  changedNodes(inv, { whole: false, lines: [], deletedAfter: [], ...changes }).map((n) => n.qualname);

describe('coverage/changedDefinitions', () => {
  it('a changed body line touches its definition, its class and the module', () => {
    const line = lineOf('return 0');
    assert.deepStrictEqual(touched({ lines: [[line, line]] }), ['changes.py', 'Shape', 'Shape.area']);
    const x = lineOf('x = 1');
    assert.deepStrictEqual(touched({ lines: [[x, x]] }), ['changes.py', 'body_only']);
  });

  it('the header runs from the first decorator', () => {
    const at = lineOf('@decorator');
    assert.deepStrictEqual(touched({ lines: [[at, at]] }), ['changes.py', 'decorated']);
  });

  it('a change between definitions touches only the module; a new file counts whole', () => {
    const blank = lineOf('def body_only') - 1;
    assert.deepStrictEqual(touched({ lines: [[blank, blank]] }), ['changes.py']);
    assert.deepStrictEqual(touched({ whole: true }), inv.nodes.map((n) => n.qualname));
    assert.deepStrictEqual(touched({}), []);
  });

  it('a deletion counts for the definitions it happened strictly inside', () => {
    // Lines deleted between `def area` and its `return 0` (a docstring removed).
    const def = lineOf('def area');
    assert.deepStrictEqual(touched({ deletedAfter: [def] }), ['changes.py', 'Shape', 'Shape.area']);
    // Between two methods: the class, not its neighbours.
    const end = lineOf('def perimeter') - 1;
    assert.deepStrictEqual(touched({ deletedAfter: [end] }), ['changes.py', 'Shape']);
    assert.deepStrictEqual(touched({ deletedAfter: [0] }), ['changes.py']);
  });

  it('ranges spanning several definitions, given in any order, and many of them', () => {
    const a = lineOf('def perimeter');
    const b = lineOf('pass');
    assert.deepStrictEqual(touched({ lines: [[b, b], [a, a + 1]] }), ['changes.py', 'Shape', 'Shape.perimeter', 'last']);
    const everyLine: Array<[number, number]> = TEXT.split('\n').map((_, i) => [i + 1, i + 1]);
    assert.strictEqual(touched({ lines: everyLine }).length, inv.nodes.length);
  });

  it('counts only the changed nodes, and reports undecodable bytes as the file\'s error', () => {
    const line = lineOf('return 0');
    const file = changedFileCoverage(Buffer.from(TEXT), 'pkg/changes.py', DEFAULT_OPTIONS, { whole: false, lines: [[line, line]], deletedAfter: [] });
    assert.deepStrictEqual([file.total, file.covered, file.missed], [3, 2, 1]);
    assert.strictEqual(file.path, 'pkg/changes.py');
    const bad = changedFileCoverage(Buffer.from([0xff, 0xfe, 0x00]), 'bad.py', DEFAULT_OPTIONS, { whole: true, lines: [], deletedAfter: [] });
    assert.ok(bad.error !== null && bad.nodes.length === 0);
  });
});
