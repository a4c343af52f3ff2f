/**
 * @module contracts/job-context
 * The second, optional argument of `handle(data, context)`.
 */

/** What a running job knows about its own reservation. */
export interface JobContext {
  /** The job's id, fixed at first push and kept across releases and retries. */
  readonly id: string;
  /** This attempt's number: 1 on the first run. */
  readonly attempts: number;
  /** The queue the job was reserved from. */
  readonly queue: string;
  /** The connection name the job runs on. */
  readonly connection: string;
  /** Aborts when the job times out or the worker is forced to stop. */
  readonly signal: AbortSignal;
  /** Reports progress (any JSON value, usually 0–100); emitted as a `progress` event. */
  progress(value: number | Record<string, unknown>): void;
  /** Releases this reservation back to the queue after `delay` seconds (default 0). */
  release(delay?: number): void;
  /** Fails the job now without further retries. */
  fail(error?: Error | string): void;
}
