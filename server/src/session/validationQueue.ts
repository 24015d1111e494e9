/**
 * When to re-check a document, and whether a finished check may still be published.
 *
 * - Bursts of edits are coalesced: each change restarts the document's timer (debounce), so typing a word
 *   costs one check, not one per key.
 * - Stale results never win: every request for a document bumps its generation, and a check that started
 *   under an older generation (its settings were still being fetched when the user typed again, or the
 *   document was closed) is told it is no longer current and must not publish.
 * Timers are injected so the logic is tested without waiting.
 */

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Runs a check; `isCurrent()` says whether its result may still be published. */
export type Check = (uri: string, isCurrent: () => boolean) => void | Promise<void>;

export class ValidationQueue {
  private readonly timers = new Map<string, unknown>();
  private readonly generations = new Map<string, number>();

  constructor(private readonly check: Check, private readonly debounceMs: number, private readonly clock: Timers = realTimers) {}

  /** Check soon (after the debounce), superseding any pending or running check of the document. */
  request(uri: string): void {
    this.schedule(uri, this.debounceMs);
  }

  /** Check now (a document was opened, settings changed): nothing to coalesce. */
  requestNow(uri: string): void {
    this.schedule(uri, 0);
  }

  /** The document was closed: cancel what is pending, and make running checks stale. */
  forget(uri: string): void {
    this.cancelTimer(uri);
    this.generations.delete(uri);
  }

  /** Whether a check is waiting for its timer (for tests and diagnostics of the server itself). */
  isPending(uri: string): boolean {
    return this.timers.has(uri);
  }

  private schedule(uri: string, delay: number): void {
    this.cancelTimer(uri);
    const generation = (this.generations.get(uri) ?? 0) + 1;
    this.generations.set(uri, generation);
    const run = (): void => {
      this.timers.delete(uri);
      const isCurrent = (): boolean => this.generations.get(uri) === generation;
      if (isCurrent()) this.runCheck(uri, isCurrent);
    };
    if (delay <= 0) {
      run();
      return;
    }
    this.timers.set(uri, this.clock.set(run, delay));
  }

  /** The check logs its own failures (server.ts); a failure here must not escape into a timer callback. */
  private runCheck(uri: string, isCurrent: () => boolean): void {
    try {
      const result = this.check(uri, isCurrent);
      if (result) result.catch(() => undefined);
    } catch {
      // see above
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
