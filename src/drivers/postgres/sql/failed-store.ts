/**
 * @module drivers/postgres/sql/failed-store
 * The failed store's statements. Newest first is `failed_at DESC, id DESC` (ids sort by time).
 */
import type { Tables } from '../tables.js';

const columns = 'id, connection, queue, payload, error_name, error_message, error_stack, failed_at, attempts';

/** Page $2 rows from offset $3, of queue $1 or of all queues when $1 is null. */
export const failedListSql = (t: Tables): string => `
  SELECT ${columns} FROM ${t.failed}
  WHERE $1::text IS NULL OR queue = $1
  ORDER BY failed_at DESC, id DESC LIMIT $2 OFFSET $3`;

/** How many failed jobs, of queue $1 or all when null. */
export const failedCountSql = (t: Tables): string => `
  SELECT count(*)::int AS count FROM ${t.failed} WHERE $1::text IS NULL OR queue = $1`;

/** One failed job by id $1. */
export const failedGetSql = (t: Tables): string => `SELECT ${columns} FROM ${t.failed} WHERE id = $1`;

/**
 * Moves failed job $1 back to its queue in one statement: same id and priority, attempts 0,
 * ready at $2 (ms); returns its queue so the caller can tell and the listeners wake.
 */
export const failedRetrySql = (t: Tables, notify: boolean): string => `
  WITH moved AS (
    DELETE FROM ${t.failed} WHERE id = $1 RETURNING id, queue, payload, priority
  ), inserted AS (
    INSERT INTO ${t.jobs} AS j (id, queue, payload, available_at, priority, attempts)
    SELECT id, queue, payload, $2, priority, 0 FROM moved
    ON CONFLICT (id) DO UPDATE SET
      queue = EXCLUDED.queue, payload = EXCLUDED.payload, available_at = EXCLUDED.available_at,
      priority = EXCLUDED.priority, attempts = 0, seq = DEFAULT, token = NULL, reserved_until = NULL
    RETURNING j.queue
  )
  SELECT queue${notify ? `, pg_notify('${t.channel}', queue)` : ''} FROM inserted`;

/**
 * Stores a failed job as given (failed from outside a worker), replacing one with the same id.
 * $1 id, $2 connection, $3 queue, $4 payload, $5 priority, $6 error name, $7 message, $8 stack,
 * $9 failed_at (ms), $10 attempts.
 */
export const failedAddSql = (t: Tables): string => `
  INSERT INTO ${t.failed} AS f
    (id, connection, queue, payload, priority, error_name, error_message, error_stack, failed_at, attempts)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
  ON CONFLICT (id) DO UPDATE SET
    connection = EXCLUDED.connection, queue = EXCLUDED.queue, payload = EXCLUDED.payload,
    priority = EXCLUDED.priority, error_name = EXCLUDED.error_name, error_message = EXCLUDED.error_message,
    error_stack = EXCLUDED.error_stack, failed_at = EXCLUDED.failed_at, attempts = EXCLUDED.attempts`;

/** Deletes failed job $1. */
export const failedForgetSql = (t: Tables): string => `DELETE FROM ${t.failed} WHERE id = $1`;

/** Deletes all failed jobs, of queue $1 or all when null. */
export const failedFlushSql = (t: Tables): string => `
  DELETE FROM ${t.failed} WHERE $1::text IS NULL OR queue = $1`;

/** Deletes failed jobs that failed before $1 (ms). */
export const failedPruneSql = (t: Tables): string => `DELETE FROM ${t.failed} WHERE failed_at < $1`;
