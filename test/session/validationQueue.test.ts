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

  it('lengthens the debounce to what the last check cost, so a burst faster than checks costs one check', () => {
    const timers = fakeTimers();
    let now = 0;
    const delays: number[] = [];
    const clock: Timers = {
      set: (cb, ms) => { delays.push(ms); return timers.set(cb, ms); }, clear: timers.clear, now: () => now,
    };
    let runs = 0;
    const queue = new ValidationQueue(() => { runs++; now += 40; }, 0, clock); // each check costs 40 ms
    queue.requestNow('a'); // opened: its check's cost does not delay the first edit
    queue.request('a');
    assert.deepStrictEqual([runs, delays.length], [2, 0]);
    for (let i = 0; i < 2000; i++) queue.request('a'); // a burst of 2,000 changes
    assert.deepStrictEqual([delays.length, delays[0], timers.pending], [2000, 40, 1]);
    timers.flush();
    assert.strictEqual(runs, 3);
    // A cheap document keeps the configured debounce (0: checked at once).
    const cheap = new ValidationQueue(() => { runs++; now += 1; }, 0, clock);
    cheap.requestNow('b');
    cheap.request('b');
    cheap.request('b');
    assert.deepStrictEqual([runs, delays.length], [6, 2000]);
  });

  it('survives a check that throws', () => {
    const queue = new ValidationQueue(() => { throw new Error('boom'); }, 0);
    assert.doesNotThrow(() => queue.requestNow('a'));
    const rejecting = new ValidationQueue(() => Promise.reject(new Error('boom')), 0);
    assert.doesNotThrow(() => rejecting.requestNow('a'));
  });
});
