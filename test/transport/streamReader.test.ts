/** The base protocol read synchronously (server/src/transport/streamReader.ts), against the library's own reader. */
import * as assert from 'assert';
import { PassThrough } from 'stream';
import { Message, MessageReader, StreamMessageReader } from 'vscode-languageserver/node';
import { SynchronousStreamReader } from '../../server/src/transport/streamReader';

function frame(message: unknown, extraHeaders = ''): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf-8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n${extraHeaders}\r\n`, 'ascii'), body]);
}

/** What a reader hands on, and the errors it fires, when `bytes` arrive cut at `cuts`. */
async function readAll(make: (s: PassThrough) => MessageReader, bytes: Buffer, cuts: number[]): Promise<{ messages: Message[]; errors: string[] }> {
  const input = new PassThrough();
  const reader = make(input);
  const messages: Message[] = [];
  const errors: string[] = [];
  reader.onError((e) => errors.push(e.message));
  reader.listen((m) => messages.push(m));
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    input.write(bytes.subarray(at, cut));
    at = cut;
  }
  // The library decodes in later turns; give it time.
  for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
  reader.dispose();
  return { messages, errors };
}

const sync = (s: PassThrough): MessageReader => new SynchronousStreamReader(s);
const library = (s: PassThrough): MessageReader => new StreamMessageReader(s);

const MESSAGES = [
  { jsonrpc: '2.0', id: 1, method: 'initialize', params: { rootUri: null, capabilities: {} } },
  { jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///a.py', text: 'é = "ü€𝄞"\n' } } },
  { jsonrpc: '2.0', method: '$/cancelRequest', params: { id: 1 } },
  { jsonrpc: '2.0', id: 2, result: null },
];

describe('transport/streamReader', () => {
  it('hands each message on in the turn that completes it', () => {
    const input = new PassThrough();
    const reader = new SynchronousStreamReader(input);
    const got: Message[] = [];
    reader.listen((m) => got.push(m));
    const bytes = frame(MESSAGES[0]);
    input.write(bytes.subarray(0, 10));
    assert.strictEqual(got.length, 0);
    input.write(bytes.subarray(10));
    assert.deepStrictEqual(got, [MESSAGES[0]], 'not handed on synchronously');
    reader.dispose();
  });

  it('reads what the library reads, however the bytes are cut (every cut point, with multi-byte characters split)', async () => {
    const bytes = Buffer.concat([frame(MESSAGES[0]), frame(MESSAGES[1], 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n'), frame(MESSAGES[2]), frame(MESSAGES[3])]);
    const whole = await readAll(sync, bytes, []);
    assert.deepStrictEqual(whole.messages, MESSAGES);
    for (let cut = 1; cut < bytes.length; cut++) {
      const ours = await readAll(sync, bytes, [cut]);
      assert.deepStrictEqual(ours, { messages: MESSAGES, errors: [] }, `cut at byte ${cut}`);
    }
    const everyByte = Array.from({ length: bytes.length - 1 }, (_, i) => i + 1);
    assert.deepStrictEqual(await readAll(sync, bytes, everyByte), await readAll(library, bytes, everyByte));
  });

  it('fires the library\'s errors on a header without Content-Length, a bad length and a body that is not JSON, and reads nothing after', async () => {
    const cases: Array<[string, Buffer]> = [
      ['no Content-Length', Buffer.from('Content-Type: x\r\n\r\n{}')],
      ['a bad length', Buffer.from('Content-Length: lots\r\n\r\n{}')],
      ['not JSON', Buffer.from('Content-Length: 5\r\n\r\n{oops')],
    ];
    for (const [name, bad] of cases) {
      const bytes = Buffer.concat([frame(MESSAGES[0]), bad, frame(MESSAGES[3])]);
      const ours = await readAll(sync, bytes, []);
      const theirs = await readAll(library, bytes, []);
      assert.deepStrictEqual(ours.messages, [MESSAGES[0]], name);
      assert.strictEqual(ours.errors.length, 1, `${name}: ${ours.errors.join('; ')}`);
      assert.strictEqual(theirs.errors.length >= 1, true, `${name}: the library fired no error`);
      if (name !== 'not JSON') assert.strictEqual(ours.errors[0], theirs.errors[0], name);
    }
  });

  it('fires close when the stream closes', async () => {
    const input = new PassThrough();
    const reader = new SynchronousStreamReader(input);
    let closed = false;
    reader.onClose(() => (closed = true));
    reader.listen(() => undefined);
    input.destroy();
    await new Promise((resolve) => setImmediate(resolve));
    assert.ok(closed);
  });
});
