/**
 * Differential test of the symbolic bit layouts (bits/symbolic.ts) on real code: the bitwise expression sites
 * of the stdlib (test/oracles/bits_symbolic.py lists them with Python's ast), each hovered through the real
 * hover API. For every hover that maps the result's bits ("Bits 0–3 are bits 5–8 of `d`; ..."), python3
 * evaluates the expression with random ints (negative and huge among them) for every name the hover does not
 * know, in one batched process, and every bit the map claims is checked against the value. Zero wrong bits.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { bitsHover, HoverTokens } from '../../server/src/bits/hover';
import { locate } from '../../server/src/bits/locate';
import { bindingsBefore } from '../../server/src/bits/scope';
import { tokenize } from '../../server/src/python/lexer/cursor';
import { Prng } from '../helpers/prng';

const ORACLE = path.join(__dirname, '..', '..', '..', 'test', 'oracles', 'bits_symbolic.py');
const STDLIB = '/usr/lib/python3.11';
const TRIALS = 6;

interface Site { path: string; line: number; character: number; end_line: number; end_character: number; expression: string; names: string[] }
type Trial = { value: string; operands: string[] } | { error: string };
/** A claim of the map: result bits from..to (Infinity: and up) are a constant, or an operand's bits from `index`. */
type Claim = { from: number; to: number } & ({ kind: 'const'; bit: 0 | 1 } | { kind: 'operand'; operand: number; index: number; flipped: boolean });

function python(args: string[], input?: string): string {
  return execFileSync('python3', [ORACLE, ...args], { input, encoding: 'utf8', maxBuffer: 1 << 28 });
}

