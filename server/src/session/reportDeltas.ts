/**
 * The server's side of incremental workspace reports (coverage/reportDelta.ts): each answer gets an `etag`, and
 * the files of the last answer are kept. A request with `since` equal to that etag gets the files that differ
 * from it and the paths that are gone; any other `since` (an older answer, another server's, a lost one) gets
 * the whole report, so a client can never miss a change.
 *
 * Files are compared value by value with the last answer's (exact, and the first difference ends it). This
 * used to hash every file's JSON on every answer: on the stdlib (1,788 files, a 7.8 MB report) that was 180 ms
 * of a 466 ms quiet re-run, most of it for files nothing had changed in. The last answer's files are kept
 * alive for it (the client holds the same report).
 */
import { randomBytes } from 'crypto';
import { IncrementalReport } from '../coverage/reportDelta';

interface Answered<F> {
  etag: string;
  root: string;
  files: Map<string, F>;
}

export class ReportDeltas {
  private last?: Answered<unknown>;
  /** Reports answered already (requests that joined one scan share its result object): their etag and files. */
  private readonly known = new WeakMap<object, Answered<unknown>>();
  private readonly nonce = randomBytes(6).toString('hex');
  private sequence = 0;

  /** The answer to a request for `result`: whole with its etag, or the change since `since`. */
  answer<R extends IncrementalReport>(result: R, since: string | undefined): R {
    let current = this.known.get(result);
    if (!current) {
      const files = new Map<string, unknown>();
      for (const file of result.files) files.set(file.path, file);
      current = { etag: `${this.nonce}-${++this.sequence}`, root: result.root, files };
      this.known.set(result, current);
    }
    const previous = this.last;
    this.last = current;
    if (since === undefined || !previous || previous.etag !== since || previous.root !== current.root) return { ...result, etag: current.etag };
    const files = previous === current ? [] : result.files.filter((file) => !sameJson(previous.files.get(file.path), file));
    const removed: string[] = [];
    for (const path of previous.files.keys()) if (!current.files.has(path)) removed.push(path);
    return { ...result, files, etag: current.etag, delta: { since, removed } };
  }
}

/**
 * Whether two JSON values are equal, walked with a stack (no recursion). Conservative: anything it does not
 * know as equal (a key present as undefined on one side only, a prototype) counts as a change, which costs
 * only a file sent again.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  const stack: Array<[unknown, unknown]> = [[a, b]];
  while (stack.length > 0) {
    const [x, y] = stack.pop()!;
    if (x === y) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
    if (Array.isArray(x)) {
      if (!Array.isArray(y) || x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) stack.push([x[i], y[i]]);
      continue;
    }
    if (Array.isArray(y)) return false;
    const keys = Object.keys(x);
    if (keys.length !== Object.keys(y).length) return false;
    for (const key of keys) {
      if (!Object.prototype.hasOwnProperty.call(y, key)) return false;
      stack.push([(x as Record<string, unknown>)[key], (y as Record<string, unknown>)[key]]);
    }
  }
  return true;
}
