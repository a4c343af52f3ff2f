/**
 * @module contracts/queue-connection
 * The seed's `IQueueConnection`: one named connection to one storage backend.
 */
import type { IQueueable } from './queueable.js';

/** Interface for queue connections, which are responsible for processing queueable jobs. */
export interface IQueueConnection {
  /** Pushes a job now (its `delay()` still applies). */
  push(job: IQueueable, data: any, queue?: string): Promise<void>;
  /** Pushes a job that becomes available after `delay` seconds. */
  later(delay: number, job: IQueueable, data: any, queue?: string): Promise<void>;
  /** Pushes many jobs, each with the same data, in one storage round-trip. */
  bulk(jobs: IQueueable[], data: any, queue?: string): Promise<void>;
  /** Reserves and runs up to `count` ready jobs now (default 1); returns how many ran. */
  process(queue?: string, count?: number): Promise<number>;
  /** Ready + delayed + reserved jobs in the queue. */
  size(queue?: string): Promise<number>;
  /** Delayed jobs only. */
  delayedSize(queue?: string): Promise<number>;
  /** Removes every job of the queue (not the failed store). */
  clear(queue?: string): Promise<void>;
  /** Removes every job of every queue of this connection. */
  clearAll(): Promise<void>;
  /** Inside `handle`: releases the current reservation; outside: pushes anew, attempts kept. */
  release(job: IQueueable, data: any, delay?: number, queue?: string): Promise<void>;
  /** Stores the job in the failed store and calls its `failed()`. */
  failed(job: IQueueable, data: any, error: Error): Promise<void>;
  /** This connection's name. */
  getName(): string;
  /** The queue used when none is given (default `'default'`). */
  getDefaultQueue(): string;
  /** Changes the queue used when none is given. */
  setDefaultQueue(queue: string): void;
}
