/**
 * @module bench/lib/contender
 * What the side-by-side benchmark needs from each library: a session on a fresh schema that can
 * bulk-enqueue no-op jobs, run a worker at a given concurrency, push one job, and count what is
 * left. Each library's file adapts its own API to this.
 */

/** The data every benchmark job carries: when it was pushed (this process's `performance.now()`). */
export interface JobData {
  sentAt?: number;
}

/** One library on one fresh schema. */
export interface Session {
  /** Enqueues `count` no-op jobs through the library's bulk API, in calls of `chunk`. */
  bulkEnqueue(count: number, chunk: number): Promise<void>;
  /** Starts a worker at `concurrency`; `onJob` runs at the start of every handler. */
  startWorker(concurrency: number, onJob: (data: JobData) => void): Promise<void>;
  /** Pushes one job the way an application would (from a producer that is not the worker). */
  push(data: JobData): Promise<void>;
  /** Jobs not yet completed (ready, delayed or running) in storage. */
  remaining(): Promise<number>;
  /** Stops the worker and closes every connection. */
  close(): Promise<void>;
}

/** A library under test. */
export interface Contender {
  /** Shown in the tables. */
  name: string;
  /** How it is configured, for the header. */
  settings: string;
  /** Opens a session on `schema`, which does not exist yet (the library creates it). */
  open(url: string, schema: string): Promise<Session>;
}
