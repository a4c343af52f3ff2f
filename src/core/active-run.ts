/**
 * @module core/active-run
 * The state of one running attempt: its context, and what the handler asked for
 * (`release`, `fail`). Jobs map to their active run so `connection.release(job, …)` called
 * inside `handle` releases the current reservation (rule 8).
 */
import type { JobContext } from '../contracts/job-context.js';
import type { IQueueable } from '../contracts/queueable.js';
import type { JobEventInfo } from '../contracts/worker-events.js';
import type { AtomicHelpers, Reservation } from '../drivers/driver.js';
import { JobFailedError } from './errors/job-failed-error.js';

// The run is kept on the job instance under a symbol: a plain property store is far cheaper
// than a Map or WeakMap entry per job (WeakMaps cost ephemeron work in every GC), and symbol
// keys never reach the payload (it is built from Object.keys).
const RUN = Symbol('conveyor.run');
type WithRun = { [RUN]?: ActiveRun };

/** Running job instance → its active run (only while the run is in progress). */
export const activeRuns = {
  get: (job: IQueueable): ActiveRun | undefined => {
    const run = (job as WithRun)[RUN];
    return run !== undefined && !run.finished ? run : undefined;
  },
  set: (job: IQueueable, run: ActiveRun): void => {
    (job as WithRun)[RUN] = run;
  },
  delete: (job: IQueueable): void => {
    const run = (job as WithRun)[RUN];
    if (run !== undefined) run.finished = true;
  },
};

/** Job instance revived from a queue → the attempts it had made, so a later release keeps them. */
export const jobAttempts = {
  get: (job: IQueueable): number | undefined => (job as WithRun)[RUN]?.attempts,
};

/** One attempt in progress. Implements the context handed to `handle` and middleware. */
export class ActiveRun implements JobContext, JobEventInfo {
  /** Set when the attempt has ended. */
  finished = false;
  /** When the attempt times out (epoch ms), while a watchdog watches it. */
  deadline = Number.POSITIVE_INFINITY;
  /** Called by the watchdog at the deadline. */
  onTimeout: (() => void) | undefined;
  /** Seconds, once the handler asked to be released. */
  releaseDelay: number | undefined;
  /** Set once the handler asked to fail. */
  failError: Error | undefined;
  private controller: AbortController | undefined;
  private abortReason: unknown;

  constructor(
    readonly reservation: Reservation,
    /** The job's registry name. */
    readonly name: string,
    readonly connection: string,
    readonly atomic: AtomicHelpers,
    private readonly onProgress: ((value: unknown) => void) | undefined,
  ) {}

  /** The watchdog's hook. */
  timeOut(): void {
    this.onTimeout?.();
  }

  get id(): string {
    return this.reservation.id;
  }

  get attempts(): number {
    return this.reservation.attempts;
  }

  get queue(): string {
    return this.reservation.queue;
  }

  /** Created on first use: most jobs never look at it, and an AbortController per job adds up. */
  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.abortReason !== undefined) this.controller.abort(this.abortReason);
    }
    return this.controller.signal;
  }

  /** Aborts the signal (timeout, forced stop). */
  abort(reason: unknown): void {
    if (this.abortReason !== undefined) return;
    this.abortReason = reason;
    this.controller?.abort(reason);
  }

  get aborted(): boolean {
    return this.abortReason !== undefined;
  }

  progress(value: number | Record<string, unknown>): void {
    this.onProgress?.(value);
  }

  release(delay = 0): void {
    this.releaseDelay = delay;
  }

  fail(error?: Error | string): void {
    this.failError = error instanceof Error ? error : new JobFailedError(error ?? 'The job failed itself');
  }
}
