/**
 * @module test/drivers/postgres-transaction
 * Pushing inside the caller's transaction through the public API:
 * `manager.dispatch(job, data, { transaction: client })` after BEGIN stores nothing on ROLLBACK,
 * and on COMMIT the job reaches a running worker only then (woken by the NOTIFY sent at commit,
 * not by a poll), and sees the rows written in the same transaction.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { type IQueueable, type JobContext, QueueManager, Worker } from '../../src/index.js';

const URL = process.env.CONVEYOR_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `pgt_${randomBytes(3).toString('hex')}`;
const admin = new pg.Pool({ connectionString: URL, max: 3 });

afterAll(async () => {
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
});

interface Seen {
  orderId: number;
  /** Whether the job found its order row: it was written in the same transaction as the push. */
  orderFound: boolean;
  at: number;
}

const seen: Seen[] = [];

/** Records what it saw; reads the order the push was made with. */
class ShipOrderJob implements IQueueable {
  static jobName = 'ship-order';
  shouldQueue(): boolean {
    return true;
  }
  async handle(data: { orderId: number }, _context?: JobContext): Promise<void> {
    const found = await admin.query(`SELECT 1 FROM "${schema}".orders WHERE id = $1`, [data.orderId]);
    seen.push({ orderId: data.orderId, orderFound: found.rowCount === 1, at: Date.now() });
  }
}

async function jobCount(): Promise<number> {
  const result = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${schema}".jobs`);
  return result.rows[0]?.n ?? -1;
}

describe('postgres: dispatch inside the caller transaction', () => {
  it('ROLLBACK stores nothing; COMMIT makes the job visible to a waiting worker only then', async () => {
    // pollInterval 60 s and sleep 30 s: only the NOTIFY at commit can wake the worker in time
    const manager = new QueueManager({
      connections: { main: `${URL}?schema=${schema}&pollInterval=60000&poolSize=3` },
    });
    manager.registry.register(ShipOrderJob.jobName, ShipOrderJob);
    await manager.connection().size();
    await admin.query(`CREATE TABLE "${schema}".orders (id integer PRIMARY KEY)`);
    const worker = new Worker(manager, { sleep: 30, concurrency: 2 });
    const errors: Error[] = [];
    worker.on('error', (error) => errors.push(error));
    const idle = new Promise<void>((resolve) => worker.on('idle', () => resolve()));
    await worker.start();
    await idle;

    const client = await admin.connect();
    try {
      await client.query('BEGIN');
      await client.query(`INSERT INTO "${schema}".orders (id) VALUES (1)`);
      await manager.dispatch(new ShipOrderJob(), { orderId: 1 }, { transaction: client });
      // inside the transaction the push is visible to the transaction itself only
      const inside = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${schema}".jobs`);
      expect(inside.rows[0]?.n).toBe(1);
      expect(await jobCount()).toBe(0);
      await client.query('ROLLBACK');
      expect(await jobCount()).toBe(0);
      expect(await manager.connection().size()).toBe(0);

      await client.query('BEGIN');
      await client.query(`INSERT INTO "${schema}".orders (id) VALUES (2)`);
      await manager.dispatch(new ShipOrderJob(), { orderId: 2 }, { transaction: client });
      await sleep(400);
      expect(await jobCount()).toBe(0);
      expect(seen).toEqual([]);
      const committedAt = Date.now();
      await client.query('COMMIT');

      const deadline = Date.now() + 5000;
      while (worker.getProcessedCount() < 1 && Date.now() < deadline) await sleep(10);
      expect(worker.getProcessedCount()).toBe(1);
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ orderId: 2, orderFound: true });
      expect((seen[0]?.at ?? 0) - committedAt).toBeLessThan(1000);
      expect(await jobCount()).toBe(0);
      expect(await manager.connection().size()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      client.release();
      await worker.stop();
      await manager.close();
    }
  }, 30_000);
});
