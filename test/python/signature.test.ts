/** Parameters, annotations, returns, yields and raises of functions (server/src/python/signature.ts), against CPython. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { lineStarts } from '../../server/src/python/lines';
import { parseSignature, scanBody, Signature } from '../../server/src/python/signature';
import { parseStructure } from '../../server/src/python/structure';
import { cpythonDump, cpythonFacts } from '../oracles/stubs';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'stubs');
const FIXTURE_NAMES = fs.readdirSync(FIXTURES).filter((name) => name.endsWith('.py')).sort();
const read = (name: string): string => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
/** A signature without its name offsets (checked on their own below). */
const plain = (s: Signature): Signature => ({ ...s, params: s.params.map(({ nameStart, ...p }) => { void nameStart; return p; }) });

describe('python/signature: agrees with CPython', () => {
  it('parameters, annotations, returns, yields and raises of every fixture function', () => {
    const problems: string[] = [];
    const annotationPairs: Array<[string, string, string]> = []; // label, ours, CPython's dump
    for (const name of FIXTURE_NAMES) {
      const text = read(name);
      const [facts] = cpythonFacts([text]);
      const structure = parseStructure(text);
      const starts = lineStarts(text);
      structure.definitions.forEach((def, i) => {
        const expected = facts.defs[i];
        if (def.keyword === 'class') return;
        const label = `${name}:${def.line + 1} ${def.name}`;
        const signature = parseSignature(text, starts[def.nameLine] + def.nameEnd, def.headerEnd);
        const ourParams = signature.params.map((p) => [p.star, p.name]);
        const theirParams = expected.params!.map(([star, n]) => [star, n]);
        if (JSON.stringify(ourParams) !== JSON.stringify(theirParams)) problems.push(`${label}: params ${JSON.stringify(ourParams)}`);
        signature.params.forEach((p, j) => {
          const theirs = expected.params![j]?.[2] ?? null;
          if ((p.annotation === null) !== (theirs === null)) problems.push(`${label}: annotation of ${p.name}`);
          else if (p.annotation !== null) annotationPairs.push([`${label} ${p.name}`, p.annotation, theirs!]);
        });
        if ((signature.returns === null) !== (expected.returns === null)) problems.push(`${label}: return annotation`);
        else if (signature.returns !== null) annotationPairs.push([`${label} ->`, signature.returns, expected.returns!]);

        const skip: Array<[number, number]> = structure.definitions
          .filter((d) => d.parent === i)
          .map((d) => [d.headerStart, starts[d.endLine + 1] ?? text.length]);
        const end = starts[def.endLine + 1] ?? text.length;
        const body = scanBody(text, def.headerEnd, end, skip);
        const ours = { has_return: body.returnsValue, has_yield: body.yields, raises: body.raises };
        const theirs = { has_return: expected.has_return, has_yield: expected.has_yield, raises: expected.raises };
        if (JSON.stringify(ours) !== JSON.stringify(theirs)) problems.push(`${label}: body ${JSON.stringify(ours)} vs ${JSON.stringify(theirs)}`);
      });
    }
    const dumps = cpythonDump(annotationPairs.map(([, ours]) => ours));
    annotationPairs.forEach(([label, ours, theirs], k) => {
      if (dumps[k] !== theirs) problems.push(`${label}: annotation text ${JSON.stringify(ours)}`);
    });
    assert.deepStrictEqual(problems, []);
    assert.ok(annotationPairs.length >= 20, `${annotationPairs.length} annotations compared`);
  });

  it('a default holding a lambda with commas, and nested brackets, in one header', () => {
    const text = 'def f(a=lambda x, y=(1, 2): {x: y}, b: Dict[str, "a, b"] = [1, 2], *, c, **k) -> None:\n    pass\n';
    const def = parseStructure(text).definitions[0];
    const signature = parseSignature(text, def.nameEnd, def.headerEnd);
    assert.deepStrictEqual(signature.params.map((p) => text.slice(p.nameStart, p.nameStart! + p.name.length)), ['a', 'b', 'c', 'k']);
    assert.deepStrictEqual(plain(signature), {
      params: [
        { name: 'a', star: '', kind: 'positional', annotation: null, default: 'lambda x, y=(1, 2): {x: y}' },
        { name: 'b', star: '', kind: 'positional', annotation: 'Dict[str, "a, b"]', default: '[1, 2]' },
        { name: 'c', star: '', kind: 'kwonly', annotation: null },
        { name: 'k', star: '**', kind: 'varkw', annotation: null },
      ],
      returns: 'None',
    });
  });

  it('an annotation over several lines with comments comes out on one line', () => {
    const text = 'def f(a: Dict[\n    str,  # key\n    int,\n]) -> Tuple[int,\n           str]:\n    pass\n';
    const def = parseStructure(text).definitions[0];
    assert.deepStrictEqual(plain(parseSignature(text, def.nameEnd, def.headerEnd)), {
      params: [{ name: 'a', star: '', kind: 'positional', annotation: 'Dict[str, int,]' }], returns: 'Tuple[int, str]',
    });
  });

  it('parameter kinds: positional-only, keyword-only, *args, **kwargs', () => {
    const text = 'def f(a, b=1, /, c=2, *args, d, e=3, **kw):\n    pass\ndef g(a, *, b):\n    pass\n';
    const kinds = parseStructure(text).definitions.map((def) =>
      parseSignature(text, def.nameEnd + (def.nameLine > 0 ? text.indexOf('def g') : 0), def.headerEnd).params.map((p) => `${p.name}:${p.kind}`));
    assert.deepStrictEqual(kinds, [
      ['a:posonly', 'b:posonly', 'c:positional', 'args:varargs', 'd:kwonly', 'e:kwonly', 'kw:varkw'],
      ['a:positional', 'b:kwonly'],
    ]);
  });

  it('body facts: bare returns, asserts, raise statements whose exception cannot be named', () => {
    const text = 'def f(x):\n    assert x\n    if x:\n        return\n    raise exc\n';
    const def = parseStructure(text).definitions[0];
    assert.deepStrictEqual(scanBody(text, def.headerEnd, text.length, []), {
      returnsValue: false, returnsBare: true, yields: false, raisesAny: true, raises: [], unnamedRaise: true, asserts: true,
    });
  });

  it('a forward reference (a str annotation) reads as the type it names', () => {
    const text = 'def f(a: "Shape", b: \'Dict[str, "Shape"]\') -> \'List[Shape]\':\n    pass\n';
    const def = parseStructure(text).definitions[0];
    assert.deepStrictEqual(plain(parseSignature(text, def.nameEnd, def.headerEnd)), {
      params: [{ name: 'a', star: '', kind: 'positional', annotation: 'Shape' }, { name: 'b', star: '', kind: 'positional', annotation: 'Dict[str, "Shape"]' }],
      returns: 'List[Shape]',
    });
  });
});
