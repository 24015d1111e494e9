/**
 * Whether the CLI's report gets colours, decided as interrogate decides it: `--color/--no-color` (default on),
 * else the INTERROGATE_COLOR variable (click reads it as a boolean), else `color` in the config file; and
 * then, as py.io's TerminalWriter does, only when the output is a terminal: PY_COLORS=0 or a NO_COLOR variable
 * (set at all) turns them off, and TERM=dumb has none.
 */
import { UsageError } from './commandLine';

type Environment = Readonly<Record<string, string | undefined>>;

const TRUE_WORDS = new Set(['1', 'true', 't', 'yes', 'y', 'on']);
const FALSE_WORDS = new Set(['0', 'false', 'f', 'no', 'n', 'off']);

/** The `--color` setting: the flag, INTERROGATE_COLOR, the config file, then interrogate's default (on). */
export function colorSetting(fromCli: boolean | undefined, env: Environment, fromConfig: boolean | undefined): boolean {
  if (fromCli !== undefined) return fromCli;
  const variable = env.INTERROGATE_COLOR;
  // click ignores an empty variable.
  if (variable !== undefined && variable !== '') {
    const word = variable.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
    throw new UsageError(`Invalid value for '--color': '${variable}' is not a valid boolean.`);
  }
  return fromConfig ?? true;
}

/** Where the report goes: stdout on a terminal, stdout into a pipe or file, or `-o FILE`. */
export type ReportTarget = 'terminal' | 'pipe' | 'file';

/**
 * Whether to write ANSI colours, given the setting and where the report goes. Piped stdout never gets them:
 * interrogate's colorama strips escapes from a stdout that is not a terminal, even under PY_COLORS=1; an
 * `-o` file gets them only under PY_COLORS=1, as py.io decides for a file that is not a terminal.
 */
export function shouldMarkup(setting: boolean, env: Environment, target: ReportTarget): boolean {
  if (!setting || target === 'pipe') return false;
  if (env.PY_COLORS === '1') return true;
  if (env.PY_COLORS === '0' || env.NO_COLOR !== undefined) return false;
  return target === 'terminal' && env.TERM !== 'dumb';
}
