/** Our tokens in the shape of test/oracles/tokens.py's output (CPython's tokenize), for differential tests. */
import { tokenize } from '../../server/src/python/lexer/cursor';
import { TOKEN_KIND_NAMES } from '../../server/src/python/tokens';

/** [kind, string, start line, start column, end line, end column], columns in code points as tokenize counts. */
export type OracleToken = [string, string, number, number, number, number];

/** Our tokens in the oracle's shape: code-point columns instead of UTF-16 ones. */
export function tokensLikeTokenize(text: string): OracleToken[] {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) lineStarts.push(i + 1);
  }
  const codePointColumn = (line: number, col: number): number => {
    const start = lineStarts[line] ?? text.length;
    let surrogates = 0;
    for (let i = start; i < start + col && i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xdc00 && c <= 0xdfff) surrogates++;
    }
    return col - surrogates;
  };
  return tokenize(text).map((t) => [
    TOKEN_KIND_NAMES[t.kind], text.slice(t.start, t.end),
    t.startLine, codePointColumn(t.startLine, t.startCol), t.endLine, codePointColumn(t.endLine, t.endCol),
  ]);
}
