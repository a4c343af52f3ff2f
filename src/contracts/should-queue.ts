/**
 * @module contracts/should-queue
 * The seed's `IShouldQueue`: an object that may be queued.
 */

/** An object that should be processed asynchronously. */
export interface IShouldQueue {
  /** `false` runs the job in-process at once instead of queueing it. */
  shouldQueue(): boolean;
  /** Connection name to use; `null`/absent means the manager's default. */
  connection?(): string | null;
  /** Queue name to use; `null`/absent means the connection's default queue. */
  queue?(): string | null;
  /** Seconds to wait before the job becomes available (default 0). */
  delay?(): number;
}
