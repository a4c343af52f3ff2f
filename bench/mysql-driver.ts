/**
 * @module bench/mysql-driver
 * Driver-level throughput of the MySQL/MariaDB driver (not a test; not run by `npm test`):
 * - bulk enqueue of 50k jobs in one call, and in calls of 1,000;
 * - single-job enqueues (one call each), for the per-push round-trip cost;
 * - reserve(50) + complete cycles over 50k jobs with 1 and 4 concurrent loops;
 * - reserve(50) + complete with 20k delayed jobs parked in the same queue (must not slow down).
 *
 * Usage: npx tsx bench/mysql-driver.ts [mysql://root@127.0.0.1:3306/test]
 * Env: JOBS (default 50000), BATCH (default 50). Uses its own table prefix and drops it after.
 * Prints the load average first: on a shared machine the wall-clock figures move with it, so
 * each line also gives CPU per job of this process and of the local `mariadbd`/`mysqld` (from
 * /proc; 0 when the server is elsewhere), which move far less.
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import mysql from 'mysql2/promise';
import type { EnqueueRecord } from '../src/drivers/driver.js';
import { createMysqlDriver } from '../src/drivers/mysql/index.js';
import { processCpuSeconds } from './lib/process-cpu.js';

const url = process.argv[2] ?? process.env.CONVEYOR_BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
const JOBS = Number(process.env.JOBS ?? 50_000);
const BATCH = Number(process.env.BATCH ?? 50);
const SINGLES = 2_000;
const DELAYED = 20_000;
const tablePrefix = `bench_${randomBytes(3).toString('hex')}_`;

let idCounter = 0;
function records(queue: string, count: number, availableAt = Date.now()): EnqueueRecord[] {
  const now = Date.now();
  const body = 'x'.repeat(200);
  return Array.from({ length: count }, () => {
    const id = `${now.toString(36)}-${(idCounter++).toString(36).padStart(7, '0')}-${randomBytes(2).toString('hex')}`;
    return {
      id,
      queue,
      payload: JSON.stringify({ v: 1, id, name: 'bench', data: body }),
      availableAt,
      priority: 0,
    };
  });
}

function rate(count: number, ms: number): string {
  return `${Math.round((count / ms) * 1000).toLocaleString('en-US')} jobs/s (${count} in ${ms.toFixed(0)} ms)`;
}

/** Prints wall-clock rate and CPU per job of this process and of the server (steadier on a shared machine). */
async function timed(label: string, count: number, fn: () => Promise<void>): Promise<void> {
  const cpu = process.cpuUsage();
  const server = processCpuSeconds('mariadbd', 'mysqld');
  const started = performance.now();
  await fn();
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuPerJob = (used.user + used.system) / count;
  const serverPerJob = ((processCpuSeconds('mariadbd', 'mysqld') - server) * 1e6) / count;
  console.log(
    `  ${label.padEnd(52)} ${rate(count, wall)}, cpu per job: client ${cpuPerJob.toFixed(1)} µs, server ${serverPerJob.toFixed(1)} µs`,
  );
}

const driver = createMysqlDriver({ uri: url, tablePrefix, poolSize: 12 });

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

async function main(): Promise<void> {
  await driver.connect();
  const admin = await mysql.createConnection(url.replace(/^mariadb:/, 'mysql:'));
  const [[server]] = (await admin.query('SELECT VERSION() AS v')) as unknown as [[{ v: string }]];
  console.log(`mysql driver bench: ${server.v}, Node ${process.version}, ${JOBS} jobs, batch ${BATCH}`);
  console.log(
    `  load average ${loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')} on ${availableParallelism()} cores`,
  );

  const all = records('bulk-one', JOBS);
  await timed(`enqueue ${JOBS} in one call`, JOBS, () => driver.enqueue(all));
  await driver.clearAll();
  const chunked = records('bulk-1000', JOBS);
  await timed(`enqueue ${JOBS} in calls of 1,000`, JOBS, async () => {
    for (let i = 0; i < chunked.length; i += 1_000) await driver.enqueue(chunked.slice(i, i + 1_000));
  });
  await driver.clearAll();
  const singles = records('singles', SINGLES);
  await timed(`enqueue ${SINGLES} one call each`, SINGLES, async () => {
    for (const record of singles) await driver.enqueue([record]);
  });
  await driver.clearAll();

  for (const loops of [1, 4]) {
    const queue = `cycle-${loops}`;
    await driver.enqueue(records(queue, JOBS));
    let done = 0;
    await timed(`reserve(${BATCH})+complete, ${loops} loop${loops > 1 ? 's' : ''}`, JOBS, async () => {
      done = await drainWith(loops, queue);
    });
    if (done !== JOBS) throw new Error(`completed ${done} of ${JOBS}`);
  }

  const parked = 'parked';
  await driver.enqueue(records(parked, DELAYED, Date.now() + 3_600_000));
  await driver.enqueue(records(parked, JOBS));
  await timed(`reserve(${BATCH})+complete, 4 loops, ${DELAYED} delayed beside`, JOBS, async () => {
    await drainWith(4, parked);
  });
  const started = performance.now();
  const idle = 200;
  for (let i = 0; i < idle; i++) await driver.reserve([parked], BATCH, 60);
  console.log(
    `  ${'empty reserve with the delayed backlog'.padEnd(52)} ${((performance.now() - started) / idle).toFixed(2)} ms each`,
  );

  await driver.close();
  const tables = ['jobs', 'failed_jobs', 'counters', 'locks', 'migrations'].map(
    (t) => `\`${tablePrefix}${t}\``,
  );
  await admin.query(`DROP TABLE IF EXISTS ${tables.join(', ')}`);
  await admin.end();
}

await main();
