/**
 * One workspace scan at a time, shared by every request that wants it.
 *
 * A workspace report costs a worker pool (threads, each with its own heap) and the whole report in memory; a
 * client that sends 100 requests at once must not get 100 pools. So:
 * - A request made while a run is going and nothing has changed since it started (same `key`: the session
 *   bumps it on every edit, settings, config or folder change) joins that run and gets its answer.
 * - A request made after something changed supersedes the run: the run is stopped and its requests answer
 *   with a cancellation (their answer would describe a state that is gone), and a new run starts.
 * - A request cancelled by its client leaves the run; the run stops only when no request is left waiting.
 * So at most one run is ever going, whatever the number of requests.
 */
import { abortError } from '../workspace/abort';

export interface RunHooks {
  signal: AbortSignal;
  onProgress(done: number, total: number): void;
}

export interface Caller {
  signal?: AbortSignal;
  onProgress?(done: number, total: number): void;
}

interface Waiter {
  caller: Caller;
  reject(err: Error): void;
}

interface Run<T> {
  key: number;
  abort: AbortController;
  waiters: Set<Waiter>;
  result: Promise<T>;
}

export class SharedRun<T> {
  private current?: Run<T>;

  /** Runs `start` unless a run of the same key is going, and resolves with that run's answer. */
  join(key: number, caller: Caller, start: (hooks: RunHooks) => Promise<T>): Promise<T> {
    if (caller.signal?.aborted) return Promise.reject(abortError(caller.signal));
    let run = this.current;
    if (!run || run.key !== key || run.abort.signal.aborted) {
      if (run) this.supersede(run);
      run = this.begin(key, start);
    }
    return this.wait(run, caller);
  }

  /** Whether a run is going (for tests). */
  get running(): boolean {
    return this.current !== undefined;
  }

  private begin(key: number, start: (hooks: RunHooks) => Promise<T>): Run<T> {
    const abort = new AbortController();
    const waiters = new Set<Waiter>();
    const onProgress = (done: number, total: number): void => {
      for (const waiter of waiters) waiter.caller.onProgress?.(done, total);
    };
    const run: Run<T> = { key, abort, waiters, result: Promise.resolve().then(() => start({ signal: abort.signal, onProgress })) };
    this.current = run;
    const finished = (): void => {
      if (this.current === run) this.current = undefined;
    };
    run.result.then(finished, finished);
    return run;
  }

  /** Stops a run whose state is gone; its requests answer cancelled even if it was about to finish. */
  private supersede(run: Run<T>): void {
    run.abort.abort();
    for (const waiter of [...run.waiters]) waiter.reject(abortError(run.abort.signal));
  }

  private wait(run: Run<T>, caller: Caller): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // One listener per request on its own signal; none on the run's, which 100 requests share.
      const onCancel = (): void => {
        leave();
        if (run.waiters.size === 0) run.abort.abort();
        reject(abortError(caller.signal));
      };
      const waiter: Waiter = {
        caller,
        reject: (err) => {
          leave();
          reject(err);
        },
      };
      const leave = (): void => {
        run.waiters.delete(waiter);
        caller.signal?.removeEventListener('abort', onCancel);
      };
      run.waiters.add(waiter);
      caller.signal?.addEventListener('abort', onCancel, { once: true });
      run.result.then((value) => {
        if (!run.waiters.has(waiter)) return; // cancelled or superseded meanwhile
        leave();
        resolve(value);
      }, (err: unknown) => {
        leave();
        reject(err);
      });
    });
  }
}
