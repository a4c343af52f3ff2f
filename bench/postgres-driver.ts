/**
 * @module bench/postgres-driver
 * Driver-level throughput of the PostgreSQL driver (a script, not a test; `npm test` never runs it):
 * - bulk enqueue of 50k jobs in one call, and in calls of 1,000;
 * - reserve(50) + complete cycles over 50k jobs with 1 and 4 concurrent loops;
 * - the same with 1 loop over a queue list whose first two queues are empty (the cost of
 *   claiming queue by queue in strict order).
 * Each figure is the best and the median of ROUNDS runs: the machine is shared, so the best is
 * the steadier estimate of what the driver can do. Beside it, CPU µs per job of this process and
 * of the PostgreSQL backends serving it (read from /proc when the server is local), which stay
 * meaningful when other work steals the cores.
 *
 * Usage: npx tsx bench/postgres-driver.ts [postgres://postgres@127.0.0.1:5432/test]
 * Env: JOBS (50000), BATCH (50), ROUNDS (3), SYNC_COMMIT=off to run with synchronous_commit=off.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { EnqueueRecord } from '../src/drivers/driver.js';
import { createPostgresDriver } from '../src/drivers/postgres/index.js';

const url =
  process.argv[2] ?? process.env.CONVEYOR_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const JOBS = Number(process.env.JOBS ?? 50_000);
const BATCH = Number(process.env.BATCH ?? 50);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const syncCommit = process.env.SYNC_COMMIT;
const schema = `bench_${randomBytes(3).toString('hex')}`;

const connectionString = syncCommit
  ? `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c synchronous_commit=${syncCommit}`)}`
  : url;
const pool = new pg.Pool({ connectionString, max: 12, application_name: `conveyor-bench-${schema}` });
const driver = createPostgresDriver({ pool, schema });

function records(queue: string, count: number): EnqueueRecord[] {
  const now = Date.now();
  const data = 'x'.repeat(200);
  return Array.from({ length: count }, (_, i) => {
    const id = `${now.toString(36)}-${i.toString(36).padStart(6, '0')}-${randomBytes(2).toString('hex')}`;
    return {
      id,
      queue,
      payload: JSON.stringify({ v: 1, id, name: 'bench', data }),
      availableAt: now,
      priority: 0,
    };
  });
}

const CLOCK_TICKS_PER_SECOND = 100;

/** CPU seconds used so far by the server backends of our pool (0 when /proc is not theirs). */
async function backendCpuSeconds(): Promise<number> {
  const { rows } = await pool.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE application_name = $1',
    [`conveyor-bench-${schema}`],
  );
  let ticks = 0;
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
    } catch {
      // not on this machine
    }
  }
  return ticks / CLOCK_TICKS_PER_SECOND;
}

/** Jobs per second of `work` (which handles JOBS jobs) after `prepare`, best and median of ROUNDS, and CPU per job. */
async function measure(
  label: string,
  prepare: () => Promise<void>,
  work: () => Promise<number>,
): Promise<void> {
  const rates: number[] = [];
  const clientCpu: number[] = [];
  const serverCpu: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    await driver.clearAll();
    await prepare();
    await pool.query(`VACUUM ANALYZE "${schema}".jobs`);
    const serverBefore = await backendCpuSeconds();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const count = await work();
    rates.push((count / (performance.now() - started)) * 1000);
    const cpu = process.cpuUsage(cpuBefore);
    clientCpu.push((cpu.user + cpu.system) / count);
    serverCpu.push((((await backendCpuSeconds()) - serverBefore) * 1e6) / count);
  }
  rates.sort((a, b) => b - a);
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;
  const fmt = (n: number | undefined) => Math.round(n ?? 0).toLocaleString('en-US');
  console.log(
    `${label.padEnd(44)} best ${fmt(rates[0]).padStart(7)} jobs/s, median ${fmt(rates[rates.length >> 1]).padStart(7)};` +
      ` CPU per job: client ${median(clientCpu).toFixed(1)} µs, server ${median(serverCpu).toFixed(1)} µs`,
  );
}

async function drain(loops: number, queues: string[]): Promise<number> {
  let done = 0;
  const loop = async () => {
    for (;;) {
      const batch = await driver.reserve(queues, BATCH, 60);
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
  console.log(
    `PostgreSQL driver, ${JOBS} jobs, batch ${BATCH}, ${ROUNDS} rounds` +
      (syncCommit ? `, synchronous_commit=${syncCommit}` : ''),
  );
  let pending: EnqueueRecord[] = [];
  await measure(
    `enqueue: one call of ${JOBS}`,
    async () => {
      pending = records('bulk', JOBS);
    },
    async () => {
      await driver.enqueue(pending);
      return JOBS;
    },
  );
  await measure(
    'enqueue: calls of 1000',
    async () => {
      pending = records('bulk', JOBS);
    },
    async () => {
      for (let i = 0; i < pending.length; i += 1000) await driver.enqueue(pending.slice(i, i + 1000));
      return JOBS;
    },
  );
  for (const loops of [1, 4]) {
    await measure(
      `reserve(${BATCH}) + complete: ${loops} loop${loops > 1 ? 's' : ''}`,
      () => driver.enqueue(records('cycle', JOBS)),
      () => drain(loops, ['cycle']),
    );
  }
  await measure(
    `reserve(${BATCH}) + complete: 1 loop, 3 queues`,
    () => driver.enqueue(records('third', JOBS)),
    () => drain(1, ['first', 'second', 'third']),
  );
} finally {
  await driver.close();
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await pool.end();
}
