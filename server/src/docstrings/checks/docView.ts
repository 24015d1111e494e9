/**
 * A parsed docstring as pydoclint's checks see it (pydoclint's utils/doc.py over docstring_parser's result):
 * the argument and attribute lists with their types, whether it has Returns / Yields / Raises sections and
 * what they list, and whether it is "short" (a summary and nothing else that pydoclint reads).
 */
import { combinedNames, DocEntry, DocSection, DocstringStyleName, ParsedDocstring, SectionKind, Span } from '../parse';

export interface DocItem {
  /** As pydoclint compares it: backslashes removed (`\*\*kwargs` is `**kwargs`). */
  name: string;
  /** The type pydoclint reads ('' when none): `, optional` cut where its parser cuts it. */
  type: string;
  /** The docstring said `optional`. */
  optional: boolean;
  /** Where the entry is in the file. */
  span: Span;
}

export interface DocView {
  style: DocstringStyleName;
  short: boolean;
  args: DocItem[];
  attributes: DocItem[];
  /** The Returns section's entries (types), or null when there is none. */
  returns: DocItem[] | null;
  yields: DocItem[] | null;
  /** The exceptions the Raises section names, or null when there is none. Warns is not Raises. */
  raises: DocItem[] | null;
  /** Where each section is, to put a finding on it. */
  sectionSpans: Partial<Record<SectionKind, Span>>;
}

const ARG_KINDS = new Set<SectionKind>(['params', 'keywordParams', 'otherParams', 'receives']);
/** Sections that make a docstring more than a summary for pydoclint (doc.py isShortDocstring). */
const NOT_SHORT_KINDS = new Set<SectionKind>([...ARG_KINDS, 'attributes', 'raises', 'returns', 'yields', 'examples', 'deprecated']);

/**
 * `keepDefaults` (check-arg-defaults): numpy argument types keep their default (`int, default=3`), to be
 * compared with the signature's; else the default is cut, as pydoclint's parser cuts it.
 */
export function docView(parsed: ParsedDocstring, warnsAreRaises = false, keepDefaults = false): DocView {
  const named: Named = { style: parsed.style, cutDefaults: parsed.style === 'numpy' && !keepDefaults, typeFields: sphinxTypeFields(parsed) };
  const view: DocView = {
    style: parsed.style, short: true, args: [], attributes: [], returns: null, yields: null, raises: null, sectionSpans: {},
  };
  for (const section of parsed.sections) {
    if (section.nonstandard) continue;
    const kind: SectionKind = section.kind === 'warns' && warnsAreRaises ? 'raises' : section.kind;
    if (parsed.style === 'google' && (kind === 'returns' || kind === 'yields') && unreadEntries(parsed, section)) {
      // pydoclint's google parser reads a Returns or Yields section it finds nothing in as one untyped entry.
      view.short = false;
      view.sectionSpans[kind] ??= section.span;
      view[kind] = [...(view[kind] ?? []), { name: '', type: '', optional: false, span: section.span }];
      continue;
    }
    if (section.entries.length === 0 && kind !== 'examples' && kind !== 'deprecated') continue;
    // Only `:type x:` fields (no `:param x:`) describe nothing: the docstring stays short.
    const typesOnly = ARG_KINDS.has(kind) && section.entries.every((e) => e.field === 'type');
    if ((NOT_SHORT_KINDS.has(kind) && !typesOnly) || (warnsAreRaises && section.kind === 'warns')) view.short = false;
    view.sectionSpans[kind] ??= section.span;
    if (ARG_KINDS.has(kind)) for (const e of section.entries) pushNamed(view.args, e, named);
    else if (kind === 'attributes') for (const e of section.entries) pushNamed(view.attributes, e, named);
    else if (kind === 'returns') (view.returns ??= []).push(...typed(section, parsed.style));
    else if (kind === 'yields') (view.yields ??= []).push(...typed(section, parsed.style));
    else if (kind === 'raises') (view.raises ??= []).push(...raisedNames(section, parsed.style));
  }
  if (parsed.summary === '' && parsed.longDescription === '') view.short = false;
  return view;
}

