/**
 * @module drivers/postgres/sql/fail
 * Moves a reserved job to the failed store in one statement, so it is never in both or neither.
 * A job that failed before (and was retried) replaces its old failed record.
 *
 * $1 id, $2 token, $3 connection, $4 error name, $5 message, $6 stack, $7 failed_at (ms).
 */
import type { Tables } from '../tables.js';

/** Deletes the job when its token is current and inserts it into `failed`; row count 1 = done. */
export const failSql = (t: Tables): string => `
  WITH moved AS (
    DELETE FROM ${t.jobs} WHERE id = $1 AND token = $2
    RETURNING id, queue, payload, priority, attempts
  )
  INSERT INTO ${t.failed} AS f
    (id, connection, queue, payload, priority, error_name, error_message, error_stack, failed_at, attempts)
  SELECT id, $3, queue, payload, priority, $4, $5, $6, $7, attempts FROM moved
  ON CONFLICT (id) DO UPDATE SET
    connection = EXCLUDED.connection, queue = EXCLUDED.queue, payload = EXCLUDED.payload,
    priority = EXCLUDED.priority, error_name = EXCLUDED.error_name, error_message = EXCLUDED.error_message,
    error_stack = EXCLUDED.error_stack, failed_at = EXCLUDED.failed_at, attempts = EXCLUDED.attempts`;
