/**
 * Recovery from broken code: the only lexical rules that know the grammar. Broken code never swallows the
 * rest of the file: an unclosed bracket, or a triple-quoted string that is still open at the end of the file,
 * is closed at the next line that starts a definition (`def`, `class`, `async def`; for strings also `@`) at
 * an indentation lower than or equal to that of the line it was opened on.
 */
import { CH_AT, CH_CR, CH_LF, nextLineStart } from './chars';
import { Indentation } from './indentation';

/** A line that starts a definition. */
const DEFINITION_LINE = /^[ \t\f]*(?:(?:async[ \t\f]+)?def|class)(?![\p{ID_Continue}])/u;
/** A line that starts a definition or a decorator. */
const DEFINITION_OR_DECORATOR_LINE = /^[ \t\f]*(?:(?:(?:async[ \t\f]+)?def|class)(?![\p{ID_Continue}])|@)/u;

/**
 * Whether the line starting at `lineBegin` (its first non-blank character at `first`, indented `column`),
 * met inside brackets opened on a line indented `bracketIndent`, closes them: a definition can never appear
 * inside brackets.
 */
export function closesBrackets(text: string, lineBegin: number, first: number, column: number,
  bracketIndent: number): boolean {
  const c = text.charCodeAt(first);
  return column <= bracketIndent && (c === 0x64 || c === 0x63 || c === 0x61) &&
    DEFINITION_LINE.test(text.slice(lineBegin, lineBegin + 200));
}

/**
 * Where to cut a triple-quoted string that starts at `from` and would run to `to`: before the line break
 * ahead of the first line in (from, to) that starts a definition or decorator at an indentation no deeper
 * than `indent` (that of the string's logical line); -1 if there is none.
 */
export function stringCut(text: string, from: number, to: number, indent: number, indentation: Indentation): number {
  let lineBegin = nextLineStart(text, from);
  while (lineBegin < to) {
    const column = indentation.measure(text, lineBegin);
    const c = text.charCodeAt(indentation.stop);
    if ((c === 0x64 || c === 0x63 || c === 0x61 || c === CH_AT) &&
        DEFINITION_OR_DECORATOR_LINE.test(text.slice(lineBegin, lineBegin + 200)) && column <= indent) {
      let stop = lineBegin;
      while (stop > from && (text.charCodeAt(stop - 1) === CH_LF || text.charCodeAt(stop - 1) === CH_CR)) stop--;
      return stop;
    }
    lineBegin = nextLineStart(text, lineBegin);
  }
  return -1;
}
