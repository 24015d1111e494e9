/** Cancellation in the shape callers expect from Node and the DOM: an Error named 'AbortError'. */

export function abortError(signal?: AbortSignal): Error {
  const err = new Error('The scan was cancelled') as Error & { cause?: unknown };
  err.name = 'AbortError';
  if (signal && signal.reason !== undefined) err.cause = signal.reason;
  return err;
}

export function isAbortError(err: unknown): boolean {
  return err instanceof Error && err.name === 'AbortError';
}
