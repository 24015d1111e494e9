/** One workspace scan shared by concurrent requests (session/sharedRun.ts), and bounded waits on the client. */
import * as assert from 'assert';
import { answerOrGiveUp } from '../../server/src/session/clientAnswers';
import { RunHooks, SharedRun } from '../../server/src/session/sharedRun';
import { isAbortError } from '../../server/src/workspace/abort';

/** A run that finishes when told to, and records the signal it got. */
function gatedRun(): { start(hooks: RunHooks): Promise<string>; finish(value: string): void; starts: RunHooks[] } {
  const starts: RunHooks[] = [];
  let release: (value: string) => void = () => undefined;
  return {
    starts,
    start(hooks) {
      starts.push(hooks);
      return new Promise<string>((resolve, reject) => {
        release = resolve;
        hooks.signal.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })));
      });
    },
    finish: (value) => release(value),
  };
}

describe('session/sharedRun', () => {
  it('gives 100 concurrent requests of one state one run, and each its progress', async () => {
    const shared = new SharedRun<string>();
    const run = gatedRun();
    const progress: number[] = [];
    const answers = Array.from({ length: 100 }, (_, i) => shared.join(7, { onProgress: () => progress.push(i) }, (h) => run.start(h)));
    await Promise.resolve();
    assert.strictEqual(run.starts.length, 1);
    run.starts[0].onProgress(1, 2);
    assert.strictEqual(progress.length, 100);
    run.finish('report');
    assert.deepStrictEqual(new Set(await Promise.all(answers)), new Set(['report']));
    assert.strictEqual(shared.running, false);
  });

  it('supersedes a run when the state changed: the old requests reject with an AbortError', async () => {
    const shared = new SharedRun<string>();
    const old = gatedRun();
    const fresh = gatedRun();
    const first = shared.join(1, {}, (h) => old.start(h));
    await Promise.resolve();
    const second = shared.join(2, {}, (h) => fresh.start(h));
    await assert.rejects(first, (err) => isAbortError(err));
    assert.ok(old.starts[0].signal.aborted);
    await Promise.resolve();
    fresh.finish('new');
    assert.strictEqual(await second, 'new');
  });

  it('stops the run only when the last waiting request is cancelled', async () => {
    const shared = new SharedRun<string>();
    const run = gatedRun();
    const a = new AbortController();
    const b = new AbortController();
    const first = shared.join(1, { signal: a.signal }, (h) => run.start(h));
    const second = shared.join(1, { signal: b.signal }, (h) => run.start(h));
    await Promise.resolve();
    a.abort();
    await assert.rejects(first, (err) => isAbortError(err));
    assert.ok(!run.starts[0].signal.aborted, 'the other request still waits');
    b.abort();
    await assert.rejects(second, (err) => isAbortError(err));
    assert.ok(run.starts[0].signal.aborted);
    // A request after that starts afresh rather than join the stopped run.
    const again = gatedRun();
    const third = shared.join(1, {}, (h) => again.start(h));
    await Promise.resolve();
    again.finish('again');
    assert.strictEqual(await third, 'again');
    // Already cancelled: rejects without starting anything.
    const started: RunHooks[] = [];
    await assert.rejects(shared.join(1, { signal: a.signal }, (h) => { started.push(h); return Promise.resolve(''); }), (err) => isAbortError(err));
    assert.strictEqual(started.length, 0);
  });
});

describe('session/clientAnswers', () => {
  it('gives up on an answer that does not come, on a failed one and on a cancelled wait, and keeps a prompt one', async () => {
    const never = new Promise<string>(() => undefined);
    assert.strictEqual(await answerOrGiveUp(never, { timeoutMs: 20 }), undefined);
    assert.strictEqual(await answerOrGiveUp(Promise.reject(new Error('refused')), { timeoutMs: 20 }), undefined);
    assert.strictEqual(await answerOrGiveUp(Promise.resolve('yes'), { timeoutMs: 20 }), 'yes');
    const abort = new AbortController();
    const waiting = answerOrGiveUp(never, { timeoutMs: 60_000, signal: abort.signal });
    abort.abort();
    assert.strictEqual(await waiting, undefined);
  });
});
