/**
 * `docbits --fix` over real files, in a git-less temp copy: the stale fixtures (google, numpy, sphinx, CRLF,
 * classes) and a slice of the stdlib. Checked by machine: every fixed file compiles with CPython, pydoclint
 * reports no argument / returns / yields / raises finding on a fixed definition beyond the documented
 * differences, a second run changes nothing, and the exit code is ruff's (1 while findings remain).
 * Then the write policy: encoding and BOM kept, mode kept, a symlink out of the project and a file that
 * does not read back are left alone; notebooks: the cells' source edited in the JSON, its layout kept
 * (checked with Python's json), or left alone with the reason.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { functionFacts, parsedFile } from '../../server/src/coverage/stubs';
import { DocstringStyleName, parseDocstring } from '../../server/src/docstrings/parse';
import { decodePython } from '../../server/src/python/decode';
import { runDocbits } from '../oracles/interrogate';
import { pydoclintMissing, runPydoclint } from '../oracles/pydoclint';
import { stdlibFiles } from '../oracles/stdlib';
import { explainedDifference, TYPE_CODES, untypeable, UPDATE_CODES } from '../docstrings/pydoclintDifferences';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'docstrings');
/** A folder per style, each a project with its `[tool.pydoclint] style`; the stdlib is read as google. */
const UNTYPED = { config: 'arg-type-hints-in-docstring = false\n', pydoclint: ['--arg-type-hints-in-docstring=False'] };
/**
 * `config`: more `[tool.pydoclint]` lines, `pydoclint` the same options for pydoclint. A fixture may mix styles
 * (typed_args.py, star_args.py): the checks, as pydoclint, read docstrings in the configured style, so each
 * project fixes those of its style; pydoclint is asked only about docstrings written in it.
 */
/**
 * Packages as Debian installs them (.ci/run installs python3-attr, python3-click, python3-ipython and pylint,
 * which brings astroid), their tests left out: real docstrings in every style, fixed in each project's.
 */
const DIST_PACKAGES = '/usr/lib/python3/dist-packages';
const DEBIAN = ['attr', 'click', 'IPython', 'astroid'];
const PROJECTS: Record<string, { style: string; fixtures: string[]; least: number; config?: string; pydoclint?: string[]; packages?: string[] }> = {
  google: { style: 'google', fixtures: ['stale_google.py', 'stale_crlf.py', 'stale_class.py'], least: 15 },
  numpy: { style: 'numpy', fixtures: ['stale_numpy.py', 'numpy_returns.py'], least: 7 },
  sphinx: { style: 'sphinx', fixtures: ['stale_sphinx.py'], least: 2 },
  stdlib: { style: 'google', fixtures: [], least: 10 },
  untyped_google: { style: 'google', fixtures: ['typed_args.py'], least: 1, ...UNTYPED },
  untyped_numpy: { style: 'numpy', fixtures: ['typed_args.py'], least: 1, ...UNTYPED },
  untyped_sphinx: { style: 'sphinx', fixtures: ['typed_args.py'], least: 2, ...UNTYPED },
  stars: { style: 'google', fixtures: ['star_args.py'], least: 3 },
  stars_numpy: { style: 'numpy', fixtures: ['star_args.py'], least: 2 },
  stars_sphinx: { style: 'sphinx', fixtures: ['star_args.py'], least: 2 },
  debian_google: { style: 'google', fixtures: [], least: 5, packages: DEBIAN },
  debian_numpy: { style: 'numpy', fixtures: [], least: 20, packages: DEBIAN },
  debian_sphinx: { style: 'sphinx', fixtures: [], least: 100, packages: DEBIAN },
};
/** pydoclint's options for the comparison: its defaults (types checked: --fix writes them), class attributes aside. */
const CHECKS = ['--check-class-attributes=False'];
const FIX_LINE = /^(.+?):(\d+): updated docstring of (function|method|class) (\S+) \((.+)\)$/;

interface Fixed {
  file: string;
  line: number;
  kind: string;
  qualname: string;
  changes: string;
}

function fixLines(stdout: string): Fixed[] {
  return stdout.split('\n').flatMap((l) => {
    const m = FIX_LINE.exec(l);
    return m ? [{ file: m[1], line: Number(m[2]), kind: m[3], qualname: m[4], changes: m[5] }] : [];
  });
}

