/**
 * Names imported from other modules of the workspace (bits/imports.ts, read through session/moduleReader.ts),
 * on a fixture package (test/fixtures/bits/workspace): each hover gives the value python3 computes with the
 * same import, or no value where the import fails (a cycle, a syntax error, a missing name).
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { bitsHover } from '../../server/src/bits/hover';
import { ModuleIndexCache } from '../../server/src/bits/imports';
import { WorkspaceModuleReader } from '../../server/src/session/moduleReader';
import { positionOf } from './helpers';

const ROOT = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'bits', 'workspace');
const USER = path.join(ROOT, 'app', 'user.py');

/** [expression as written in user.py, the import it needs, the operator hovered]. */
const CASES: Array<[string, string, string]> = [
  ['MASK & 0x0F', 'from .consts import MASK', '&'],
  ['consts.MASK | 0x100', 'from . import consts', '|'],
  ['c.SHIFT << 2', 'import app.consts as c', '<<'],
  ['app.consts.MASK ^ 1', 'import app.consts', '^'],
  ['Perm.R | Perm.W', 'from app.perms import Perm', '|'],
  ['A | 0', 'from .cycle_a import A', '|'],
  ['VALUE | 0', 'from .broken import VALUE', '|'],
  ['EXPORTED & 3', 'from .reexport import EXPORTED', '&'],
  ['NS_FLAG | 1', 'from nspkg.flags import NS_FLAG', '|'],
  ['REBOUND | 0', 'from .consts import REBOUND', '|'],
  ['MISSING | 1', 'from .consts import MISSING', '|'],
  ['DERIVED >> 4', 'from .consts import DERIVED', '>>'],
];

/** What python3 gives for each case, run as the module app.user would run it; null when it raises. */
function python(): Array<string | null> {
  const script = `import sys, json\nsys.path.insert(0, ${JSON.stringify(ROOT)})\nout = []\n`
    + `for statement, expression in json.loads(sys.argv[1]):\n`
    + `    env = {"__name__": "app.user", "__package__": "app"}\n`
    + `    try:\n        exec(statement, env)\n        out.append(str(int(eval(expression, env))))\n`
    + `    except Exception:\n        out.append(None)\n`
    + `    for m in [m for m in sys.modules if m.startswith(("app", "nspkg"))]:\n        del sys.modules[m]\n`
    + `print(json.dumps(out))`;
  const cases = JSON.stringify(CASES.map(([expression, statement]) => [statement, expression]));
  return JSON.parse(execFileSync('python3', ['-c', script, cases], { encoding: 'utf8' })) as Array<string | null>;
}

describe('bits/imports: constants from other modules', () => {
  const text = fs.readFileSync(USER, 'utf8');
  const reader = new WorkspaceModuleReader(() => [ROOT], () => undefined);
  const cache = new ModuleIndexCache();
  const expected = python();
  const hover = (snippet: string, target: string): string => {
    const { line, character } = positionOf(text, snippet, target);
    return bitsHover(text, line, character, undefined, undefined, { file: USER, reader, cache })?.markdown ?? '';
  };

  CASES.forEach(([expression, statement, target], i) => {
    it(`${expression} (${statement}): ${expected[i] ?? 'Python raises, so no value'}`, () => {
      const markdown = hover(expression, target);
      const shown = /^= `(-?\d+)`/m.exec(markdown)?.[1] ?? null;
      assert.strictEqual(shown, expected[i], markdown);
    });
  });

  it('an IntFlag from another module is named by its members', () => {
    assert.match(hover('Perm.R | Perm.W', '|'), /`Perm\.R\|Perm\.W`/);
  });

  it('a plain name bound to an imported constant shows its value', () => {
    assert.match(hover('r13 = MASK', 'MASK'), /^= `255` · `0xff`/m);
  });

  it('without a workspace the imported names stay unknown', () => {
    const { line, character } = positionOf(text, 'MASK & 0x0F', '&');
    assert.doesNotMatch(bitsHover(text, line, character)?.markdown ?? '', /^= `/m);
  });
});

describe('bits/imports: star imports', () => {
  const file = path.join(ROOT, 'app', 'user_stars.py');
  const text = fs.readFileSync(file, 'utf8');
  const reader = new WorkspaceModuleReader(() => [ROOT], () => undefined);
  const cache = new ModuleIndexCache();
  const hover = (expression: string): string => {
    const { line, character } = positionOf(text, expression, '|');
    return bitsHover(text, line, character, undefined, undefined, { file, reader, cache })?.markdown ?? '';
  };
  const script = `import sys, json\nsys.path.insert(0, ${JSON.stringify(ROOT)})\nfrom app import stars, stars_c\n`
    + 'print(json.dumps([stars.A, stars.B, stars.P, stars.C, stars_c.D, stars_c.E]))';
  const [a, b, p, c, , e] = JSON.parse(execFileSync('python3', ['-c', script], { encoding: 'utf8' })) as number[];

  it('the star import wins over earlier bindings of the names its __all__ lists, as python3 gives', () => {
    assert.deepStrictEqual([a, b, p, c], [2, 1, 8, 3]);
    for (const [expression, value] of [['stars.A | 0', a], ['stars.B | 0', b], ['stars.P | 0', p], ['stars.C | 0', c]] as const) {
      assert.match(hover(expression), new RegExp(`^= \`${value}\``, 'm'), expression);
    }
  });

  it('a star import from a module with no source makes the names before it unknown, saying why', () => {
    const markdown = hover('stars_c.D | 0');
    assert.doesNotMatch(markdown, /^= `/m);
    assert.match(markdown, /`stars_c\.D` is not known: it may come from `import \*` of `_docbits_no_such_c_module`/);
    // What the module binds before that import is named, not claimed (stat.py's S_IRUSR before `from _stat import *`).
    assert.match(markdown, /before that import it is bound to `0x10` \(16\), on line 2 of its module/);
    assert.match(hover('stars_c.E | 0'), new RegExp(`^= \`${e}\``, 'm'));
  });
});
