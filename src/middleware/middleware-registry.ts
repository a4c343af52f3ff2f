/**
 * @module middleware/middleware-registry
 * Named job middleware. `middleware()` on a job returns names such as
 * `'rate-limit:emails,10,60'`; the part after the colon is split on commas and passed as
 * string arguments after `next`.
 */
import type { JobContext } from '../contracts/job-context.js';
import type { JobMiddleware, MiddlewareEntry, NextFunction } from '../contracts/middleware.js';
import type { IQueueable } from '../contracts/queueable.js';
import { MiddlewareNotFoundError } from '../core/errors/middleware-not-found-error.js';
import { rateLimit } from './rate-limit.js';
import { skipIf } from './skip-if.js';
import { throttleExceptions } from './throttle-exceptions.js';
import { withoutOverlapping } from './without-overlapping.js';

/** A registered middleware: the job middleware signature plus the name's string arguments. */
export type NamedMiddleware = (
  job: IQueueable,
  context: JobContext,
  next: NextFunction,
  ...args: string[]
) => Promise<void>;

/** Name → middleware. Comes with `rate-limit`, `without-overlapping`, `throttle-exceptions`, `skip-if`. */
export class MiddlewareRegistry {
  private readonly entries = new Map<string, NamedMiddleware>([
    ['rate-limit', rateLimit],
    ['without-overlapping', withoutOverlapping],
    ['throttle-exceptions', throttleExceptions],
    ['skip-if', skipIf],
  ]);

  /** Registers (or replaces) a named middleware. */
  register(name: string, middleware: NamedMiddleware): this {
    this.entries.set(name, middleware);
    return this;
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  unregister(name: string): void {
    this.entries.delete(name);
  }

  /** Resolves names and instances to plain middleware functions; unknown names throw. */
  resolve(entries: readonly MiddlewareEntry[]): JobMiddleware[] {
    return entries.map((entry) => {
      if (typeof entry === 'function') return entry;
      if (typeof entry === 'object' && entry !== null)
        return (job, ctx, next) => entry.handle(job, ctx, next);
      const colon = entry.indexOf(':');
      const name = colon < 0 ? entry : entry.slice(0, colon);
      const args = colon < 0 ? [] : entry.slice(colon + 1).split(',');
      const middleware = this.entries.get(name);
      if (middleware === undefined) throw new MiddlewareNotFoundError(name);
      return (job, ctx, next) => middleware(job, ctx, next, ...args);
    });
  }
}

/** Runs `middleware` in order around `last`. */
export function runPipeline(
  middleware: readonly JobMiddleware[],
  job: IQueueable,
  context: JobContext,
  last: () => Promise<void> | void,
): Promise<void> {
  const step = async (index: number): Promise<void> => {
    const current = middleware[index];
    if (current === undefined) return last();
    let called = false;
    return current(job, context, () => {
      if (called) return Promise.reject(new Error('next() called twice by a job middleware'));
      called = true;
      return step(index + 1);
    });
  };
  return step(0);
}
