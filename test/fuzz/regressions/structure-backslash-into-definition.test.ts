/**
 * Found by the fuzzer (seed 4242, case 20: stdlib test_i18n.py with unbalanced quotes, minimised to 12
 * characters). Inside brackets, a backslash-joined line that starts a definition is where next() recovers
 * from the unclosed bracket; skipLine followed the backslash without that check, so the fast path swallowed
 * the `def` and differed from reading every token.
 * Fault: Tokenizer.skipLine (now Skim.skipLine, lexer/skim.ts), the backslash branch (the line-break branch
 * had the check).
 */
import * as assert from 'assert';
import { parseStructure } from '../../../server/src/python/structure';

describe('fuzz regression: a backslash-joined definition line inside brackets', () => {
  for (const text of ["s('('''\\\ndef", 'x = (1, \\\ndef f(): pass\n', 'f(a,\\\n  \\\nclass C: pass\n']) {
    it(JSON.stringify(text), () => {
      const fast = parseStructure(text);
      const reference = parseStructure(text, { fastSkip: false });
      assert.deepStrictEqual(fast, reference);
      assert.strictEqual(fast.definitions.length, 1);
    });
  }
});
