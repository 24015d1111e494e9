/**
 * What changed, read from `git diff --unified=0 -M --src-prefix=a/ --dst-prefix=b/` output: per file of the
 * new side, the lines added or replaced and the places where lines were only deleted, or that the file is
 * new. Pure text in, plain data out; the git process lives in git.ts.
 *
 * Lines are 1-based, on the new side (the file as it is now). Deleted files are left out (nothing is left to
 * document); a rename is listed under its new path with the hunks git matched against the old file, so a
 * renamed file counts as changed only where its lines changed.
 */
import type { LineChanges } from '../coverage/changedDefinitions';

/** The changes: coverage/changedDefinitions.ts's LineChanges, with arrays this parser fills. */
export interface FileChanges extends LineChanges {
  lines: Array<[number, number]>;
  deletedAfter: number[];
}

const HUNK = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/**
 * The changes of every file in a diff, by new path (relative to the repository, with `/`). Never throws:
 * a line it does not understand is skipped.
 */
export function parseDiff(text: string): Map<string, FileChanges> {
  const files = new Map<string, FileChanges>();
  const lines = text.split('\n');
  let current: { path: string | undefined; deleted: boolean; changes: FileChanges } | undefined;
  const flush = (): void => {
    if (current?.path !== undefined && !current.deleted && (current.changes.whole || current.changes.lines.length > 0 || current.changes.deletedAfter.length > 0)) {
      files.set(current.path, current.changes);
    }
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('diff --git ')) {
      flush();
      current = { path: samePathOf(line.slice('diff --git '.length)), deleted: false, changes: { whole: false, lines: [], deletedAfter: [] } };
      continue;
    }
    if (current === undefined) continue;
    const hunk = HUNK.exec(line);
    if (hunk) {
      const removed = hunk[1] === undefined ? 1 : Number(hunk[1]);
      const start = Number(hunk[2]);
      const added = hunk[3] === undefined ? 1 : Number(hunk[3]);
      if (added > 0) current.changes.lines.push([start, start + added - 1]);
      else current.changes.deletedAfter.push(start);
      i += removed + added; // the hunk's own lines: nothing in them is a header, whatever they say
      if (lines[i + 1]?.startsWith('\\')) i++; // "\ No newline at end of file"
      continue;
    }
    if (line.startsWith('new file mode ')) current.changes.whole = true;
    else if (line.startsWith('deleted file mode ')) current.deleted = true;
    else if (line.startsWith('rename to ') || line.startsWith('copy to ')) current.path = unquote(line.slice(line.indexOf(' to ') + 4));
    else if (line.startsWith('+++ ')) {
      // git ends an unquoted name holding a space with a tab (GNU diff's rule); a real tab would be quoted.
      const target = line.endsWith('\t') && !line.startsWith('+++ "') ? line.slice(4, -1) : line.slice(4);
      if (target === '/dev/null') current.deleted = true;
      else current.path = stripPrefix(unquote(target), 'b/') ?? current.path;
    }
  }
  flush();
  return files;
}

/** `a/P b/P` (new, deleted or mode-only files name one path twice): P, or undefined when the names differ. */
function samePathOf(names: string): string | undefined {
  if (names.startsWith('"')) {
    const first = quotedEnd(names);
    if (first < 0) return undefined;
    const a = stripPrefix(unquote(names.slice(0, first + 1)), 'a/');
    const b = stripPrefix(unquote(names.slice(first + 2)), 'b/');
    return a !== undefined && a === b ? b : undefined;
  }
  const length = (names.length - 5) / 2;
  if (!Number.isInteger(length) || length < 1) return undefined;
  const a = names.slice(2, 2 + length);
  return names.startsWith('a/') && names.slice(2 + length) === ` b/${a}` ? a : undefined;
}

/** The index of the quote that closes the C-quoted string starting at 0, or -1. */
function quotedEnd(s: string): number {
  for (let i = 1; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '"') return i;
  }
  return -1;
}

