import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { compileFnmatch, fnmatchcase } from '../../../server/src/python/compat/fnmatch';

describe('python/compat/fnmatch', () => {
  it('follows fnmatch.translate on the usual shapes', () => {
    const cases: Array<[string, string, boolean]> = [
      ['/a/b/tests/x.py', '*/tests/*', true],
      ['/a/b/tests', '*/tests/*', false],
      ['/a/b/c.py', '/a/*.py', true], // `*` crosses `/`
      ['/a/b.py', '/a/?.py', true],
      ['/a/bb.py', '/a/?.py', false],
      ['/a/b.py', '/a/[abc].py', true],
      ['/a/d.py', '/a/[!abc].py', true],
      ['/a/b.py', '/a/[!abc].py', false],
      ['/a/b.py', '/a/[a-c].py', true],
      ['/a/-.py', '/a/[a-].py', true],
      ['/a/[.py', '/a/[.py', true], // unclosed bracket is literal
      ['/a/].py', '/a/[]].py', true],
      ['/a/b.py', '/a/[z-a].py', false], // empty range never matches
      ['/a/b.py', '/a/[!z-a].py', true], // negated empty set: any character
      ['/A/B.PY', '/a/b.py', false], // case-sensitive on POSIX
      ['/a/\u{1F600}.py', '/a/?.py', true], // one code point, not one UTF-16 unit
      ['/a/x\ny', '/a/*', true],
    ];
    for (const [name, pattern, expected] of cases) {
      assert.strictEqual(fnmatchcase(name, pattern), expected, `${JSON.stringify(name)} ~ ${JSON.stringify(pattern)}`);
    }
  });

  it('treats a plain exclude plus `*` as a prefix test', () => {
    const p = compileFnmatch('/proj/.venv*');
    assert.ok(p.matches('/proj/.venv/lib/x.py'));
    assert.ok(p.matches('/proj/.venvx/y.py')); // interrogate's prefix semantics, bugs included
    assert.ok(!p.matches('/proj/src/.venv/y.py'));
  });

  it('agrees with CPython fnmatch.fnmatchcase on random patterns', function () {
    const probe = spawnSync('python3', ['-c', 'import sys; print(sys.version_info[:2] >= (3, 11))'], { encoding: 'utf8' });
    if (probe.status !== 0) this.skip(); // no python3 on this machine
    // translate() changed a little between versions (3.11 added the empty-range handling we copy)
    if (probe.stdout.trim() !== 'True') this.skip();
    let seed = 12345;
    const random = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    const patternChars = ['a', 'b', 'z', '-', '!', '^', '[', ']', '*', '?', '/', '\\', '&', '\u00e9', '\u{1F600}'];
    const nameChars = ['a', 'b', 'z', '-', '!', '^', '[', ']', '/', '\\', '&', '\u00e9', '\u{1F600}'];
    const pick = (chars: string[], max: number): string => {
      let s = '';
      for (let k = random(max + 1); k > 0; k--) s += chars[random(chars.length)];
      return s;
    };
    const cases: Array<[string, string]> = [];
    for (let i = 0; i < 3000; i++) cases.push([pick(nameChars, 6), pick(patternChars, 7)]);
    // Patterns whose only wildcard is `*` take a path of their own (native searches): a small alphabet, so
    // that many of them match.
    const starChars = ['a', 'b', '/', '*', '*', '\u00e9', '\u{1F600}'];
    const starNameChars = ['a', 'b', '/', '\u00e9', '\u{1F600}'];
    for (let i = 0; i < 3000; i++) cases.push([pick(starNameChars, 8), pick(starChars, 7)]);
    const script = 'import sys, json, fnmatch\n' +
      'print(json.dumps([fnmatch.fnmatchcase(n, p) for n, p in json.load(sys.stdin)]))';
    const run = spawnSync('python3', ['-c', script], { input: JSON.stringify(cases), encoding: 'utf8' });
    assert.strictEqual(run.status, 0, run.stderr);
    const expected: boolean[] = JSON.parse(run.stdout);
    const mismatches = cases.filter(([n, p], i) => fnmatchcase(n, p) !== expected[i]);
    assert.deepStrictEqual(mismatches.slice(0, 10), []);
  });
});
