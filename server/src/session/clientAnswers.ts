/**
 * Waiting for the editor's answer to a request of the server's own (`workspace/configuration`,
 * `window/workDoneProgress/create`). LSP does not oblige a client to answer promptly, and some never answer at
 * all; the server must not wait forever on them: a document would never get diagnostics, a workspace report
 * never come. So every such wait is bounded, and the caller goes on without the answer (pushed or default
 * settings, no progress display).
 */

/** Long enough for a busy editor (VS Code answers in milliseconds), short enough that a user still waits for it. */
export const CLIENT_ANSWER_TIMEOUT_MS = 3000;

export interface AnswerWait {
  /** Give up after this long (default CLIENT_ANSWER_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Give up when this fires (the request the answer was for was cancelled). */
  signal?: AbortSignal;
}

/**
 * The editor's answer, or `undefined` when it failed, did not come in time or is no longer wanted. Never
 * rejects. A late answer is dropped.
 */
export function answerOrGiveUp<T>(answer: Promise<T>, wait: AnswerWait = {}): Promise<T | undefined> {
  const { signal } = wait;
  if (signal?.aborted) return Promise.resolve(undefined);
  return new Promise<T | undefined>((resolve) => {
    const finish = (value: T | undefined): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(value);
    };
    const onAbort = (): void => finish(undefined);
    const timer = setTimeout(() => finish(undefined), wait.timeoutMs ?? CLIENT_ANSWER_TIMEOUT_MS);
    signal?.addEventListener('abort', onAbort, { once: true });
    answer.then(finish, () => finish(undefined));
  });
}
