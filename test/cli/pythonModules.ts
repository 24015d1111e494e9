/**
 * Seeded small Python modules for the differential test against interrogate (interrogate.diff.test.ts): the
 * shapes interrogate's visitor and options look at (docstring forms, names by privacy, decorators, nesting,
 * definitions under if/try/with/for), always valid Python 3.11, since interrogate aborts on a file ast.parse
 * rejects (a traceback, no report) where docbits reports best-effort results: see README, "Differences".
 */
import { Prng } from '../helpers/prng';

/**
 * Docstring literals. Some count for ast.get_docstring and some do not (bytes, f-strings, an f-string in a
 * concatenation, blank strings): which is interrogate's to say, so none is labelled here.
 */
const DOCSTRINGS: readonly string[] = [
  '"""Triple double."""', "'''Triple single.'''", '"Double."', "'Single.'",
  'r"""Raw \\d+ docstring."""', 'R"Raw upper."', 'u"Unicode prefix."', 'b"Bytes."', 'rb"Raw bytes."',
  'f"F-string {0}."', 'f"No placeholders."', '"Con" "catenated."', '"Con" f"{1}"', '("Parenthesised.")',
  '""', "''", '"""   """', '"""\n"""', '"""\n    Summary on the second line.\n\n    Details.\n    """',
  '"""Ünïcödé ✓ docstring."""', '"\\x41 escaped."', '"""Has "quotes" inside."""', '"" "after an empty one"',
  '"\\n"', '"""Doc."""  # trailing comment', '"Doc."; x = 1',
];

/** What may stand before a docstring: nothing, or a comment or blank line (still a docstring), or a statement (no longer one). */
const PREAMBLES: readonly string[] = ['', '', '', '', '# a comment before it', '', 'x = 1', 'pass'];

/**
 * Names by what interrogate's options make of them: public, semiprivate `_x`, private `__x`, magic `__x__`,
 * the odd `_`, `__`, `___` (magic by interrogate's test), regex-bait prefixes and non-ASCII identifiers.
 */
const FUNCTION_NAMES: readonly string[] = [
  'run', 'get_value', 'set_value', 'test_it', 'helper', 'main', '_semi', '_', '__hidden', '__mangled_x',
  '__eq__', '__repr__', '__call__', '__', '___', 'café', 'данные', '数据', 'λ_func', 'handler2', 'setup',
];
const CLASS_NAMES: readonly string[] = [
  'Widget', 'Base', '_Internal', '__Secret', 'Meta', 'TestCase', 'Ünïcode', 'Δelta', 'Config', 'Getter', '数据类',
];
const DECORATORS: readonly string[] = [
  '@staticmethod', '@classmethod', '@functools.wraps(fn)', '@decorator', '@decorator(arg=1)', '@a.b.c',
  '@abc.abstractmethod', '@functools.cached_property', '@(lambda f: f)',
];
/** interrogate knows `@typing.overload` and `@overload`; the other two are lookalikes it does not count. */
const OVERLOADS: readonly string[] = ['@typing.overload', '@overload', '@overload', '@t.overload', '@typing_extensions.overload'];

type Scope = 'module' | 'class' | 'function';

interface Context {
  r: Prng;
  lines: string[];
  /** Definitions still to write: keeps modules small. */
  budget: number;
}

/** Where the generator must not go, each for a documented difference (README, "Differences from interrogate"). */
interface Limits {
  /**
   * No definitions inside: an async def (interrogate's ignore-nested-functions skips only def-in-def, docbits
   * also def-in-async-def), and every function under a nested class (interrogate's ignore-nested-classes
   * keeps a nested class's grandchildren, docbits drops all of it).
   */
  leaf: boolean;
  underNestedClass: boolean;
}

/** Maybe a docstring (after a preamble), as the first lines of a body. */
function docstring(c: Context, indent: string, probability = 0.55): boolean {
  if (!c.r.chance(probability)) return false;
  const preamble = c.r.pick(PREAMBLES);
  if (preamble) c.lines.push(indent + preamble);
  c.lines.push(indent + c.r.pick(DOCSTRINGS));
  return true;
}

function plainStatement(c: Context, indent: string, scope: Scope): void {
  const options = [
    'value = 1', 'handler = lambda x: x', 'items = sorted([3, 1], key=lambda k: -k)', '"""A string, not a docstring."""',
    'import os', 'from typing import overload', '...',
  ];
  if (scope === 'function') options.push('return None', 'yield 1', 'total = sum(i for i in range(3))');
  c.lines.push(indent + c.r.pick(options));
}

function functionDef(c: Context, indent: string, scope: Scope, limits: Limits): void {
  const r = c.r;
  c.budget--;
  // `def __init__` only in classes: with google style interrogate pairs one outside a class with the module or
  // function around it, docbits does not (README, "Differences").
  const name = r.pick(scope === 'class' ? [...FUNCTION_NAMES, '__init__', '__init__', '__init__'] : FUNCTION_NAMES);
  if (r.chance(0.3)) c.lines.push(indent + r.pick(DECORATORS));
  if (r.chance(0.1)) c.lines.push(indent + r.pick(DECORATORS));
  // No async def in a function: interrogate's ignore-nested-functions keeps it, docbits drops it (README, "Differences").
  const isAsync = scope !== 'function' && r.chance(0.2);
  const header = `${indent}${isAsync ? 'async ' : ''}def ${name}(${scope === 'class' ? 'self, ' : ''}x=None):`;
  if (r.chance(0.15)) {
    c.lines.push(`${header} ${r.pick(['pass', '...', '"One-liner."', 'return x', "'Doc.'; return x"])}`);
    return;
  }
  c.lines.push(header);
  const inner = indent + '    ';
  const documented = docstring(c, inner);
  body(c, inner, 'function', { leaf: limits.leaf || isAsync, underNestedClass: limits.underNestedClass }, documented ? 0 : 1);
}

