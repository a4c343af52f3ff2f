/**
 * @module middleware/without-overlapping
 * `without-overlapping:key,releaseAfter,expireAfter` (defaults: job name, 1 s, 300 s): one job
 * per key at a time; another is released for `releaseAfter` seconds. The lock expires after
 * `expireAfter` seconds even if its worker died.
 */
import type { JobContext } from '../contracts/job-context.js';
import type { NextFunction } from '../contracts/middleware.js';
import type { IQueueable } from '../contracts/queueable.js';
import { atomicOf, numberArg } from './middleware-context.js';

/** The `without-overlapping` built-in. */
export async function withoutOverlapping(
  job: IQueueable,
  context: JobContext,
  next: NextFunction,
  key?: string,
  releaseAfter?: string,
  expireAfter?: string,
): Promise<void> {
  const atomic = atomicOf(context, 'without-overlapping');
  const lockKey = `overlap:${key || job.constructor.name}`;
  const owner = `${context.id}:${context.attempts}`;
  if (!(await atomic.acquireLock(lockKey, owner, numberArg(expireAfter, 300)))) {
    context.release(numberArg(releaseAfter, 1));
    return;
  }
  try {
    await next();
  } finally {
    await atomic.releaseLock(lockKey, owner);
  }
}
