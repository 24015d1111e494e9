/** Reading from the client no faster than messages are handled (server/src/transport/backpressure.ts). */
import * as assert from 'assert';
import { PassThrough } from 'stream';
import {
  AbstractMessageReader, createMessageConnection, DataCallback, Disposable, Message, NotificationType, StreamMessageReader, StreamMessageWriter,
} from 'vscode-languageserver/node';
import { ReadBackpressure } from '../../server/src/transport/backpressure';
import { MessageFraming } from '../../server/src/transport/framing';

/** An input that records pause() and resume(). */
function recordingInput(): { calls: string[]; pause(): void; resume(): void } {
  const calls: string[] = [];
  return { calls, pause: () => calls.push('pause'), resume: () => calls.push('resume') };
}

const change = (v: number): Message => ({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { v } } as Message);
const cancel = (id: number): Message => ({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id } } as Message);

/** What server.ts's FramedStreamReader does: framing, each message counted as read. */
class CountingReader extends AbstractMessageReader {
  constructor(private readonly input: PassThrough, private readonly pacing: ReadBackpressure) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const framing = new MessageFraming((m) => {
      this.pacing.read(m as object);
      callback(m as Message);
    }, (e) => this.fireError(e));
    this.input.on('data', (chunk: Buffer) => framing.push(chunk));
    return Disposable.create(() => this.pacing.dispose());
  }
}

describe('transport/backpressure', () => {
  it('pauses the input when pauseAt messages wait, resumes when the connection has handled down to resumeAt', () => {
    const input = recordingInput();
    const pacing = new ReadBackpressure(input, { pauseAt: 4, resumeAt: 1, idleCheckMs: 60_000 });
    for (let v = 1; v <= 3; v++) pacing.read(change(v));
    assert.deepStrictEqual(input.calls, []);
    pacing.read(change(4));
    assert.deepStrictEqual(input.calls, ['pause'], 'the 4th waiting message pauses reading');
    pacing.handled(change(1));
    pacing.handled(change(2));
    assert.deepStrictEqual(input.calls, ['pause'], '2 still waiting: still paused');
    pacing.handled(change(3));
    assert.deepStrictEqual(input.calls, ['pause', 'resume'], 'down to 1 waiting: reading again');
    pacing.dispose();
  });

  it('does not count cancels, which the connection may consume without handling them', () => {
    const input = recordingInput();
    const pacing = new ReadBackpressure(input, { pauseAt: 2, resumeAt: 0, idleCheckMs: 60_000 });
    for (let id = 0; id < 10; id++) pacing.read(cancel(id));
    assert.strictEqual(pacing.waiting, 0);
    assert.deepStrictEqual(input.calls, []);
  });

  it('never stays deaf: a queue that drained without our seeing it resumes reading after the idle check', async () => {
    const input = recordingInput();
    const pacing = new ReadBackpressure(input, { pauseAt: 3, resumeAt: 0, idleCheckMs: 10 });
    // Three requests read, none handled (say their ids repeated, so the library kept one and dropped two).
    for (let v = 1; v <= 3; v++) pacing.read(change(v));
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
    const connection = createMessageConnection(new CountingReader(toServer, pacing), new StreamMessageWriter(fromServer), undefined, {
      messageStrategy: { handleMessage: (message, next) => { pacing.handled(message); next(message); } },
    });
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
