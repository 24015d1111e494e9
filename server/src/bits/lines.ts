/** Logical lines over the tokenizer's output: the unit the hover parses. */
import { Token, TokenKind, isCodeKind } from '../python/tokens';

/** Token index range [start, end) of the logical line holding token `index`; `end` is its NEWLINE or ENDMARKER. */
export function logicalLineAround(tokens: readonly Token[], index: number): { start: number; end: number } {
  let start = index;
  while (start > 0 && tokens[start - 1].kind !== TokenKind.Newline) start--;
  let end = index;
  while (end < tokens.length && tokens[end].kind !== TokenKind.Newline && tokens[end].kind !== TokenKind.EndMarker) end++;
  return { start, end };
}

/** The code tokens of tokens[start, end), and for each its index in `tokens`. */
export function codeTokensOf(tokens: readonly Token[], start: number, end: number): { code: Token[]; indices: number[] } {
  const code: Token[] = [];
  const indices: number[] = [];
  for (let i = start; i < end; i++) {
    if (isCodeKind(tokens[i].kind)) {
      code.push(tokens[i]);
      indices.push(i);
    }
  }
  return { code, indices };
}
