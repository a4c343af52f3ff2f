/**
 * Full stack on MariaDB/MySQL: Conveyor's QueueManager and Worker over the mysql driver, with
 * no-op jobs, at worker concurrency 10 and 50:
 * - bulk enqueue jobs/s: `manager.bulk` in chunks of 1,000;
 * - processing jobs/s: one Worker (`completeBatchDelay` 2 ms) draining what was enqueued;
 * - enqueue→start latency p50/p99: an idle worker, 500 jobs pushed one by one 5 ms apart,
 *   timed from the push call to the worker's `processing` event. Producer and worker share the
 *   process, so the driver's in-process wake-up applies; a worker in another process would see
 *   a job within the driver's `pollInterval` instead (MySQL has no notifications).
 *
 * No peer is printed: none of the libraries the project compares against runs on MySQL
 * (graphile-worker, pg-boss and BullMQ's PostgreSQL backend are PostgreSQL-only), so these are
 * Conveyor's own figures. Each case uses a fresh table prefix and drops its tables after.
 *
 * Run: npx tsx bench/mysql.ts [jobs=20000] [url=mysql://root@127.0.0.1:3306/test]
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import mysql from 'mysql2/promise';
import { type IQueueable, QueueManager, Worker } from '../src/index.js';
import { type Figure, percentile, printTable, seconds, until } from './lib/measure.js';

const total = Number(process.argv[2] ?? 20_000);
const url = process.argv[3] ?? process.env.CONVEYOR_BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
const concurrencies = [10, 50];
const LATENCY_JOBS = 500;
const LATENCY_GAP_MS = 5;
const TABLES = ['jobs', 'failed_jobs', 'counters', 'locks', 'migrations'];
const figures: Figure[] = [];

class NoopJob implements IQueueable {
  shouldQueue() {
    return true;
  }
  handle() {}
}

/** Carries the time it was pushed (this process's clock), read back in `processing`. */
class StampedJob implements IQueueable {
  constructor(readonly sentAt: number) {}
  shouldQueue() {
    return true;
  }
  handle() {}
}

function freshManager(tablePrefix: string): QueueManager {
  return new QueueManager({ connections: { main: { driver: 'mysql', uri: url, tablePrefix } } });
}

async function dropTables(admin: mysql.Connection, tablePrefix: string): Promise<void> {
  await admin.query(`DROP TABLE IF EXISTS ${TABLES.map((t) => `\`${tablePrefix}${t}\``).join(', ')}`);
}

async function throughput(concurrency: number, tablePrefix: string): Promise<void> {
  const manager = freshManager(tablePrefix);
  await manager.connection().size();
  const jobs = Array.from({ length: total }, () => new NoopJob());
  const enqueue = await seconds(async () => {
    for (let i = 0; i < total; i += 1000) await manager.bulk(jobs.slice(i, i + 1000), { n: 1 });
  });
  const worker = new Worker(manager, { concurrency, sleep: 0.05, completeBatchDelay: 2 });
  worker.on('error', (error) => console.error(error));
  const work = await seconds(async () => {
    await worker.start();
    await until(() => worker.getProcessedCount() >= total);
  });
  await worker.stop();
  await manager.close();
  const setting = `c=${concurrency}`;
  figures.push({
    library: 'conveyor',
    setting,
    metric: 'bulk enqueue',
    value: total / enqueue,
    unit: 'jobs/s',
  });
  figures.push({ library: 'conveyor', setting, metric: 'processing', value: total / work, unit: 'jobs/s' });
  console.error(
    `${setting}: enqueue ${Math.round(total / enqueue)}/s, processing ${Math.round(total / work)}/s`,
  );
}

async function latency(concurrency: number, tablePrefix: string): Promise<void> {
  const manager = freshManager(tablePrefix);
  await manager.connection().size();
  const worker = new Worker(manager, { concurrency, sleep: 1, completeBatchDelay: 2 });
  const waits: number[] = [];
  worker.on('processing', (job) => {
    if (job instanceof StampedJob) waits.push(performance.now() - job.sentAt);
  });
  worker.on('error', (error) => console.error(error));
  const idle = new Promise<void>((resolve) => worker.on('idle', () => resolve()));
  await worker.start();
  await idle;
  const started = performance.now();
  for (let i = 0; i < LATENCY_JOBS; i++) {
    await manager.push(new StampedJob(performance.now()), { n: i });
    const next = started + (i + 1) * LATENCY_GAP_MS;
    await sleep(Math.max(0, next - performance.now()));
  }
  await until(() => worker.getProcessedCount() >= LATENCY_JOBS, 60_000);
  await worker.stop();
  await manager.close();
  const setting = `c=${concurrency}`;
  const p50 = percentile(waits, 50);
  const p99 = percentile(waits, 99);
  figures.push({ library: 'conveyor', setting, metric: 'enqueue→start p50', value: p50, unit: 'ms' });
  figures.push({ library: 'conveyor', setting, metric: 'enqueue→start p99', value: p99, unit: 'ms' });
  console.error(`${setting}: latency p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms`);
}

const admin = await mysql.createConnection(url.replace(/^mariadb:/, 'mysql:'));
const [[server]] = (await admin.query('SELECT VERSION() AS v')) as unknown as [[{ v: string }]];
console.log(
  `MySQL/MariaDB ${server.v}, full stack (QueueManager + Worker), ${total.toLocaleString('en-US')} no-op jobs per case, Node ${process.version}`,
);
console.log(
  `load average ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')} on ${availableParallelism()} cores; no MySQL peer exists among the compared libraries`,
);
const prefixes: string[] = [];
try {
  for (const concurrency of concurrencies) {
    const throughputPrefix = `bench_${randomBytes(3).toString('hex')}_`;
    prefixes.push(throughputPrefix);
    await throughput(concurrency, throughputPrefix);
    await dropTables(admin, throughputPrefix);
    const latencyPrefix = `bench_${randomBytes(3).toString('hex')}_`;
    prefixes.push(latencyPrefix);
    await latency(concurrency, latencyPrefix);
    await dropTables(admin, latencyPrefix);
  }
  printTable(figures, 'conveyor');
} finally {
  for (const prefix of prefixes) await dropTables(admin, prefix).catch(() => undefined);
  await admin.end();
}
