/**
 * @module contracts/job-options
 * The seed's `IJobOptions`, plus the documented `retryUntil` and `failOnTimeout`.
 */

/** Options for job processing, given at dispatch. The job's own methods win over these. */
export interface IJobOptions {
  /** Queue name (default: the job's `queue()`, then the connection's default). */
  queue?: string;
  /** Connection name (default: the job's `connection()`, then the manager's default). */
  connection?: string;
  /** Seconds before the job is available (default 0). */
  delay?: number;
  /** Attempt limit (0 = unlimited). */
  tries?: number;
  /** Seconds one attempt may run (0 = none). */
  timeout?: number;
  /** Seconds between retries; an array gives one per attempt. */
  backoff?: number | number[];
  /** Fail after this many thrown attempts. */
  maxExceptions?: number;
  /** Seal the job's properties and data (default: the job's `shouldBeEncrypted()`). */
  encrypted?: boolean;
  /** Extra middleware names, run after the job's own. */
  middleware?: string[];
  /** Free-form labels, shown by the CLI and dashboard. */
  tags?: string[];
  /** Higher runs first within a queue (default 0). */
  priority?: number;
  /** Retry until this deadline instead of counting attempts. */
  retryUntil?: Date | number;
  /** Fail at once when an attempt times out (default false). */
  failOnTimeout?: boolean;
}
