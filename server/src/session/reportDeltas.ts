/**
 * The server's side of incremental workspace reports (coverage/reportDelta.ts): each answer gets an `etag`, and
 * the fingerprint of every file in it is kept for the last answer only. A request with `since` equal to that
 * etag gets the files whose fingerprint changed and the paths that are gone; any other `since` (an older
 * answer, another server's, a lost one) gets the whole report, so a client can never miss a change.
 * Fingerprints are hashes of each file's JSON (20 bytes a file, not the report).
 */
import { createHash, randomBytes } from 'crypto';
import { IncrementalReport } from '../coverage/reportDelta';

interface Answered {
  etag: string;
  root: string;
  prints: Map<string, string>;
}

export class ReportDeltas {
  private last?: Answered;
  /** Reports answered already (requests that joined one scan share its result object): their etag and prints. */
  private readonly known = new WeakMap<object, Answered>();
  private readonly nonce = randomBytes(6).toString('hex');
  private sequence = 0;

  /** The answer to a request for `result`: whole with its etag, or the change since `since`. */
  answer<R extends IncrementalReport>(result: R, since: string | undefined): R {
    let current = this.known.get(result);
    if (!current) {
      const prints = new Map<string, string>();
      for (const file of result.files) prints.set(file.path, createHash('sha1').update(JSON.stringify(file)).digest('base64'));
      current = { etag: `${this.nonce}-${++this.sequence}`, root: result.root, prints };
      this.known.set(result, current);
    }
    const previous = this.last;
    this.last = current;
    if (since === undefined || !previous || previous.etag !== since || previous.root !== current.root) return { ...result, etag: current.etag };
    const files = previous === current ? [] : result.files.filter((file) => previous.prints.get(file.path) !== current.prints.get(file.path));
    const removed: string[] = [];
    for (const path of previous.prints.keys()) if (!current.prints.has(path)) removed.push(path);
    return { ...result, files, etag: current.etag, delta: { since, removed } };
  }
}
