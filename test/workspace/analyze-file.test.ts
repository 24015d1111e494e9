/** One file from disk to its coverage, with the scratch buffer shared between reads. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyzeFile } from '../../server/src/workspace/analyze-file';
import { DEFAULT_OPTIONS } from '../../server/src/docs/types';

describe('workspace/analyze-file', () => {
  it('a small file read after a larger one sees only its own bytes (the read buffer is reused)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-read-'));
    try {
      const big = path.join(dir, 'big.py');
      const small = path.join(dir, 'small.py');
      fs.writeFileSync(big, 'def f():\n    pass\n'.repeat(40000)); // 720 KB: grows the buffer
      fs.writeFileSync(small, '"""Module."""\n');
      const first = analyzeFile(big, 'big.py', DEFAULT_OPTIONS);
      assert.strictEqual(first.total, 40001);
      const second = analyzeFile(small, 'small.py', DEFAULT_OPTIONS);
      assert.deepStrictEqual([second.error, second.total, second.covered], [null, 1, 1]);
      assert.deepStrictEqual(second.nodes.map((n) => n.qualname), ['small.py']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
