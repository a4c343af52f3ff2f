/**
 * @module core/errors/middleware-not-found-error
 */
import { QueueError } from './queue-error.js';

/** A job names a middleware nobody registered. */
export class MiddlewareNotFoundError extends QueueError {
  constructor(name: string) {
    super(
      'ERR_MIDDLEWARE_NOT_FOUND',
      `Middleware '${name}' is not registered: call manager.middleware.register('${name}', fn) before working the queue`,
    );
  }
}
