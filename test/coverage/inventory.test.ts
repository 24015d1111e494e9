/** interrogate's options, one by one, on a real fixture (test/fixtures/options/shapes.py). */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { inventory } from '../../server/src/coverage/inventory';
import { CoverageOptions, DEFAULT_OPTIONS } from '../../server/src/coverage/types';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures');
const shapes = fs.readFileSync(path.join(FIXTURES, 'options', 'shapes.py'), 'utf8');

function statuses(options: Partial<CoverageOptions> = {}, text = shapes): Record<string, string> {
  const result = inventory(text, 'shapes.py', { ...DEFAULT_OPTIONS, ...options });
  const out: Record<string, string> = {};
  for (const node of result.nodes) {
    const key = node.kind === 'module' ? '<module>' : `${node.qualname}@${node.line}`;
    out[key] = node.counted ? node.status : `${node.status} (not counted)`;
  }
  return out;
}

const ALL: Record<string, string> = {
  '<module>': 'missed',
  'Documented@5': 'covered',
  'Documented.__init__@8': 'missed',
  'Documented.__repr__@11': 'missed',
  'Documented.__private@14': 'missed',
  'Documented._semiprivate@17': 'covered',
  'Documented.public@20': 'missed',
  'Documented.value@24': 'missed',
  'Documented.value@28': 'missed',
  'Documented.value@32': 'missed',
  'Documented.convert@36': 'missed',
  'Documented.convert@39': 'missed',
  'Documented.convert@41': 'covered',
  'Documented.Inner@45': 'missed',
  'Documented.Inner.inner_method@46': 'missed',
  'Documented.Inner.inner_method.deep@47': 'missed',
  'Undocumented@53': 'missed',
  'Undocumented.__init__@54': 'covered',
  'outer@58': 'covered',
  'outer.nested@61': 'missed',
  'outer.LocalClass@64': 'missed',
  'outer_async@70': 'missed',
  'outer_async.nested_in_async@71': 'missed',
  'skip_this_one@77': 'missed',
  '_helper@81': 'missed',
  '__mangled@85': 'missed',
};

function without(...keys: string[]): Record<string, string> {
  const copy = { ...ALL };
  for (const key of keys) {
    assert.ok(key in copy, `unknown key ${key}`);
    delete copy[key];
  }
  return copy;
}

