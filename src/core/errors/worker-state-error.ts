/**
 * @module core/errors/worker-state-error
 */
import { QueueError } from './queue-error.js';

/** A worker method was called in a state where it cannot run. */
export class WorkerStateError extends QueueError {
  constructor(message: string) {
    super('ERR_WORKER_STATE', message);
  }
}
