/**
 * Constants of the standard library (session/moduleReader.ts reading the stdlib's .py sources, bits/imports.ts
 * and bits/scope.ts following them): every module-level int python3 finds in the stdlib modules
 * (test/oracles/stdlib_constants.py), hovered as `import m` / `m.NAME | 0`. None wrong; names that come from a
 * C module (os.O_RDONLY) stay unknown and say so.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { bitsHover } from '../../server/src/bits/hover';
import { ModuleIndexCache } from '../../server/src/bits/imports';
import { findStdlib, WorkspaceModuleReader } from '../../server/src/session/moduleReader';
import { STDLIB } from '../helpers/stdlib';

const ORACLE = path.join(__dirname, '..', '..', '..', 'test', 'oracles', 'stdlib_constants.py');
const WORKSPACE = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'bits', 'workspace');
const USER = path.join(WORKSPACE, 'app', 'stdlib_user.py');

interface Constant { module: string; name: string; value: string }

describe('bits: standard-library constants vs python3 (differential)', function () {
  this.timeout(600_000);
  const skip = !fs.existsSync(STDLIB);
  const reader = new WorkspaceModuleReader(() => [WORKSPACE], () => undefined);
  reader.stdlibPath = STDLIB;
  const cache = new ModuleIndexCache();
  const hover = (text: string, op: string): string => {
    const lines = text.split('\n');
    const line = lines.length - 2;
    const character = op === '' ? lines[line].length - 1 : lines[line].indexOf(op);
    return bitsHover(text, line, character, undefined, undefined, { file: USER, reader, cache })?.markdown ?? '';
  };

  it('every constant a hover shows is the value python3 gives', function () {
    if (skip) this.skip();
    const constants = JSON.parse(execFileSync('python3', [ORACLE, STDLIB], { encoding: 'utf8', maxBuffer: 1 << 26 })) as Constant[];
    const wrong: string[] = [];
    let shown = 0, explained = 0;
    const modules = new Set<string>();
    for (const { module, name, value } of constants) {
      const markdown = hover(`import ${module}\nx = ${module}.${name} | 0\n`, '|');
      const got = /^= `(-?\d+)`/m.exec(markdown)?.[1];
      if (got === undefined) {
        if (markdown.includes(`\`${module}.${name}\` is not known:`)) explained++;
        continue;
      }
      shown++;
      modules.add(module);
      if (got !== value && wrong.length < 20) wrong.push(`${module}.${name}: python3 ${value}, hover ${got}`);
    }
    console.log(`      ${constants.length} int constants of ${new Set(constants.map((c) => c.module)).size} modules: `
      + `${shown} shown (from ${modules.size} modules), ${wrong.length} wrong; of the rest, ${explained} say why they are unknown`);
    assert.deepStrictEqual(wrong, []);
    assert.ok(shown >= 400, `only ${shown} shown`);
  });

  it('re.VERBOSE | re.MULTILINE through RegexFlag and re._compiler to re._constants', function () {
    if (skip) this.skip();
    const markdown = hover('import re\nx = re.VERBOSE | re.MULTILINE\n', '|');
    assert.match(markdown, /^= `72`/m);
    assert.match(markdown, /RegexFlag\.MULTILINE\|RegexFlag\.VERBOSE/);
  });

  it('os.O_RDONLY (defined only in C) is unknown, and the hover says so', function () {
    if (skip) this.skip();
    const markdown = hover('import os\nx = os.O_RDONLY\n', '');
    assert.match(markdown, /`os\.O_RDONLY` is not known: it may come from `import \*` of `nt` or `posix`, which have no Python source/);
    assert.match(hover('import math\nx = math.pi\n', ''), /`math` has no Python source to read here/);
  });

  it('without a stdlib folder the names stay unknown', () => {
    const none = new WorkspaceModuleReader(() => [WORKSPACE], () => undefined);
    none.stdlibPath = path.join(WORKSPACE, 'no-such-folder');
    const markdown = bitsHover('import re\nx = re.VERBOSE | 1\n', 1, 15, undefined, undefined, { file: USER, reader: none, cache: new ModuleIndexCache() })?.markdown ?? '';
    assert.doesNotMatch(markdown, /^= `/m);
  });

  it('finds the newest python3.N with os.py in the well-known folders, never a relative setting', function () {
    if (skip) this.skip();
    assert.strictEqual(findStdlib(''), findStdlib('', undefined, ['/usr/lib', '/usr/local/lib']));
    assert.ok(findStdlib('')?.startsWith('/usr/'));
    assert.strictEqual(findStdlib('relative/lib'), undefined);
    assert.strictEqual(findStdlib(STDLIB), STDLIB);
  });
});
