/**
 * @module core/errors/job-timeout-error
 */
import { QueueError } from './queue-error.js';

/** An attempt ran longer than its timeout. */
export class JobTimeoutError extends QueueError {
  constructor(message: string) {
    super('ERR_JOB_TIMEOUT', message);
  }

  /** `Job 'send-email' (id) timed out after 30 s`. */
  static forJob(name: string, id: string, seconds: number): JobTimeoutError {
    return new JobTimeoutError(
      `Job '${name}' (${id}) timed out after ${seconds} s: raise its timeout() or make it honour context.signal`,
    );
  }
}
