/**
 * The LSP base protocol read from a stream, each message handed on in the same turn as the bytes that complete it.
 *
 * The library's StreamMessageReader frames the same way (its own MessageBuffer does the headers and bodies here)
 * but decodes each body in a later turn of the event loop, one per turn, behind a semaphore. Bytes arrive many
 * chunks per turn, so under a burst its queue of undecoded bodies grew without bound, out of sight of anything that
 * could slow the reading down (transport/backpressure.ts). Here a body is decoded as soon as it is complete, so the
 * only queue is the connection's, which the backpressure counts.
 *
 * Errors are the library's: a header without a valid Content-Length, or a body that is not JSON, fires onError
 * (the server then exits: framing cannot be resynchronised). No partial-message notice is fired.
 */
import { AbstractMessageReader, DataCallback, Disposable, Message, RAL } from 'vscode-languageserver/node';

const CHARSET = 'utf-8';

export class SynchronousStreamReader extends AbstractMessageReader {
  private readonly buffer = RAL().messageBuffer.create(CHARSET);
  private nextMessageLength = -1;
  private callback: DataCallback | undefined;
  private failed = false;

  constructor(private readonly input: NodeJS.ReadableStream) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (chunk: Buffer | string): void => this.onData(typeof chunk === 'string' ? Buffer.from(chunk, CHARSET) : chunk);
    const onError = (error: Error): void => this.fireError(error);
    const onClose = (): void => this.fireClose();
    this.input.on('data', onData);
    this.input.on('error', onError);
    this.input.on('close', onClose);
    return Disposable.create(() => {
      this.callback = undefined;
      this.input.off('data', onData);
      this.input.off('error', onError);
      this.input.off('close', onClose);
    });
  }

  private onData(chunk: Uint8Array): void {
    if (this.failed) return; // after a framing error nothing that follows can be read
    try {
      this.buffer.append(chunk);
      while (this.callback) {
        if (this.nextMessageLength === -1) {
          const headers = this.buffer.tryReadHeaders(true);
          if (!headers) return;
          const contentLength = headers.get('content-length');
          const length = contentLength ? Number.parseInt(contentLength, 10) : Number.NaN;
          if (!contentLength) return this.fail(new Error(`Header must provide a Content-Length property.\n${JSON.stringify(Object.fromEntries(headers))}`));
          if (Number.isNaN(length)) return this.fail(new Error(`Content-Length value must be a number. Got ${contentLength}`));
          this.nextMessageLength = length;
        }
        const body = this.buffer.tryReadBody(this.nextMessageLength);
        if (body === undefined) return;
        this.nextMessageLength = -1;
        const text = Buffer.isBuffer(body) ? body.toString(CHARSET) : new TextDecoder(CHARSET).decode(body);
        this.callback(JSON.parse(text) as Message);
      }
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    this.failed = true;
    this.fireError(error);
  }
}
