/**
 * @module core/errors/job-failed-error
 */
import { QueueError } from './queue-error.js';

/** A job failed itself through `context.fail(message)`. */
export class JobFailedError extends QueueError {
  constructor(message: string) {
    super('ERR_JOB_FAILED', message);
  }
}
