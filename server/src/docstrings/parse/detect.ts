/**
 * Which style a docstring is written in, as pydoclint detects it (utils/parse_docstring.py): numpy's dashed
 * titles, google's `Args:` / `Returns:` ... at the base indentation, sphinx's `:param ` / `:rtype:` ... at the
 * base indentation. Numpy's underlines win over the others.
 */
import { DocSource, lineContent, relIndent } from './source';
import { DocstringStyleName } from './types';

const NUMPY_TITLE = /^(?:Args?|Arguments?|Parameters?|Param|Returns?|Return|Yields?|Yield|Raises?|Raise|Examples?|Example|Notes?|Note|See Also|References?|Reference)\s*:?$/i;
const GOOGLE_KEYWORDS = ['Args:', 'Returns:', 'Yields:', 'Raises:', 'Examples:', 'Notes:'];
const SPHINX_KEYWORDS = [':param ', ':type ', ':raises ', ':return:', ':rtype:', ':yield:', ':ytype:'];

/** The styles whose markers the docstring shows, in the order numpy, google, sphinx (numpy alone if it shows). */
export function matchedStyles(source: DocSource): DocstringStyleName[] {
  const lines = source.lines;
  let google = false, sphinx = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.blank) continue;
    const content = lineContent(source, i);
    if (i + 1 < lines.length && NUMPY_TITLE.test(content) && /^-{3,}$/.test(lineContent(source, i + 1))) return ['numpy'];
    if (relIndent(source, i) !== 0) continue;
    // pydoclint tests the line as it stands (trailing whitespace included).
    const raw = source.value.slice(line.contentStart, line.end);
    if (!google && GOOGLE_KEYWORDS.some((k) => raw.startsWith(k))) google = true;
    if (!sphinx && SPHINX_KEYWORDS.some((k) => raw.startsWith(k))) sphinx = true;
  }
  const styles: DocstringStyleName[] = [];
  if (google) styles.push('google');
  if (sphinx) styles.push('sphinx');
  return styles;
}
