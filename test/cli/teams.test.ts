/** `docbits` with [tool.docbits]: inherit-docstrings and per-path thresholds, as users run it (dist/cli.js). */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { runDocbits } from '../oracles/interrogate';
import { makeTree } from '../workspace/helpers/tree';

const INHERIT = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'inherit', 'project');

describe('docbits [tool.docbits]: inherit-docstrings, per-path', function () {
  this.timeout(60000);

  it('--inherit-docstrings or inherit-docstrings = true: "inherited" in --json and INHERITED in -vv, counted as covered', () => {
    const tree = makeTree();
    try {
      fs.cpSync(INHERIT, tree.root, { recursive: true });
      const plain = JSON.parse(runDocbits(['--json', 'pkg'], { cwd: tree.root }).stdout);
      const flag = JSON.parse(runDocbits(['--json', '--inherit-docstrings', 'pkg'], { cwd: tree.root }).stdout);
      tree.write('pyproject.toml', '[tool.docbits]\ninherit-docstrings = true\n');
      const keyed = JSON.parse(runDocbits(['--json', 'pkg'], { cwd: tree.root }).stdout);
      assert.deepStrictEqual(keyed, flag);
      const inherited = flag.files.flatMap((f: { nodes: Array<{ status: string }> }) => f.nodes).filter((n: { status: string }) => n.status === 'inherited');
      assert.strictEqual(inherited.length, 11);
      assert.strictEqual(flag.totals.covered, plain.totals.covered + 11);
      assert.strictEqual(flag.totals.total, plain.totals.total);
      assert.match(runDocbits(['-vv', 'pkg/multi.py'], { cwd: tree.root }).stdout, /Leaf\.run \(L8\) +\| +INHERITED \|/);
    } finally {
      tree.remove();
    }
  });

  it('per-path thresholds gate each part of the tree; the table says which threshold each file falls under', () => {
    const tree = makeTree({
      'pyproject.toml': '[tool.interrogate]\nfail-under = 50\n[tool.docbits.per-path]\n"src/" = 100\n"tests/" = 0\n',
      'src/app.py': '"""App."""\n\n\ndef run():\n    """Run."""\n',
      'tests/test_app.py': 'def test_run():\n    pass\n',
      'setup.py': '"""Setup."""\n\n\ndef build():\n    pass\n',
    });
    try {
      const passing = runDocbits(['-vv'], { cwd: tree.root });
      assert.strictEqual(passing.code, 0, passing.stdout);
      assert.match(passing.stdout, /\| tests\/ +\| +1 \| +0\.0% \| +0\.0% \| +PASSED \|/);
      assert.match(passing.stdout, /\| other files +\| +1 \| +50\.0% \| +50\.0% \| +PASSED \|\n\| {3}setup\.py/);
      assert.match(passing.stdout, /RESULT: PASSED \(minimum: per path, actual: 50\.0%\)/);
      tree.write('src/app.py', '"""App."""\n\n\ndef run():\n    pass\n');
      const failing = runDocbits(['--json'], { cwd: tree.root });
      assert.strictEqual(failing.code, 1);
      const report = JSON.parse(failing.stdout);
      assert.deepStrictEqual(report.perPath.map((g: { prefix: string | null; passed: boolean }) => [g.prefix, g.passed]), [['src/', false], ['tests/', true], [null, true]]);
      assert.strictEqual(runDocbits(['--format', 'concise'], { cwd: tree.root }).code, 1);
    } finally {
      tree.remove();
    }
  });
});