/** CPython's verdict on each file's bytes (its coding cookie honoured), without writing bytecode. */
function compileErrors(files: string[]): string[] {
  const script = 'import sys\nfor p in sys.argv[1:]:\n    try:\n        compile(open(p, "rb").read(), p, "exec")\n    except SyntaxError as e:\n        print(p, e)\n';
  const r = spawnSync('python3', ['-c', script, ...files], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return r.stdout.split('\n').filter(Boolean);
}

/** Every `.py` file under `dir`, by its path from there (`/`-separated, as the CLI prints it). */
function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (sub: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else if (entry.isFile() && entry.name.endsWith('.py')) files.set(rel, fs.readFileSync(path.join(dir, rel)));
    }
  };
  walk('');
  return files;
}

/** A package's modules copied into `to`, its tests left out. */
function copyPackage(name: string, to: string): void {
  const from = path.join(DIST_PACKAGES, name);
  if (!fs.existsSync(from)) throw new Error(`${from} is missing: apt-get install python3-attr python3-click python3-ipython pylint (as .ci/run does)`);
  fs.cpSync(from, path.join(to, name), { recursive: true, filter: (src) => !/[\\/](?:tests?|__pycache__)$/.test(src) && (!fs.statSync(src).isFile() || src.endsWith('.py')) });
}

/** The line pydoclint reports a fixed definition's findings on: a class's are its `__init__`'s. */
function checkedLine(text: string, fixed: Fixed): { line: number; index: number } | undefined {
  const file = parsedFile(text);
  const defs = file.structure.definitions;
  const index = defs.findIndex((d) => d.line + 1 === fixed.line);
  if (index < 0 || fixed.kind !== 'class') return index < 0 ? undefined : { line: fixed.line, index };
  const init = defs.reduce((found, d, j) => (d.parent === index && d.name === '__init__' ? j : found), -1);
  return init < 0 ? undefined : { line: defs[init].line + 1, index: init };
}

