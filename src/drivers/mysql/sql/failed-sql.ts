/**
 * @module drivers/mysql/sql/failed-sql
 * The failed store. Lists are newest first.
 */

const FAILED_COLUMNS =
  'id, connection_name, queue, payload, attempts, error_name, error_message, error_stack, failed_at';

/** Page of all failed jobs. Params: limit, offset. */
export const LIST_FAILED = `SELECT ${FAILED_COLUMNS} FROM {failed} ORDER BY failed_at DESC, seq DESC LIMIT ? OFFSET ?`;

/** Page of one queue's failed jobs. Params: queue, limit, offset. */
export const LIST_FAILED_IN_QUEUE = `SELECT ${FAILED_COLUMNS} FROM {failed} WHERE queue = ?
  ORDER BY failed_at DESC, seq DESC LIMIT ? OFFSET ?`;

/** Count of all failed jobs. */
export const COUNT_FAILED = 'SELECT COUNT(*) AS n FROM {failed}';

/** Count of one queue's failed jobs. Params: queue. */
export const COUNT_FAILED_IN_QUEUE = 'SELECT COUNT(*) AS n FROM {failed} WHERE queue = ?';

/** One failed job. Params: id. */
export const GET_FAILED = `SELECT ${FAILED_COLUMNS} FROM {failed} WHERE id = ?`;

/** Locks one failed job for a retry and tells its queue. Params: id. */
export const LOCK_FAILED = 'SELECT queue FROM {failed} WHERE id = ? FOR UPDATE';

/** Re-enqueues a failed job: same id, ready now, attempts 0. Params: availableAt, id. */
export const COPY_TO_JOBS = `REPLACE INTO {jobs} (id, queue, payload, priority, available_at, is_delayed, attempts)
  SELECT id, queue, payload, priority, ?, 0, 0 FROM {failed} WHERE id = ?`;

/**
 * Stores a failure directly (a job failed from outside a worker), replacing one with the same id.
 * Params: id, connection, queue, payload, priority, attempts, errorName, errorMessage, errorStack, failedAt.
 */
export const ADD_FAILED = `REPLACE INTO {failed}
    (id, connection_name, queue, payload, priority, attempts, error_name, error_message, error_stack, failed_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** Deletes one failed job. Params: id. */
export const DELETE_FAILED = 'DELETE FROM {failed} WHERE id = ?';

/** Deletes every failed job. */
export const FLUSH_FAILED = 'DELETE FROM {failed}';

/** Deletes one queue's failed jobs. Params: queue. */
export const FLUSH_FAILED_IN_QUEUE = 'DELETE FROM {failed} WHERE queue = ?';

/** Deletes failed jobs older than a time. Params: cutoff (epoch ms). */
export const PRUNE_FAILED = 'DELETE FROM {failed} WHERE failed_at < ?';
