/**
 * Differential test: our evaluator against CPython on thousands of random integer expressions (fixed seed).
 * The generator builds a tree and prints it with only the parentheses precedence requires (plus some at
 * random), so the printed text exercises our precedence while its values stay small enough to compute.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { evaluateSource, Value } from '../../server/src/bits/evaluate';
import { Prng } from '../helpers/prng';

type OracleResult = { value: string } | { error: string } | { type: string };

const ORACLE = path.join(__dirname, '..', '..', '..', 'test', 'oracles', 'bits_eval.py');

function runOracle(expressions: string[]): OracleResult[] {
  const out = execFileSync('python3', [ORACLE], { input: JSON.stringify(expressions), encoding: 'utf8', maxBuffer: 1 << 28 });
  return JSON.parse(out) as OracleResult[];
}

/** Our value in the oracle's shape; 'tooLarge' and 'unknown' have no Python counterpart and never match. */
function likeOracle(value: Value): OracleResult | string {
  switch (value.kind) {
    case 'int': return { value: value.value.toString() };
    case 'error': return { error: value.error };
    case 'notInt': return { type: 'float' };
    default: return `${value.kind}`;
  }
}

/** Printed expression with its binding strength (higher binds tighter). */
interface Printed { text: string; precedence: number }

const ATOM = 10, POWER = 8, UNARY = 7;
/** Looser than `|`: comparisons (chained when printed in a row), `not`, `and`, `or`, conditional expressions. */
const COMPARE = 0.5, NOT = 0.4, AND = 0.3, OR = 0.2, CONDITIONAL = 0.1;
const COMPARISONS = ['<', '>', '==', '!=', '<=', '>='];
const BINARY: ReadonlyArray<{ op: string; precedence: number }> = [
  { op: '|', precedence: 1 }, { op: '^', precedence: 2 }, { op: '&', precedence: 3 }, { op: '<<', precedence: 4 },
  { op: '>>', precedence: 4 }, { op: '+', precedence: 5 }, { op: '-', precedence: 5 }, { op: '*', precedence: 6 },
  { op: '//', precedence: 6 }, { op: '%', precedence: 6 },
];

class ExpressionGenerator {
  constructor(private readonly random: Prng) {}

  /** An expression whose value is an int or an error (never a float), at most `depth` operators deep. */
  intExpression(depth: number): Printed {
    const r = this.random;
    if (depth <= 0 || r.chance(0.25)) return this.literal();
    const roll = r.next();
    if (roll < 0.12) return this.boolean(depth - 1);
    if (roll < 0.15) return this.unary(r.pick(['-', '+', '~']), this.intExpression(depth - 1));
    if (roll < 0.25) return this.binary('**', POWER, this.smallExpression(), this.literal(r.int(0, 4)));
    const { op, precedence } = r.pick(BINARY);
    if (op === '<<') return this.binary(op, precedence, this.intExpression(depth - 1), this.shiftCount());
    const divisor = (op === '//' || op === '%') && r.chance(0.1) ? this.literal(0) : this.intExpression(depth - 1);
    return this.binary(op, precedence, this.intExpression(depth - 1), divisor);
  }

  /** A top-level expression, sometimes one whose value is a float or that raises. */
  topExpression(): string {
    const r = this.random;
    const roll = r.next();
    if (roll < 0.04) return this.binary('**', POWER, this.intExpression(2), this.unary('-', this.literal(r.int(1, 3)))).text;
    if (roll < 0.06) return this.binary('/', 6, this.intExpression(2), r.chance(0.3) ? this.literal(0) : this.intExpression(2)).text;
    if (roll < 0.1) {
      const op = r.pick(['<<', '>>']);
      return this.binary(op, 4, this.intExpression(2), this.unary('-', this.literal(r.int(0, 70)))).text;
    }
    return this.intExpression(r.int(1, 5)).text;
  }

