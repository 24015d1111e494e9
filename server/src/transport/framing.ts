/**
 * The LSP base protocol (`Content-Length: N\r\n...\r\n\r\n` then N bytes of UTF-8 JSON) read from chunks, each
 * message handed on in the same call as the bytes that complete it.
 *
 * The library's StreamMessageReader frames the same way but decodes each body in a later turn of the event loop,
 * one per turn, behind a queue of its own. Bytes arrive many chunks per turn, so under a burst that queue grew
 * without bound, out of sight of anything that could slow the reading down (backpressure.ts). Here the only queue
 * is the connection's, which the backpressure counts. server.ts wraps this in the library's MessageReader.
 *
 * Errors are worded as the library's: a header line without `:`, a header without a valid Content-Length, a body
 * that is not JSON. After one, nothing more is read (framing cannot be resynchronised; the server then exits).
 */

const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');
/** Headers are a line or two; past this without their end, the input is not LSP. */
const MAX_HEADER_BYTES = 64 * 1024;

export class MessageFraming {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private bodyLength = -1;
  private failed = false;

  constructor(private readonly onMessage: (message: unknown) => void, private readonly onError: (error: Error) => void) {}

  push(chunk: Buffer): void {
    if (this.failed) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    try {
      for (;;) {
        if (this.bodyLength < 0) {
          const length = this.readHeaders();
          if (length === undefined) return;
          this.bodyLength = length;
        }
        if (this.buffered < this.bodyLength) return;
        const body = this.take(this.bodyLength);
        this.bodyLength = -1;
        this.onMessage(JSON.parse(body.toString('utf-8')));
      }
    } catch (error) {
      this.failed = true;
      this.onError(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** The Content-Length of the next message once its headers are in (consumed), else undefined. */
  private readHeaders(): number | undefined {
    const head = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    this.chunks = [head];
    const end = head.indexOf(HEADER_END);
    if (end < 0) {
      if (head.length > MAX_HEADER_BYTES) throw new Error(`Message headers longer than ${MAX_HEADER_BYTES} bytes`);
      return undefined;
    }
    const headers = new Map<string, string>();
    for (const line of this.take(end + HEADER_END.length).toString('ascii').split('\r\n').slice(0, -2)) {
      const colon = line.indexOf(':');
      if (colon < 0) throw new Error(`Message header must separate key and value using ':'\n${line}`);
      headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
    }
    const contentLength = headers.get('content-length');
    if (!contentLength) throw new Error(`Header must provide a Content-Length property.\n${JSON.stringify(Object.fromEntries(headers))}`);
    const length = Number.parseInt(contentLength, 10);
    if (Number.isNaN(length) || length < 0) throw new Error(`Content-Length value must be a number. Got ${contentLength}`);
    return length;
  }

  /** The next `n` buffered bytes, removed from the buffer. */
  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    const taken = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return taken;
  }
}
