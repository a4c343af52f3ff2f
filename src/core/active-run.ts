/**
 * @module core/active-run
 * The state of one running attempt: its context, and what the handler asked for
 * (`release`, `fail`). Jobs map to their active run so `connection.release(job, …)` called
 * inside `handle` releases the current reservation (rule 8).
 */
import type { JobContext } from '../contracts/job-context.js';
import type { IQueueable } from '../contracts/queueable.js';
import type { AtomicHelpers, Reservation } from '../drivers/driver.js';
import { JobFailedError } from './errors/job-failed-error.js';

/**
 * Running job instance → its active run. A plain Map, emptied as each run ends: cheaper than
 * a WeakMap entry per job, which costs ephemeron work in every GC at 100,000+ jobs/s.
 */
export const activeRuns = new Map<IQueueable, ActiveRun>();

/** Job instance revived from a queue → the attempts it had made, so a later release keeps them. */
export const jobAttempts = new WeakMap<IQueueable, number>();

/** One attempt in progress. Implements the context handed to `handle` and middleware. */
export class ActiveRun implements JobContext {
  /** Seconds, once the handler asked to be released. */
  releaseDelay: number | undefined;
  /** Set once the handler asked to fail. */
  failError: Error | undefined;
  private controller: AbortController | undefined;
  private abortReason: unknown;

  constructor(
    readonly reservation: Reservation,
    readonly connection: string,
    readonly atomic: AtomicHelpers,
    private readonly onProgress: (value: unknown) => void,
  ) {}

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
    this.onProgress(value);
  }

  release(delay = 0): void {
    this.releaseDelay = delay;
  }

  fail(error?: Error | string): void {
    this.failError = error instanceof Error ? error : new JobFailedError(error ?? 'The job failed itself');
  }
}