function classDef(c: Context, indent: string, scope: Scope, limits: Limits): void {
  const r = c.r;
  c.budget--;
  if (r.chance(0.15)) c.lines.push(indent + r.pick(['@dataclasses.dataclass', '@decorator', '@typing.final']));
  const header = `${indent}class ${r.pick(CLASS_NAMES)}${r.pick(['', '', '(Base)', '(object)', '(metaclass=abc.ABCMeta)'])}:`;
  if (r.chance(0.1)) {
    c.lines.push(`${header} ${r.pick(['pass', '...', '"One-line class."'])}`);
    return;
  }
  c.lines.push(header);
  const inner = indent + '    ';
  const documented = docstring(c, inner, 0.6);
  const nested = scope !== 'module' || limits.underNestedClass;
  body(c, inner, 'class', { leaf: limits.leaf, underNestedClass: nested }, documented ? 0 : 1);
}

/** A property with its setter and deleter, each maybe documented. */
function propertyGroup(c: Context, indent: string): void {
  const name = c.r.pick(['value', '_cached', '__slot', 'size']);
  const parts: [string, string][] = [['@property', `def ${name}(self):`], [`@${name}.setter`, `def ${name}(self, v):`], [`@${name}.deleter`, `def ${name}(self):`]];
  for (const [decorator, header] of parts) {
    if (!c.r.chance(0.8)) continue;
    c.budget--;
    c.lines.push(indent + decorator, indent + header);
    if (!docstring(c, indent + '    ')) c.lines.push(indent + '    return None');
  }
}

/** Overloads of one name and, mostly, the implementation after them. */
function overloadGroup(c: Context, indent: string, scope: Scope): void {
  const name = c.r.pick(['convert', 'parse', '_coerce']);
  const self = scope === 'class' ? 'self, ' : '';
  for (let i = c.r.int(1, 3); i > 0; i--) {
    c.budget--;
    c.lines.push(indent + c.r.pick(OVERLOADS), `${indent}def ${name}(${self}x: ${c.r.pick(['int', 'str', 'bytes'])}) -> None:`);
    if (!docstring(c, indent + '    ', 0.3)) c.lines.push(indent + '    ...');
  }
  if (c.r.chance(0.8)) {
    c.budget--;
    c.lines.push(`${indent}def ${name}(${self}x):`);
    if (!docstring(c, indent + '    ')) c.lines.push(indent + '    return x');
  }
}

/** Compound statements as their clauses; a clause ending in `?` is written half the time. */
const COMPOUNDS: readonly (readonly string[])[] = [
  ['if TYPE_CHECKING:', 'else:?'], ['if sys.version_info >= (3, 8):', 'elif True:?', 'else:?'], ['if __name__ == "__main__":'],
  ['try:', 'except ImportError:', 'else:?', 'finally:?'], ['with open(__file__) as fh:'], ['for _i in range(1):', 'else:?'],
  ['while False:'],
];

/** Definitions under a compound statement: they count as if they stood in the enclosing scope. */
function compound(c: Context, indent: string, scope: Scope, limits: Limits): void {
  for (const clause of c.r.pick(COMPOUNDS)) {
    if (clause.endsWith('?') && c.r.chance(0.5)) continue;
    c.lines.push(indent + clause.replace(/\?$/, ''));
    body(c, indent + '    ', scope, limits, 1, 2);
  }
}

/** Between `min` and `max` statements (at least one when `min` is 1) of a body in `scope`. */
function body(c: Context, indent: string, scope: Scope, limits: Limits, min: number, max = 4): void {
  const count = c.r.int(min, max);
  const before = c.lines.length;
  for (let i = 0; i < count; i++) {
    const canDefine = c.budget > 0 && !(limits.leaf || (scope !== 'class' && limits.underNestedClass));
    const roll = c.r.next();
    if (!canDefine || roll < 0.2) plainStatement(c, indent, scope);
    else if (roll < 0.55) functionDef(c, indent, scope, limits);
    else if (roll < 0.7) classDef(c, indent, scope, limits);
    else if (roll < 0.78 && scope === 'class') propertyGroup(c, indent);
    else if (roll < 0.85) overloadGroup(c, indent, scope);
    else compound(c, indent, scope, limits);
  }
  // A property group may write nothing.
  if (c.lines.length === before && min > 0) c.lines.push(indent + 'pass');
}

/** The text of one module: maybe a header, a module docstring, then top-level statements. */
export function pythonModule(r: Prng, size = 8): string {
  const c: Context = { r, lines: [], budget: size };
  if (r.chance(0.1)) return r.pick(['', '\n', '# only a comment\n', 'pass\n']);
  if (r.chance(0.1)) c.lines.push('#!/usr/bin/env python3');
  if (r.chance(0.1)) c.lines.push('# -*- coding: utf-8 -*-');
  if (r.chance(0.05)) c.lines.push('from __future__ import annotations');
  docstring(c, '', 0.6);
  body(c, '', 'module', { leaf: false, underNestedClass: false }, 0, 6);
  return c.lines.join('\n') + (r.chance(0.9) ? '\n' : '');
}
