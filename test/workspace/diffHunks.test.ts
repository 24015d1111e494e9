/** Reading `git diff --unified=0 -M` output (workspace/diffHunks.ts): hand-written cases; real git runs are in changedScan.test.ts. */
import * as assert from 'assert';
import { parseDiff, unquote } from '../../server/src/workspace/diffHunks';

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
