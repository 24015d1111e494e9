/** Coalescing edits and dropping stale checks (workspace/validationQueue.ts). */
import * as assert from 'assert';
import { Timers, ValidationQueue } from '../../server/src/session/validationQueue';

describe('ValidationQueue', () => {
  function fakeTimers(): Timers & { flush(): void; pending: number } {
    const queue = new Map<number, () => void>();
    let next = 0;
    return {
      set: (cb) => { queue.set(++next, cb); return next; },
      clear: (h) => { queue.delete(h as number); },
      flush() { const cbs = [...queue.values()]; queue.clear(); cbs.forEach((cb) => cb()); },
      get pending() { return queue.size; },
    };
  }

  it('coalesces a burst of requests into one check', () => {
    const timers = fakeTimers();
    const runs: string[] = [];
    const queue = new ValidationQueue((uri) => { runs.push(uri); }, 150, timers);
    for (let i = 0; i < 10; i++) queue.request('a');
    queue.request('b');
    assert.strictEqual(timers.pending, 2);
    timers.flush();
    assert.deepStrictEqual(runs, ['a', 'b']);
  });

  it('marks a running check stale when the document changes or closes', async () => {
    const timers = fakeTimers();
    const verdicts: boolean[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const queue = new ValidationQueue(async (_uri, isCurrent) => { await gate; verdicts.push(isCurrent()); }, 150, timers);
    queue.requestNow('a');          // starts, waits on the gate (like a settings fetch)
    queue.request('a');             // the user typed again
    assert.ok(queue.isPending('a'));
    queue.forget('b');
    release();
    await gate;
    await Promise.resolve();
    assert.deepStrictEqual(verdicts, [false]);
    queue.forget('a');
    assert.ok(!queue.isPending('a'));
  });

  it('survives a check that throws', () => {
    const queue = new ValidationQueue(() => { throw new Error('boom'); }, 0);
    assert.doesNotThrow(() => queue.requestNow('a'));
    const rejecting = new ValidationQueue(() => Promise.reject(new Error('boom')), 0);
    assert.doesNotThrow(() => rejecting.requestNow('a'));
  });
});
