/**
 * @module drivers/mysql/reserve-jobs
 * The batch claim: promote due delayed rows (autocommit), then in one READ COMMITTED transaction
 * `SELECT … FOR UPDATE SKIP LOCKED` per queue in strict order and one `UPDATE` leasing them all.
 */
import { randomBytes } from 'node:crypto';
import type { Reservation } from '../driver.js';
import { execute, selectRows } from './mysql-client.js';
import type { MysqlContext } from './mysql-context.js';

interface ReadyRow {
  seq: number;
  id: string;
  payload: string;
  attempts: number;
}

/** Claims up to `max` jobs from `queues` (strict order) for `leaseSeconds`. */
export async function reserveJobs(
  context: MysqlContext,
  queues: readonly string[],
  max: number,
  leaseSeconds: number,
): Promise<Reservation[]> {
  const wanted = Math.floor(max);
  const names = [...new Set(queues)];
  if (wanted <= 0 || names.length === 0) return [];
  const { client, sql } = context;
  await client.exec(sql.reserve.PROMOTE_DUE, [names, Date.now()]);
  const batchToken = `${randomBytes(12).toString('base64url')}.`;
  return client.transaction(async (connection) => {
    const now = Date.now();
    const claimed: Array<ReadyRow & { queue: string }> = [];
    for (const queue of names) {
      const room = wanted - claimed.length;
      if (room <= 0) break;
      const rows = await selectRows<ReadyRow>(connection, sql.reserve.SELECT_READY, [queue, now, room]);
      for (const row of rows) claimed.push({ ...row, queue });
    }
    if (claimed.length === 0) return [];
    const leaseUntil = now + Math.round(leaseSeconds * 1000);
    await execute(connection, sql.reserve.LEASE_JOBS, [
      batchToken,
      leaseUntil,
      claimed.map((row) => row.seq),
    ]);
    return claimed.map((row) => ({
      id: row.id,
      queue: row.queue,
      payload: row.payload,
      attempts: row.attempts + 1,
      token: `${batchToken}${row.seq}`,
      leaseUntil,
    }));
  });
}