  /**
   * A comparison, `not`, `and`/`or` or a conditional expression: an int (bools are ints; `and`/`or` give an
   * operand), parenthesized when an arithmetic operator takes it, and short-circuiting past errors sometimes.
   */
  private boolean(depth: number): Printed {
    const r = this.random;
    const operand = (): Printed => this.intExpression(Math.max(0, depth - 1));
    const roll = r.next();
    if (roll < 0.35) {
      let printed = this.keywordBinary(r.pick(COMPARISONS), COMPARE, operand(), operand());
      // Sometimes a chain: `a < b == c`.
      if (r.chance(0.3)) printed = this.keywordBinary(r.pick(COMPARISONS), COMPARE, printed, operand(), true);
      return printed;
    }
    if (roll < 0.5) {
      const inner = operand();
      return { text: `not ${this.wrap(inner, inner.precedence < NOT)}`, precedence: NOT };
    }
    if (roll < 0.85) {
      const and = r.chance(0.5);
      return this.keywordBinary(and ? 'and' : 'or', and ? AND : OR, r.chance(0.3) ? this.literal(r.pick([0, 1])) : operand(), operand());
    }
    const body = operand(), test = r.chance(0.5) ? this.boolean(Math.max(0, depth - 1)) : operand(), orelse = operand();
    return {
      text: `${this.wrap(body, body.precedence <= CONDITIONAL)} if ${this.wrap(test, test.precedence <= CONDITIONAL)} else ${this.wrap(orelse, orelse.precedence < CONDITIONAL)}`,
      precedence: CONDITIONAL,
    };
  }

  /** `left op right` with spaces (keywords need them); `chain` keeps an unparenthesized comparison on the left. */
  private keywordBinary(op: string, precedence: number, left: Printed, right: Printed, chain = false): Printed {
    const leftText = chain ? left.text : this.wrap(left, left.precedence < precedence || (precedence === COMPARE && left.precedence === COMPARE));
    return { text: `${leftText} ${op} ${this.wrap(right, right.precedence <= precedence)}`, precedence };
  }

  private smallExpression(): Printed {
    return this.random.chance(0.5) ? this.literal() : this.intExpression(1);
  }

  /** A left-shift count: small, so the result stays computable; sometimes negative (ValueError). */
  private shiftCount(): Printed {
    const r = this.random;
    if (r.chance(0.1)) return this.unary('-', this.literal(r.int(1, 5)));
    if (r.chance(0.2)) return this.binary('%', 6, this.intExpression(1), this.literal(r.int(1, 200)));
    return this.literal(r.int(0, 200));
  }

  private literal(value?: number | bigint): Printed {
    const r = this.random;
    if (value === undefined) {
      if (r.chance(0.05)) return { text: r.pick(['True', 'False']), precedence: ATOM };
      const bits = r.pick([2, 4, 8, 16, 32, 64, 65, 100, 200]);
      value = r.bigint(r.int(1, bits));
    }
    return { text: spellLiteral(BigInt(value), r), precedence: ATOM };
  }

  private unary(op: string, operand: Printed): Printed {
    const text = this.wrap(operand, operand.precedence < UNARY);
    const space = this.random.chance(0.3) ? ' ' : '';
    return { text: op + space + text, precedence: UNARY };
  }

  private binary(op: string, precedence: number, left: Printed, right: Printed): Printed {
    const rightAssociative = op === '**';
    // The left of ** must bind tighter than unary (-2**2 is -(2**2)); its right may be unary (2**-1).
    const leftNeeds = op === '**' ? left.precedence <= POWER && left.precedence !== ATOM
      : left.precedence < precedence;
    const rightNeeds = op === '**' ? right.precedence < UNARY
      : right.precedence < precedence || (right.precedence === precedence && !rightAssociative);
    const space = this.random.chance(0.7) ? ' ' : '';
    return { text: this.wrap(left, leftNeeds) + space + op + space + this.wrap(right, rightNeeds), precedence };
  }

  /** Parentheses where needed, and sometimes (even doubled) where not. */
  private wrap(printed: Printed, needed: boolean): string {
    const r = this.random;
    let text = printed.text;
    if (needed || r.chance(0.15)) text = `(${text})`;
    if (r.chance(0.03)) text = `((${text}))`;
    return text;
  }
}

/** The value as a Python literal in a random base, with random underscores and letter case. */
function spellLiteral(value: bigint, r: Prng): string {
  const base = r.pick(['dec', 'dec', 'hex', 'bin', 'oct'] as const);
  const radix = { dec: 10, hex: 16, bin: 2, oct: 8 }[base];
  let digits = value.toString(radix);
  if (r.chance(0.5)) digits = digits.toUpperCase();
  if (r.chance(0.3)) digits = insertUnderscores(digits, r);
  if (base === 'dec') return value === 0n && r.chance(0.2) ? r.pick(['00', '0_0', '000']) : digits;
  const prefix = '0' + (r.chance(0.3) ? { hex: 'X', bin: 'B', oct: 'O' }[base] : { hex: 'x', bin: 'b', oct: 'o' }[base]);
  return prefix + (r.chance(0.2) ? '_' : '') + digits;
}

function insertUnderscores(digits: string, r: Prng): string {
  let out = digits[0];
  for (let i = 1; i < digits.length; i++) out += (r.chance(0.25) ? '_' : '') + digits[i];
  return out;
}

