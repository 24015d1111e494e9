/**
 * The CLI at the scale of a monorepo: 130,000 files with `-v` (a row per file). An attack run found the report
 * built with argument spreading, which throws RangeError past ~120,000 rows; this is the whole run, through
 * the worker pool, the table and stdout.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');
const FILES = 130_000;
const PER_FOLDER = 1000;

describe('CLI at scale', function () {
  this.timeout(600_000);
  let tmp: string;

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-scale-'));
    fs.mkdirSync(path.join(tmp, '.git'));
    for (let folder = 0; folder * PER_FOLDER < FILES; folder++) {
      const dir = path.join(tmp, `pkg${folder}`);
      fs.mkdirSync(dir);
      for (let i = 0; i < PER_FOLDER && folder * PER_FOLDER + i < FILES; i++) {
        // Every third file documented: 1 of 2 nodes in the others.
        const documented = i % 3 === 0;
        fs.writeFileSync(path.join(dir, `m${i}.py`), documented ? '"""M."""\n\n\ndef f():\n    """F."""\n' : '"""M."""\n\n\ndef f():\n    pass\n');
      }
    }
  });

  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it(`reports ${FILES.toLocaleString('en-US')} files with -v: a row per file, the right totals`, () => {
    const run = spawnSync(process.execPath, [CLI, '-v', '--fail-under', '0', '--no-color', tmp], {
      cwd: tmp, encoding: 'utf8', maxBuffer: 1 << 30, timeout: 540_000,
    });
    assert.strictEqual(run.status, 0, `exit ${run.status} ${run.signal ?? ''}: ${run.stderr.slice(0, 2000)}`);
    const rows = run.stdout.split('\n').filter((line) => /^\| pkg\d+\/m\d+\.py /.test(line));
    assert.strictEqual(rows.length, FILES);
    const documented = Math.ceil(PER_FOLDER / 3) * (FILES / PER_FOLDER);
    const covered = FILES + documented;
    const total = FILES * 2;
    const totalRow = run.stdout.split('\n').find((line) => line.startsWith('| TOTAL'));
    assert.ok(totalRow, 'a TOTAL row');
    assert.deepStrictEqual(totalRow.split('|').map((cell) => cell.trim()).filter(Boolean).slice(1, 4),
      [String(total), String(total - covered), String(covered)]);
    assert.match(run.stdout, /RESULT: PASSED \(minimum: 0\.0%, actual: \d+\.\d%\)/);
  });
});
