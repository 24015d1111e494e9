/** Import resolution (python/modules.ts) on test/fixtures/modules, checked against python3's importlib.util.find_spec. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ImportSpec, ModuleFileSystem, ModuleLocation, nodeModuleFileSystem, resolveImport, searchRoots } from '../../server/src/python/modules';
import { runOracle } from '../oracles/stdlib';

const FIXTURE = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'modules');
const PROJECT = path.join(FIXTURE, 'project');
const files = nodeModuleFileSystem;
const roots = searchRoots([PROJECT], files);

/** A query: the importing file (relative to the project), its dotted name as Python imports it, and the import. */
interface Query { importer: string; name: string; spec: ImportSpec }

const abs = (module: string): Query => ({ importer: 'top.py', name: 'top', spec: { level: 0, module } });
const rel = (importer: string, name: string, level: number, module: string): Query => ({ importer, name, spec: { level, module } });

/** Every case where Python and the resolver must agree (no stubs: Python never imports a .pyi). */
const AGREED: Query[] = [
  abs('pkg'), abs('pkg.base'), abs('pkg.sub'), abs('pkg.sub.child'), abs('pkg.sub.sibling'),
  abs('pkg.both_kinds'), abs('pkg.mod_over_ns'), abs('pkg.mod_over_ns.unreachable'), abs('pkg.missing'),
  abs('nsp'), abs('nsp.inner'), abs('nsp.inner.a'), abs('nsp.b'), abs('nsp.missing'),
  abs('srcpkg'), abs('srcpkg.deep'), abs('typed'), abs('top'), abs('top.x'), abs('ext'), abs('src'),
  rel('pkg/sub/child.py', 'pkg.sub.child', 1, ''), rel('pkg/sub/child.py', 'pkg.sub.child', 1, 'sibling'),
  rel('pkg/sub/child.py', 'pkg.sub.child', 2, 'base'), rel('pkg/sub/child.py', 'pkg.sub.child', 2, ''),
  rel('pkg/sub/child.py', 'pkg.sub.child', 3, 'pkg'), rel('pkg/sub/child.py', 'pkg.sub.child', 2, 'sub.sibling'),
  rel('pkg/sub/__init__.py', 'pkg.sub.__init__', 1, 'child'), rel('pkg/sub/__init__.py', 'pkg.sub.__init__', 2, 'base'),
  rel('pkg/__init__.py', 'pkg.__init__', 2, 'pkg'), rel('pkg/base.py', 'pkg.base', 1, 'nope'),
  rel('top.py', 'top', 1, 'typed'), rel('src/srcpkg/deep.py', 'srcpkg.deep', 1, ''),
  rel('src/srcpkg/deep.py', 'srcpkg.deep', 2, 'srcpkg'), rel('nsp/inner/a.py', 'nsp.inner.a', 2, 'b'),
];

/** Python's answer in the resolver's shape. */
function expected(origin: string | null, locations: string[] | null): ModuleLocation | undefined {
  if (origin !== null) return { kind: path.basename(origin) === '__init__.py' ? 'package' : 'module', file: origin, stub: false };
  return locations !== null ? { kind: 'namespace', folders: locations } : undefined;
}

const resolve = (q: Query): ModuleLocation | undefined => resolveImport(path.join(PROJECT, q.importer), q.spec, roots, files);
const key = (q: Query): string => `${q.spec.level === 0 ? '' : q.name}\t${q.spec.level}\t${q.spec.module}`;

describe('python/modules: imports as Python resolves them', () => {
  it('the src layout adds src/ after the project folder', () => {
    assert.deepStrictEqual(roots.folders, [PROJECT, path.join(PROJECT, 'src')]);
  });

  it('agrees with importlib.util.find_spec on every case of the fixture', () => {
    const answers = runOracle<{ origin: string | null; locations: string[] | null }>('find_spec.py', AGREED.map(key), [...roots.folders]);
    let found = 0;
    for (const q of AGREED) {
      const want = answers.get(key(q));
      assert.ok(want, `no oracle answer for ${key(q)}`);
      const got = resolve(q);
      if (got) found++;
      assert.deepStrictEqual(got, expected(want.origin, want.locations), `${q.importer}: level ${q.spec.level} ${JSON.stringify(q.spec.module)}`);
    }
    // Both outcomes are exercised.
    assert.ok(found >= 20 && AGREED.length - found >= 8, `${found} of ${AGREED.length} found`);
  });

  it('stubs: a .pyi is read only when there is no .py (documented difference: Python cannot import it)', () => {
    assert.deepStrictEqual(resolve(abs('compiled')), { kind: 'module', file: path.join(PROJECT, 'compiled.pyi'), stub: true });
    assert.deepStrictEqual(resolve(abs('stubpkg')), { kind: 'package', file: path.join(PROJECT, 'stubpkg', '__init__.pyi'), stub: true });
    assert.deepStrictEqual(resolve(abs('typed')), { kind: 'module', file: path.join(PROJECT, 'typed.py'), stub: false });
  });

  it('refuses names that are not identifiers, and bounds levels and depth', () => {
    for (const module of ['../outside', 'pkg/base', 'pkg..base', '.pkg', 'pkg.', '0pkg', 'pkg.base\u0000']) {
      assert.strictEqual(resolve(abs(module)), undefined, module);
    }
    assert.strictEqual(resolve(abs('')), undefined);
    assert.strictEqual(resolve(rel('pkg/sub/child.py', 'pkg.sub.child', -1, 'base')), undefined);
    assert.strictEqual(resolve(rel('pkg/sub/child.py', 'pkg.sub.child', 1.5, 'base')), undefined);
    assert.strictEqual(resolve(abs(Array(40).fill('pkg').join('.'))), undefined);
    // An importer outside every root has no package.
    assert.strictEqual(resolveImport(path.join(FIXTURE, 'outside', 'ext.py'), { level: 1, module: 'ext' }, roots, files), undefined);
  });

  it('never leaves the roots through a symlink, and asks the file system a bounded number of questions', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-modules-'));
    try {
      const project = path.join(tmp, 'project');
      fs.mkdirSync(path.join(project, 'inside'), { recursive: true });
      fs.writeFileSync(path.join(project, 'inside', 'real.py'), '');
      fs.symlinkSync(path.join(FIXTURE, 'outside'), path.join(project, 'linked_dir'));
      fs.symlinkSync(path.join(FIXTURE, 'outside', 'ext.py'), path.join(project, 'linked.py'));
      fs.symlinkSync(path.join(project, 'inside', 'real.py'), path.join(project, 'alias.py'));
      fs.symlinkSync(path.join(project, 'loop'), path.join(project, 'loop')); // resolves to nothing
      let questions = 0;
      const counting: ModuleFileSystem = {
        kind: (p) => { questions++; return files.kind(p); },
        realpath: (p) => { questions++; return files.realpath(p); },
      };
      const tmpRoots = searchRoots([project], counting);
      const at = (module: string) => resolveImport(path.join(project, 'x.py'), { level: 0, module }, tmpRoots, counting);
      assert.strictEqual(at('linked'), undefined);
      assert.strictEqual(at('linked_dir'), undefined);
      assert.strictEqual(at('linked_dir.ext'), undefined);
      assert.strictEqual(at('loop'), undefined);
      // A link that stays inside is followed; the path returned is the one under the root.
      assert.deepStrictEqual(at('alias'), { kind: 'module', file: path.join(project, 'alias.py'), stub: false });
      questions = 0;
      assert.strictEqual(at(Array(32).fill('inside').join('.')), undefined);
      assert.ok(questions <= 32 * 2 * 7, `${questions} questions`);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
