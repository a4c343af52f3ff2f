/**
 * @module drivers/mysql/reserve-jobs
 * The batch claim, per queue in strict order: one READ COMMITTED transaction that chooses
 * candidates with a plain read, locks the first ones still free by primary key, leases them,
 * reads them back and commits (why: sql/reserve-sql.ts). On a pool the driver owns, that is one
 * round trip per queue (the first also promotes due delayed rows); one more, with the locking
 * scan, only when reservers in other processes took the spare candidates too. Reserves from this
 * process on the same queues take turns (reserve-turns.ts).
 */
import { randomBytes } from 'node:crypto';
import type { Reservation } from '../driver.js';
import type { Statement } from './mysql-client.js';
import type { MysqlContext } from './mysql-context.js';
import { inTurn } from './reserve-turns.js';

/** Candidates chosen per job wanted (2): the spare half serves when a concurrent reserver holds the first. */
export const CANDIDATES_PER_SLOT = 2;

/**
 * Smallest batch that chooses candidates first (10). Choosing costs two statements (about
 * 0.35 ms of server time), as much as a locking scan spends stepping over ~1,500 unpurged deletes:
 * worth it while a backlog drains in big batches, not for the odd job or an empty poll, where
 * the locking scan goes straight to the rows.
 */
export const MIN_BATCH_FOR_CANDIDATES = 10;

/**
 * Queues (by storage + name) whose last reserve from this process filled its batch: a backlog is
 * draining, so the next reserve chooses candidates. Reserves on one queue take turns, so each
 * sees the outcome of the one before.
 */
const draining = new Set<string>();

interface LeasedRow {
  seq: number;
  id: string;
  payload: string;
  /** Already counting this reservation. */
  attempts: number;
  priority: number;
  available_at: number;
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
  const turn = `${context.storage}\u0000${names.join('\u0000')}`;
  return inTurn(turn, () => claim(context, names, wanted, leaseSeconds));
}

function claim(
  context: MysqlContext,
  names: readonly string[],
  wanted: number,
  leaseSeconds: number,
): Promise<Reservation[]> {
  const { client, sql } = context;
  const batchToken = `${randomBytes(12).toString('base64url')}.`;
  return client.withConnection(async (connection) => {
    const now = Date.now();
    // At least 1 ms: a lease ending at `now` would let the fallback scan claim the same rows again.
    const leaseUntil = now + Math.max(1, Math.round(leaseSeconds * 1000));
    const lease: Statement[] = [
      [sql.reserve.LEASE_PICKED, [batchToken, leaseUntil]],
      [sql.reserve.FETCH_PICKED],
    ];
    const claimed: Reservation[] = [];
    const take = (rows: LeasedRow[], queue: string): void => {
      for (const row of rows.sort(reserveOrder)) {
        claimed.push({
          id: row.id,
          queue,
          payload: row.payload,
          attempts: row.attempts,
          token: `${batchToken}${row.seq}`,
          leaseUntil,
        });
      }
    };
    for (const [index, queue] of names.entries()) {
      const room = wanted - claimed.length;
      if (room <= 0) break;
      const promote: Statement[] = index === 0 ? [[sql.reserve.PROMOTE_DUE, [names, now]]] : [];
      const queueKey = `${context.storage}\u0000${queue}`;
      const direct = room < MIN_BATCH_FOR_CANDIDATES || !draining.has(queueKey);
      const window = room * CANDIDATES_PER_SLOT;
      const lock: Statement[] = direct
        ? [[sql.reserve.LOCK_READY_SCAN, [queue, now, room]]]
        : [
            [sql.reserve.CHOOSE_CANDIDATES, [queue, now, window]],
            [sql.reserve.LOCK_CANDIDATES, [queue, now, room]],
          ];
      const count: Statement[] = direct ? [] : [[sql.reserve.COUNT_CANDIDATES]];
      const [rows, counted] = (await client.send(
        connection,
        [...promote, ...client.beginStatements(), ...lock, ...lease, ...count, ['COMMIT']],
        count.length + 2,
      )) as [LeasedRow[], Array<{ candidates: number | string }>?];
      take(rows, queue);
      if (rows.length === room) draining.add(queueKey);
      else draining.delete(queueKey);
      if (direct || rows.length === room || Number(counted?.[0]?.candidates ?? 0) < window) continue;
      // Others locked or leased more candidates than the spare ones: the locking scan finds the rest.
      const [more] = (await client.send(
        connection,
        [
          ...client.beginStatements(),
          [sql.reserve.LOCK_READY_SCAN, [queue, now, room - rows.length]],
          ...lease,
          ['COMMIT'],
        ],
        2,
      )) as [LeasedRow[]];
      take(more, queue);
    }
    return claimed;
  });
}

/** Within a queue: higher priority first, then earlier availability, then push order. */
function reserveOrder(a: LeasedRow, b: LeasedRow): number {
  return (
    b.priority - a.priority ||
    Number(a.available_at) - Number(b.available_at) ||
    Number(a.seq) - Number(b.seq)
  );
}
