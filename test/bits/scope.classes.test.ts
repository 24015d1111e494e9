/**
 * Attributes of plain classes as constants (bits/scope.ts): `K.MASK`, nested classes, in the same file and
 * across modules, against python3 importing the fixtures. An attribute the code assigns anywhere (a method,
 * the module, the importer), a class with a base, a decorator or __slots__ gives no value, never a wrong one.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { bitsHover } from '../../server/src/bits/hover';
import { ModuleIndexCache } from '../../server/src/bits/imports';
import { WorkspaceModuleReader } from '../../server/src/session/moduleReader';
import { positionOf, readFixture } from './helpers';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'bits');
const CLASSES = readFixture('classes.py');
const WORKSPACE = path.join(FIXTURES, 'workspace');
const USER = path.join(WORKSPACE, 'app', 'user_classes.py');

/** Python's int value of each expression, evaluated with `setup` run first (null when it raises). */
function python(root: string, cases: Array<[setup: string, expression: string]>): Array<string | null> {
  const script = `import sys, json\nsys.path.insert(0, ${JSON.stringify(root)})\nout = []\n`
    + `for setup, expression in json.loads(sys.argv[1]):\n`
    + `    env = {"__name__": "app.user_classes", "__package__": "app"}\n`
    + `    try:\n        exec(setup, env)\n        out.append(str(int(eval(expression, env))))\n`
    + `    except Exception:\n        out.append(None)\n`
    + `print(json.dumps(out))`;
  return JSON.parse(execFileSync('python3', ['-c', script, JSON.stringify(cases)], { encoding: 'utf8' })) as Array<string | null>;
}

const shownValue = (markdown: string): string | null => /^= `(-?\d+)`/m.exec(markdown)?.[1] ?? null;

describe('bits/scope: class attributes', () => {
  const hover = (snippet: string, target: string): string => {
    const { line, character } = positionOf(CLASSES, snippet, target);
    return bitsHover(CLASSES, line, character)?.markdown ?? '';
  };
  const known = ['K.MASK | 1', 'K.HIGH >> 4', 'K.Inner.BIT & 3', 'K.REBOUND | 0', 'WithObject.LOW ^ 0xFF', 'Point.FLAG | 1', '1 << Final.SHIFT'];
  const expected = python(FIXTURES, known.map((e) => ['from classes import *', e]));
  known.forEach((expression, i) => {
    it(`${expression} is ${expected[i]}`, () => {
      assert.ok(expected[i] !== null);
      const op = expression.includes('<<') ? '<<' : expression.includes('>>') ? '>>' : expression.includes('^') ? '^' : expression.includes('&') ? '&' : '|';
      assert.strictEqual(shownValue(hover(expression, op)), expected[i]);
    });
  });

  // Python gives a value for each (the class exists), but it depends on code that ran: no value shown.
  const unknown: Array<[string, string]> = [
    ['K.SET_LATER | 0', 'assigned at module level after the class'],
    ['K.IN_METHOD | 0', 'assigned through self in a method'],
    ['Decorated.X | 0', 'the class has a decorator that could change it'],
    ['Slotted.Y | 0', 'the class has __slots__'],
    ['Sub.MASK | 0', 'inherited: bases are not followed'],
    ['Sub.OWN | 0', 'a class with a base may have a metaclass'],
  ];
  unknown.forEach(([expression, why]) => {
    it(`${expression} stays unknown (${why})`, () => {
      const markdown = hover(expression, '|');
      assert.ok(markdown.length > 0);
      assert.strictEqual(shownValue(markdown), null, markdown);
    });
  });

  it('a plain name bound to a class attribute shows its value', () => {
    const text = 'class K:\n    MASK = 0xF0\n\nm = K.MASK\n';
    const { line, character } = positionOf(text, 'K.MASK', 'MASK');
    assert.match(bitsHover(text, line, character)?.markdown ?? '', /^= `240`/m);
  });

  it('a class rebound before the hover is not read', () => {
    const text = 'class K:\n    MASK = 0xF0\n\nK = object()\nm = K.MASK | 1\n';
    const { line, character } = positionOf(text, 'K.MASK | 1', '|');
    assert.strictEqual(shownValue(bitsHover(text, line, character)?.markdown ?? ''), null);
  });
});

describe('bits/scope: class attributes across modules', () => {
  const text = fs.readFileSync(USER, 'utf8');
  const reader = new WorkspaceModuleReader(() => [WORKSPACE], () => undefined);
  const cache = new ModuleIndexCache();
  const cases: Array<[string, string, string]> = [
    ['Regs.CTRL | 1', 'from .klass import Regs', '|'],
    ['k.Regs.Bits.READY << 1', 'import app.klass as k', '<<'],
    ['Regs.CTRL >> 4', 'from .klass import Regs', '>>'],
    ['Patched.MISSING | 1', 'from .klass import Regs as Patched', '|'],
  ];
  const expected = python(WORKSPACE, cases.map(([expression, setup]) => [setup, expression]));
  cases.forEach(([expression, setup, op], i) => {
    it(`${expression} (${setup}): ${expected[i] ?? 'Python raises, so no value'}`, () => {
      const { line, character } = positionOf(text, expression, op);
      const markdown = bitsHover(text, line, character, undefined, undefined, { file: USER, reader, cache })?.markdown ?? '';
      assert.strictEqual(shownValue(markdown), expected[i], markdown);
    });
  });

  it('an attribute the importing module assigns stays unknown (klass.Regs.STATUS, patched in a function)', () => {
    const [value] = python(WORKSPACE, [['from . import klass', 'klass.Regs.STATUS & 0xFF']]);
    assert.strictEqual(value, '16');
    const { line, character } = positionOf(text, 'klass.Regs.STATUS & 0xFF', '&');
    const markdown = bitsHover(text, line, character, undefined, undefined, { file: USER, reader, cache })?.markdown ?? '';
    assert.ok(markdown.length > 0);
    assert.strictEqual(shownValue(markdown), null, markdown);
  });
});
