/**
 * Matching definition names against user regexes (ignore-regex, whitelist-regex) the way interrogate does:
 * Python's `re.match`, i.e. anchored at the start of the bare name only.
 */

export type NameMatcher = (name: string) => boolean;

/** Translates the Python-only regex syntax that has a JS equivalent. */
export function pythonRegexToJs(pattern: string): { source: string; flags: string } {
  let flags = '';
  let source = pattern;
  const inline = /^\(\?([aiLmsux]+)\)/.exec(source);
  if (inline) {
    if (inline[1].includes('i')) flags += 'i';
    if (inline[1].includes('s')) flags += 's';
    if (inline[1].includes('m')) flags += 'm';
    source = source.slice(inline[0].length);
  }
  source = source
    .replace(/\(\?P<(\w+)>/g, '(?<$1>')
    .replace(/\(\?P=(\w+)\)/g, '\\k<$1>')
    .replace(/\\A/g, '^')
    .replace(/\\Z/g, '$(?![\\s\\S])');
  return { source, flags };
}

/** A matcher that is true when any pattern matches the start of the name. Invalid patterns throw. */
export function compileNameRegexes(patterns: string[]): NameMatcher {
  if (patterns.length === 0) return () => false;
  const regexes = patterns.map((pattern) => {
    const { source, flags } = pythonRegexToJs(pattern);
    return new RegExp(`^(?:${source})`, flags);
  });
  return (name) => regexes.some((re) => re.test(name));
}
