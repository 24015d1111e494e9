/** One file from disk to its coverage, with the scratch buffer shared between reads. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import * as vm from 'vm';
import { analyzeFile } from '../../server/src/workspace/analyzeFile';
import { DEFAULT_OPTIONS } from '../../server/src/coverage/types';

describe('workspace/analyzeFile', () => {
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

  it('results keep no file text alive (memory flat in the number of files)', () => {
    // A long name sliced out of a file's text would point into it (V8 keeps slices of 13+ characters that
    // way): 100 files of 100 KB each, each with long function names, must not leave 10 MB behind.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-retain-'));
    try {
      const files: string[] = [];
      for (let i = 0; i < 100; i++) {
        const file = path.join(dir, `m${i}.py`);
        const padding = `# ${'x'.repeat(98)}\n`.repeat(1000);
        fs.writeFileSync(file, `${padding}class SomeRatherLongClassName${i}:\n    def a_long_method_name_${i}(self):  # nodocqa\n        pass\n`);
        files.push(file);
      }
      gc();
      const before = process.memoryUsage().heapUsed;
      const results = files.map((f) => analyzeFile(f, path.basename(f), DEFAULT_OPTIONS));
      gc();
      const retained = process.memoryUsage().heapUsed - before;
      assert.strictEqual(results.reduce((n, r) => n + r.nodes.length, 0), 300);
      assert.ok(results.every((r) => r.nodes[2].marker?.text === 'nodocqa'));
      assert.ok(retained < 2_000_000, `results of 10 MB of files retain ${(retained / 1e6).toFixed(1)} MB`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
