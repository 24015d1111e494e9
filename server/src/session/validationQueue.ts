/**
 * When to re-check a document, and whether a finished check may still be published.
 *
 * - Bursts of edits are coalesced: each change restarts the document's timer (debounce), so typing a word
 *   costs one check, not one per key.
 * - The debounce is at least what the check of the document's last edit cost (when that was more than
 *   MIN_COSTLY_CHECK_MS; at most MAX_DEBOUNCE_MS). Checks on open or after a settings change do not count:
 *   the first edit after an open is checked as promptly as configured (the LSP bench's open-then-edit
 *   measures the check itself, at debounce 0). With a fixed debounce shorter than a check (0 for the bench,
 *   or any changes arriving further apart than the debounce because each takes long to read), a burst is
 *   checked once per change: a client replacing a 100 KB text 2,000 times got 2,000 parses and publications
 *   queued behind each other, 1.5 GB and 80 s. With it, changes that come faster than the document can be
 *   checked wait for the burst to end, and cost one check; the final diagnostics come one check-time after
 *   the last change. Ordinary files (checks of a few ms) are checked as promptly as ever.
 * - Stale results never win: every request for a document bumps its generation, and a check that started
 *   under an older generation (its settings were still being fetched when the user typed again, or the
 *   document was closed) is told it is no longer current and must not publish.
 * Timers are injected so the logic is tested without waiting.
 */

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
  /** Milliseconds on a monotonic clock (default performance.now). */
  now?(): number;
}

export const realTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
  now: () => performance.now(),
};

/** The longest debounce a costly check earns (a check that waited on the client is not all cost). */
const MAX_DEBOUNCE_MS = 1000;
/** Checks cheaper than this leave the debounce as configured. */
const MIN_COSTLY_CHECK_MS = 8;

/** Runs a check; `isCurrent()` says whether its result may still be published. */
export type Check = (uri: string, isCurrent: () => boolean) => void | Promise<void>;

export class ValidationQueue {
  private readonly timers = new Map<string, unknown>();
  private readonly generations = new Map<string, number>();
  /** What the document's last check cost, when it was costly (ms). */
  private readonly lastCost = new Map<string, number>();
  private readonly now: () => number;

  constructor(private readonly check: Check, private readonly debounceMs: number, private readonly clock: Timers = realTimers) {
    this.now = clock.now ?? ((): number => performance.now());
  }

  /** Check soon (after the debounce), superseding any pending or running check of the document. */
  request(uri: string): void {
    this.schedule(uri, Math.max(this.debounceMs, this.lastCost.get(uri) ?? 0), true);
  }

  /** Check now (a document was opened, settings changed): nothing to coalesce. */
  requestNow(uri: string): void {
    this.schedule(uri, 0, false);
  }

  /** The document was closed: cancel what is pending, and make running checks stale. */
  forget(uri: string): void {
    this.cancelTimer(uri);
    this.generations.delete(uri);
    this.lastCost.delete(uri);
  }

  /** Whether a check is waiting for its timer (for tests and diagnostics of the server itself). */
  isPending(uri: string): boolean {
    return this.timers.has(uri);
  }

  /** Whether any document's check is waiting for its timer (the debounce or a cool-down). */
  get anyPending(): boolean {
    return this.timers.size > 0;
  }

  /** `edit`: the check is for an edit, and its cost sets the debounce of the next edit's check. */
  private schedule(uri: string, delay: number, edit: boolean): void {
    this.cancelTimer(uri);
    const generation = (this.generations.get(uri) ?? 0) + 1;
    this.generations.set(uri, generation);
    const run = (): void => {
      this.timers.delete(uri);
      const isCurrent = (): boolean => this.generations.get(uri) === generation;
      if (isCurrent()) this.runCheck(uri, isCurrent, edit);
    };
    if (delay <= 0) {
      run();
      return;
    }
    this.timers.set(uri, this.clock.set(run, delay));
  }

  /** The check logs its own failures (server.ts); a failure here must not escape into a timer callback. */
  private runCheck(uri: string, isCurrent: () => boolean, edit: boolean): void {
    const start = this.now();
    const ended = (): void => {
      if (!edit || !this.generations.has(uri)) return; // not an edit's, or closed meanwhile
      const cost = this.now() - start;
      if (cost >= MIN_COSTLY_CHECK_MS) this.lastCost.set(uri, Math.min(MAX_DEBOUNCE_MS, cost));
      else this.lastCost.delete(uri);
    };
    try {
      const result = this.check(uri, isCurrent);
      if (result) result.then(ended, ended);
      else ended();
    } catch {
      ended(); // see above
    }
  }

  private cancelTimer(uri: string): void {
    const handle = this.timers.get(uri);
    if (handle !== undefined) {
      this.clock.clear(handle);
      this.timers.delete(uri);
    }
  }
}
