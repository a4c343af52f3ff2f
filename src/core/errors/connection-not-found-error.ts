/**
 * @module core/errors/connection-not-found-error
 */
import { QueueError } from './queue-error.js';

/** A connection name the manager does not know. */
export class ConnectionNotFoundError extends QueueError {
  constructor(name: string, known: string[]) {
    super(
      'ERR_CONNECTION_NOT_FOUND',
      `Queue connection '${name}' is not configured: add it with manager.addConnection('${name}', createConnection(url)) (known: ${known.join(', ') || 'none'})`,
    );
  }
}
