/**
 * @module drivers/mysql/caller-connection
 * Checks the transaction handle a caller passes to `enqueueWith` and adapts mysql2's
 * callback-style connections to the promise API.
 */
import { QueueError } from '../../core/errors/queue-error.js';
import type { Queryable } from './mysql-client.js';

/** A promise-API connection, or a callback-API one (it has `.promise()`). */
type Candidate = { query?: unknown; promise?: () => unknown };

/** The caller's connection as a promise `Queryable`; throws `ERR_BAD_TRANSACTION` for anything else. */
export function callerConnection(transaction: unknown): Queryable {
  const candidate = (typeof transaction === 'object' && transaction !== null ? transaction : {}) as Candidate;
  // A callback connection's query() returns an emitter that `await` would not wait for.
  const promised = typeof candidate.promise === 'function' ? (candidate.promise() as Candidate) : candidate;
  if (typeof promised.query !== 'function') {
    throw new QueueError(
      'ERR_BAD_TRANSACTION',
      'The mysql driver pushes inside a transaction through a mysql2 connection: pass the connection that ran beginTransaction()',
    );
  }
  return promised as Queryable;
}
