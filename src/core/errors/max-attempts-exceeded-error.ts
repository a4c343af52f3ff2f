/**
 * @module core/errors/max-attempts-exceeded-error
 */
import { QueueError } from './queue-error.js';

/** The job has used all its attempts, or its retry deadline passed, before it could run again. */
export class MaxAttemptsExceededError extends QueueError {
  constructor(message: string) {
    super('ERR_MAX_ATTEMPTS', message);
  }

  /** The attempt limit was passed (a crash or an expired lease ate the attempts). */
  static forJob(name: string, id: string, attempts: number, limit: number): MaxAttemptsExceededError {
    return new MaxAttemptsExceededError(
      `Job '${name}' (${id}) has been attempted too many times (${attempts} of ${limit}): it may have timed out or crashed its worker`,
    );
  }

  /** The `retryUntil` deadline passed. */
  static forDeadline(name: string, id: string, deadline: number): MaxAttemptsExceededError {
    return new MaxAttemptsExceededError(
      `Job '${name}' (${id}) passed its retryUntil deadline (${new Date(deadline).toISOString()})`,
    );
  }
}
