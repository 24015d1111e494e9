/**
 * What the docstring parser gives: a docstring's style, summary, sections and entries, each with its exact
 * place in the file, and the problems it found. Checks (DOC1xx-DOC6xx) and the "Update docstring" fix read
 * it; nothing here knows about editors.
 *
 * Offsets are UTF-16 offsets into the FILE text (not into the docstring's value): they are mapped back
 * through the string literal (prefix, quotes, escapes, `\r\n`), so `text.slice(span.start, span.end)` is
 * what the user wrote. Use `python/lines.ts` positionAt to turn them into LSP positions.
 *
 * Texts (names, types, descriptions) are the docstring's VALUE (escapes decoded), as `ast.get_docstring`
 * and pydoclint see them.
 */

export type DocstringStyleName = 'google' | 'numpy' | 'sphinx';

/** A range of the file text: [start, end), UTF-16 offsets. */
export interface Span {
  start: number;
  end: number;
}

/**
 * What a section is about. Titles map to kinds as pydoclint's parser (docstring_parser_fork) maps them:
 * google `Args` / `Arguments` / `Parameters` / `Params`, numpy `Parameters` / ..., sphinx `:param:` /
 * `:arg:` / `:key:` / `:keyword:` are all `params`. `warns` is never `raises`.
 */
export type SectionKind =
  | 'params' | 'keywordParams' | 'otherParams' | 'receives'
  | 'returns' | 'yields' | 'raises' | 'warns' | 'attributes' | 'methods'
  | 'examples' | 'notes' | 'warnings' | 'seeAlso' | 'references' | 'todo' | 'deprecated' | 'other';

export interface DocEntry {
  /**
   * params / attributes: the name as written, stars included (`*args`; numpy may list `x, y`);
   * raises / warns: the exception as written (`ValueError`, `os.error`); returns / yields: the name numpy and
   * sphinx may give (`result : int`), else null.
   */
  name: string | null;
  nameSpan: Span | null;
  /**
   * The type as written, on one line (`int, optional`; google's text between the parentheses; numpy's after
   * ` : `; sphinx's `:param int x:`, `:type x:` or `:rtype:`), or null. `optional` says whether it ends with
   * `, optional` / `(optional)` / `?` (still included here: strip it to compare with an annotation).
   */
  type: string | null;
  typeSpan: Span | null;
  optional: boolean;
  /** The description, dedented, lines joined with `\n`, trimmed ('' when there is none). */
  description: string;
  descriptionSpan: Span | null;
  /**
   * The whole entry: from its first character to the end of its last non-blank line (no line break).
   * For sphinx, the entry's main field; the `:type x:` / `:rtype:` / `:ytype:` field it owns is `typeField`.
   */
  span: Span;
  /** sphinx only: the separate type field (`:type x: int`) that belongs to this entry. */
  typeField?: Span;
  /** sphinx only: the field keyword as written (`param`, `arg`, `keyword`, `raises`, `rtype`, ...). */
  field?: string;
}

export interface DocSection {
  kind: SectionKind;
  /** The title as written (`Args`, `Parameters`, `Keyword Arguments`); for sphinx the first field's keyword. */
  title: string;
  /** google `Args:` (colon included), numpy the title line and its underline; null for sphinx. */
  titleSpan: Span | null;
  /** From the title (or first field) to the end of the section's last non-blank line (no line break). */
  span: Span;
  entries: DocEntry[];
  /**
   * pydoclint's parser does not read this title in this style (e.g. google `Keyword Args:`, `Return:`,
   * `Warns:`; sphinx `:ivar:`): it takes it as prose. Checks that mirror pydoclint may skip it.
   */
  nonstandard: boolean;
}

export interface DocProblem {
  /** Short and concrete, e.g. `Entry "x" in Args has no colon.` */
  message: string;
  span: Span;
  /**
   * Found over the whole text before sections are read (numpy's unsupported titles, as pydoclint checks them):
   * it counts inside a section pydoclint takes as prose too.
   */
  wholeText?: true;
}

export interface ParsedDocstring {
  /** The style the docstring was parsed in: the detected one, else the configured default. */
  style: DocstringStyleName;
  /**
   * Styles whose markers the docstring shows (pydoclint's detection): numpy wins over the others. Empty,
   * or more than one, means the default style was used; checks use it for pydoclint's style mismatch.
   */
  matchedStyles: DocstringStyleName[];
  /** The first line (pydoclint's short description), trimmed; '' when the docstring is blank. */
  summary: string;
  summarySpan: Span | null;
  /** Prose between the summary and the first section (or the end), trimmed; '' when none. */
  longDescription: string;
  sections: DocSection[];
  problems: DocProblem[];
  /** The docstring's whole statement in the file: from the first literal's prefix to the last's quotes. */
  span: Span;
  /**
   * The literal(s): one for an ordinary docstring; implicit concatenation (`"a" "b"`) gives several, and
   * then spans can cross from one literal to the next (edits should refuse it).
   */
  literals: LiteralInfo[];
}

export interface LiteralInfo {
  /** The token, prefix and quotes included. */
  span: Span;
  /** Between the quotes. */
  bodyStart: number;
  bodyEnd: number;
  /** The opening quotes: `"""`, `'''`, `"` or `'`. */
  quote: string;
  raw: boolean;
}
