/** `--fix` on a text (server/src/docstrings/fixFile.ts): which docstrings it updates, and what it reports. */
import * as assert from 'assert';
import { DEFAULT_QUALITY_OPTIONS, QualityOptions } from '../../server/src/docstrings/checks';
import { fixDocstrings } from '../../server/src/docstrings/fixFile';
import { readFixture } from './helpers';

const fix = (text: string, options: Partial<QualityOptions> = {}) => fixDocstrings(text, { ...DEFAULT_QUALITY_OPTIONS, style: 'google', ...options });
const stale = (name: string, comment = ''): string =>
  `def ${name}(a: int, b: int) -> None:${comment}\n    """Sum.\n\n    Args:\n        a (int): A.\n    """\n`;

describe('docstrings/fixFile', () => {
  it('updates the definitions with findings and names them with the lines of the fixed text', () => {
    const r = fix(stale('f') + '\n\n' + stale('g'));
    assert.ok(r.ok);
    assert.deepStrictEqual(r.fixes.map((x) => [x.line, x.kind, x.qualname, x.changes.join(', ')]), [[0, 'function', 'f', 'added b'], [9, 'function', 'g', 'added b']]);
    assert.strictEqual(r.text.split('b (int): Description of b.').length, 3);
    const again = fix(r.text);
    assert.ok(again.ok && again.fixes.length === 0, 'idempotent');
  });

  it('leaves alone what the checks excuse: # noqa: DOC1, # nodocqa', () => {
    const excused = stale('f', '  # nodocqa') + '\n\n' + stale('g').replace('    """\n', '    """  # noqa: DOC1\n');
    const r = fix(excused);
    assert.ok(r.ok);
    assert.deepStrictEqual(r.fixes, []);
    assert.strictEqual(r.text, excused);
  });

  it('a class docstring follows __init__; with allow-init-docstring, __init__ keeps its own', () => {
    const cls = 'class P:\n    """A point.\n\n    Args:\n        x (int): X.\n        z (int): Gone.\n    """\n\n    def __init__(self, x: int, y: int) -> None:\n        self.x = x\n';
    const r = fix(cls);
    assert.ok(r.ok);
    assert.deepStrictEqual(r.fixes.map((x) => [x.kind, x.qualname, x.changes.join(', ')]), [['class', 'P', 'removed z, added y']]);
    assert.match(r.text, /x \(int\): X\.\n        y \(int\): Description of y\.\n    """/);
    const own = 'class P:\n    """A point."""\n\n    def __init__(self, x: int, y: int) -> None:\n        """Make it.\n\n        Args:\n            x (int): X.\n        """\n        self.x = x\n';
    const r2 = fix(own, { allowInitDocstring: true });
    assert.ok(r2.ok);
    assert.deepStrictEqual(r2.fixes.map((x) => [x.kind, x.qualname, x.changes.join(', ')]), [['method', 'P.__init__', 'added y']]);
  });

  it('numpy without types in docstrings: a new parameter with a default gets no type line, and a second run changes nothing', () => {
    // Found by the fuzzer: the entry was `axis : object, default 0`, whose type the next run took out (DOC111).
    const text = readFixture('stale_numpy.py');
    const options = { style: 'numpy' as const, argTypeHintsInDocstring: false };
    const r = fix(text, options);
    assert.ok(r.ok);
    assert.match(r.text, /\n {4}axis\n {8}Description of axis\.\n/);
    const again = fix(r.text, options);
    assert.ok(again.ok && again.fixes.length === 0, `second run: ${again.ok ? again.fixes.map((f) => f.changes.join(', ')).join('; ') : again.reason}`);
  });

  it('a parameter listed twice keeps one entry and gets one type line (sphinx), and a second run changes nothing', () => {
    // Found by the fuzzer: the removed second `:param **kwargs:` still got its `:type **kwargs:` line.
    const text = readFixture('duplicate_entry.py');
    const options = { style: 'sphinx' as const };
    const r = fix(text, options);
    assert.ok(r.ok);
    assert.strictEqual(r.text.split(':type **kwargs: str').length, 2, r.text);
    assert.match(r.text, /:param \*args: Values\.\n {4}:type \*args: int\n {4}:param \*\*kwargs: Options\.\n {4}:type \*\*kwargs: str\n {4}"""/);
    const again = fix(r.text, options);
    assert.ok(again.ok && again.fixes.length === 0, `second run: ${again.ok ? again.fixes.map((f) => f.changes.join(', ')).join('; ') : again.reason}`);
  });

  it('leaves alone a docstring whose lines a backslash-newline joins (its source lines are not the lines it says)', () => {
    // Found by the fuzzer: reordering such entries by source line changed the docstring's value, and a second run changed it again.
    const text = readFixture('continued_lines.py');
    const r = fix(text, { style: 'sphinx' });
    assert.ok(r.ok);
    assert.deepStrictEqual(r.fixes, []);
    assert.strictEqual(r.text, text);
  });

  it('never throws on broken code, and returns the findings it started from', () => {
    for (const text of ['def f(a:\n    """Args:\n', 'class (:\n  """', stale('f').replace('"""', "'''"), '\0\r\r\n"""']) {
      const r = fix(text);
      assert.ok(r.ok ? typeof r.text === 'string' : typeof r.reason === 'string');
    }
  });
});
