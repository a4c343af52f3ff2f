/**
 * @module middleware/skip-if
 * `skip-if:methodName`: calls that method on the job; when it returns true (or a promise of
 * true) the job is deleted without running, as Laravel's `Skip::when`.
 */
import type { JobContext } from '../contracts/job-context.js';
import type { NextFunction } from '../contracts/middleware.js';
import type { IQueueable } from '../contracts/queueable.js';
import { QueueError } from '../core/errors/queue-error.js';

/** The `skip-if` built-in. */
export async function skipIf(
  job: IQueueable,
  _context: JobContext,
  next: NextFunction,
  method?: string,
): Promise<void> {
  const predicate = method ? (job as unknown as Record<string, unknown>)[method] : undefined;
  if (typeof predicate !== 'function') {
    throw new QueueError(
      'ERR_MIDDLEWARE_ARGUMENT',
      `skip-if needs the name of a method of ${job.constructor.name} that returns a boolean: 'skip-if:isStale'`,
    );
  }
  if (await predicate.call(job)) return;
  await next();
}
