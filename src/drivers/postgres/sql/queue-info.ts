/**
 * @module drivers/postgres/sql/queue-info
 * Read-only statements about queues: sizes, names, and the poll fallback's cheap "any work?".
 */
import type { Tables } from '../tables.js';
import { dbNowMs } from './clock.js';

/**
 * Counts by state for queue $1, due meaning `available_at <= $2` (client ms). An expired lease counts as ready: the next reserve
 * takes it.
 */
export const sizesSql = (t: Tables): string => `
  SELECT
    count(*) FILTER (WHERE token IS NULL AND available_at <= $2
                        OR token IS NOT NULL AND reserved_until <= ${dbNowMs})::int AS ready,
    count(*) FILTER (WHERE token IS NULL AND available_at > $2)::int AS delayed,
    count(*) FILTER (WHERE token IS NOT NULL AND reserved_until > ${dbNowMs})::int AS reserved
  FROM ${t.jobs} WHERE queue = $1`;

/** Names of queues holding jobs or failed jobs, sorted. */
export const queuesSql = (t: Tables): string => `
  SELECT queue FROM ${t.jobs} UNION SELECT queue FROM ${t.failed} ORDER BY queue`;

/**
 * Whether any of queues $1 has a job to take (due by $2, client ms): a free job or an expired
 * lease, as the claim sees them (one walk of the claim index per queue).
 */
export const hasWorkSql = (t: Tables): string => `
  SELECT EXISTS (
    SELECT 1 FROM ${t.jobs}
    WHERE queue = ANY($1) AND available_at <= $2 AND (token IS NULL OR reserved_until <= ${dbNowMs})
  ) AS has_work`;

/** Removes every job of queue $1. */
export const clearSql = (t: Tables): string => `DELETE FROM ${t.jobs} WHERE queue = $1`;

/** Removes every job (the failed store stays). */
export const clearAllSql = (t: Tables): string => `DELETE FROM ${t.jobs}`;

/** Reclaims dead rows and index entries of the jobs table (see table-upkeep.ts); never in a transaction. */
export const vacuumJobsSql = (t: Tables): string =>
  `VACUUM (INDEX_CLEANUP ON, SKIP_LOCKED, PARALLEL 0) ${t.jobs}`;
