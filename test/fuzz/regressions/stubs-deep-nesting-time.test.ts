/**
 * Found by the fuzz harness's pathological inputs (deepNestedDefs, 1,300 and 3,000-deep nested defs).
 * allStubEdits (the "document everything" action) is O(depth x size) on nested definitions: 341 KB / depth ~750
 * takes ~1.2 s, 845 KB / depth ~1,300 ~9 s, a 600 KB file of 3,000 nested defs (tab-indented) ~19 s, where
 * everything else (tokenize, parseStructure, inventory) takes < 100 ms. Fault: stubs.ts functionBody() ->
 * signature.ts scanBody(): each function's body is sliced and tokenized in full (text.slice(from, to) + a new
 * Tokenizer), and tokens inside nested definitions are skipped one by one with `continue` instead of jumping
 * over the child's span; the `for (j = index + 1; ...)` loop that collects the children also walks every descendant.
 */
import * as assert from 'assert';
import { allStubEdits, parsedFile } from '../../../server/src/coverage/stubs';
import { parseStructure } from '../../../server/src/python/structure';

function nestedByTabs(depth: number): string {
  const parts: string[] = [];
  for (let i = 0; i < depth; i++) parts.push('\t'.repeat(Math.floor(i / 8)) + ' '.repeat(i % 8) + 'def f():\n');
  parts.push('\t'.repeat(Math.floor(depth / 8)) + ' '.repeat(depth % 8) + 'pass\n');
  return parts.join('');
}

describe('fuzz regression: allStubEdits on deeply nested definitions', function () {
  this.timeout(120_000);
  it('3,000 nested defs (600 KB) in under 2 s', () => {
    const text = nestedByTabs(3000);
    const indexes = parseStructure(text).definitions.map((_, i) => i);
    const t0 = performance.now();
    const edits = allStubEdits(parsedFile(text), indexes, 'google');
    const ms = performance.now() - t0;
    assert.strictEqual(edits.length, 3000);
    assert.ok(ms < 2000, `${Math.round(ms)} ms on ${text.length} chars`);
  });
});
