/**
 * Found by the fuzzer (generator unclosedBrackets, mutations brackets/quotes/tokenSoup; minimised by hand).
 * A header without its colon that is cut by the tokenizer's bracket recovery ends at the zero-width NEWLINE
 * the tokenizer emits at the start of the next definition's line, so headerEndLine (and headerEnd) point at
 * the next definition's line, while endLine stays at the keyword's line: endLine < headerEndLine, and g's
 * header overlaps f's. Same at the end of input (`def(\n`: headerEndLine 1, endLine 0).
 * Fault: StructureParser.header(), the "No colon: broken header" branch sets headerEndLine/headerEnd from the
 * NEWLINE/ENDMARKER/DEDENT token and never updates endLine (and does not stop at the last real token).
 */
import * as assert from 'assert';
import { parseStructure } from '../../../server/src/python/structure';

describe('fuzz regression: a broken header cut by bracket recovery', () => {
  for (const text of ['def g(a=(\ndef f(): pass\n', 'def g(\n\ndef f(): pass\n', 'def(\n']) {
    it(JSON.stringify(text), () => {
      const defs = parseStructure(text).definitions;
      for (const d of defs) assert.ok(d.endLine >= d.headerEndLine, `${d.name}: endLine ${d.endLine} < headerEndLine ${d.headerEndLine}`);
      if (defs.length === 2) assert.ok(defs[0].headerEndLine < defs[1].headerStartLine, `g's header runs into f's line ${defs[1].headerStartLine}`);
    });
  }
});
