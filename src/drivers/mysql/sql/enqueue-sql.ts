/**
 * @module drivers/mysql/sql/enqueue-sql
 * Storing jobs. Placeholders `{jobs}` etc. are bound to the prefixed table names once per driver.
 */

/**
 * Multi-row insert; `VALUES ?` takes rows of `[id, queue, payload, priority, available_at, is_delayed,
 * attempts]`. REPLACE gives a re-pushed id a fresh place in push order and drops any lease it had.
 */
export const INSERT_JOBS =
  'REPLACE INTO {jobs} (id, queue, payload, priority, available_at, is_delayed, attempts) VALUES ?';
