/**
 * Pathological inputs. Each generator takes a target size n (in characters, roughly) and returns a text of
 * about that size, so that time(gen(4n)) can be compared with time(gen(n)).
 */
export type Generator = (n: number) => string;

const rep = (s: string, k: number): string => s.repeat(Math.max(0, Math.floor(k)));

function nestedDefs(depth: number, unit: string, kw: (i: number) => string): string {
  const parts: string[] = [];
  for (let i = 0; i < depth; i++) parts.push(rep(unit, i) + kw(i) + '\n');
  parts.push(rep(unit, depth) + 'pass\n');
  return parts.join('');
}

export const GENERATORS: Record<string, Generator> = {
  /** x = ((((1)))) */
  deepBrackets: (n) => 'x = ' + rep('(', n / 2) + '1' + rep(')', n / 2) + '\n',
  /** mixed ([{ nesting, closed */
  deepMixedBrackets: (n) => {
    const k = Math.floor(n / 2);
    const open = '([{';
    const close = ')]}';
    let a = '', b = '';
    for (let i = 0; i < k; i++) {
      a += open[i % 3];
      b = close[i % 3] + b;
    }
    return 'x = ' + a + '0' + b + '\ndef f():\n    pass\n';
  },
  /** brackets never closed, then a definition (recovery) */
  unclosedBrackets: (n) => 'def g(a=' + rep('[(', n / 2) + '\ndef f():\n    "doc"\n',
  /** brackets opened on many lines and never closed */
  unclosedBracketsManyLines: (n) => rep('x = f(\n', n / 7) + 'def f():\n    pass\n',
  /** def inside def inside def..., one space more each level (size ~ depth^2/2) */
  deepNestedDefs: (n) => nestedDefs(Math.max(1, Math.floor(Math.sqrt(n / 0.6))), ' ', (i) => `def f${i % 10}():`),
  /** class/def alternating, tab indents mixed with spaces */
  deepNestedClassesTabs: (n) => nestedDefs(Math.max(1, Math.floor(Math.sqrt(n / 1.5))), '\t', (i) => (i % 2 ? 'class C:' : 'async def f():')),
  /** def on a decorated chain with docstrings, then dedent all the way */
  deepNestedDocumented: (n) => {
    const depth = Math.max(1, Math.floor(Math.sqrt(n / 1.2)));
    const parts: string[] = [];
    for (let i = 0; i < depth; i++) parts.push(rep(' ', i) + '@d\n' + rep(' ', i) + 'def f():\n' + rep(' ', i + 1) + '"""d"""\n');
    return parts.join('') + 'x = 1\n';
  },
  /** one long expression line of bitwise operations */
  longBitwiseLine: (n) => 'MASK = ' + rep('1 << 3 | 0xff & ~', n / 17) + '0\n',
  /** one long string literal */
  longStringLine: (n) => 'x = "' + rep('a', n) + '"\n',
  /** one long comment */
  longCommentLine: (n) => '# ' + rep('nodocqa ', n / 8) + '\ndef f(): pass\n',
  /** one long identifier */
  longIdentifier: (n) => 'def ' + rep('a', n) + '(): pass\n',
  /** a long line of tokens with no line break at all */
  longLineNoNewline: (n) => rep('a+', n / 2),
  /** documented defs and triple-quoted values, no backslash anywhere: each string's native search must not rescan the file */
  manyTripleQuotedStrings: (n) => rep('def f():\n    """Doc."""\n    x = \'\'\'v\'\'\'\n', n / 39),
  /** one line of many short strings: each string's line bookkeeping must not search to the line's end */
  manyStringsOneLine: (n) => 'x = ' + rep('"a" + ', n / 6) + '"a"  # end\n',
  /** def f(): pass, repeated */
  manyTinyDefs: (n) => rep('def f(): pass\n', n / 14),
  /** many methods in a class, some documented, some excused */
  manyMethods: (n) => 'class C:\n' + rep('    def m(self): "d"\n    def n(self):  # nodocqa\n        pass\n', n / 74),
  /** many decorators on one definition */
  manyDecorators: (n) => rep('@a.b.c(1, 2)\n', n / 13) + 'def f():\n    pass\n',
  /** valid file of documented defs, with an unclosed triple quote at the end */
  unclosedStringAtEnd: (n) => rep('def f(x):\n    """Doc."""\n    return x\n', n / 38) + 'x = """\n',
  /** unclosed triple quote at the start of a big file */
  unclosedStringAtStart: (n) => 'x = """\n' + rep('def f(x):\n    """Doc."""\n    return x\n', n / 38),
  /** many unterminated single- and triple-quoted strings */
  manyUnterminatedStrings: (n) => rep("x = 'abc\ny = \"\"\"def\n    z = '''q\n", n / 32) + 'def f(): pass\n',
  /**
   * unterminated triple quotes inside defs, each recovered at the next def. An odd count at every size: with an
   * even one the quotes pair up into closed strings that hide every other def, so 4n had 8x the defs of n.
   */
  unterminatedDocstrings: (n) => rep('def f():\n    """Doc\n\n', 2 * Math.floor(n / 36) + 1),
  /** backslash continuation chain */
  longContinuation: (n) => 'x = 1' + rep(' + \\\n 1', n / 8) + '\n',
  /** many dedents: deep then back to 0, repeated */
  sawtoothIndent: (n) => rep(nestedDefs(20, ' ', () => 'if x:'), n / 230),
  /** nested f-strings */
  deepFStrings: (n) => {
    const depth = Math.max(1, Math.floor(n / 6));
    return 'x = ' + rep("f'{", depth) + 'x' + rep("}'", depth) + '\n';
  },
  /** only CR line breaks, many defs */
  crOnly: (n) => rep('def f():\r    "d"\r', n / 17),
  /** many comment lines and markers before definitions */
  manyComments: (n) => rep('# pylint: disable=missing-function-docstring\n# noqa: D103\n', n / 58) + 'def f(): pass\n',
  /** one function with many parameters and a stale google docstring listing them backwards, plus gone ones */
  manyArgsEntries: (n) => {
    const k = Math.max(1, Math.floor(n / 40));
    const names = Array.from({ length: k }, (_, i) => `p${i}`);
    const entries = [...names].reverse().map((p, i) => `        ${p} (int): About ${p}.\n${i % 3 === 0 ? `        gone${i}: Gone.\n` : ''}`);
    return `def f(${names.join(', ')}):\n    """Summary.\n\n    Args:\n${entries.join('')}\n    Returns:\n        Nothing.\n    """\n    return 1\n`;
  },
  /** sphinx fields and their types far apart, backwards, many orphan :type: fields */
  manySphinxFields: (n) => {
    const k = Math.max(1, Math.floor(n / 60));
    const params = Array.from({ length: k }, (_, i) => `    :param a${k - i - 1}: A.\n`).join('');
    const types = Array.from({ length: k }, (_, i) => `    :type a${i}: int\n    :type orphan${i}: str\n`).join('');
    const sig = Array.from({ length: k }, (_, i) => `a${i}`).join(', ');
    return `def f(${sig}):\n    """S.\n\n${params}${types}    :rtype: int\n    """\n    return 1\n`;
  },
  /** a docstring of field-like and entry-like lines without their colons */
  docstringWithoutColons: (n) => 'def f(x):\n    """S.\n\n    Args:\n' + rep('        x the value\n    :param x the value\n', n / 45) + '    """\n',
  /** many numpy sections, one entry each */
  manyNumpySections: (n) => 'def f(x):\n    """S.\n\n' + rep('    Parameters\n    ----------\n    x : int\n        X.\n\n    Raises\n    ------\n    ValueError\n        When.\n\n', n / 110) + '    """\n    raise ValueError\n',
  /** many stale docstrings (functions and classes) for the checks and --fix */
  manyStaleDocstrings: (n) => rep('def f(a, b, *args, **kw):\n    """S.\n\n    Args:\n        c: Gone.\n        a: A.\n    """\n    raise ValueError\n\n\n' +
    'class C:\n    """C.\n\n    Args:\n        z: Gone.\n    """\n\n    def __init__(self, x):\n        pass\n\n\n', n / 190),
  /** one function whose google Args list its many parameters in reverse, some missing */
  manyReorderedArgs: (n) => {
    const k = Math.max(1, Math.floor(n / 25));
    const entries = Array.from({ length: k }, (_, i) => (i % 3 === 0 ? '' : `        a${k - i - 1} (int): A.\n`)).join('');
    const sig = Array.from({ length: k }, (_, i) => `a${i}: int`).join(', ');
    return `def f(${sig}) -> int:\n    """S.\n\n    Args:\n${entries}\n    Returns:\n        int: One.\n    """\n    return 1\n`;
  },
  /** bracket open across many lines containing def-like words (not at line start) */
  bracketWithDefWords: (n) => 'x = (\n' + rep('  1, "def", "class", lambda: 0,\n', n / 33) + ')\n',
};

export const GENERATOR_NAMES = Object.keys(GENERATORS);
