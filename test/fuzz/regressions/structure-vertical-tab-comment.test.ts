/**
 * Found by the fuzzer (seed 11292026, full scale, case 1294: a stdlib file with flipped bytes, minimised to
 * `')\n\v#`). A line made of a vertical tab and a comment is a comment alone on its line (CPython's tokenizer
 * does not count \v as indentation, and nothing else precedes the comment); the fast path took the \v for the
 * start of code and recorded the comment as trailing code, so a `# nodocqa` there would attach differently.
 * Fault: lineStartKind in tokenizer.ts (now lexer/skim.ts) treated \v as an ordinary first character.
 */
import * as assert from 'assert';
import { parseStructure } from '../../../server/src/python/structure';

describe('fuzz regression: a comment after a vertical tab is alone on its line', () => {
  for (const text of ["')\n\v#", 'x = 1\n\v# nodocqa\ndef f():\n    pass\n', 'def f():\n    x = 1\n    \v# c\n']) {
    it(JSON.stringify(text), () => {
      const fast = parseStructure(text);
      assert.deepStrictEqual(fast, parseStructure(text, { fastSkip: false }));
      assert.ok(fast.comments.every((c) => c.ownLine), JSON.stringify(fast.comments));
    });
  }
});
