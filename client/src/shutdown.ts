/**
 * A quiet shutdown. On window close or reload VS Code deactivates the extension and disposes its
 * subscriptions while requests are still in flight: the language client then fails them ("Client is not
 * running", a closed connection) and logs that to its output channel, which by then is disposed and throws
 * "Channel has been closed"; the extension host logs each as "[docbits] provider FAILED". Here requests that
 * fail because the client is stopping answer nothing, and the output channel ignores writes once closed.
 */
import * as vscode from 'vscode';

/** Whether the client is going away (set at deactivate; also true once it has stopped). */
export interface Lifecycle {
  stopping(): boolean;
}

/** The provider's answer, or nothing when it fails because the client is stopping. */
export async function quietly<T>(lifecycle: Lifecycle, answer: () => Thenable<T> | T): Promise<T | undefined> {
  // Not even asked while stopping: the client would log the failure to the output channel first.
  if (lifecycle.stopping()) return undefined;
  try {
    return await answer();
  } catch (err) {
    if (lifecycle.stopping()) return undefined;
    throw err;
  }
}

/** An output channel that drops writes after close() instead of throwing, for loggers that outlive it. */
export function closableOutputChannel(channel: vscode.OutputChannel): vscode.OutputChannel & { close(): void } {
  let closed = false;
  const unlessClosed = <A extends unknown[]>(f: (...a: A) => void) => (...a: A): void => {
    if (!closed) f(...a);
  };
  return {
    get name() { return channel.name; },
    append: unlessClosed((value: string) => channel.append(value)),
    appendLine: unlessClosed((value: string) => channel.appendLine(value)),
    replace: unlessClosed((value: string) => channel.replace(value)),
    clear: unlessClosed(() => channel.clear()),
    show: unlessClosed((a?: unknown, b?: boolean) => channel.show(a as never, b)),
    hide: unlessClosed(() => channel.hide()),
    dispose: () => {
      closed = true;
      channel.dispose();
    },
    close() {
      this.dispose();
    },
  };
}
