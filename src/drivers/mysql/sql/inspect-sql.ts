/**
 * @module drivers/mysql/sql/inspect-sql
 * Sizes, queue names, clearing, and the cheap poll behind `waitForWork`.
 */

/**
 * Counts of one queue. A row is reserved while its lease runs, delayed while not yet available,
 * ready otherwise. Params: now, now, now, queue.
 */
export const QUEUE_SIZES = `SELECT COUNT(*) AS total,
    COALESCE(SUM(reserved_until > ?), 0) AS reserved,
    COALESCE(SUM((reserved_until IS NULL OR reserved_until <= ?) AND available_at > ?), 0) AS delayed_count
  FROM {jobs} WHERE queue = ?`;

/** Queues with jobs or failed jobs. */
export const QUEUE_NAMES = 'SELECT DISTINCT queue FROM {jobs} UNION SELECT DISTINCT queue FROM {failed}';

/** Removes one queue's jobs. Params: queue. */
export const CLEAR_QUEUE = 'DELETE FROM {jobs} WHERE queue = ?';

/** Removes every job. */
export const CLEAR_ALL = 'DELETE FROM {jobs}';

/** Whether any of the queues has a reservable job. Params: queues, now, queues, now. */
export const HAS_WORK = `SELECT
    EXISTS(SELECT 1 FROM {jobs} WHERE queue IN (?) AND is_delayed = 0
      AND (reserved_until IS NULL OR reserved_until <= ?))
    OR EXISTS(SELECT 1 FROM {jobs} WHERE queue IN (?) AND is_delayed = 1 AND available_at <= ?) AS has_work`;
