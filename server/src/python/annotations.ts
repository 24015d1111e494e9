/**
 * Reading annotation text as pydoclint reads return annotations (return_yield_raise.py, visitor_helper.py): is it
 * a Generator / Iterator, what does it yield, what does a generator return; unlike pydoclint, with its module
 * named too (`typing.Iterator[int]`). Used by the stubs (coverage/) and the
 * checks and the update (docstrings/).
 */

export type GeneratorKind = 'generator' | 'asyncGenerator' | null;

/**
 * `typing.Iterator[int]`, `t.Generator[...]`, `collections.abc.Iterable[str]`: the module is left out, so they
 * read as `Iterator[int]`... (pydoclint compares the text as written and takes them for plain return types).
 */
const MODULE_OF_GENERATOR = /^(?:[A-Za-z_]\w*\.)+(?=(?:Async)?(?:Generator|Iterator|Iterable)\b)/;
const unqualified = (annotation: string): string => annotation.replace(MODULE_OF_GENERATOR, '');

export function generatorKind(annotation: string | null): GeneratorKind {
  if (annotation === null) return null;
  const bare = unqualified(annotation);
  if (bare === 'AsyncGenerator' || bare.startsWith('AsyncGenerator[')) return 'asyncGenerator';
  if (bare === 'Generator' || bare.startsWith('Generator[')) return 'generator';
  return null;
}

export function isIteratorAnnotation(annotation: string | null): boolean {
  return annotation !== null && /^(?:Async)?Iter(?:ator|able)/.test(unqualified(annotation));
}

/** The arguments of `Name[a, b, c]` (split at its top-level commas), or null if it is not a subscript. */
export function subscriptArgs(annotation: string): string[] | null {
  const open = annotation.indexOf('[');
  if (open <= 0 || !annotation.endsWith(']') || !/^[\w.]+$/.test(annotation.slice(0, open).trim())) return null;
  const inner = annotation.slice(open + 1, -1);
  const args: string[] = [];
  let depth = 0;
  let from = 0;
  let quote = '';
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '(' || c === '{') depth++;
    else if (c === ']' || c === ')' || c === '}') {
      if (--depth < 0) return null;
    } else if (c === ',' && depth === 0) {
      args.push(inner.slice(from, i).trim());
      from = i + 1;
    }
  }
  if (depth !== 0) return null;
  const last = inner.slice(from).trim();
  if (last !== '' || args.length === 0) args.push(last);
  return args.filter((a) => a !== '');
}

/** What a Generator / Iterator annotation yields; the annotation itself when it cannot be read. */
export function yieldTypeOf(annotation: string | null, kind: GeneratorKind, iterator: boolean): string | null {
  if (annotation === null) return null;
  const args = subscriptArgs(annotation);
  if (kind !== null) {
    const max = kind === 'generator' ? 3 : 2;
    return args && args.length >= 1 && args.length <= max ? args[0] : annotation;
  }
  if (iterator) return args ? args.join(', ') : annotation;
  return annotation;
}

/** What a Generator returns (its third argument; None when absent, and always for AsyncGenerator). */
export function generatorReturnType(annotation: string | null, kind: Exclude<GeneratorKind, null>): string | null {
  if (annotation === null) return null;
  const args = subscriptArgs(annotation);
  if (kind === 'asyncGenerator') return args && args.length >= 1 && args.length <= 2 ? 'None' : annotation;
  if (!args || args.length < 1 || args.length > 3) return annotation;
  return args.length < 3 ? 'None' : args[2];
}
