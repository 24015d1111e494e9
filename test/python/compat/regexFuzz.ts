/**
 * A fuzzer for the name-regex translator (python/compat/regex.ts): random code points, patterns from the
 * grammar (regexGen.ts), and mutations of them, each compiled and matched against a few names. The only
 * allowed outcomes are a NameRegex or the documented refusal (`regex "...": why`); a throw fails the run, and
 * the slowest case is reported (a hang would never return: run it under `timeout`).
 *
 *   node out/test/python/compat/regexFuzz.js [--seconds N] [--seed S]
 *
 * regex.test.ts runs a short fixed-seed slice.
 */
import { compileNameRegex } from '../../../server/src/python/compat/regex';
import { Prng } from '../../helpers/prng';
import { randomName, randomPattern } from './regexGen';

export interface FuzzStats {
  cases: number;
  compiled: number;
  refused: number;
  maxMs: number;
  slowest: { pattern: string; ms: number } | undefined;
}

const PIECES = ['(', ')', '[', ']', '{', '}', '\\', '|', '*', '+', '?', '^', '$', '.', '-', ',', ':', '#', '<', '>', '=', '!',
  'P', '(?', '(?P<', '(?P=', '(?#', '(?i)', '(?x)', '(?a:', '\\1', '\\x', '\\u', '\\U', '\\N{', '\\b', '\\d', '\\w', '\\Z',
  '0', '1', '9', '999', '1000', '1001', '{1,1000}', '{0,}', 'a', 'é', '𝔘', ' ', '\n', '\0', '\ud800'];

function mutate(rng: Prng, pattern: string): string {
  let s = pattern;
  for (let k = rng.int(1, 4); k > 0; k--) {
    const at = rng.int(0, s.length);
    const roll = rng.next();
    if (roll < 0.4) s = s.slice(0, at) + rng.pick(PIECES) + s.slice(at);
    else if (roll < 0.6) s = s.slice(0, at) + s.slice(at + rng.int(1, 3));
    else if (roll < 0.8) s = s.slice(0, at) + s.slice(rng.int(0, at)) ; // duplicate a tail
    else s = `(${s})${rng.pick(['*', '+', '{2,30}', '{1,40}', '?'])}`;
  }
  return s.slice(0, 4000);
}

function randomCodePoints(rng: Prng): string {
  let s = '';
  for (let k = rng.int(0, 40); k > 0; k--) {
    const cp = rng.chance(0.7) ? rng.int(0x20, 0x7e) : rng.int(0, 0x10ffff);
    s += String.fromCodePoint(cp);
  }
  return s;
}

function oneCase(rng: Prng): string {
  const roll = rng.next();
  if (roll < 0.2) return randomCodePoints(rng);
  if (roll < 0.45) return randomPattern(rng);
  if (roll < 0.5) return Array.from({ length: rng.int(10, 200) }, () => randomPattern(rng)).join(''); // long
  return mutate(rng, randomPattern(rng));
}

export function fuzzRegex(options: { seed: number; cases?: number; seconds?: number }): FuzzStats {
  const rng = new Prng(options.seed);
  const stats: FuzzStats = { cases: 0, compiled: 0, refused: 0, maxMs: 0, slowest: undefined };
  const deadline = options.seconds !== undefined ? Date.now() + options.seconds * 1000 : Infinity;
  const names = ['a'.repeat(300), `${'a_'.repeat(150)}!`, 'test_x'];
  while ((options.cases === undefined || stats.cases < options.cases) && Date.now() < deadline) {
    const pattern = oneCase(rng);
    const subjects = [...names, randomName(rng)];
    const t0 = performance.now();
    let result;
    try {
      result = compileNameRegex(pattern);
      if (result instanceof RegExp) for (const name of subjects) result.test(name);
    } catch (e) {
      throw new Error(`regex fuzz: ${JSON.stringify(pattern)} threw ${(e as Error).stack}`);
    }
    const ms = performance.now() - t0;
    if (result instanceof RegExp) stats.compiled++;
    else {
      const head = pattern.length > 5_000 ? `regex ${JSON.stringify(pattern.slice(0, 40))}...` : `regex ${JSON.stringify(pattern)}: `;
      if (!result.error.startsWith(head)) throw new Error(`regex fuzz: odd refusal ${result.error}`);
      stats.refused++;
    }
    if (ms > stats.maxMs) {
      stats.maxMs = ms;
      stats.slowest = { pattern, ms };
    }
    stats.cases++;
  }
  return stats;
}

if (require.main === module) {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const seed = Number(arg('--seed') ?? Date.now() >>> 0);
  const seconds = Number(arg('--seconds') ?? 60);
  console.log(`regex fuzz: seed ${seed}, ${seconds} s`);
  const stats = fuzzRegex({ seed, seconds });
  console.log(JSON.stringify(stats));
}
