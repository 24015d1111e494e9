/**
 * Constants of the standard library (session/moduleReader.ts reading the stdlib's .py sources, bits/imports.ts
 * and bits/scope.ts following them): every module-level int python3 finds in the stdlib modules
 * (test/oracles/stdlib_constants.py), hovered as `import m` / `m.NAME | 0`. None wrong; names that come from a
 * C module (os.O_RDONLY) stay unknown and say so.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bitsHover } from '../../server/src/bits/hover';
import { ModuleIndexCache } from '../../server/src/bits/imports';
import { findStdlib, stdlibOfInterpreter, WorkspaceModuleReader } from '../../server/src/session/moduleReader';
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
    assert.strictEqual(findStdlib(''), findStdlib('', '', undefined, ['/usr/lib', '/usr/local/lib']));
    assert.ok(findStdlib('')?.startsWith('/usr/'));
    assert.strictEqual(findStdlib('relative/lib'), undefined);
    assert.strictEqual(findStdlib(STDLIB), STDLIB);
  });
});

describe('bits: the standard library of an interpreter, from paths alone (session/moduleReader.ts)', function () {
  this.timeout(120_000);
  let tmp: string;
  beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-interp-')); });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const touch = (file: string, text = ''): string => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  };

  it('agrees with python3 itself (sys.executable and sysconfig), and with a venv python3 makes', function () {
    const out = execFileSync('python3', ['-c', 'import sys, sysconfig; print(sys.executable); print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' });
    const [executable, stdlib] = out.trim().split('\n');
    assert.strictEqual(stdlibOfInterpreter(executable), fs.realpathSync(stdlib));
    const venv = path.join(tmp, 'venv');
    try {
      execFileSync('python3', ['-m', 'venv', '--without-pip', venv], { stdio: 'pipe' });
    } catch {
      this.skip(); // no venv module on this python3
    }
    assert.strictEqual(stdlibOfInterpreter(path.join(venv, 'bin', 'python')), fs.realpathSync(stdlib));
  });

  it('a base install, a symlinked python3, a venv\'s pyvenv.cfg; nothing for what it cannot place', () => {
    const lib = path.join(tmp, 'base', 'lib', 'python3.11');
    touch(path.join(lib, 'os.py'));
    touch(path.join(tmp, 'base', 'lib', 'python3.9', 'os.py'));
    const exe = touch(path.join(tmp, 'base', 'bin', 'python3.11'));
    fs.symlinkSync(exe, path.join(tmp, 'base', 'bin', 'python3'));
    assert.strictEqual(stdlibOfInterpreter(exe), lib);
    assert.strictEqual(stdlibOfInterpreter(path.join(tmp, 'base', 'bin', 'python3')), lib);
    // A plain `python` with no version in its name: the newest library there.
    assert.strictEqual(stdlibOfInterpreter(touch(path.join(tmp, 'base', 'bin', 'python'))), lib);
    touch(path.join(tmp, 'venv', 'pyvenv.cfg'), `home = ${path.join(tmp, 'base', 'bin')}\ninclude-system-site-packages = false\nversion = 3.9.18\n`);
    const venvPython = touch(path.join(tmp, 'venv', 'bin', 'python'));
    assert.strictEqual(stdlibOfInterpreter(venvPython), path.join(tmp, 'base', 'lib', 'python3.9'));
    // A version the base does not have is not guessed.
    touch(path.join(tmp, 'venv', 'pyvenv.cfg'), `home = ${path.join(tmp, 'base', 'bin')}\nversion_info = 3.12.1.final.0\n`);
    assert.strictEqual(stdlibOfInterpreter(venvPython), undefined);
    assert.strictEqual(stdlibOfInterpreter('bin/python3'), undefined);
    assert.strictEqual(stdlibOfInterpreter(path.join(tmp, 'missing', 'bin', 'python3')), undefined);
    // The setting wins; the interpreter comes before the well-known folders.
    assert.strictEqual(findStdlib('', exe), lib);
    assert.strictEqual(findStdlib(path.join(tmp, 'base', 'lib', 'python3.9'), exe), path.join(tmp, 'base', 'lib', 'python3.9'));
    assert.strictEqual(findStdlib('', path.join(tmp, 'missing', 'python3')), findStdlib(''));
  });
});
