/**
 * Found by the fuzzer (mutation "surrogates"). A lone high surrogate (not followed by a low surrogate) is an
 * ERRORTOKEN two code units wide when anything follows it, even a line break: the token swallows the `\n`,
 * the line count stops there, and every later token is reported one line too high (and the two lines merge
 * into one logical line). Fault: Tokenizer.operatorToken, `width = c is a high surrogate && pos + 1 < length ? 2 : 1`
 * does not check that text[pos + 1] is a low surrogate.
 */
import * as assert from 'assert';
import { tokenize } from '../../../server/src/python/lexer/cursor';
import { TokenKind } from '../../../server/src/python/tokens';

describe('fuzz regression: lone high surrogate before a line break', () => {
  it('the error token is one code unit; the line break stays a NEWLINE; the next line is line 1', () => {
    const text = 'x = \ud800\ny = 1\n';
    const tokens = tokenize(text);
    const error = tokens.find((t) => t.kind === TokenKind.ErrorToken)!;
    assert.deepStrictEqual([error.start, error.end], [4, 5]);
    const y = tokens.find((t) => t.kind === TokenKind.Name && text.slice(t.start, t.end) === 'y')!;
    assert.deepStrictEqual([y.startLine, y.startCol], [1, 0]);
    assert.strictEqual(tokens.filter((t) => t.kind === TokenKind.Newline).length, 2);
  });
});
