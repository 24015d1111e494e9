/**
 * Reading from the client no faster than its messages are handled.
 *
 * The connection queues each message it is given and handles one per turn of the event loop, while a turn can
 * read many chunks of input. So a client that sends faster than the server handles (a burst of 2,000 whole-text
 * changes of 100 KB) made the server hold most of the burst at once: 684 MiB at its peak in one CI run. Here
 * messages go on to the connection as soon as they are read, but the input stream is paused while too many wait
 * in its queue, and resumed once the queue has drained: the rest of the burst waits in the pipe and in the
 * client. It needs a reader that hands each message on as soon as it is read (transport/framing.ts): the
 * library's own reader keeps a queue of its own.
 *
 * The queue is the library's own; what we see is each message as it is read (server.ts's reader calls read())
 * and as it is handled (the connection's message strategy calls handled()). Some messages are read and never handled: a `$/cancelRequest` for a
 * running request, a request whose id repeats a queued one. Cancels are not counted at all, and for the rest a
 * timer makes sure the server is never left deaf: a queue with messages in it hands one on every turn, so when
 * nothing has been handled for a while the queue is empty, whatever the counts say.
 */
/** What the pacing looks at in a message: whether it is a cancel. */
interface Incoming {
  method?: unknown;
  id?: unknown;
}

/** What the pacing needs of the input: a Node stream's pause() and resume(). */
export interface PausableInput {
  pause(): unknown;
  resume(): unknown;
}

export interface BackpressureLimits {
  /** Messages waiting in the queue at which reading pauses. */
  pauseAt: number;
  /** Messages waiting at which reading resumes. */
  resumeAt: number;
  /** While paused, how often to look for a queue that drained without our seeing it (ms). */
  idleCheckMs: number;
}

const DEFAULT_LIMITS: BackpressureLimits = { pauseAt: 64, resumeAt: 16, idleCheckMs: 50 };

const CANCEL_METHOD = '$/cancelRequest';

function isCancel(message: object): boolean {
  return (message as Incoming).method === CANCEL_METHOD && !('id' in message);
}

export class ReadBackpressure {
  private readCount = 0;
  private handledCount = 0;
  private paused = false;
  private idleTimer: NodeJS.Timeout | undefined;
  private handledAtLastCheck = 0;
  private readonly limits: BackpressureLimits;

  constructor(private readonly input: PausableInput, limits: Partial<BackpressureLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** Messages read and not yet handled, as far as we can tell. */
  get waiting(): number {
    return this.readCount - this.handledCount;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** A message was read and goes on to the connection (server.ts calls this from its reader). */
  read(message: object): void {
    if (isCancel(message)) return;
    this.readCount++;
    if (!this.paused && this.waiting >= this.limits.pauseAt) this.pause();
  }

  /** The connection hands a message to its handler (server.ts calls this from the connection's message strategy). */
  handled(message: object): void {
    if (isCancel(message)) return;
    this.handledCount++;
    if (this.paused && this.waiting <= this.limits.resumeAt) this.resume();
  }

  /** The reader is gone: no more idle checks. */
  dispose(): void {
    this.stopIdleCheck();
  }

  private pause(): void {
    this.paused = true;
    this.input.pause();
    this.handledAtLastCheck = this.handledCount;
    this.idleTimer = setInterval(() => this.checkIdle(), this.limits.idleCheckMs);
    this.idleTimer.unref?.();
  }

  private resume(): void {
    this.paused = false;
    this.stopIdleCheck();
    this.input.resume();
  }

  /** Nothing handled since the last look: the queue is empty (some messages were read but never queued). */
  private checkIdle(): void {
    if (this.handledCount === this.handledAtLastCheck) {
      this.readCount = this.handledCount;
      this.resume();
    } else {
      this.handledAtLastCheck = this.handledCount;
    }
  }

  private stopIdleCheck(): void {
    if (this.idleTimer) clearInterval(this.idleTimer);
    this.idleTimer = undefined;
  }
}
