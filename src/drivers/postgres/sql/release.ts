/**
 * @module drivers/postgres/sql/release
 * Returns a reserved job to its queue, position (seq) kept, attempts kept or lowered by the
 * refund (1 takes back the attempt the reservation counted, never below 0; 0 keeps them).
 *
 * $1 id, $2 token, $3 available_at (ms), $4 refund (0 or 1).
 */
import type { Tables } from '../tables.js';

const update = (t: Tables): string => `
  UPDATE ${t.jobs} SET token = NULL, reserved_until = NULL, available_at = $3,
    attempts = greatest(attempts - $4::integer, 0)
  WHERE id = $1 AND token = $2`;

/** Releases without notifying (a delayed release: nobody can take it yet). */
export const releaseSql = (t: Tables): string => update(t);

/** Releases for now and wakes listeners of the job's queue. */
export const releaseNotifySql = (t: Tables): string => `
  WITH released AS (${update(t)} RETURNING queue)
  SELECT pg_notify('${t.channel}', queue) FROM released`;
