/** Where `|` is not integer OR (bits/context.ts): no hover there, on real Python (test/fixtures/bits/noise.py). */
import * as assert from 'assert';
import { bitsHover } from '../../server/src/bits/hover';
import { positionOf, readFixture } from './helpers';

const NOISE = readFixture('noise.py');

function hoverAt(text: string, snippet: string, target: string, nth = 0): string | undefined {
  const { line, character } = positionOf(text, snippet, target, nth);
  return bitsHover(text, line, character)?.markdown;
}

describe('bits/context: no hover where `|` is not integer OR', () => {
  const silent: Array<[string, string, string, number?]> = [
    ['parameter annotation', 'app: Flask | None', '|'],
    ['return annotation', '-> Flask | None:', '|'],
    ['annotation on a continued line', 'retries: int | None = None', '|'],
    ['return annotation with a subscript', '-> dict[str, int | None]', '|'],
    ['parameter annotation of an async def', 'url: str | bytes', '|'],
    ['TypeAlias value', 'JsonValue: TypeAlias = dict | list | str | int | None', '|', 2],
    ['variable annotation', 'counter: int | None = None', '|'],
    ['annotation inside a subscript', 'maybe: Optional[int | str]', '|'],
    ['isinstance second argument', 'isinstance(value, int | str)', '|'],
    ['issubclass second argument, inside a tuple', '(Flask | None, bytes)', '|'],
    ['match pattern', 'case 0 | 1 | 2:', '|', 1],
    ['match pattern, a literal in it', 'case 0 | 1 | 2:', '2'],
    ['match pattern inside a sequence pattern', 'case [FLAG_A | FLAG_B, *rest]', '|'],
    ['frozenset calls', 'frozenset(names) | frozenset(other)', '|'],
    ['set displays', '{1, 2} | {3}', '|'],
    ['dict call and display', 'dict(data) | {"k": 1}', '|'],
    ['augmented with a dict display', 'data |= {"extra": True}', '|='],
    ['a string operand', '"a" | other', '|'],
    ['None operand', 'value | None', '|'],
    ['a class of the file and a builtin class', 'Flask | int', '|'],
    ['a name bound to frozenset()', 'EMPTY | other', '|'],
    ['a class\'s bases', 'Registry(dict[str, int | None]', '|'],
    ['dict views', 'first.keys() & second.keys()', '&'],
    ['dict items views', 'first.items() ^ second.items()', '^'],
  ];
  for (const [what, snippet, target, nth] of silent) {
    it(`shows nothing for ${what}: ${snippet}`, () => {
      assert.strictEqual(hoverAt(NOISE, snippet, target, nth), undefined);
    });
  }

  const shown: Array<[string, string, string, RegExp]> = [
    ['a parameter default', 'mode: int = FLAG_A | FLAG_B', '|', /= `3`/],
    ['a lambda in a default', 'v | FLAG_B', '|', /FLAG_B = 2/],
    ['a match guard', 'if value & FLAG_A:', '&', /FLAG_A = 1/],
    ['integer constants in a return', 'empty, FLAG_A | FLAG_B', '|', /= `3`/],
    ['a method call that is no dict view', 'first.count() | FLAG_B', '|', /FLAG_B/],
  ];
  for (const [what, snippet, target, expected] of shown) {
    it(`still shows ${what}: ${snippet}`, () => {
      assert.match(hoverAt(NOISE, snippet, target) ?? '', expected);
    });
  }

  it('shows nothing in a `type` statement (Python 3.12)', () => {
    const text = readFixture('type_alias.py');
    assert.strictEqual(hoverAt(text, 'int | float', '|'), undefined);
    assert.strictEqual(hoverAt(text, 'tuple[T, T] | None', '|'), undefined);
  });
});
