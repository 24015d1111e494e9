/** enum.IntFlag / Flag / IntEnum members, auto() included (bits/scope.ts), against python3 importing the fixture. */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { bitsHover } from '../../server/src/bits/hover';
import { positionOf, readFixture } from './helpers';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'bits');
const ENUMS = readFixture('enums.py');

/** Python's value (as an int) and repr of each expression, evaluated in the fixture module. */
function python(expressions: string[]): Array<{ value: string; repr: string }> {
  const script = `import sys, json\nsys.path.insert(0, ${JSON.stringify(FIXTURES)})\nfrom enums import *\n`
    + `print(json.dumps([{"value": str(getattr(v, "value", v)), "repr": repr(v)} for v in [${expressions.join(', ')}]]))`;
  return JSON.parse(execFileSync('python3', ['-c', script], { encoding: 'utf8' })) as Array<{ value: string; repr: string }>;
}

function hover(snippet: string, target: string): string {
  const { line, character } = positionOf(ENUMS, snippet, target);
  return bitsHover(ENUMS, line, character)?.markdown ?? '';
}

describe('bits/scope: enum members', () => {
  const cases = ['Perm.R | Perm.W', 'Perm.RW | Perm.X', 'Perm.R | 8', 'Auto.A | Auto.D', 'Plain.ONE | Plain.TWO', 'Level.HIGH | Level.MID'];
  const expected = python(cases);
  cases.forEach((expression, i) => {
    it(`${expression} is ${expected[i].repr}`, () => {
      const markdown = hover(expression, '|');
      assert.match(markdown, new RegExp(`^= \`${expected[i].value}\``, 'm'));
      // Flags are also named by their members, as Python's repr names them.
      const names = /<([\w.|]+): -?\d+>/.exec(expected[i].repr)?.[1];
      if (names) {
        const [cls] = names.split('.');
        const spelled = names.split('|').map((n, k) => (k === 0 || /^\d+$/.test(n) ? n : `${cls}.${n}`)).join('|');
        if (!/\|\d+$/.test(spelled)) assert.ok(markdown.includes(`\`${spelled}\``), `${spelled} in\n${markdown}`);
      }
    });
  });

  it('~ of a Flag or IntFlag member keeps to the class\'s members, as Python 3.11 does', () => {
    const [perm, plain] = python(['~Perm.R', '~Plain.ONE']);
    assert.deepStrictEqual([perm.value, plain.value], ['3', '2']);
    const markdown = hover('~Perm.R', '~');
    assert.match(markdown, /^= `3`/m);
    assert.ok(markdown.includes('`Perm.W|Perm.X`'), markdown);
    assert.match(hover('~Plain.ONE', '~'), /^= `2`/m);
    // An alias with a bit of its own (Python then widens the mask): not computed.
    assert.doesNotMatch(hover('~Wide.A', '~'), /^= `/m);
  });

  it('a class that is not an enum gives its plain attribute (an int, not a member)', () => {
    const markdown = hover('NotAnEnum.R | 1', '|');
    assert.match(markdown, /^= `5`/m);
    assert.doesNotMatch(markdown, /NotAnEnum\.R\|/);
  });
});
