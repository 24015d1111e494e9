/** The write policy for reports and badges (workspace/reportFiles.ts), and the CLI's use of it. */
import * as assert from 'assert';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { configPathRefusal, configWriteRefusal, ReportFileError, writeFileAtomically } from '../../server/src/workspace/reportFiles';

const CLI = path.join(__dirname, '..', '..', '..', 'dist', 'cli.js');

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ReportFileError, String(e));
    assert.ok(!e.message.includes('\n'), 'one line');
    return e.message;
  }
  throw new Error('not refused');
}

describe('workspace/reportFiles', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-write-')));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('lets a config file write only inside its project, symlinks resolved', () => {
    const project = path.join(tmp, 'project');
    fs.mkdirSync(path.join(project, 'reports'), { recursive: true });
    fs.mkdirSync(path.join(tmp, 'outside'));
    fs.symlinkSync(path.join(tmp, 'outside'), path.join(project, 'escape'));
    const config = path.join(project, 'pyproject.toml');
    for (const inside of [path.join(project, 'r.txt'), path.join(project, 'reports', 'r.txt'), path.join(project, 'new', 'r.txt')]) {
      assert.strictEqual(configPathRefusal(inside, config, 'output'), undefined, inside);
    }
    for (const outside of [path.join(tmp, 'outside', 'r.txt'), path.join(project, '..', 'x'), path.join(project, 'escape', 'r.txt'), '/etc/passwd', tmp]) {
      assert.match(configPathRefusal(outside, config, 'output') ?? '', /^output = ".*" in .*pyproject\.toml points outside the project/, outside);
    }
    const outside = path.join(tmp, 'outside', 'r.txt');
    assert.match(configWriteRefusal(config, { generateBadge: outside }, {}) ?? '', /^generate-badge = /);
    assert.strictEqual(configWriteRefusal(config, { output: outside }, { output: 'mine.txt' }), undefined, 'a flag is the user\'s own choice');
    assert.strictEqual(configWriteRefusal(config, { output: '-' }, {}), undefined, 'stdout');
  });

  it('refuses folders, devices, FIFOs, missing folders and the empty path in one line each', () => {
    const fifo = path.join(tmp, 'fifo');
    spawnSync('mkfifo', [fifo]);
    assert.match(refusal(() => writeFileAtomically(tmp, 'x')), /it is a folder/);
    assert.match(refusal(() => writeFileAtomically('/dev/full', 'x')), /it is a device/);
    assert.match(refusal(() => writeFileAtomically(fifo, 'x')), /it is a FIFO/);
    assert.match(refusal(() => writeFileAtomically(path.join(tmp, 'no', 'r.txt'), 'x')), /its folder does not exist/);
    assert.match(refusal(() => writeFileAtomically('', 'x')), /the path is empty/);
  });

  it('replaces a file whole, keeps its mode, writes through a symlink, and leaves no temporary file', () => {
    const target = path.join(tmp, 'report.txt');
    fs.writeFileSync(target, 'old');
    fs.chmodSync(target, 0o640);
    writeFileAtomically(target, 'new report');
    assert.strictEqual(fs.readFileSync(target, 'utf8'), 'new report');
    assert.strictEqual(fs.statSync(target).mode & 0o777, 0o640);
    fs.symlinkSync(target, path.join(tmp, 'link.txt'));
    writeFileAtomically(path.join(tmp, 'link.txt'), 'via link');
    assert.ok(fs.lstatSync(path.join(tmp, 'link.txt')).isSymbolicLink(), 'the link stays a link');
    assert.strictEqual(fs.readFileSync(target, 'utf8'), 'via link');
    assert.deepStrictEqual(fs.readdirSync(tmp).sort(), ['link.txt', 'report.txt']);
  });

  describe('the CLI', function () {
    this.timeout(60000);
    let big: string;
    beforeEach(() => {
      // A report of about 14 MB at -vv: long enough to stop the CLI in the middle of writing it.
      big = path.join(tmp, 'big.py');
      fs.writeFileSync(big, `"""m"""\n${Array.from({ length: 130_000 }, (_, i) => `def f${i}(): pass\n`).join('')}`);
    });

    it('keeps the old report whole under a file-size limit, and says so in one line with exit 2', () => {
      const report = path.join(tmp, 'report.txt');
      fs.writeFileSync(report, 'the previous complete report\n');
      const r = spawnSync('bash', ['-c', `ulimit -f 8; exec "${process.execPath}" "${CLI}" -vv "${big}" -o "${report}"`], { encoding: 'utf8' });
      assert.strictEqual(r.status, 2, r.stderr);
      assert.strictEqual(r.stderr, `docbits: cannot write ${report}: the file would be too large.\n`);
      assert.strictEqual(fs.readFileSync(report, 'utf8'), 'the previous complete report\n');
      assert.deepStrictEqual(fs.readdirSync(tmp).sort(), ['big.py', 'report.txt']);
    });

    it('keeps the old report whole when killed with SIGKILL while writing', async () => {
      const report = path.join(tmp, 'report.txt');
      const full = spawnSync(process.execPath, [CLI, '-vv', big], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout;
      // Kill as soon as the temporary file appears, before the rename; the poll may miss the window, so try a few times.
      let killedWhileWriting = false;
      for (let attempt = 0; attempt < 5 && !killedWhileWriting; attempt++) {
        fs.writeFileSync(report, 'the previous complete report\n');
        const child = spawn(process.execPath, [CLI, '-vv', big, '-o', report]);
        const exited = new Promise((resolve) => child.on('exit', resolve));
        killedWhileWriting = await new Promise<boolean>((resolve) => {
          const timer = setInterval(() => {
            if (fs.readdirSync(tmp).some((name) => name.endsWith('.tmp'))) {
              child.kill('SIGKILL');
              clearInterval(timer);
              resolve(true);
            }
          }, 1);
          void exited.then(() => {
            clearInterval(timer);
            resolve(false);
          });
        });
        await exited;
        const text = fs.readFileSync(report, 'utf8');
        if (killedWhileWriting) assert.strictEqual(text, 'the previous complete report\n', `a truncated report: ${text.length} bytes`);
        else assert.strictEqual(text, full);
      }
      assert.ok(killedWhileWriting, 'never caught the CLI while it wrote');
      const r = spawnSync(process.execPath, [CLI, '-vv', big, '-o', report], { encoding: 'utf8' });
      assert.strictEqual(r.status, 1);
      assert.strictEqual(fs.readFileSync(report, 'utf8'), full);
    });

    it('refuses output and generate-badge from a config file outside the project, and allows them from flags', () => {
      const project = path.join(tmp, 'project');
      fs.mkdirSync(path.join(project, '.git'), { recursive: true });
      fs.writeFileSync(path.join(project, 'a.py'), 'def f():\n    pass\n');
      const outside = path.join(tmp, 'stolen.txt');
      for (const key of ['output', 'generate-badge']) {
        fs.writeFileSync(path.join(project, 'pyproject.toml'), `[tool.interrogate]\n${key} = "../stolen.txt"\n`);
        const r = spawnSync(process.execPath, [CLI, project], { cwd: project, encoding: 'utf8' });
        assert.strictEqual(r.status, 2, r.stderr);
        assert.match(r.stderr, new RegExp(`^docbits: ${key} = "\\.\\./stolen\\.txt" in .*pyproject\\.toml points outside the project`));
        assert.ok(!fs.existsSync(outside), `${key} wrote outside the project`);
      }
      fs.writeFileSync(path.join(project, 'pyproject.toml'), '[tool.interrogate]\noutput = "../stolen.txt"\n');
      const allowed = spawnSync(process.execPath, [CLI, '-o', outside, project], { cwd: project, encoding: 'utf8' });
      assert.strictEqual(allowed.status, 1, allowed.stderr);
      assert.match(fs.readFileSync(outside, 'utf8'), /^RESULT: FAILED/);
    });
  });
});
