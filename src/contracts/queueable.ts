/**
 * @module contracts/queueable
 * The seed's `IQueueable`, with the supersets DESIGN.md documents:
 * `backoff(): number | number[]`, middleware as names or instances,
 * `handle(data, context)`, and `retryUntil()`.
 */
import type { JobContext } from './job-context.js';
import type { MiddlewareEntry } from './middleware.js';
import type { IShouldQueue } from './should-queue.js';

/** The base interface for jobs that can be queued. */
export interface IQueueable extends IShouldQueue {
  /** Middleware names (resolved in the manager's middleware registry) or instances. */
  middleware?(): MiddlewareEntry[];
  /** `true` seals the job's properties and data with AES-256-GCM (needs a key). */
  shouldBeEncrypted?(): boolean;
  /** The work. `context` is optional for the author. */
  handle(data: any, context?: JobContext): Promise<void> | void;
  /** Called once, on a fresh instance, when the job finally fails. */
  failed?(error: Error): Promise<void> | void;
  /** Attempt limit (default: options, worker setting, then 1; 0 = unlimited). */
  tries?(): number;
  /** Seconds before a retry; an array gives one delay per attempt, the last repeating. */
  backoff?(): number | number[];
  /** Fail once this many attempts have thrown, even if tries remain. */
  maxExceptions?(): number;
  /** Return `false` to fail at once on this error instead of retrying. */
  shouldRelease?(error: Error): boolean;
  /** Seconds to wait before retrying after attempt `attempt` (overrides `backoff`). */
  retryAfter?(attempt: number): number;
  /** Seconds one attempt may run (default 60; 0 = none). */
  timeout?(): number;
  /** A deadline that replaces the attempt limit: retry until then. */
  retryUntil?(): Date | number;
}

/** A job class: anything constructible into an `IQueueable`. */
export type JobClass = new (...args: any[]) => IQueueable;
