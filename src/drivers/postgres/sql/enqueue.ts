/**
 * @module drivers/postgres/sql/enqueue
 * Bulk insert through `unnest` (one statement for any number of jobs); an existing id is replaced
 * as a fresh push (new position, lease dropped). The notifying form wakes listeners once per
 * queue that received a job that is ready now: NOTIFY is sent at commit, so a push inside a
 * caller's transaction wakes nobody until it commits.
 *
 * $1 ids, $2 queues, $3 payloads, $4 available_at (ms), $5 priorities, $6 attempts; [$7 now (ms)].
 */
import type { Tables } from '../tables.js';

const insert = (t: Tables): string => `
  INSERT INTO ${t.jobs} AS j (id, queue, payload, available_at, priority, attempts)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::int[], $6::int[])
  ON CONFLICT (id) DO UPDATE SET
    queue = EXCLUDED.queue, payload = EXCLUDED.payload, available_at = EXCLUDED.available_at,
    priority = EXCLUDED.priority, attempts = EXCLUDED.attempts, seq = DEFAULT,
    token = NULL, reserved_until = NULL`;

/** Inserts without notifying. */
export const enqueueSql = (t: Tables): string => insert(t);

/** Inserts, then `pg_notify(channel, queue)` once per queue with a job ready now. */
export const enqueueNotifySql = (t: Tables): string => `
  WITH inserted AS (${insert(t)} RETURNING j.queue, j.available_at)
  SELECT pg_notify('${t.channel}', q.queue)
  FROM (SELECT DISTINCT queue FROM inserted WHERE available_at <= $7) AS q`;
