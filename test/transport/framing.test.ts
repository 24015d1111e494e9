/** The base protocol read synchronously (server/src/transport/framing.ts), against the library's own reader. */
import * as assert from 'assert';
import { PassThrough } from 'stream';
import { StreamMessageReader } from 'vscode-languageserver/node';
import { MessageFraming } from '../../server/src/transport/framing';

interface Read { messages: unknown[]; errors: string[] }

function frame(message: unknown, extraHeaders = ''): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf-8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n${extraHeaders}\r\n`, 'ascii'), body]);
}

/** The pieces of `bytes` cut at `cuts`. */
function pieces(bytes: Buffer, cuts: number[]): Buffer[] {
  let at = 0;
  return [...cuts, bytes.length].map((cut) => bytes.subarray(at, (at = cut)));
}

/** What our framing hands on, and the errors it reports. */
function ours(bytes: Buffer, cuts: number[]): Read {
  const read: Read = { messages: [], errors: [] };
  const framing = new MessageFraming((m) => read.messages.push(m), (e) => read.errors.push(e.message));
  for (const piece of pieces(bytes, cuts)) framing.push(piece);
  return read;
}

/** What the library's reader hands on (it decodes in later turns), and the errors it fires. */
async function library(bytes: Buffer, cuts: number[]): Promise<Read> {
  const input = new PassThrough();
  const reader = new StreamMessageReader(input);
  const read: Read = { messages: [], errors: [] };
  reader.onError((e) => read.errors.push(e.message));
  reader.listen((m) => read.messages.push(m));
  for (const piece of pieces(bytes, cuts)) input.write(piece);
  for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
  reader.dispose();
  return read;
}

const MESSAGES = [
  { jsonrpc: '2.0', id: 1, method: 'initialize', params: { rootUri: null, capabilities: {} } },
  { jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///a.py', text: 'é = "ü€𝄞"\n' } } },
  { jsonrpc: '2.0', method: '$/cancelRequest', params: { id: 1 } },
  { jsonrpc: '2.0', id: 2, result: null },
];

describe('transport/framing', () => {
  it('hands each message on in the call that completes it', () => {
    const got: unknown[] = [];
    const framing = new MessageFraming((m) => got.push(m), (e) => assert.fail(e));
    const bytes = frame(MESSAGES[0]);
    framing.push(bytes.subarray(0, 10));
    assert.strictEqual(got.length, 0);
    framing.push(bytes.subarray(10));
    assert.deepStrictEqual(got, [MESSAGES[0]], 'not handed on synchronously');
  });

  it('reads what the library reads, however the bytes are cut (every cut point, with multi-byte characters split)', async () => {
    const bytes = Buffer.concat([frame(MESSAGES[0]), frame(MESSAGES[1], 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n'), frame(MESSAGES[2]), frame(MESSAGES[3])]);
    assert.deepStrictEqual(ours(bytes, []), { messages: MESSAGES, errors: [] });
    for (let cut = 1; cut < bytes.length; cut++) assert.deepStrictEqual(ours(bytes, [cut]), { messages: MESSAGES, errors: [] }, `cut at byte ${cut}`);
    const everyByte = Array.from({ length: bytes.length - 1 }, (_, i) => i + 1);
    assert.deepStrictEqual(ours(bytes, everyByte), await library(bytes, everyByte));
  });

  it('reports the library\'s errors on a header line without ":", a header without Content-Length, a bad length and a body that is not JSON, and reads nothing after', async () => {
    const cases: Array<[string, Buffer]> = [
      ['no colon', Buffer.from('Content-Length 5\r\n\r\n{}')],
      ['no Content-Length', Buffer.from('Content-Type: x\r\n\r\n{}')],
      ['a bad length', Buffer.from('Content-Length: lots\r\n\r\n{}')],
      ['not JSON', Buffer.from('Content-Length: 5\r\n\r\n{oops')],
    ];
    for (const [name, bad] of cases) {
      const bytes = Buffer.concat([frame(MESSAGES[0]), bad, frame(MESSAGES[3])]);
      const mine = ours(bytes, []);
      const theirs = await library(bytes, []);
      assert.deepStrictEqual(mine.messages, [MESSAGES[0]], name);
      assert.strictEqual(mine.errors.length, 1, `${name}: ${mine.errors.join('; ')}`);
      assert.ok(theirs.errors.length >= 1, `${name}: the library fired no error`);
      if (name !== 'not JSON') assert.strictEqual(mine.errors[0], theirs.errors[0], name);
    }
  });

  it('refuses a negative Content-Length and headers that never end', () => {
    assert.deepStrictEqual(ours(Buffer.from('Content-Length: -5\r\n\r\n{}'), []).errors, ['Content-Length value must be a number. Got -5']);
    assert.match(ours(Buffer.alloc(70 * 1024, 'a'), []).errors[0] ?? '', /^Message headers longer than 65536 bytes$/);
  });
});
