/**
 * Type feedback for V8 before a scan of many files.
 *
 * V8 optimises the analyser's hot functions a few files into a scan, with what it has seen them do so far.
 * The first time a branch runs that had not run before (a backslash continuation, a `br''` prefix, an
 * escape inside an f-string, a marker comment...), the optimised code is thrown away and the function is
 * compiled again: for the line skimmer that is ~20 ms of compiling, up to three times per run, and slow
 * code in between. Analysing one small module that takes all those branches before the scan lets the first
 * optimisation stick (about 10% of a CLI run over the stdlib: 0.286 -> 0.255 s, 30 interleaved runs).
 *
 * The sample is valid Python (test/workspace/warmup.test.ts checks it against CPython's ast), so priming
 * also exercises the paths real code takes, and it never changes a result: analysis is a pure function.
 */
import { analyzeBytes } from '../coverage/inventory';
import { CoverageOptions } from '../coverage/types';
import type { QualityOptions } from '../docstrings/checks';
import { qualityCoverage } from './analyzeFile';

/** Below this many files a scan is over before priming would pay. */
const PRIME_MIN_FILES = 100;

/** How often the sample is analysed: V8 only starts collecting feedback for a function after a few calls. */
const PRIME_ROUNDS = 4;

const WARMUP_SAMPLE = String.raw`"""Warm-up sample: the branches of the scanner's hot paths, in one small valid module."""
from __future__ import annotations  # noqa: F401
import os, sys  # pylint: disable=multiple-imports

NUMBERS = (0x1F | 0o17 ^ 0b1010 & ~1 << 2 >> 1, .5, 1., 1e-3, 2.5j, 1_000_000, -1 ** 2 // 3 % 4)
STRINGS = ['a', "b", r'c\d', R"e", b'f', B"g", u'h', U"i", br'j', Br"k", rb'l', Rb"m", rB'n', RB"o", bR'p', BR"q"]
FORMATS = [f'{NUMBERS!r:>{10}}', F"{'nested'}", rf'{NUMBERS}\n', fR"{{}}", Rf'\{NUMBERS}', fr'}}{{',
           f'{NUMBERS=}', f"\n{len(NUMBERS):#x}", f'\'{NUMBERS}\'', f"""{NUMBERS}
{{braces}} \{NUMBERS}"""]
ESCAPES = 'tab\there "quote\' \\ \
continued' + "\N{BULLET} \x41 \101"
TRIPLE = '''single ''' + """double "" quote""" + r'''raw\' ''' + b"""bytes
over lines"""
JOINED = 1 + \
    2
JOINED **= 2; JOINED //= 3; JOINED >>= 1; JOINED <<= 1; JOINED @= JOINED; JOINED != ...
NESTED = f"{ {'a': [1, (2,)]}['a'] }" + f'{JOINED:{JOINED}.{JOINED}}' + f"{'{'}{r'raw'}{f'{JOINED}'}{r''}{rb'''x'''}" + f"""{(1 +
2)}"""
PARENTHESISED = (1 + \
                 2)
CALL = dict(a=[1, (2, {3: 4})], b={'x': ...},  # a comment inside brackets
            c=lambda x, *a, **k: x != a)  # trailing comment
if CALL and not JOINED >= 3 or JOINED <= -1 and JOINED is not None:
    pass
elif CALL if False else None:
    ...
else:
	JOINED += 1
while False:
    break
for _i in range(0):
    continue
try:
    pass
except (ValueError, TypeError) as error:
    raise RuntimeError('x') from error
finally:
    pass
with open(os.devnull) as handle, open(os.devnull) as other:
    sys.exit(0) if handle is other else None


# nodocqa
def excused(): pass


@staticmethod
@decorator.attribute(arg=1,
                     other=[2])
@registry[0]
@(lambda function: function)
@registry \
    .pick
@registry ** 2 // 1 >> 1 << 1 != -~+registry  # decorators are tokenized, not skimmed: every operator
def decorated(a, b: int = 2, /, c=3, *args: str, d, **kwargs) -> 'None':  # noqa: D103
    """Docstring."""
    return (a, b)


async def coroutine(x):
    r'''Raw docstring.'''
    async with x as y:
        await y
    async for z in x:
        yield z


@dataclass
class Outer(Base, metaclass=Meta):  # pylint: disable=missing-docstring
    attribute: int = 1

    def __init__(self):  # docstr-coverage:excused
        self.x = 1

    def __repr__(self):
        ("""Docstring in parentheses.""")

    @property
    def value(self):
        """Getter."""
        return self._value

    @value.setter
    def value(self, new):
        self._value = new

    @typing.overload
    def over(self, x: int) -> int: ...

    def _semi(self): pass

    def __private(self):
        def nested():
            class Inner:
                u"""Unicode prefix docstring."""
            return Inner
        return nested

    class Nested:
        'Single-quoted docstring.'


def after_class(
    a,  # comment inside brackets
    b=(1,
       2),
):
    """Docstring
    over lines.
    """
    x = [
        1,
        2,
    ]; y = 3
    return x if y else {
        k: v for k, v in {}.items()
    }


def one_liner(): return 1
class Empty: pass
def inline_docstring(): "Doc."; return 1
def not_a_docstring(): "doc" + ""
def joined_header(a, \
                  b): pass
`;

