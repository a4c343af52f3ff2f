/**
 * @module middleware/middleware-context
 * What built-in middleware need beyond `JobContext`: the connection's atomic helpers.
 */
import type { JobContext } from '../contracts/job-context.js';
import { QueueError } from '../core/errors/queue-error.js';
import type { AtomicHelpers } from '../drivers/driver.js';

/** The context the runner passes to middleware. */
export interface MiddlewareContext extends JobContext {
  /** Counters and locks of the job's connection. */
  readonly atomic: AtomicHelpers;
}

/** Narrows a context to one with atomic helpers, or explains why a built-in cannot run. */
export function atomicOf(context: JobContext, middleware: string): AtomicHelpers {
  const atomic = (context as Partial<MiddlewareContext>).atomic;
  if (atomic === undefined) {
    throw new QueueError(
      'ERR_MIDDLEWARE_CONTEXT',
      `Middleware '${middleware}' needs a queue connection's counters`,
    );
  }
  return atomic;
}

/** Parses a numeric middleware argument, with a default. */
export function numberArg(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : fallback;
}
