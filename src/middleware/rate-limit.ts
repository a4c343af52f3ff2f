/**
 * @module middleware/rate-limit
 * `rate-limit:key,max,perSeconds` (defaults: job name, 60, 60): at most `max` runs per window;
 * a job over the limit is released until the window ends, without counting as an exception.
 */
import type { JobContext } from '../contracts/job-context.js';
import type { NextFunction } from '../contracts/middleware.js';
import type { IQueueable } from '../contracts/queueable.js';
import { atomicOf, numberArg } from './middleware-context.js';

/** The `rate-limit` built-in. */
export async function rateLimit(
  job: IQueueable,
  context: JobContext,
  next: NextFunction,
  key?: string,
  max?: string,
  perSeconds?: string,
): Promise<void> {
  const atomic = atomicOf(context, 'rate-limit');
  const window = numberArg(perSeconds, 60);
  const counterKey = `rate-limit:${key || job.constructor.name}`;
  const used = await atomic.increment(counterKey, 1, window);
  if (used > numberArg(max, 60)) {
    context.release(Math.max(await atomic.counterTtl(counterKey), 0.001));
    return;
  }
  await next();
}
