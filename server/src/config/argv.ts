/**
 * click's option parser (the one interrogate's command line runs on), so that docbits splits an argument list
 * exactly as interrogate does and words its mistakes the same way: `No such option: --bogus Did you mean
 * --verbose?`, `Option '-f' requires an argument.`, `Option '--color' does not take a value.`.
 *
 * click's rules: `--` ends the options; positionals may sit between options; `--name=value` or `--name value`
 * (the value may start with a dash); `-abc` is a cluster of short flags, and a short option that takes a value
 * takes the rest of the cluster (`-f80`) or the next argument. Values are checked later, by the caller.
 */
import { getCloseMatches } from '../python/compat/difflib';
import { pyRepr } from '../python/printable';

export interface FlagSpec {
  /** The key the values are collected under. */
  key: string;
  /** With their dashes: `-f`, `--fail-under`. */
  names: readonly string[];
  takesValue: boolean;
}

export interface SplitArguments {
  /** Per key, every occurrence in order: the value, or true for a flag. */
  values: Map<string, Array<string | true>>;
  positionals: string[];
}

/**
 * A mistake in the argument list, in click's words. click prints the usage line above an unknown option but
 * not above a missing or unexpected value (it raises those without its context), and so does docbits.
 */
export class ArgumentError extends Error {
  constructor(message: string, readonly withUsage: boolean) {
    super(message);
  }
}

function noSuchOption(name: string, possibilities: readonly string[] = []): ArgumentError {
  let message = `No such option: ${name}`;
  if (possibilities.length === 1) message += ` Did you mean ${possibilities[0]}?`;
  else if (possibilities.length > 1) message += ` (Possible options: ${[...possibilities].sort().join(', ')})`;
  return new ArgumentError(message, true);
}

export function splitArguments(argv: readonly string[], specs: readonly FlagSpec[]): SplitArguments {
  const longs = new Map<string, FlagSpec>();
  const shorts = new Map<string, FlagSpec>();
  for (const spec of specs) {
    // click's split: one dash and one letter is a short option, anything else a long one.
    for (const name of spec.names) (name.length === 2 && name[0] === '-' && name[1] !== '-' ? shorts : longs).set(name, spec);
  }
  const values = new Map<string, Array<string | true>>();
  const record = (spec: FlagSpec, value: string | true): void => {
    const list = values.get(spec.key);
    if (list) list.push(value);
    else values.set(spec.key, [value]);
  };
  const rest = [...argv];
  const positionals: string[] = [];
  const takeValue = (name: string): string => {
    if (rest.length === 0) throw new ArgumentError(`Option ${pyRepr(name)} requires an argument.`, false);
    return rest.shift()!;
  };

  const matchShort = (arg: string): void => {
    const prefix = arg[0];
    const chars = [...arg.slice(1)];
    for (let i = 0; i < chars.length; i++) {
      const name = prefix + chars[i];
      const spec = shorts.get(name);
      if (!spec) throw noSuchOption(name);
      if (!spec.takesValue) {
        record(spec, true);
        continue;
      }
      const tail = chars.slice(i + 1).join('');
      if (tail !== '') rest.unshift(tail);
      record(spec, takeValue(name));
      return;
    }
  };

  while (rest.length > 0) {
    const arg = rest.shift()!;
    if (arg === '--') {
      for (const positional of rest) positionals.push(positional);
      break;
    }
    if (arg[0] !== '-' || arg.length === 1) {
      positionals.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const name = equals < 0 ? arg : arg.slice(0, equals);
    const spec = longs.get(name);
    if (spec === undefined) {
      // Not a long option: a cluster of short ones, unless it was spelt with two dashes.
      if (!arg.startsWith('--')) {
        matchShort(arg);
        continue;
      }
      throw noSuchOption(name, getCloseMatches(name, longs.keys()));
    }
    if (spec.takesValue) {
      if (equals >= 0) rest.unshift(arg.slice(equals + 1));
      record(spec, takeValue(name));
    } else if (equals >= 0) {
      throw new ArgumentError(`Option ${pyRepr(name)} does not take a value.`, false);
    } else record(spec, true);
  }
  return { values, positionals };
}