describe('inventory options (interrogate semantics)', () => {
  it('counts every module, class, function and method by default', () => {
    assert.deepStrictEqual(statuses(), ALL);
  });

  it('ignore-init-method drops __init__ methods', () => {
    assert.deepStrictEqual(statuses({ ignoreInitMethod: true }),
      without('Documented.__init__@8', 'Undocumented.__init__@54'));
  });

  it('ignore-magic drops dunder methods but not __init__', () => {
    assert.deepStrictEqual(statuses({ ignoreMagic: true }), without('Documented.__repr__@11'));
  });

  it('ignore-module lists the module without counting it', () => {
    assert.deepStrictEqual(statuses({ ignoreModule: true }), { ...ALL, '<module>': 'missed (not counted)' });
  });

  it('ignore-private drops __names (not dunders)', () => {
    assert.deepStrictEqual(statuses({ ignorePrivate: true }), without('Documented.__private@14', '__mangled@85'));
  });

  it('ignore-semiprivate drops _names', () => {
    assert.deepStrictEqual(statuses({ ignoreSemiprivate: true }), without('Documented._semiprivate@17', '_helper@81'));
  });

  it('ignore-property-decorators drops getters, setters and deleters', () => {
    assert.deepStrictEqual(statuses({ ignorePropertyDecorators: true }),
      without('Documented.value@24', 'Documented.value@28', 'Documented.value@32'));
  });

  it('ignore-setters drops only setters', () => {
    assert.deepStrictEqual(statuses({ ignoreSetters: true }), without('Documented.value@28'));
  });

  it('ignore-overloaded-functions drops @overload and @typing.overload', () => {
    assert.deepStrictEqual(statuses({ ignoreOverloadedFunctions: true }),
      without('Documented.convert@36', 'Documented.convert@39'));
  });

  it('ignore-nested-functions drops functions inside functions, async ones included', () => {
    assert.deepStrictEqual(statuses({ ignoreNestedFunctions: true }),
      without('Documented.Inner.inner_method.deep@47', 'outer.nested@61', 'outer_async.nested_in_async@71'));
  });

  it('ignore-nested-classes drops nested classes with everything inside them', () => {
    assert.deepStrictEqual(statuses({ ignoreNestedClasses: true }),
      without('Documented.Inner@45', 'Documented.Inner.inner_method@46', 'Documented.Inner.inner_method.deep@47',
        'outer.LocalClass@64'));
  });

  it('ignore-regex matches bare names from their start and drops the whole subtree', () => {
    assert.deepStrictEqual(statuses({ ignoreRegex: ['skip_', 'Inn'] }),
      without('skip_this_one@77', 'Documented.Inner@45', 'Documented.Inner.inner_method@46',
        'Documented.Inner.inner_method.deep@47'));
    // Anchored at the start only: "this" does not match "skip_this_one".
    assert.deepStrictEqual(statuses({ ignoreRegex: ['this'] }), ALL);
  });

  it('an ignored class drops its whole subtree', () => {
    assert.deepStrictEqual(statuses({ ignoreRegex: ['Documented$'] }), {
      '<module>': 'missed',
      'Undocumented@53': 'missed', 'Undocumented.__init__@54': 'covered',
      'outer@58': 'covered', 'outer.nested@61': 'missed', 'outer.LocalClass@64': 'missed',
      'outer_async@70': 'missed', 'outer_async.nested_in_async@71': 'missed',
      'skip_this_one@77': 'missed', '_helper@81': 'missed', '__mangled@85': 'missed',
    });
  });

  it('whitelist-regex keeps only matching names (children are tested on their own names)', () => {
    assert.deepStrictEqual(statuses({ whitelistRegex: ['outer', 'deep'], ignoreModule: true }), {
      '<module>': 'missed (not counted)',
      'Documented.Inner.inner_method.deep@47': 'missed',
      'outer@58': 'covered',
      'outer_async@70': 'missed',
    });
    const none = inventory(shapes, 'shapes.py', { ...DEFAULT_OPTIONS, whitelistRegex: ['nothing_matches'] });
    assert.strictEqual(none.skipped, true);
  });

  it('google style: a class and its __init__ cover each other', () => {
    const google = statuses({ docstringStyle: 'google' });
    assert.strictEqual(google['Documented.__init__@8'], 'covered');
    assert.strictEqual(google['Undocumented@53'], 'covered');
    assert.strictEqual(google['Documented.public@20'], 'missed');
  });

  it('google style: an async def __init__ covers nothing and is not covered by its class (interrogate pairs only def)', () => {
    const text = 'class A:\n    "Doc."\n    async def __init__(self):\n        pass\nclass B:\n    async def __init__(self):\n        "Doc."\n';
    assert.deepStrictEqual(statuses({ docstringStyle: 'google' }, text), {
      '<module>': 'missed', 'A@1': 'covered', 'A.__init__@3': 'missed', 'B@5': 'missed', 'B.__init__@6': 'covered',
    });
  });

  it('ignore-nested-classes drops a class in an async def as in a def (interrogate keeps it, README)', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'options', 'async_nested.py'), 'utf8');
    const all = {
      '<module>': 'covered', 'make_handler@4': 'covered', 'make_handler.Handler@7': 'missed',
      'make_handler.Handler.handle@8': 'missed', 'make_plain@14': 'covered', 'make_plain.Plain@17': 'missed',
    };
    assert.deepStrictEqual(statuses({}, text), all);
    assert.deepStrictEqual(statuses({ ignoreNestedClasses: true }, text),
      { '<module>': 'covered', 'make_handler@4': 'covered', 'make_plain@14': 'covered' });
  });

  it('google style: a function named __init__ outside a class neither covers nor is covered by what holds it (README)', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'options', 'google_init_function.py'), 'utf8');
    const sphinx = statuses({}, text);
    assert.deepStrictEqual(sphinx, {
      '<module>': 'covered', '__init__@4': 'missed', 'outer@8': 'covered', 'outer.__init__@11': 'missed',
      'bare@17': 'missed', 'bare.__init__@18': 'covered',
    });
    assert.deepStrictEqual(statuses({ docstringStyle: 'google' }, text), sphinx);
  });

  it('an empty file is one missed module, and is left out under ignore-module', () => {
    assert.deepStrictEqual(statuses({}, ''), { '<module>': 'missed' });
    assert.strictEqual(inventory('', 'empty.py', { ...DEFAULT_OPTIONS, ignoreModule: true }).skipped, true);
  });
});
