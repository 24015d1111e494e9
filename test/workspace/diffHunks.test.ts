/**
 * Reading `git diff --unified=0 -M` output (workspace/diffHunks.ts): hand-written cases; real git runs are in
 * changedScan.test.ts. The editor's text diff (textChanges): the same changes as git's own diff of the texts,
 * on stdlib files with lines changed, inserted and deleted.
 */
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseDiff, textChanges, unquote } from '../../server/src/workspace/diffHunks';

const DIFF = [
  'diff --git a/pkg/mod.py b/pkg/mod.py',
  'index 1111111..2222222 100644',
  '--- a/pkg/mod.py',
  '+++ b/pkg/mod.py',
  '@@ -3 +3 @@ def f():',
  '-    return 1',
  '+    return 2',
  '@@ -10,2 +9,0 @@ class C:',
  '-diff --git a/fake.py b/fake.py',
  '-+++ b/forged.py',
  '@@ -20,0 +19,3 @@',
  '+@@ -1 +1 @@',
  '+rename to forged.py',
  '+x = 1',
  '\\ No newline at end of file',
  'diff --git a/new.py b/new.py',
  'new file mode 100644',
  'index 0000000..e69de29',
  'diff --git a/gone.py b/gone.py',
  'deleted file mode 100644',
  'index 3333333..0000000',
  '--- a/gone.py',
  '+++ /dev/null',
  '@@ -1,2 +0,0 @@',
  '-x = 1',
  '-y = 2',
  'diff --git a/old name.py b/new name.py',
  'similarity index 90%',
  'rename from old name.py',
  'rename to new name.py',
  'index 4444444..5555555 100644',
  '--- a/old name.py',
  '+++ b/new name.py\t',
  '@@ -5,0 +6,2 @@',
  '+a',
  '+b',
  'diff --git a/same.py b/moved/same.py',
  'similarity index 100%',
  'rename from same.py',
  'rename to moved/same.py',
  'diff --git "a/caf\\303\\251 \\"q\\".py" "b/caf\\303\\251 \\"q\\".py"',
  'new file mode 100644',
  'index 0000000..1111111',
  'diff --git a/mode.py b/mode.py',
  'old mode 100644',
  'new mode 100755',
  '',
].join('\n');

describe('workspace/diffHunks', () => {
  const files = parseDiff(DIFF);

  it('hunks on the new side; deletions as places; a hunk\'s own lines are never read as headers', () => {
    assert.deepStrictEqual(files.get('pkg/mod.py'), { whole: false, lines: [[3, 3], [19, 21]], deletedAfter: [9] });
    assert.ok(!files.has('fake.py') && !files.has('forged.py'));
  });

  it('new files (even empty, without hunks) count whole; deleted and mode-only files are left out', () => {
    assert.deepStrictEqual(files.get('new.py'), { whole: true, lines: [], deletedAfter: [] });
    assert.ok(!files.has('gone.py'));
    assert.ok(!files.has('mode.py'));
  });

  it('renames: the new path, with the hunks against the old file; a pure rename changes nothing', () => {
    assert.deepStrictEqual(files.get('new name.py'), { whole: false, lines: [[6, 7]], deletedAfter: [] });
    assert.ok(!files.has('old name.py') && !files.has('moved/same.py') && !files.has('same.py'));
  });

  it('C-quoted paths', () => {
    assert.ok(files.has('café "q".py'), [...files.keys()].join(', '));
    assert.strictEqual(unquote('"a\\tb\\\\c\\n"'), 'a\tb\\c\n');
    assert.strictEqual(unquote('"\\360\\237\\220\\215.py"'), '🐍.py');
    assert.strictEqual(unquote('plain.py'), 'plain.py');
    assert.strictEqual(unquote('"🐍"'), '🐍');
  });

  it('never throws on garbage', () => {
    for (const text of ['', '@@ -1 +1 @@', 'diff --git ', 'diff --git "a/x', 'diff --git a/x b/y\n+++ b', '@@ -a +b @@\n'.repeat(3)]) {
      assert.ok(parseDiff(text) instanceof Map);
    }
  });
});

