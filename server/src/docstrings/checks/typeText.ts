/**
 * Comparing a type written in a docstring with an annotation written in code, as pydoclint compares them
 * (arg.py _typeHintsEq, generic.py stripQuotes / specialEqual): quotes and backticks do not matter (except
 * inside `Literal[...]`), nor spacing, line breaks, a trailing comma or a `# comment`, nor `'` against `"`.
 */

/** The type text reduced to what the comparison looks at. */
export function canonicalType(text: string): string {
  let t = text.trim();
  const hash = t.indexOf('#');
  if (hash >= 0) t = t.slice(0, hash);
  t = t.trim();
  if (t.length >= 4 && t.startsWith('``') && t.endsWith('``')) t = t.slice(2, -2);
  else if (t.length >= 2 && t.startsWith('`') && t.endsWith('`')) t = t.slice(1, -1);
  // Quotes go, except inside Literal[...] (whose strings are values, not forward references).
  t = t.replace(/Literal\[[^\]]+\]|[^L]+|L/g, (part) => (part.startsWith('Literal[') ? part : part.replace(/["']/g, '')));
  t = t.replace(/\s+/g, '').replace(/"/g, "'");
  // ast.unparse drops a trailing comma in a subscript (`Dict[str, int,]`).
  t = t.replace(/,(?=[\])])/g, '');
  return t;
}

export function sameType(docType: string, annotation: string): boolean {
  // canonicalType is a function of the text: equal texts need no canonical form (most compared types are '').
  return docType === annotation || canonicalType(docType) === canonicalType(annotation);
}

/**
 * With `optional-equivalence`: `Optional[T]`, `T | None`, `None | T` and `Union[T, None]` as the type a
 * docstring writes `T, optional`. Returns the annotation without its None, or null if it has none.
 */
export function withoutOptional(annotation: string): string | null {
  const t = canonicalType(annotation);
  const optional = /^(?:typing\.)?Optional\[(.*)\]$/.exec(t);
  if (optional) return optional[1];
  const union = /^(?:typing\.)?Union\[(.*),None\]$/.exec(t) ?? /^(?:typing\.)?Union\[None,(.*)\]$/.exec(t);
  if (union) return union[1].includes(',') ? `Union[${union[1]}]` : union[1];
  if (t.endsWith('|None')) return t.slice(0, -5);
  if (t.startsWith('None|')) return t.slice(5);
  return null;
}
