import * as assert from 'assert';
import { commonBase, displayPath, relativeTo, scanRoot } from '../../server/src/workspace/paths';

/** A fake file system: these paths exist. */
const existing = (...paths: string[]) => (p: string): boolean => paths.includes(p);

describe('workspace/paths', () => {
  it('commonBase of a single file is the file; its display name is the base name', () => {
    const file = '/a/pkg/mod.py';
    const base = commonBase([file], existing('/', '/a', '/a/pkg', file));
    assert.strictEqual(base, file);
    assert.strictEqual(displayPath(file, base), 'mod.py');
    assert.strictEqual(scanRoot([file], existing('/', '/a', '/a/pkg', file)), '/a/pkg');
  });

  it('commonBase is character-wise, then walks up to a path that exists', () => {
    const files = ['/a/foobar/x.py', '/a/foobaz/y.py'];
    const base = commonBase(files, existing('/', '/a', '/a/foobar', '/a/foobaz'));
    assert.strictEqual(base, '/a');
    assert.deepStrictEqual(files.map((f) => displayPath(f, base)), ['foobar/x.py', 'foobaz/y.py']);
  });

  it('commonBase strips the trailing separator of a folder prefix', () => {
    const files = ['/a/pkg/x.py', '/a/pkg/y.py'];
    assert.strictEqual(commonBase(files, existing('/', '/a', '/a/pkg')), '/a/pkg');
  });

  it('never picks a base that only matches part of a file name (interrogate would print "py")', () => {
    const files = ['/a/pkg.py', '/a/pkg/mod.py'];
    const base = commonBase(files, existing('/', '/a', '/a/pkg', '/a/pkg.py'));
    assert.strictEqual(base, '/a');
    assert.deepStrictEqual(files.map((f) => displayPath(f, base)), ['pkg.py', 'pkg/mod.py']);
  });

  it('works on real paths and at the file-system root', () => {
    assert.strictEqual(commonBase(['/etc/hostname', '/etc/hosts']), '/etc');
    assert.strictEqual(commonBase(['/etc/hosts', '/usr/x']), '/');
    assert.strictEqual(displayPath('/x.py', '/'), 'x.py');
    assert.strictEqual(relativeTo('/', '/x/y.py'), 'x/y.py');
    assert.strictEqual(relativeTo('/a/b', '/a/b/c/d.py'), 'c/d.py');
  });
});