/** A file that is not ASCII: the decoder's UTF-8 path, names that need normalising, lines the skim leaves to next(). */
const WARMUP_SAMPLE_NON_ASCII = [
  '"""Modul\u00e9."""',
  'x = caf\u00e9 = 1',
  '',
  '',
  'def caf\u00e9(y=caf\u00e9 ** 2 // 1, \\',
  '         *args, **kwargs) -> int:',
  '    """D\u00e9j\u00e0."""',
  '    if y:',
  '        return "\u00fc"  # \u00e9',
  '\u00f1 = 1',
  '',
].join('\n');

/** Characters outside the BMP (surrogate pairs in JavaScript) in a name: UTF-8 files only. */
const ASTRAL_NAMES = 'def \u{1d518}n\u{1d526}code():\n    pass\n';

/** Code CPython rejects: the parser's recovery paths (unclosed brackets and strings, odd dedents, Python 2). */
const WARMUP_SAMPLE_BROKEN = String.raw`"""Broken on purpose."""
x = (1,
def recovered():
    """Found after an unclosed bracket."""
s = 'unterminated
def after_string():
    pass
        y = 1
      z = 2
print "python 2"
price = $5 ? 1
def last(a:
    """Inside the unclosed bracket: not a docstring."""
`;

export interface WarmupSample {
  name: string;
  bytes: Buffer;
  /** CPython compiles it (the test checks our reading against CPython's). */
  valid: boolean;
}

/** Also the CRLF, coding-cookie and empty-file paths. */
export const WARMUP_SAMPLES: readonly WarmupSample[] = [
  { name: 'ascii.py', bytes: Buffer.from(WARMUP_SAMPLE, 'latin1'), valid: true },
  { name: 'crlf.py', bytes: Buffer.from(WARMUP_SAMPLE_NON_ASCII.replace(/\n/g, '\r\n'), 'utf8'), valid: true },
  { name: 'utf8.py', bytes: Buffer.from(WARMUP_SAMPLE_NON_ASCII + ASTRAL_NAMES, 'utf8'), valid: true },
  { name: 'latin1.py', bytes: Buffer.from(`# -*- coding: latin-1 -*-\n${WARMUP_SAMPLE_NON_ASCII}`, 'latin1'), valid: true },
  { name: 'cp1252.py', bytes: Buffer.from(`# coding: cp1252\n${WARMUP_SAMPLE_NON_ASCII}EURO = "\x80"\n`, 'latin1'), valid: true },
  { name: 'empty.py', bytes: Buffer.alloc(0), valid: true },
  { name: 'broken.py', bytes: Buffer.from(WARMUP_SAMPLE_BROKEN, 'latin1'), valid: false },
];

/** Before a scan of `fileCount` files in this thread: primes the analyser if the scan is big enough to gain. */
export function primeBeforeScan(fileCount: number, options: CoverageOptions, quality?: QualityOptions): void {
  if (fileCount >= PRIME_MIN_FILES) primeAnalyzer(options, quality);
}

/** Analyses the samples with the scan's own options (and checks, when it runs them), for their side effect on V8 only. */
export function primeAnalyzer(options: CoverageOptions, quality?: QualityOptions): void {
  for (let round = 0; round < PRIME_ROUNDS; round++) {
    for (const sample of WARMUP_SAMPLES) {
      if (quality) qualityCoverage(sample.bytes, sample.name, options, quality);
      else analyzeBytes(sample.bytes, sample.name, options);
    }
  }
}