function stripPrefix(p: string, prefix: string): string | undefined {
  return p.startsWith(prefix) ? p.slice(prefix.length) : undefined;
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/**
 * A path as git prints it: as is, or C-quoted (`"caf\303\251.py"`: octal bytes of UTF-8, and \t \n \" \\ ...)
 * when it holds unusual characters (core.quotePath).
 */
export function unquote(p: string): string {
  if (!(p.length >= 2 && p.startsWith('"') && p.endsWith('"'))) return p;
  const bytes: number[] = [];
  for (let i = 1; i < p.length - 1; i++) {
    const c = p[i];
    if (c !== '\\') {
      const codePoint = p.codePointAt(i)!;
      if (codePoint > 0xffff) i++;
      for (const b of Buffer.from(String.fromCodePoint(codePoint), 'utf8')) bytes.push(b);
      continue;
    }
    const next = p[++i];
    if (next !== undefined && /[0-7]/.test(next)) {
      bytes.push(parseInt(p.slice(i, i + 3), 8) & 0xff);
      i += 2;
    } else bytes.push(ESCAPES[next] ?? next?.charCodeAt(0) ?? 92);
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Most edits a text diff looks for; past it, everything between the common start and end counts as changed. */
const MAX_EDITS = 1000;

/**
 * What changed from `before` to `after` (the editor's buffer against the file at BASE), line by line, as the
 * parser above reads it from git: Myers' diff of the lines between the common first and last lines (line
 * ends ignored, so CRLF against LF is no change). Bounded: beyond MAX_EDITS edits, or when the remaining
 * lines are too many for it, the whole differing middle counts as changed (more definitions, never fewer).
 */
export function textChanges(before: string, after: string): FileChanges {
  const a = splitLines(before);
  const b = splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const changes: FileChanges = { whole: false, lines: [], deletedAfter: [] };
  if (start === endA && start === endB) return changes;
  const edits = (endA - start) + (endB - start) <= 200_000 ? myersEdits(a.slice(start, endA), b.slice(start, endB)) : undefined;
  if (edits === undefined) {
    if (endB > start) changes.lines.push([start + 1, endB]);
    else changes.deletedAfter.push(start);
    return changes;
  }
  // Inserted new-side lines (0-based in the middle) -> ranges; deletions -> the new-side line before the gap.
  const inserted = edits.inserted.sort((x, y) => x - y);
  for (const line of inserted) {
    const last = changes.lines[changes.lines.length - 1];
    const number = start + line + 1;
    if (last !== undefined && last[1] === number - 1) last[1] = number;
    else changes.lines.push([number, number]);
  }
  for (const gap of new Set(edits.deletedBefore)) changes.deletedAfter.push(start + gap);
  changes.deletedAfter.sort((x, y) => x - y);
  return changes;
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) if (lines[i].endsWith('\r')) lines[i] = lines[i].slice(0, -1);
  return lines;
}

/**
 * Myers' O(ND) diff: the lines of `b` inserted, and for each line of `a` deleted the index in `b` it stood
 * before. Undefined past MAX_EDITS edits. Keeps one V array per edit count (O(D²) memory at most).
 */
function myersEdits(a: readonly string[], b: readonly string[]): { inserted: number[]; deletedBefore: number[] } | undefined {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDITS);
  const trace: Int32Array[] = [];
  let v = new Int32Array(3).fill(0); // V[k] for k in -d-1..d+1 at offset d+1
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    const next = new Int32Array(2 * d + 3);
    const at = (arr: Int32Array, dd: number, k: number): number => arr[k + dd + 1];
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && at(v, d - 1, k - 1) < at(v, d - 1, k + 1));
      let x = d === 0 ? 0 : down ? at(v, d - 1, k + 1) : at(v, d - 1, k - 1) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[k + d + 1] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    trace.push(next);
    v = next;
  }
  if (found < 0) return undefined;
  const inserted: number[] = [];
  const deletedBefore: number[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d - 1];
    const at = (k: number): number => prev[k + d];
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    if (down) inserted.push(prevY);
    else deletedBefore.push(prevY);
    x = prevX;
    y = prevY;
  }
  return { inserted, deletedBefore };
}