/** The claims of the hover's map line, and the operand sources they name; undefined when there is no map. */
function claimsOf(markdown: string): { claims: Claim[]; operands: string[] } | undefined {
  const line = markdown.split('\n').find((l) => /^Bits? \d+(–\d+| and up)? (is|are) /.test(l));
  if (line === undefined) return undefined;
  const operands: string[] = [];
  const claims: Claim[] = [];
  const range = (text: string): [number, number] => {
    const m = /^bits? (\d+)(?:–(\d+)| (and up))?$/.exec(text)!;
    return [Number(m[1]), m[3] ? Infinity : m[2] ? Number(m[2]) : Number(m[1])];
  };
  for (const part of line.replace(/\.$/, '').split('; ')) {
    const m = /^(bits? \d+(?:–\d+| and up)?) (?:is|are) (.*)$/i.exec(part);
    if (m === null) continue; // "N more ranges not listed"
    const [from, to] = range(m[1].toLowerCase());
    const what = m[2];
    if (what === '0' || what === '1') claims.push({ from, to, kind: 'const', bit: what === '1' ? 1 : 0 });
    const operand = /^(bits? \d+(?:–\d+| and up)?) of `([^`]+)`( flipped)?$/.exec(what);
    if (operand) {
      const [index, indexTo] = range(operand[1]);
      assert.strictEqual(indexTo === Infinity ? Infinity : indexTo - index, to === Infinity ? Infinity : to - from, part);
      if (!operands.includes(operand[2])) operands.push(operand[2]);
      claims.push({ from, to, kind: 'operand', operand: operands.indexOf(operand[2]), index, flipped: operand[3] !== undefined });
    }
  }
  return { claims, operands };
}

function bit(value: bigint, p: number): 0 | 1 {
  return ((value >> BigInt(p)) & 1n) === 1n ? 1 : 0;
}

function bitLength(value: bigint): number {
  return (value < 0n ? -value : value).toString(2).length;
}

describe('bits symbolic layouts vs CPython on the stdlib (differential)', function () {
  this.timeout(600_000);
  const skip = !fs.existsSync(STDLIB);

  it('every bit a hover claims is the bit Python computes', function () {
    if (skip) this.skip();
    const sites = JSON.parse(python(['sites', STDLIB, '100000'])) as Site[];
    const files = new Map<string, { text: string; cache: HoverTokens; tokens: ReturnType<typeof tokenize> }>();
    const requests: Request[] = [];
    const checked: Checked[] = [];
    let hovers = 0, ofCalls = 0;
    sites.forEach((site, i) => {
      let file = files.get(site.path);
      if (file === undefined) {
        const text = fs.readFileSync(site.path, 'utf8');
        file = { text, cache: new HoverTokens(text), tokens: tokenize(text) };
        files.set(site.path, file);
      }
      const hover = bitsHover(file.text, site.line, site.character, undefined, file.cache);
      if (hover === null) return;
      hovers++;
      const parsed = claimsOf(hover.markdown);
      if (parsed === undefined) return;
      // The names the hover knows as constants take their values; every other name is unknown to it.
      const located = locate(file.tokens, file.text, site.line, site.character);
      assert.ok(located, `${site.path}:${site.line + 1}`);
      const lookup = bindingsBefore(file.text, located.line.start);
      const constants: Record<string, string> = {};
      for (const name of site.names) {
        const value = lookup.lookup(name)?.value;
        if (value?.kind === 'int') constants[name] = value.value.toString();
      }
      requests.push({ expression: site.expression, constants, operands: parsed.operands, seed: i, trials: TRIALS });
      checked.push({ site, claims: parsed.claims, markdown: hover.markdown });
      if (parsed.operands.some((operand) => /[([]/.test(operand))) ofCalls++;
    });
    const outcome = checkAgainstPython(requests, checked);
    console.log(`      ${sites.length} sites, ${hovers} hovers, ${checked.length} symbolic (${ofCalls} naming a call or subscript), ${outcome.summary}`);
    assert.deepStrictEqual(outcome.wrong, []);
    assert.ok(sites.length >= 300 && checked.length >= 100 && ofCalls >= 20 && outcome.bitsChecked >= 10_000,
      `too little checked: ${sites.length} sites, ${checked.length} symbolic hovers, ${outcome.bitsChecked} bits`);
  });

  it('and on generated expressions of two unknown names, calls and subscripts, masks and shifts', function () {
    const random = new Prng(0x5b17_1a70);
    const requests: Request[] = [];
    const checked: Checked[] = [];
    for (let i = 0; i < 1500; i++) {
      const expression = generated(random, 4);
      const text = `def f(a, b):\n    return ${expression}\n`;
      const line = 1, character = 11 + topOperator(expression);
      const hover = bitsHover(text, line, character);
      const parsed = hover && claimsOf(hover.markdown);
      if (!parsed) continue;
      const site: Site = { path: '<generated>', line, character, end_line: line, end_character: 0, expression, names: ['a', 'b'] };
      requests.push({ expression, constants: {}, operands: parsed.operands, seed: i, trials: TRIALS });
      checked.push({ site, claims: parsed.claims, markdown: hover.markdown });
    }
    const outcome = checkAgainstPython(requests, checked);
    console.log(`      ${checked.length} symbolic hovers of 1500 generated, ${outcome.summary}`);
    assert.deepStrictEqual(outcome.wrong, []);
    assert.ok(checked.length >= 500, `only ${checked.length} symbolic hovers`);
  });
});

type Request = { expression: string; constants: Record<string, string>; operands: string[]; seed: number; trials: number };
type Checked = { site: Site; claims: Claim[]; markdown: string };

/** Evaluates every request in one python3 process and checks each claimed bit of each run. */
function checkAgainstPython(requests: Request[], checked: Checked[]): { wrong: string[]; bitsChecked: number; summary: string } {
    const results = JSON.parse(python(['eval'], JSON.stringify(requests))) as Trial[][];
  let bitsChecked = 0, evaluated = 0, failedToEvaluate = 0;
  const wrong: string[] = [];
  checked.forEach(({ site, claims, markdown }, k) => {
    for (const trial of results[k]) {
      if ('error' in trial) {
        failedToEvaluate++;
        continue;
      }
      evaluated++;
      const value = BigInt(trial.value);
      const operands = trial.operands.map((v) => BigInt(v));
      const span = Math.max(bitLength(value), ...operands.map(bitLength)) + 70;
      for (const claim of claims) {
        const top = claim.to === Infinity ? Math.max(claim.from, span + (claim.kind === 'operand' ? claim.from - claim.index : 0)) + 8 : claim.to;
        for (let p = claim.from; p <= top; p++) {
          const expected = claim.kind === 'const' ? claim.bit : (bit(operands[claim.operand], claim.index + p - claim.from) ^ (claim.flipped ? 1 : 0));
          bitsChecked++;
          if (bit(value, p) !== expected && wrong.length < 10) {
            wrong.push(`${site.path}:${site.line + 1}: ${site.expression}\n  bit ${p}: python ${bit(value, p)}, hover ${expected}`
              + ` (value ${value}, operands ${trial.operands.join(', ')})\n${markdown}`);
          }
        }
      }
    }
  });
  return { wrong, bitsChecked, summary: `${evaluated} evaluations (${failedToEvaluate} raised for made-up values), `
    + `${bitsChecked.toLocaleString('en-US')} bits checked, ${wrong.length} wrong` };
}

/**
 * A random expression over a and b, calls and subscripts (`h(a)`, `buf[b]`: a call may give another value each
 * time, the oracle's do): bitwise operators, masks, shift counts, and masks and shifts in disguise.
 */
function generated(r: Prng, depth: number): string {
  if (depth === 0 || r.chance(0.2)) {
    if (r.chance(0.2)) return r.pick(['h(a)', 'g()', 'buf[b]', 'buf[0]', 'self.read(2)[0]', 'h(a).bits']);
    return r.chance(0.6) ? r.pick(['a', 'b']) : r.pick(['0xFF', '0xF0', '-1', '~0x3', '0x80', '1', '0', '-256', '(1 << 70)', String(r.int(0, 4096))]);
  }
  const roll = r.next();
  if (roll < 0.1) return `~(${generated(r, depth - 1)})`;
  if (roll < 0.25) return `(${generated(r, depth - 1)}) ${r.pick(['<<', '>>'])} ${r.pick([0, 1, 3, 4, 8, 64, 100, 112])}`;
  if (roll < 0.32) return `(${generated(r, depth - 1)}) ${r.pick(['*', '//', '%'])} ${r.pick(['2', '16', '256', '3', '(1 << 65)'])}`;
  if (roll < 0.36) return `(${generated(r, depth - 1)}) ${r.pick(['==', '<'])} (${generated(r, depth - 1)})`;
  return `(${generated(r, depth - 1)}) ${r.pick(['&', '|', '^'])} (${generated(r, depth - 1)})`;
}

/** The column of the expression's outermost operator (the last one at bracket depth 0), or 0 (`~(...)`). */
function topOperator(expression: string): number {
  let depth = 0, at = 0;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && '&|^<>*/%='.includes(c) && i > 0) {
      at = i;
      break;
    }
  }
  return at;
}