describe('workspace/diffHunks textChanges (the editor\'s buffer against BASE)', () => {
  it('changed, inserted and deleted lines as git reports them; CRLF against LF is no change', () => {
    const before = 'a\nb\nc\nd\ne\n';
    assert.deepStrictEqual(textChanges(before, before), { whole: false, lines: [], deletedAfter: [] });
    assert.deepStrictEqual(textChanges(before, before.replace(/\n/g, '\r\n')), { whole: false, lines: [], deletedAfter: [] });
    assert.deepStrictEqual(textChanges(before, 'a\nB\nc\nd\ne\n'), { whole: false, lines: [[2, 2]], deletedAfter: [1] });
    assert.deepStrictEqual(textChanges(before, 'a\nb\nx\ny\nc\nd\ne\n'), { whole: false, lines: [[3, 4]], deletedAfter: [] });
    assert.deepStrictEqual(textChanges(before, 'a\nd\ne\n'), { whole: false, lines: [], deletedAfter: [1] });
    assert.deepStrictEqual(textChanges(before, 'a\nb\nc\nd\ne'), { whole: false, lines: [], deletedAfter: [] });
    assert.deepStrictEqual(textChanges('', 'x\n'), { whole: false, lines: [[1, 1]], deletedAfter: [] });
    assert.deepStrictEqual(textChanges(before, ''), { whole: false, lines: [], deletedAfter: [0] });
  });

  it('past 1,000 edits the whole differing middle counts (more, never fewer)', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `line ${i}`).join('\n');
    const after = Array.from({ length: 3000 }, (_, i) => (i % 2 === 1 && i > 10 && i < 2990 ? `changed ${i}` : `line ${i}`)).join('\n');
    assert.deepStrictEqual(textChanges(before, after), { whole: false, lines: [[12, 2990]], deletedAfter: [] });
  });

  it('agrees with git diff --minimal on mutated stdlib files: the same number of new lines, each in a git hunk', function () {
    if (spawnSync('git', ['--version']).status !== 0) this.skip();
    const stdlib = execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'docbits-textdiff-'));
    let seed = 17;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    try {
      for (const name of ['argparse.py', 'json/decoder.py', 'string.py', 'textwrap.py', 'shlex.py', 'fnmatch.py']) {
        const before = fs.readFileSync(path.join(stdlib, name), 'utf8');
        const lines = before.split('\n');
        for (let edit = 0; edit < 40; edit++) {
          const at = random(lines.length);
          const what = random(3);
          if (what === 0) lines[at] = `${lines[at]}  # edited`;
          else if (what === 1) lines.splice(at, 0, '    x = 1', '');
          else lines.splice(at, 1 + random(3));
        }
        const after = lines.join('\n');
        fs.writeFileSync(path.join(tmp, 'a.py'), before);
        fs.writeFileSync(path.join(tmp, 'b.py'), after);
        const git = spawnSync('git', ['diff', '--no-index', '--minimal', '--unified=0', '--no-color', 'a.py', 'b.py'], { cwd: tmp, encoding: 'utf8' }).stdout
          .replace('diff --git a/a.py b/b.py', 'diff --git a/b.py b/b.py');
        const theirs = parseDiff(git).get('b.py')!;
        const ours = textChanges(before, after);
        const count = (c: { lines: ReadonlyArray<readonly [number, number]> }): number => c.lines.reduce((n, [f, l]) => n + l - f + 1, 0);
        assert.strictEqual(count(ours), count(theirs), name);
        // Where git's alignment of equal lines differs, a hunk moves by a few lines: each of ours is near one of git's.
        for (const [first] of ours.lines) assert.ok(theirs.lines.some(([f, l]) => first >= f - 20 && first <= l + 20), `${name}: line ${first}`);
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
