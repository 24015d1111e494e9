/**
 * Python's `re.match` for the name filters (ignore-regex / whitelist-regex), in linear time.
 *
 * Config is hostile input: a pattern such as `(a|aa)+b` takes a backtracking engine (Python's, or
 * JavaScript's) exponential time on a long name and would freeze the CLI or the language server. So the
 * Python pattern is translated to RE2 syntax (regexSyntax.ts) and matched by re2js, a pure-JS port of RE2 whose
 * matching time is linear in the name's length, whatever the pattern; what needs backtracking is refused.
 */
import { RE2JS, RE2JSException } from 're2js';
import { PatternError, toRe2 } from './regexSyntax';

/**
 * A compiled name filter. It is a RegExp so that callers keep their `instanceof RegExp` / `.test(name)`
 * contract, but matching goes to re2js: `exec` (and so `test`, `String.prototype.match`...) tells whether the
 * pattern matches at the start of the string, like re.match, and reports the match as empty. `source` and
 * `flags` of the RegExp itself mean nothing.
 */
class NameRegex extends RegExp {
  constructor(readonly python: string, private readonly re2: RE2JS) {
    super('(?:)');
  }

  override exec(input: string): RegExpExecArray | null {
    if (!this.re2.test(String(input))) return null;
    return Object.assign([''], { index: 0, input: String(input), groups: undefined }) as RegExpExecArray;
  }

  override test(input: string): boolean {
    return this.re2.test(String(input));
  }
}

const regexCache = new Map<string, NameRegex | { error: string }>();
const REGEX_CACHE_LIMIT = 256;

/**
 * A Python regex (ignore-regex / whitelist-regex) as a NameRegex matching from the start of the name, like
 * Python's re.match, or refused with a message: what Python itself refuses (in its words), backreferences,
 * lookaround, conditionals, atomic groups and possessive repeats (they need backtracking), `\N{...}`, repeat
 * counts above 1000 (RE2's limit, nested ones multiplied), patterns too large (MAX_PATTERN_LENGTH,
 * MAX_PROGRAM_SIZE, regexSyntax.ts's limits on classes and nesting). Typed RegExp for callers' `instanceof RegExp`.
 */
export function compileNameRegex(pattern: string): RegExp | { error: string } {
  const cached = regexCache.get(pattern);
  if (cached) return cached;
  const result = compile(pattern);
  if (regexCache.size >= REGEX_CACHE_LIMIT) regexCache.clear();
  regexCache.set(pattern, result);
  return result;
}

/**
 * Longer patterns are refused: re2js compiles 10,000 characters such as `a*a*...` in about a second, and a
 * name filter has no use for a tenth of that.
 */
const MAX_PATTERN_LENGTH = 5_000;
/**
 * Matching costs up to the program's size per character of the name (RE2's linear time is linear in both):
 * `(a|aa)+` written 700 times compiles to 3,500 instructions and takes a second on a 1,000-character name.
 * Real name filters compile to a few hundred at most.
 */
const MAX_PROGRAM_SIZE = 2_000;

function compile(pattern: string): NameRegex | { error: string } {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return { error: `regex ${JSON.stringify(pattern.slice(0, 40))}... (${pattern.length} characters): patterns longer than ${MAX_PATTERN_LENGTH} characters are not supported` };
  }
  const fail = (why: string): { error: string } => ({ error: `regex ${JSON.stringify(pattern)}: ${why}` });
  let re2: string;
  try {
    re2 = toRe2(pattern);
  } catch (e) {
    if (e instanceof PatternError) return fail(e.message);
    throw e;
  }
  try {
    // Anchored by \A and asked with test(), which runs RE2's DFA without tracking groups: ten times faster
    // than a Matcher's lookingAt() on short names.
    const compiled = RE2JS.compile(`\\A(?:${re2})`);
    if (compiled.programSize() > MAX_PROGRAM_SIZE) {
      return fail(`it compiles to ${compiled.programSize()} instructions, over the ${MAX_PROGRAM_SIZE} docbits's linear-time matcher allows`);
    }
    return new NameRegex(pattern, compiled);
  } catch (e) {
    if (!(e instanceof RE2JSException)) throw e;
    // The translation is valid RE2, so RE2 refuses only for size: nested repeats multiplied past its limit.
    if (/invalid repeat count/.test(e.message)) return fail('nested repeats allow more than 1000 repetitions in all, the limit of docbits\'s linear-time matcher');
    if (/too large|too deep|nest/.test(e.message)) return fail('the pattern is too large for docbits\'s linear-time matcher');
    return fail(`docbits's linear-time matcher refuses it (${e.message})`);
  }
}
