/**
 * @module bench/postgres-driver
 * Driver-level throughput of the PostgreSQL driver (not a test; not run by `npm test`):
 * - bulk enqueue of 50k jobs in one call, and in calls of 1,000;
 * - reserve(50) + complete cycles over 50k jobs with 1 and 4 concurrent loops.
 *
 * Usage: npx tsx bench/postgres-driver.ts [postgres://postgres@127.0.0.1:5432/test]
 * Env: JOBS (default 50000), BATCH (default 50), SYNC_COMMIT=off to try synchronous_commit=off.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { EnqueueRecord } from '../src/drivers/driver.js';
import { createPostgresDriver } from '../src/drivers/postgres/index.js';

const url = process.argv[2] ?? process.env.CONVEYOR_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const JOBS = Number(process.env.JOBS ?? 50_000);
const BATCH = Number(process.env.BATCH ?? 50);
const schema = `bench_${randomBytes(3).toString('hex')}`;
const syncCommit = process.env.SYNC_COMMIT;

function records(queue: string, count: number): EnqueueRecord[] {
  const now = Date.now();
  const body = 'x'.repeat(200);
  return Array.from({ length: count }, (_, i) => {
    const id = `${now.toString(36)}-${i.toString(36).padStart(6, '0')}-${randomBytes(2).toString('hex')}`;
    return { id, queue, payload: JSON.stringify({ v: 1, id, name: 'bench', data: body }), availableAt: now, priority: 0 };
  });
}

function rate(count: number, ms: number): string {
  return `${Math.round((count / ms) * 1000).toLocaleString('en-US')} jobs/s (${count} in ${ms.toFixed(0)} ms)`;
}

const pool = new pg.Pool({ connectionString: url, max: 12 });
if (syncCommit) pool.on('connect', (client) => void client.query(`SET synchronous_commit = ${syncCommit}`));
const driver = createPostgresDriver({ pool, schema, poolSize: 12 });

async function drainWith(loops: number, queue: string): Promise<number> {
  let done = 0;
  const loop = async () => {
    for (;;) {
      const batch = await driver.reserve([queue], BATCH, 60);
      if (batch.length === 0) return;
      // read `done` only after the await: `done += await …` would lose other loops' counts
      const completed = await driver.complete(batch);
      done += completed;
    }
  };
  await Promise.all(Array.from({ length: loops }, loop));
  return done;
}

try {
  await driver.connect();
  console.log(`PostgreSQL driver bench: schema ${schema}, ${JOBS} jobs, batch ${BATCH}${syncCommit ? `, synchronous_commit=${syncCommit}` : ''}`);

  const one = records('bulk-one', JOBS);
  let started = performance.now();
  await driver.enqueue(one);
  console.log(`enqueue, one call of ${JOBS}:   ${rate(JOBS, performance.now() - started)}`);
  await driver.clearAll();

  const chunked = records('bulk-chunks', JOBS);
  started = performance.now();
  for (let i = 0; i < chunked.length; i += 1000) await driver.enqueue(chunked.slice(i, i + 1000));
  console.log(`enqueue, calls of 1000:       ${rate(JOBS, performance.now() - started)}`);
  await driver.clearAll();

  for (const loops of [1, 4]) {
    const queue = `cycle-${loops}`;
    await driver.enqueue(records(queue, JOBS));
    await pool.query(`VACUUM ANALYZE "${schema}".jobs`);
    started = performance.now();
    const done = await drainWith(loops, queue);
    console.log(`reserve(${BATCH}) + complete, ${loops} loop${loops > 1 ? 's' : ' '}: ${rate(done, performance.now() - started)}`);
  }
} finally {
  await driver.close();
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await pool.end();
}
