/**
 * Python's `re` for the name filters (ignore-regex / whitelist-regex): a Python pattern translated to a JS
 * RegExp with re.match semantics, or refused with a message. Config is hostile input, so patterns that can
 * backtrack exponentially are refused too.
 */
const regexCache = new Map<string, RegExp | { error: string }>();
const REGEX_CACHE_LIMIT = 256;

/**
 * A Python regex (ignore-regex / whitelist-regex) as a JS RegExp that matches from the start of the name,
 * like Python's re.match. Translated: `(?P<n>...)` -> `(?<n>...)`, `(?P=n)` -> `\k<n>`, `\A`/`\Z`, leading
 * global flags `(?i)`/`(?s)`/`(?m)`, `{,n}`, `(?#...)` comments, and `[]...]` classes. Refused with a message:
 * what JS cannot express (`(?x)`, scoped flags, conditionals, `\N{...}`, ...).
 *
 * Backtracking guard: the subject is always one identifier, so a match costs at most polynomial time in the
 * name's length except for nested unbounded quantifiers such as `(a+)+` or `(\w*_)*`, which can take
 * exponential time; those are refused. (Overlapping alternatives under a quantifier, e.g. `(a|a)+`, are not
 * detected; they are rare in name filters.) `\w` and `\d` are ASCII-only here, Unicode in Python.
 */
export function compileNameRegex(pattern: string): RegExp | { error: string } {
  const cached = regexCache.get(pattern);
  if (cached) return cached;
  const result = translateRegex(pattern);
  if (regexCache.size >= REGEX_CACHE_LIMIT) regexCache.clear();
  regexCache.set(pattern, result);
  return result;
}

function translateRegex(pattern: string): RegExp | { error: string } {
  const fail = (why: string): { error: string } => ({ error: `regex ${JSON.stringify(pattern)}: ${why}` });
  const flags = new Set<string>();
  let i = 0;
  // Global flags are only allowed at the start in Python 3.11+.
  for (let m = /^\(\?([aiLmsux]+)\)/.exec(pattern); m; m = /^\(\?([aiLmsux]+)\)/.exec(pattern.slice(i))) {
    for (const f of m[1]) {
      if (f === 'i' || f === 'm' || f === 's') flags.add(f);
      else if (f === 'x') return fail('verbose mode (?x) is not supported; remove the spaces and comments and the flag');
      else if (f === 'L') return fail('(?L) is not supported');
      // a (ASCII) is what JS does anyway; u is Python 3's default.
    }
    i += m[0].length;
  }

  let out = '';
  // Per open group: does it contain an unbounded quantifier (+, *, {n,})?
  const groups: boolean[] = [];
  let lastClosedGroupUnbounded = false;
  let previousWasGroup = false;
  while (i < pattern.length) {
    const c = pattern[i];
    const rest = pattern.slice(i);
    let wasGroup = false;
    if (c === '\\') {
      const n = pattern[i + 1];
      if (n === undefined) return fail('it ends with a lone backslash');
      if (n === 'A') out += '^';
      else if (n === 'Z') out += '$';
      else if (n === 'N' || n === 'U') return fail(`\\${n} escapes are not supported; write the character itself`);
      else out += c + n;
      i += 2;
    } else if (c === '[') {
      // A character class, copied as is except that a "]" right after "[" or "[^" is literal in Python.
      let j = i + 1;
      out += '[';
      if (pattern[j] === '^') {
        out += '^';
        j++;
      }
      if (pattern[j] === ']') {
        out += '\\]';
        j++;
      }
      for (; j < pattern.length && pattern[j] !== ']'; j++) {
        if (pattern[j] === '\\' && j + 1 < pattern.length) {
          out += pattern[j] + pattern[j + 1];
          j++;
        } else if (pattern[j] === '[') out += '\\[';
        else out += pattern[j];
      }
      if (j >= pattern.length) return fail('a "[" is never closed');
      out += ']';
      i = j + 1;
    } else if (c === '(') {
      if (rest.startsWith('(?#')) {
        const close = pattern.indexOf(')', i);
        if (close < 0) return fail('a "(?#" comment is never closed');
        i = close + 1;
        continue;
      }
      const backref = /^\(\?P=(\w+)\)/.exec(rest);
      if (backref) {
        out += `\\k<${backref[1]}>`;
        i += backref[0].length;
        previousWasGroup = false;
        continue;
      }
      if (rest.startsWith('(?P<')) {
        out += '(?<';
        i += 4;
      } else if (rest.startsWith('(?P')) {
        return fail('only (?P<name>...) and (?P=name) of the (?P forms are supported');
      } else if (/^\(\?[aiLmsux-]+[:)]/.test(rest)) {
        return fail('inline flags are only supported at the very start, e.g. "(?i)name"');
      } else if (rest.startsWith('(?(')) {
        return fail('conditional groups (?(...)...) are not supported');
      } else if (rest.startsWith('(?>')) {
        return fail('atomic groups (?>...) are not supported');
      } else {
        out += '(';
        i += 1;
      }
      groups.push(false);
    } else if (c === ')') {
      const inner = groups.pop();
      if (inner === undefined) return fail('it has an unbalanced ")"');
      if (inner && groups.length > 0) groups[groups.length - 1] = true;
      lastClosedGroupUnbounded = inner;
      wasGroup = true;
      out += ')';
      i += 1;
    } else if (c === '*' || c === '+' || c === '?' || c === '{') {
      let quantifier = c;
      let unbounded = c === '*' || c === '+';
      if (c === '{') {
        const braces = /^\{(\d*)(,(\d*))?\}/.exec(rest);
        if (!braces || (braces[1] === '' && braces[2] === undefined)) {
          out += '\\{'; // not a repeat: a literal brace in both languages
          i += 1;
          previousWasGroup = false;
          continue;
        }
        unbounded = braces[2] !== undefined && braces[3] === '';
        quantifier = `{${braces[1] || '0'}${braces[2] !== undefined ? `,${braces[3]}` : ''}}`;
        i += braces[0].length;
      } else {
        i += 1;
      }
      if (unbounded && previousWasGroup && lastClosedGroupUnbounded) {
        return fail('a repeated group that itself repeats, like (a+)+, can take exponential time; rewrite it without the nesting');
      }
      if (unbounded && groups.length > 0) groups[groups.length - 1] = true;
      out += quantifier;
      // A lazy "?" suffix means the same in both languages.
      if (pattern[i] === '?') {
        out += '?';
        i += 1;
      }
      wasGroup = false;
    } else {
      out += c;
      i += 1;
    }
    previousWasGroup = wasGroup;
  }
  if (groups.length > 0) return fail('a "(" is never closed');
  try {
    return new RegExp(`^(?:${out})`, [...flags].join(''));
  } catch (e) {
    return fail(String((e as Error).message).replace(/^Invalid regular expression: /, ''));
  }
}
