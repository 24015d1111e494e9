/** Reading from the client no faster than messages are handled (server/src/transport/backpressure.ts). */
import * as assert from 'assert';
import { PassThrough } from 'stream';
import {
  createMessageConnection, DataCallback, Disposable, Emitter, Message, MessageReader, NotificationType, PartialMessageInfo,
  StreamMessageReader, StreamMessageWriter,
} from 'vscode-languageserver/node';
import { ReadBackpressure } from '../../server/src/transport/backpressure';
import { SynchronousStreamReader } from '../../server/src/transport/streamReader';

/** A reader whose messages the test hands in by hand, and an input that records pause() and resume(). */
function fakes(): { reader: MessageReader; deliver(message: Message): void; input: { calls: string[]; pause(): void; resume(): void } } {
  let callback: DataCallback | undefined;
  const errors = new Emitter<Error>();
  const closes = new Emitter<void>();
  const partials = new Emitter<PartialMessageInfo>();
  const reader: MessageReader = {
    onError: errors.event,
    onClose: closes.event,
    onPartialMessage: partials.event,
    listen: (cb: DataCallback): Disposable => {
      callback = cb;
      return { dispose: () => (callback = undefined) };
    },
    dispose: () => undefined,
  };
  const calls: string[] = [];
  return {
    reader,
    deliver: (message) => callback!(message),
    input: { calls, pause: () => calls.push('pause'), resume: () => calls.push('resume') },
  };
}

const change = (v: number): Message => ({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { v } } as Message);
const cancel = (id: number): Message => ({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id } } as Message);

describe('transport/backpressure', () => {
  it('pauses the input when pauseAt messages wait, resumes when the connection has handled down to resumeAt', () => {
    const { reader, deliver, input } = fakes();
    const pacing = new ReadBackpressure(input, { pauseAt: 4, resumeAt: 1, idleCheckMs: 60_000 });
    const got: Message[] = [];
    const wrapped = pacing.reader(reader);
    wrapped.listen((m) => got.push(m));
    for (let v = 1; v <= 3; v++) deliver(change(v));
    assert.deepStrictEqual(input.calls, []);
    deliver(change(4));
    assert.deepStrictEqual(input.calls, ['pause'], 'the 4th waiting message pauses reading');
    assert.strictEqual(got.length, 4, 'every message read goes on to the connection at once');
    const handled: Message[] = [];
    for (let i = 0; i < 2; i++) pacing.messageStrategy.handleMessage(got[i], (m) => handled.push(m));
    assert.deepStrictEqual(input.calls, ['pause'], '2 still waiting: still paused');
    pacing.messageStrategy.handleMessage(got[2], (m) => handled.push(m));
    assert.deepStrictEqual(input.calls, ['pause', 'resume'], 'down to 1 waiting: reading again');
    assert.deepStrictEqual(handled, got.slice(0, 3), 'the strategy hands each message on, in order');
    wrapped.dispose();
  });

  it('does not count cancels, which the connection may consume without handling them', () => {
    const { reader, deliver, input } = fakes();
    const pacing = new ReadBackpressure(input, { pauseAt: 2, resumeAt: 0, idleCheckMs: 60_000 });
    pacing.reader(reader).listen(() => undefined);
    for (let id = 0; id < 10; id++) deliver(cancel(id));
    assert.strictEqual(pacing.waiting, 0);
    assert.deepStrictEqual(input.calls, []);
  });

  it('never stays deaf: a queue that drained without our seeing it resumes reading after the idle check', async () => {
    const { reader, deliver, input } = fakes();
    const pacing = new ReadBackpressure(input, { pauseAt: 3, resumeAt: 0, idleCheckMs: 10 });
    pacing.reader(reader).listen(() => undefined);
    // Three requests read, none handled (say their ids repeated, so the library kept one and dropped two).
    for (let v = 1; v <= 3; v++) deliver(change(v));
    assert.ok(pacing.isPaused);
    await new Promise((resolve) => setTimeout(resolve, 80));
    assert.ok(!pacing.isPaused, 'still paused with nothing handled');
    assert.deepStrictEqual(input.calls, ['pause', 'resume']);
    assert.strictEqual(pacing.waiting, 0);
  });

  it('over a real connection and stream: a fast burst is handled in full and in order, with few messages waiting', async () => {
    const toServer = new PassThrough();
    const fromServer = new PassThrough();
    const pacing = new ReadBackpressure(toServer, { pauseAt: 16, resumeAt: 4 });
    const connection = createMessageConnection(
      pacing.reader(new SynchronousStreamReader(toServer)), new StreamMessageWriter(fromServer), undefined,
      { messageStrategy: pacing.messageStrategy },
    );
    const type = new NotificationType<{ v: number; text: string }>('test/change');
    const seen: number[] = [];
    let mostWaiting = 0;
    let paused = 0;
    const all = new Promise<void>((resolve) => {
      connection.onNotification(type, (p) => {
        seen.push(p.v);
        mostWaiting = Math.max(mostWaiting, pacing.waiting);
        if (pacing.isPaused) paused++;
        if (p.v === 999) resolve();
      });
    });
    connection.listen();
    const client = createMessageConnection(new StreamMessageReader(fromServer), new StreamMessageWriter(toServer));
    client.listen();
    const text = 'x'.repeat(10_000);
    await Promise.all(Array.from({ length: 1000 }, (_, v) => client.sendNotification(type, { v, text })));
    await all;
    assert.deepStrictEqual(seen, Array.from({ length: 1000 }, (_, v) => v));
    assert.ok(paused > 0, 'the burst never paused reading');
    // Reading stops at 16; what a chunk already read holds still goes on (10 KB messages, 64 KB chunks).
    assert.ok(mostWaiting <= 16 + 8, `${mostWaiting} messages waited at once`);
    connection.dispose();
    client.dispose();
  });
});
