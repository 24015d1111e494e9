/** click's argument splitting and its error words (config/argv.ts), checked against click itself. */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { ArgumentError, FlagSpec, splitArguments } from '../../server/src/config/argv';
import { Prng } from '../helpers/prng';

const SPECS: FlagSpec[] = [
  { key: 'verbose', names: ['-v', '--verbose'], takesValue: false },
  { key: 'quiet', names: ['-q', '--quiet'], takesValue: false },
  { key: 'fail-under', names: ['-f', '--fail-under'], takesValue: true },
  { key: 'exclude', names: ['-e', '--exclude'], takesValue: true },
  { key: 'color', names: ['--color'], takesValue: false },
  { key: 'no-color', names: ['--no-color'], takesValue: false },
  { key: 'ignore-magic', names: ['-m', '--ignore-magic'], takesValue: false },
  { key: 'style', names: ['--style'], takesValue: true },
];

/** What click makes of the same arguments with the same declarations: values per key, or its error message. */
const CLICK_SCRIPT = `
import click, json, sys
specs, cases = json.load(sys.stdin)
params = [click.Argument(["paths"], nargs=-1)]
for s in specs:
    if s["takesValue"]:
        params.append(click.Option(s["names"], multiple=True, type=str))
    else:
        params.append(click.Option(s["names"], count=True))
command = click.Command("docbits", params=params, add_help_option=False)
for argv in cases:
    try:
        ctx = command.make_context("docbits", list(argv), resilient_parsing=False)
        out = {"paths": list(ctx.params["paths"])}
        for s, p in zip(specs, params[1:]):
            v = ctx.params[p.name]
            if v:
                out[s["key"]] = list(v) if s["takesValue"] else v
        print(json.dumps(out))
    except click.UsageError as e:
        print(json.dumps({"error": e.format_message()}))
`;

function ours(argv: string[]): Record<string, unknown> {
  try {
    const split = splitArguments(argv, SPECS);
    const out: Record<string, unknown> = { paths: split.positionals };
    for (const [key, values] of split.values) out[key] = values[0] === true ? values.length : values;
    return out;
  } catch (e) {
    assert.ok(e instanceof ArgumentError, String(e));
    return { error: e.message };
  }
}

describe('config/argv', () => {
  it('splits clusters, attached values and -- as click does', () => {
    assert.deepStrictEqual(ours(['-vvf80', 'a', '--exclude=x=y', '-e', '-v', '--', '-q']),
      { paths: ['a', '-q'], verbose: 2, 'fail-under': ['80'], exclude: ['x=y', '-v'] });
    assert.deepStrictEqual(ours(['-']), { paths: ['-'] });
  });

  it("words its refusals as click does", () => {
    assert.deepStrictEqual(ours(['--verbos']), { error: 'No such option: --verbos Did you mean --verbose?' });
    assert.deepStrictEqual(ours(['-vz']), { error: 'No such option: -z' });
    assert.deepStrictEqual(ours(['--quiet=1']), { error: "Option '--quiet' does not take a value." });
    assert.deepStrictEqual(ours(['a', '-f']), { error: "Option '-f' requires an argument." });
  });

  it('agrees with click on random argument lists', () => {
    const prng = new Prng(1201);
    const pieces = ['-v', '-vv', '-q', '-f', '-f80', '--fail-under', '--fail-under=9', '-e', '--exclude=a', '--color', '--no-color',
      '--colour', '--color=1', '-m', '-mv', '-vm', '-x', '-vx', '--', '-', 'path', 'p=q', '--style', '--styl', '--no-c', '-=', '--=', '---v'];
    const cases = Array.from({ length: 400 }, () => Array.from({ length: prng.int(0, 6) }, () => prng.pick(pieces)));
    const r = spawnSync('/usr/bin/python3', ['-c', CLICK_SCRIPT], { input: JSON.stringify([SPECS, cases]), encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
    const expected = r.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    cases.forEach((argv, i) => assert.deepStrictEqual(ours(argv), expected[i], JSON.stringify(argv)));
  });
});
