import * as assert from 'assert';
import { generatorKind, generatorReturnType, isIteratorAnnotation, subscriptArgs, yieldTypeOf } from '../../server/src/python/annotations';

describe('python/annotations', () => {
  it('tells generators and iterators by their annotation, qualified names not', () => {
    assert.strictEqual(generatorKind('Generator[int, None, None]'), 'generator');
    assert.strictEqual(generatorKind('AsyncGenerator[int, None]'), 'asyncGenerator');
    assert.strictEqual(generatorKind('Generator'), 'generator');
    assert.strictEqual(generatorKind('GeneratorX[int]'), null);
    assert.strictEqual(generatorKind(null), null);
    assert.ok(isIteratorAnnotation('Iterator[int]') && isIteratorAnnotation('AsyncIterable[str]'));
    assert.ok(!isIteratorAnnotation('list[int]') && !isIteratorAnnotation(null));
  });

  it('splits a subscript at its top-level commas, brackets and quotes kept whole', () => {
    assert.deepStrictEqual(subscriptArgs('Generator[tuple[int, str], None, "a, b"]'), ['tuple[int, str]', 'None', '"a, b"']);
    assert.deepStrictEqual(subscriptArgs('Dict[str, Callable[[int], None]]'), ['str', 'Callable[[int], None]']);
    assert.strictEqual(subscriptArgs('int'), null);
    assert.strictEqual(subscriptArgs('f(x)[0]'), null);
  });

  it('reads what a generator yields and returns, and gives the annotation back when it cannot', () => {
    assert.strictEqual(yieldTypeOf('Generator[tuple[int, str], None, bool]', 'generator', false), 'tuple[int, str]');
    assert.strictEqual(yieldTypeOf('Iterator[int]', null, true), 'int');
    assert.strictEqual(yieldTypeOf('Generator[a, b, c, d]', 'generator', false), 'Generator[a, b, c, d]');
    assert.strictEqual(generatorReturnType('Generator[int, None, bool]', 'generator'), 'bool');
    assert.strictEqual(generatorReturnType('Generator[int]', 'generator'), 'None');
    assert.strictEqual(generatorReturnType('AsyncGenerator[int, None]', 'asyncGenerator'), 'None');
  });
});
