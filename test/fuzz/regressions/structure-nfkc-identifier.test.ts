/**
 * Found by the fuzzer (seed 99, full scale, case 46: stdlib test_module/final_b.py with 4 flipped bytes, which
 * turned `__del__` into `µ_del__`). CPython NFKC-normalises identifiers (PEP 3131): ast names the function
 * `μ_del__` (Greek mu), we kept the micro sign, so qualnames differed from interrogate's.
 * Fault: StructureParser.header() took the name's source text as it was.
 */
import * as assert from 'assert';
import { parseStructure } from '../../../server/src/python/structure';

describe('fuzz regression: identifiers are NFKC-normalised as CPython does', () => {
  it('µ (micro sign) and ﬁ (ligature) in def and class names', () => {
    const text = 'def \u00b5_del__(self):\n    pass\n\nclass \ufb01le:\n    pass\n';
    const names = parseStructure(text).definitions.map((d) => d.name);
    assert.deepStrictEqual(names, ['\u03bc_del__', 'file']);
  });
});
