/**
 * @module drivers/mysql/reserve-jobs
 * The batch claim: promote due delayed rows (autocommit), then in one READ COMMITTED transaction
 * `SELECT … FOR UPDATE SKIP LOCKED` per queue in strict order and one `UPDATE` leasing them all.
 * On a pool the driver owns that is two round trips: promote + begin + first select, then
 * lease + commit (more only when a second queue is needed).
 */
import { randomBytes } from 'node:crypto';
import type { Reservation } from '../driver.js';
import { type Statement, selectRows } from './mysql-client.js';
import type { MysqlContext } from './mysql-context.js';

interface ReadyRow {
  seq: number;
  id: string;
  payload: string;
  attempts: number;
}

/** Claims up to `max` jobs from `queues` (strict order) for `leaseSeconds`. */
export function reserveJobs(
  context: MysqlContext,
  queues: readonly string[],
  max: number,
  leaseSeconds: number,
): Promise<Reservation[]> {
  const wanted = Math.floor(max);
  const names = [...new Set(queues)];
  if (wanted <= 0 || names.length === 0) return Promise.resolve([]);
  const { client, sql } = context;
  const batchToken = `${randomBytes(12).toString('base64url')}.`;
  return client.withConnection(async (connection) => {
    const now = Date.now();
    const claimed: Array<ReadyRow & { queue: string }> = [];
    for (const [index, queue] of names.entries()) {
      const room = wanted - claimed.length;
      if (room <= 0) break;
      const select: Statement = [sql.reserve.SELECT_READY, [queue, now, room]];
      const rows =
        index === 0
          ? ((
              await client.begin(connection, [[sql.reserve.PROMOTE_DUE, [names, now]]], [select])
            )[0] as ReadyRow[])
          : await selectRows<ReadyRow>(connection, ...select);
      for (const row of rows) claimed.push({ ...row, queue });
    }
    if (claimed.length === 0) {
      await client.commit(connection);
      return [];
    }
    const leaseUntil = now + Math.round(leaseSeconds * 1000);
    await client.commit(connection, [
      [sql.reserve.LEASE_JOBS, [batchToken, leaseUntil, claimed.map((r) => r.seq)]],
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
