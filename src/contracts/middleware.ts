/**
 * @module contracts/middleware
 * Job middleware: `(job, context, next) => Promise`.
 */
import type { JobContext } from './job-context.js';
import type { IQueueable } from './queueable.js';

/** Runs the rest of the pipeline (later middleware, then `handle`). */
export type NextFunction = () => Promise<void>;

/** A job middleware function. Call `next()` to run the job, or skip it to drop/release. */
export type JobMiddleware = (job: IQueueable, context: JobContext, next: NextFunction) => Promise<void>;

/** A middleware given by instance: an object with a `handle` method. */
export interface JobMiddlewareObject {
  handle(job: IQueueable, context: JobContext, next: NextFunction): Promise<void>;
}

/** What `middleware()` may return: registry names (`'rate-limit:emails,10,60'`) or instances. */
export type MiddlewareEntry = string | JobMiddleware | JobMiddlewareObject;
