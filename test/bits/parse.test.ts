/** Comparisons, `not`/`and`/`or` and conditional expressions parsed as Python groups them (bits/parse.ts). */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { bitsHover } from '../../server/src/bits/hover';
import { positionOf } from './helpers';

const SOURCE = `A = 5
B = 0
HIGH = A if B else 0x40
mixed = (A == 5) ^ (B > 1)
picked = (A and 4) | (B and 1)
chained = (1 < A < 9) << 2
negated = (not B) | 2
comprehension = [x | 1 for x in range(3) if x & 2]
`;

/** What python3 computes for each name bound above (the comprehension aside). */
function pythonValues(): Record<string, number> {
  const script = `${SOURCE}\nimport json\nprint(json.dumps({k: int(v) for k, v in dict(globals()).items() if isinstance(v, int)}))`;
  return JSON.parse(execFileSync('python3', ['-c', script], { encoding: 'utf8' })) as Record<string, number>;
}

function resultOf(snippet: string, target: string): string | undefined {
  const { line, character } = positionOf(SOURCE, snippet, target);
  return bitsHover(SOURCE, line, character)?.markdown.match(/^= `(-?\d+)`/m)?.[1];
}

describe('bits/parse: comparisons and boolean operations', () => {
  const python = pythonValues();
  const cases: Array<[string, string, string]> = [
    ['mixed', '(A == 5) ^ (B > 1)', '^'],
    ['picked', '(A and 4) | (B and 1)', '|'],
    ['chained', '(1 < A < 9) << 2', '<<'],
    ['negated', '(not B) | 2', '|'],
  ];
  for (const [name, snippet, target] of cases) {
    it(`${snippet} gives what python3 gives (${python[name]})`, () => {
      assert.strictEqual(resultOf(snippet, target), String(python[name]));
    });
  }

  it('a conditional expression bound to a name is a constant', () => {
    const text = `${SOURCE}y = HIGH | 1\n`;
    const { line, character } = positionOf(text, 'HIGH | 1', '|');
    assert.match(bitsHover(text, line, character)?.markdown ?? '', new RegExp(`= \`${python.HIGH | 1}\``));
  });

  it('an `if` with no `else` (a comprehension clause) ends the expression', () => {
    const { line, character } = positionOf(SOURCE, 'x & 2', '&');
    const range = bitsHover(SOURCE, line, character)?.range;
    assert.deepStrictEqual(range && [range.start.character, range.end.character], [character - 2, character + 3]);
  });
});
