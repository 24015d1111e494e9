/**
 * Internal errors are logged once per document and message: a bug hit on every keystroke would otherwise
 * bury the log. The server keeps serving either way; this only decides what is worth a line.
 */
export class FaultLog {
  private readonly seen = new Set<string>();

  constructor(private readonly limit = 500) {}

  /** The line to log for this failure, or undefined when the same failure was already logged. */
  describe(what: string, uri: string | undefined, error: unknown): string | undefined {
    const message = error instanceof Error ? error.message : String(error);
    const key = `${what}\0${uri ?? ''}\0${message}`;
    if (this.seen.has(key)) return undefined;
    if (this.seen.size >= this.limit) this.seen.clear();
    this.seen.add(key);
    const stack = error instanceof Error && error.stack ? `\n${error.stack}` : '';
    return `docbits: internal error in ${what}${uri ? ` for ${uri}` : ''}: ${message} (the server keeps running)${stack}`;
  }
}
