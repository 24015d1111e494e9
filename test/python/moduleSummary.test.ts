/** python/moduleSummary.ts: the classes, bases and import bindings other modules need. */
import * as assert from 'assert';
import { importBinding, moduleSummary, starImports } from '../../server/src/python/moduleSummary';
import { parseStructure } from '../../server/src/python/structure';

const summarize = (text: string) => moduleSummary(parseStructure(text), text);

describe('python/moduleSummary', () => {
  it('bases as dotted names: subscripts stripped, keywords, stars and calls left out, decorators skipped', () => {
    const s = summarize([
      'class C(A, b.B, Generic[T], metaclass=M, *extra):', '    pass',
      'class D(make_base()):', '    pass',
      '@dataclass(frozen=True)', 'class E(  # comment', '    Base,', '):', '    pass',
      'class F:', '    class Inner(C):', '        pass',
      'def f():', '    class Local(D):', '        pass',
    ].join('\n'));
    assert.deepStrictEqual(Object.fromEntries([...s.classes].map(([k, v]) => [k, v.bases])), {
      C: ['A', 'b.B', 'Generic'], D: [], E: ['Base'], F: [], 'F.Inner': ['C'], 'f.Local': ['D'],
    });
  });

  it('methods: documented, @override in its three spellings, line; undocumented ones left out', () => {
    const s = summarize([
      'import typing', 'class C:',
      '    def a(self):', '        """Doc."""',
      '    def b(self):', '        """   """',
      '    @override', '    def c(self): pass',
      '    @typing.override', '    def d(self): pass',
      '    @typing_extensions.override', '    def e(self): pass',
      '    @other.override', '    def f(self): pass',
      '    def g(self):', '        """Doc."""',
      '    def g(self): pass',
    ].join('\n'));
    // b (blank docstring), f and the redefined g are left out: no lookup stops at an undocumented method.
    assert.deepStrictEqual(Object.fromEntries(s.classes.get('C')!.methods), {
      a: { documented: true, override: false, line: 3 },
      c: { documented: false, override: true, line: 8 }, d: { documented: false, override: true, line: 10 },
      e: { documented: false, override: true, line: 12 },
    });
  });

  it('imports: every form, anywhere but in docstrings; the last binding wins', () => {
    const s = summarize([
      '"""Module.', 'from fake import Nope', '"""',
      'import a.b.c', 'import x.y as z, w', 'from . import m', 'from ..p.q import (R as S,', '    T)', 'from star import *',
      'if TYPE_CHECKING:', '    from t import U', 'try:', '    import fast as impl', 'except ImportError:', '    import slow as impl',
      'def f():', '    """Doc.', '    import hidden', '    """',
      'important = 1',
    ].join('\n'));
    const names = ['a', 'z', 'w', 'm', 'S', 'T', 'U', 'impl', 'Nope', 'hidden', 'important', 'b', 'x', 'R', 'star'];
    assert.deepStrictEqual(Object.fromEntries(names.map((n) => [n, importBinding(s, n)]).filter(([, b]) => b !== undefined)), {
      a: { level: 0, module: 'a' }, z: { level: 0, module: 'x.y' }, w: { level: 0, module: 'w' },
      m: { level: 1, module: '', name: 'm' }, S: { level: 2, module: 'p.q', name: 'R' }, T: { level: 2, module: 'p.q', name: 'T' },
      U: { level: 0, module: 't', name: 'U' }, impl: { level: 0, module: 'slow' },
    });
    assert.deepStrictEqual(starImports(s), [{ level: 0, module: 'star' }]);
  });

  it('never throws on broken code, and stays bounded', () => {
    for (const text of ['class (', 'from', 'from . import', 'import', 'class C(((((', 'from x import (a, b', '\x00import \\\n']) {
      assert.ok(summarize(text));
    }
    const many = summarize(Array.from({ length: 3000 }, (_, i) => `import m${i}`).join('\n'));
    assert.deepStrictEqual(importBinding(many, 'm1999'), { level: 0, module: 'm1999' });
    assert.strictEqual(importBinding(many, 'm2000'), undefined);
    // Asked for many names, a module is read whole once: the same answers, the last binding still winning.
    const twice = summarize('import a as x\nfrom b import c as x\nimport d\n');
    const answers = () => ['x', 'd', 'nope'].map((n) => importBinding(twice, n));
    const lazy = answers();
    for (let i = 0; i < 100; i++) importBinding(twice, `missing${i}`);
    assert.deepStrictEqual(answers(), lazy);
    assert.deepStrictEqual(lazy, [{ level: 0, module: 'b', name: 'c' }, { level: 0, module: 'd' }, undefined]);
  });
});
