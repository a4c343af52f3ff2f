/**
 * @module drivers/mysql/sql/ack-sql
 * Token-checked transitions of leased jobs. A token is a batch part plus the row's `seq`, and
 * unique, so the batch statements find rows by primary key (`seq IN …`, read from the tokens) and
 * `token IN …` then matches exactly the reservations given.
 */

/** Deletes completed jobs. Params: seqs, tokens. */
export const COMPLETE_JOBS = 'DELETE FROM {jobs} WHERE seq IN (?) AND token IN (?)';

/** Extends leases. Params: reservedUntil, seqs, tokens. */
export const EXTEND_JOBS = 'UPDATE {jobs} SET reserved_until = ? WHERE seq IN (?) AND token IN (?)';

/**
 * Returns a job to its queue, attempts kept, or lowered by `refund` (1 takes back the attempt the
 * reservation counted, never below 0; 0 keeps them). Params: availableAt, isDelayed, refund, id, token.
 */
export const RELEASE_JOB = `UPDATE {jobs} SET token = NULL, reserved_until = NULL, available_at = ?, is_delayed = ?,
    attempts = GREATEST(attempts - ?, 0)
  WHERE id = ? AND token = ?`;

/**
 * Copies a leased job into the failed store (replacing an older failure of the same id).
 * Params: connection, errorName, errorMessage, errorStack, failedAt, id, token.
 */
export const COPY_TO_FAILED = `REPLACE INTO {failed}
    (id, connection_name, queue, payload, priority, attempts, error_name, error_message, error_stack, failed_at)
  SELECT id, ?, queue, payload, priority, attempts, ?, ?, ?, ? FROM {jobs} WHERE id = ? AND token = ?`;

/** Deletes one leased job. Params: id, token. */
export const DELETE_LEASED = 'DELETE FROM {jobs} WHERE id = ? AND token = ?';