describe('docbits --fix', function () {
  this.timeout(600_000);
  let project: string;

  before(() => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-fix-'));
    for (const [folder, { style, fixtures, config, packages }] of Object.entries(PROJECTS)) {
      fs.mkdirSync(path.join(project, folder));
      fs.writeFileSync(path.join(project, folder, 'pyproject.toml'), `[tool.pydoclint]\nstyle = "${style}"\n${config ?? ''}`);
      for (const name of fixtures) fs.copyFileSync(path.join(FIXTURES, name), path.join(project, folder, name));
      for (const name of packages ?? []) copyPackage(name, path.join(project, folder));
    }
    // Every 3rd stdlib module outside the tests, flat (names made unique by their path).
    const files = stdlibFiles().filter((f) => !/\/(test|tests|idle_test)\//.test(f)).filter((_, i) => i % 3 === 0);
    for (const f of files) fs.copyFileSync(f, path.join(project, 'stdlib', f.split(path.sep).slice(-3).join('_')));
  });
  after(() => fs.rmSync(project, { recursive: true, force: true }));

  for (const [folder, { style, least, pydoclint }] of Object.entries(PROJECTS)) {
    it(`${folder}: fixed files compile, pydoclint agrees on the fixed definitions, a second run changes nothing`, function () {
      const dir = path.join(project, folder);
      const before = snapshot(dir);
      const first = runDocbits(['--fix', folder], { cwd: project });
      assert.ok(first.code === 0 || first.code === 1, first.stderr);
      const fixed = fixLines(first.stdout);
      const changed = [...new Set(fixed.map((f) => f.file))];
      console.log(`      ${folder}: ${before.size} files, ${fixed.length} docstrings updated in ${changed.length} files`);
      assert.ok(fixed.length >= least, first.stdout.slice(0, 2000));
      const after = snapshot(dir);
      for (const [name, bytes] of before) {
        const wasChanged = changed.includes(`${folder}/${name}`);
        assert.strictEqual(!bytes.equals(after.get(name)!), wasChanged, `${name}: changed on disk iff reported`);
      }
      assert.deepStrictEqual(compileErrors(changed.map((f) => path.join(project, f))), []);
      if (folder === 'google') {
        // CRLF stays CRLF.
        assert.ok(!/[^\r]\n/.test(after.get('stale_crlf.py')!.toString('utf8')));
        const classes = fixed.filter((f) => f.kind === 'class').map((f) => `${f.qualname} (${f.changes})`);
        assert.deepStrictEqual(classes, ['Gained (added y)', 'Lost (removed step)', 'Reordered (reordered parameters)', 'Raising (added Raises)']);
      }

      const second = runDocbits(['--fix', folder], { cwd: project });
      assert.deepStrictEqual(fixLines(second.stdout), [], 'a second --fix changes nothing');
      assert.deepStrictEqual([...snapshot(dir)].filter(([n, b]) => !b.equals(after.get(n)!)).map(([n]) => n), []);
      assert.strictEqual(second.code, second.stdout.includes('No docstring findings') ? 0 : 1);

      const missing = pydoclintMissing();
      if (missing) throw new Error(missing);
      const findings = runPydoclint(changed, [`--style=${style}`, ...CHECKS, ...(pydoclint ?? [])], project);
      const unexplained: string[] = [];
      let checked = 0, otherStyle = 0;
      for (const fix of fixed) {
        const text = decodePython(fs.readFileSync(path.join(project, fix.file)));
        if (!text.ok) continue;
        const at = checkedLine(text.text, fix);
        if (!at) {
          unexplained.push(`${fix.file}:${fix.line}: no definition there`);
          continue;
        }
        const file = parsedFile(text.text);
        const own = file.structure.definitions[at.index];
        if (own.docstring && fix.kind !== 'class' && parseDocstring(file.text, file.lineStarts, own.docstring, { defaultStyle: style as DocstringStyleName }).style !== style) {
          otherStyle++;
          continue;
        }
        checked++;
        const here = findings.filter((f) => f.path === fix.file && f.line === at.line);
        const messages = here.map((f) => f.message).join('\n');
        const docDef = file.structure.definitions[fix.kind === 'class' ? file.structure.definitions[at.index].parent : at.index];
        const doc = parseDocstring(file.text, file.lineStarts, docDef.docstring!, { style: style as DocstringStyleName });
        const facts = functionFacts(file, at.index, '"""')!;
        const around = { text: file.text, hasNestedDef: file.structure.definitions.some((d) => d.parent === at.index) };
        for (const f of here) {
          // A type --fix cannot take from the code (no annotation, a star argument, a tuple listed by parts) may stay.
          if (TYPE_CODES.test(f.code)) {
            if (!untypeable(f.code, facts, doc) && !explainedDifference(f.code, facts.body, messages, doc, around)) unexplained.push(`${fix.file}:${f.line} ${f.code} ${f.message}`);
            continue;
          }
          if (!UPDATE_CODES.test(f.code)) continue;
          if (!explainedDifference(f.code, facts.body, messages, doc, around)) unexplained.push(`${fix.file}:${f.line} ${f.code} ${f.message}`);
        }
      }
      assert.deepStrictEqual(unexplained.slice(0, 20), []);
      assert.strictEqual(checked + otherStyle, fixed.length);
      assert.ok(checked >= Math.min(least, 2), `only ${checked} fixed docstrings in ${style} style`);
    });
  }

  describe('notebooks', () => {
    let dir: string;
    /** A notebook as Jupyter writes it (nbformat: indent 1, keys sorted, non-ASCII as is, a final newline). */
    const write = (file: string, options: { indent?: number; ensureAscii?: boolean } = {}): Buffer => {
      const script = [
        'import json, sys',
        'stale = ["import os\\n", "%time x = 1\\n", "\\n", "def f(a: int, b: int) -> int:\\n", "    \\"\\"\\"Grüße.\\n", "\\n", "    Args:\\n", "        a (int): A.\\n", "    \\"\\"\\"\\n", "    return a + b"]',
        'fine = "def g(a: int) -> int:\\n    \\"\\"\\"Fine.\\n\\n    Args:\\n        a (int): A.\\n\\n    Returns:\\n        int: It.\\n    \\"\\"\\"\\n    return a\\n"',
        'nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}, "language_info": {"name": "python"}},',
        '      "cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# Title"], "id": "m1"},',
        '                {"cell_type": "code", "execution_count": 3, "metadata": {}, "outputs": [{"output_type": "stream", "name": "stdout", "text": ["ok\\n"]}], "source": stale, "id": "c1"},',
        '                {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": fine, "id": "c2"}]}',
        'sys.stdout.write(json.dumps(nb, indent=int(sys.argv[2]), sort_keys=True, ensure_ascii=sys.argv[3] == "1") + "\\n")',
      ].join('\n');
      const r = spawnSync('python3', ['-c', script, file, String(options.indent ?? 1), options.ensureAscii ? '1' : '0'], { encoding: 'buffer' });
      fs.writeFileSync(path.join(dir, file), r.stdout);
      return r.stdout;
    };
    /** Python's view: the notebook's JSON (the cells' source joined) and whether it is laid out as written. */
    const pythonView = (file: string, indent = 1, ensureAscii = false): { cells: string[]; sameLayout: boolean; compiles: boolean } => {
      const script = [
        'import json, sys',
        'raw = open(sys.argv[1], encoding="utf-8").read()',
        'nb = json.loads(raw)',
        'src = ["".join(c["source"]) if isinstance(c["source"], list) else c["source"] for c in nb["cells"]]',
        'code = "\\n".join("" if l.startswith("%") else l for s, c in zip(src, nb["cells"]) if c["cell_type"] == "code" for l in s.split("\\n"))',
        'ok = True',
        'try:\n    compile(code, "nb", "exec")\nexcept SyntaxError:\n    ok = False',
        'print(json.dumps({"cells": src, "sameLayout": json.dumps(nb, indent=int(sys.argv[2]), sort_keys=True, ensure_ascii=sys.argv[3] == "1") + "\\n" == raw, "compiles": ok}))',
      ].join('\n');
      return JSON.parse(spawnSync('python3', ['-c', script, path.join(dir, file), String(indent), ensureAscii ? '1' : '0'], { encoding: 'utf8' }).stdout) as { cells: string[]; sameLayout: boolean; compiles: boolean };
    };

    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-fix-nb-'));
      fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.pydoclint]\nstyle = "google"\n');
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('updates the cells\' docstrings in the JSON, its layout kept (indent, key order, lines, newline); a second run changes nothing', () => {
      write('nb.ipynb');
      write('two.ipynb', { indent: 2 });
      const before = pythonView('nb.ipynb');
      const r = runDocbits(['--fix', '.'], { cwd: dir });
      assert.match(r.stdout, /^nb\.ipynb:cell 2:4: updated docstring of function f \(added b, added Returns\)$/m);
      assert.match(r.stdout, /^two\.ipynb:cell 2:4: updated docstring of function f \(added b, added Returns\)$/m);
      assert.strictEqual(r.code, 0, r.stdout + r.stderr);
      const after = pythonView('nb.ipynb');
      assert.ok(after.sameLayout && pythonView('two.ipynb', 2).sameLayout, 'the layout changed');
      assert.ok(after.compiles);
      assert.strictEqual(after.cells[0], before.cells[0]);
      assert.strictEqual(after.cells[2], before.cells[2]);
      assert.strictEqual(after.cells[1], before.cells[1].replace('        a (int): A.\n', '        a (int): A.\n        b (int): Description of b.\n\n    Returns:\n        int: Description of the return value.\n'));
      const bytes = fs.readFileSync(path.join(dir, 'nb.ipynb'));
      const again = runDocbits(['--fix', '.'], { cwd: dir });
      assert.doesNotMatch(again.stdout, /updated docstring/);
      assert.ok(fs.readFileSync(path.join(dir, 'nb.ipynb')).equals(bytes));
    });

    it('a notebook with non-ASCII escaped (ensure_ascii) is fixed in that layout; one whose cells cannot be located is left alone, with the reason', () => {
      write('ascii.ipynb', { ensureAscii: true });
      const ok = runDocbits(['--fix', 'ascii.ipynb'], { cwd: dir });
      assert.match(ok.stdout, /^ascii\.ipynb:cell 2:4: updated docstring of function f/m);
      assert.ok(pythonView('ascii.ipynb', 1, true).sameLayout, 'the layout changed');
      const text = fs.readFileSync(path.join(dir, 'ascii.ipynb'), 'utf8');
      fs.writeFileSync(path.join(dir, 'twice.ipynb'), text.replace('"source": [', '"source": "",\n   "source": [').replace('"        b (int): Description of b.\\n",', ''));
      const bytes = fs.readFileSync(path.join(dir, 'twice.ipynb'));
      const r = runDocbits(['--fix', 'twice.ipynb'], { cwd: dir });
      assert.match(r.stderr, /twice\.ipynb: not fixed: cell 1 has "source" twice/);
      assert.ok(fs.readFileSync(path.join(dir, 'twice.ipynb')).equals(bytes));
      assert.strictEqual(r.code, 1);
    });
  });

  describe('writing', () => {
    let dir: string;
    const stale = 'def f(a: int, b: int) -> int:\n    """Sum.\n\n    Args:\n        a (int): A.\n    """\n    return a + b\n';

    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-fix-write-'));
      fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.pydoclint]\nstyle = "google"\n');
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('keeps the encoding (BOM, a latin-1 cookie) and the mode; says what changed; exit 0 when nothing is left', () => {
      const bom = path.join(dir, 'bom.py');
      fs.writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(stale.replace('Sum.', 'Sümme.'), 'utf8')]));
      fs.chmodSync(bom, 0o751);
      const latin = path.join(dir, 'latin.py');
      fs.writeFileSync(latin, Buffer.from(`# -*- coding: latin-1 -*-\n${stale.replace('Sum.', 'Grüße.')}`, 'latin1'));
      const r = runDocbits(['--fix', '--format', 'concise', '.'], { cwd: dir });
      assert.deepStrictEqual(fixLines(r.stdout).map((f) => `${f.file}:${f.line} ${f.kind} ${f.qualname} (${f.changes})`),
        ['bom.py:1 function f (added b, added Returns)', 'latin.py:2 function f (added b, added Returns)']);
      assert.match(r.stdout, /^Updated 2 docstrings in 2 files\.$/m);
      const bomBytes = fs.readFileSync(bom);
      assert.deepStrictEqual([...bomBytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      assert.match(bomBytes.toString('utf8'), /Sümme\.\n\n    Args:\n        a \(int\): A\.\n        b \(int\): Description of b\.\n/);
      assert.strictEqual(fs.statSync(bom).mode & 0o777, 0o751);
      assert.match(fs.readFileSync(latin).toString('latin1'), /Grüße\.[\s\S]*b \(int\): Description of b\./);
      assert.deepStrictEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
      assert.strictEqual(r.code, 0, r.stdout + r.stderr);
      assert.deepStrictEqual(compileErrors([bom, latin]), []);
    });

    it('a symlink that leads out of the project is not written, nor a file in an encoding it cannot write', () => {
      const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-fix-outside-'));
      try {
        const target = path.join(outside, 'victim.py');
        fs.writeFileSync(target, stale);
        fs.symlinkSync(target, path.join(dir, 'link.py'));
        const inside = path.join(dir, 'real.py');
        fs.writeFileSync(inside, stale);
        fs.symlinkSync(inside, path.join(dir, 'alias.py'));
        const cp1252 = path.join(dir, 'cp1252.py');
        const cp1252Bytes = Buffer.from(`# coding: cp1252\n${stale}`, 'latin1');
        fs.writeFileSync(cp1252, cp1252Bytes);
        const r = runDocbits(['--fix', '.'], { cwd: dir });
        assert.strictEqual(fs.readFileSync(target, 'utf8'), stale);
        assert.match(r.stderr, /link\.py: not fixed: it leads outside the project/);
        assert.match(r.stderr, /cp1252\.py: not fixed: docbits writes UTF-8, ASCII and Latin-1 files only/);
        assert.ok(fs.readFileSync(cp1252).equals(cp1252Bytes));
        // A link inside the project: the file it names is updated, the link stays a link.
        assert.ok(fs.lstatSync(path.join(dir, 'alias.py')).isSymbolicLink());
        assert.match(fs.readFileSync(inside, 'utf8'), /b \(int\): Description of b\./);
        assert.strictEqual(r.code, 1, 'the link out and the cp1252 file keep their findings');
      } finally {
        fs.rmSync(outside, { recursive: true, force: true });
      }
    });
  });
});