interface Named {
  style: DocstringStyleName;
  cutDefaults: boolean;
  /** Sphinx: the entries typed by a `:type x:` field, by name. */
  typeFields: Map<string, DocEntry> | null;
}

/** numpy's `int, default 3` / `int, default=3` / `int (default 3)`: the type before the default. */
const NUMPY_DEFAULT = /^(.*?)(?:, default|\(default\))/;

/**
 * A google section whose entries pydoclint's parser does not see: none under the title, or the docstring opens
 * with its only section's title (cleaned twice, ast.get_docstring then the parser's cleandoc, the entries are
 * dedented to the title's level and end the section).
 */
function unreadEntries(parsed: ParsedDocstring, section: DocSection): boolean {
  return section.entries.length === 0 || (parsed.summary === '' && parsed.sections.length === 1);
}

function pushNamed(out: DocItem[], entry: DocEntry, named: Named): void {
  if (entry.name === null || entry.name === '') return;
  // A sphinx `:type x:` without a `:param x:` describes nothing: Sphinx shows no parameter for it, pydoclint
  // counts x as undocumented.
  if (entry.field === 'type') return;
  // pydoclint's parser types every `:param x:` with the `:type x:` field (one per name), also a second `:param x:`.
  const typedBy = entry.type === null && entry.typeField === undefined ? named.typeFields?.get(entry.name) : undefined;
  const source = typedBy ?? entry;
  let type = pydoclintType(source, named.style);
  if (named.cutDefaults) type = NUMPY_DEFAULT.exec(type)?.[1] ?? type;
  const name = entry.name.replace(/\\/g, '');
  // numpy's `x1, x2 : array_like` documents both; pydoclint reads one argument named `x1, x2`.
  const names = (named.style === 'numpy' ? combinedNames(name) : null) ?? [name];
  for (const n of names) out.push({ name: n, type, optional: source.optional, span: entry.span });
}

function sphinxTypeFields(parsed: ParsedDocstring): Map<string, DocEntry> | null {
  if (parsed.style !== 'sphinx') return null;
  const out = new Map<string, DocEntry>();
  for (const section of parsed.sections) {
    for (const e of section.entries) if (e.typeField !== undefined && e.field !== 'type' && e.type !== null && e.name && !out.has(e.name)) out.set(e.name, e);
  }
  return out;
}

function typed(section: DocSection, style: DocstringStyleName): DocItem[] {
  return section.entries.map((e) => ({ name: e.name ?? '', type: pydoclintType(e, style), optional: e.optional, span: e.span }));
}

/** A sphinx description that opens with a cross-reference: `:class:`~module.Error` when ...`, `:exc:`Error``. */
const ROLE_FIRST = /^:[\w.:-]+:`[~.]*([\w.]+)`/;

/**
 * Raises entries by exception name; sphinx's `:raises: KeyError: when` names it in the description, and so
 * does `:raises: :class:`~module.Error` when` (pydoclint reads an empty name there, which matches any one).
 */
function raisedNames(section: DocSection, style: DocstringStyleName): DocItem[] {
  const out: DocItem[] = [];
  for (const e of section.entries) {
    let name = e.name ?? e.type;
    const role = !name && style === 'sphinx' ? ROLE_FIRST.exec(e.description) : null;
    if (role) name = role[1];
    else if (!name && style === 'sphinx' && e.description) {
      const parts = e.description.split(':');
      if (parts.length > 1 && !parts[0].trim().includes(' ')) name = parts[0].trim();
    }
    if (name) out.push({ name, type: '', optional: false, span: e.span });
  }
  return out;
}

/** The type text pydoclint's parser keeps: google cuts `, optional` and `?`, numpy `, optional` and `(optional)`. */
function pydoclintType(entry: DocEntry, style: DocstringStyleName): string {
  let type = entry.type ?? '';
  if (!entry.optional || type === '') return type;
  if (style === 'google') type = type.replace(/(?:, optional|\?)$/, '');
  else if (style === 'numpy') type = type.replace(/(?:, optional|\(optional\))$/, '');
  else if (entry.typeField === undefined) type = type.replace(/\?$/, '');
  return type;
}
