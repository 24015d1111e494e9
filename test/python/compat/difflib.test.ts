import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { getCloseMatches } from '../../../server/src/python/compat/difflib';
import { Prng } from '../../helpers/prng';

describe('python/compat/difflib', () => {
  it('suggests what click suggests for a mistyped interrogate flag', () => {
    const longFlags = ['--verbose', '--quiet', '--fail-under', '--exclude', '--ignore-init-method', '--ignore-magic',
      '--ignore-module', '--no-color', '--color', '--config', '--help', '--version', '--omit-covered-files'];
    assert.deepStrictEqual(getCloseMatches('--bogus', longFlags), ['--verbose']);
    assert.deepStrictEqual(getCloseMatches('--bog', longFlags), ['--config']);
    assert.deepStrictEqual(getCloseMatches('--no-omit', longFlags), ['--no-color', '--ignore-magic']);
    assert.deepStrictEqual(getCloseMatches('--zzzzzzzzzz', longFlags), []);
  });

  it('agrees with CPython difflib.get_close_matches on random words, short and past the autojunk length', () => {
    const prng = new Prng(20261201);
    const word = (alphabet: string, max: number): string =>
      Array.from({ length: prng.int(0, max) }, () => prng.pick([...alphabet])).join('');
    const cases = Array.from({ length: 300 }, (_, i) => {
      const long = i % 30 === 0;
      const alphabet = long ? 'ab' : 'abcde-';
      return { word: word(alphabet, long ? 320 : 12), possibilities: Array.from({ length: 8 }, () => word(alphabet, long ? 320 : 12)) };
    });
    const script = 'import difflib, json, sys\nfor c in json.load(sys.stdin):\n  print(json.dumps(difflib.get_close_matches(c["word"], c["possibilities"])))';
    const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 1 << 26 });
    assert.strictEqual(r.status, 0, r.stderr);
    const expected = r.stdout.trim().split('\n').map((line) => JSON.parse(line) as string[]);
    cases.forEach((c, i) => assert.deepStrictEqual(getCloseMatches(c.word, c.possibilities), expected[i], JSON.stringify(c)));
  });
});
