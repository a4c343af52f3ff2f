/**
 * @module middleware/throttle-exceptions
 * `throttle-exceptions:maxExceptions,decaySeconds,key` (defaults: 10, 600, job name): after
 * `maxExceptions` errors within the window, jobs of this key are released until it ends,
 * without running, so a failing third party gets a rest.
 */
import type { JobContext } from '../contracts/job-context.js';
import type { NextFunction } from '../contracts/middleware.js';
import type { IQueueable } from '../contracts/queueable.js';
import { atomicOf, numberArg } from './middleware-context.js';

/** The `throttle-exceptions` built-in. */
export async function throttleExceptions(
  job: IQueueable,
  context: JobContext,
  next: NextFunction,
  maxExceptions?: string,
  decaySeconds?: string,
  key?: string,
): Promise<void> {
  const atomic = atomicOf(context, 'throttle-exceptions');
  const counterKey = `throttle:${key || job.constructor.name}`;
  const limit = numberArg(maxExceptions, 10);
  if ((await atomic.counter(counterKey)) >= limit) {
    context.release(Math.max(await atomic.counterTtl(counterKey), 0.001));
    return;
  }
  try {
    await next();
  } catch (error) {
    await atomic.increment(counterKey, 1, numberArg(decaySeconds, 600));
    throw error;
  }
}