/** Cases a random generator might take long to hit. */
const HAND_WRITTEN = [
  '-2**2', '2**-1', '0**-1', '(-2)**2', '-(2)**2', '2**3**2', '2**-1**2', '-2**-2', '1 << -1', '-7 >> 1', '-1 >> 1000',
  '7 >> 10**30', '-7 // 2', '7 % -3', '-7 % 3', '7 // -2', '~0', '~-1', '~~5', '-~5', '0x_FF', '0X_ff', '1_000',
  '0b_1010', '0o_17', '0O17', 'True + True', 'True << 3', '~False', '1 << 2 + 3', '7 // 0', '7 % 0', '0 // 0',
  '2 ** 0', '0 ** 0', '(-1) ** 12345678901234567890', '1 ** 10**30', '0 ** 10**30', '(1 // 0) << -1',
  '(1 << -1) // 0', '-2 ** 2 ** 3', '2 ** -1 ** 2', '- - - 5', '+-+5', '1 - -1', '1--1', '6 & 3 | 8 ^ 1',
  '0xFFFF_FFFF_FFFF_FFFF_FFFF + 1', '-(1 << 100) >> 99', '5 / 0', '4 / 2',
  '(5 == 5) ^ (3 > 1)', '(0 and 4) | (7 and 1)', '0 and 1 // 0', '1 or 1 // 0', '1 and 1 // 0', '3 > 5 < 1 // 0',
  '1 < 2 < 1 // 0', '(1 < 2) < 3', '1 < (2 < 3)', 'not 0', 'not 7 & 1', '~(not 0)', '-(1 == 1)', '1 if 0 else 2',
  '1 // 0 if 1 else 2', '1 // 0 if 0 else 2', '(1 if 0 else 2) << 3', '1 if 0 else 2 if 1 else 3', '1 == 1 == 1',
  '1 != 2 != 1', 'not 1 == 2', '(not 1) == 2', '0 or 0', '2 and 0 or 5', '(1 << -1) and 0', '0 and (1 << -1)',
];

describe('bits evaluator vs CPython (differential)', function () {
  const random = new Prng(0x5eed_b175);
  const generator = new ExpressionGenerator(random);
  const expressions = [...HAND_WRITTEN];
  while (expressions.length < 4000) expressions.push(generator.topExpression());
  let oracle: OracleResult[];

  before(function () {
    oracle = runOracle(expressions);
  });

  it(`agrees with python3 on ${expressions.length} expressions (values and exception types)`, function () {
    const mismatches: string[] = [];
    const outcomes = new Map<string, number>();
    expressions.forEach((expression, i) => {
      const ours = likeOracle(evaluateSource(expression));
      const expected = oracle[i];
      const kind = Object.keys(expected)[0] + ('error' in expected ? ':' + expected.error : '');
      outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
      if (JSON.stringify(ours) !== JSON.stringify(expected)) {
        mismatches.push(`${expression}\n    python: ${JSON.stringify(expected)}\n    ours:   ${JSON.stringify(ours)}`);
      }
    });
    assert.deepStrictEqual(mismatches.slice(0, 10), [], `${mismatches.length} mismatches`);
    // The generator must really cover the error and float cases, not only plain values.
    assert.ok((outcomes.get('error:ValueError') ?? 0) >= 50, JSON.stringify([...outcomes]));
    assert.ok((outcomes.get('error:ZeroDivisionError') ?? 0) >= 50, JSON.stringify([...outcomes]));
    assert.ok((outcomes.get('type') ?? 0) >= 30, JSON.stringify([...outcomes]));
  });

  it('covers every literal base, underscores, big values, unary operators, comparisons and boolean operations', function () {
    const generated = expressions.slice(HAND_WRITTEN.length);
    const count = (pattern: RegExp): number => generated.filter((e) => pattern.test(e)).length;
    assert.ok(count(/ (and|or) /) >= 200 && count(/ if /) >= 100 && count(/[<>=]=?/) >= 200, 'too few boolean forms');
    const all = expressions.join(' ');
    for (const needle of ['0x', '0X', '0b', '0B', '0o', '0O', '_', '~', '**', '//', '%', '<<', '>>', 'True', ' and ', ' or ',
      'not ', ' if ', ' else ', '==', '!=', '<=', ') ^ (']) {
      assert.ok(all.includes(needle), needle);
    }
    assert.ok(oracle.some((r) => 'value' in r && BigInt(r.value) > 1n << 64n), 'some value over 2**64');
    assert.ok(oracle.some((r) => 'value' in r && BigInt(r.value) < -(1n << 64n)), 'some value under -2**64');
  });
});
