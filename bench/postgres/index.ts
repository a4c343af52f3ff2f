/**
 * @module bench/postgres
 * Side by side on PostgreSQL, same server, same database, same run: graphile-worker (tuned),
 * pg-boss, BullMQ's PostgreSQL backend and Conveyor (tuned: `prefetch: 500`, as graphile-worker's
 * local queue of 500; and at its defaults), with no-op jobs, at concurrency 10 and 50:
 * - bulk enqueue jobs/s: N jobs through each library's bulk API, in calls of 1,000;
 * - processing jobs/s: one worker draining those N jobs, timed from its start until storage
 *   holds none (every completion acknowledged);
 * - enqueue→start latency p50/p99: an idle worker; 500 jobs pushed one at a time, 5 ms apart,
 *   from a producer with its own connections; timed from the push call to the handler's start.
 * Every library gets a fresh schema per measurement, dropped after. The libraries take turns
 * (the order flips each round), and each figure is the best of ROUNDS: the machine is shared,
 * so compare the ratios of one run, not figures across runs. Beside the tables, CPU per
 * processed job of this process and of all PostgreSQL server processes (from /proc).
 *
 * A script, not a test: `npx tsx bench/postgres/index.ts [N=50000] [url]`.
 * Env: ROUNDS (2), LIBS (comma list of names to run), CONCURRENCY (e.g. `50`).
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { type Figure, percentile, printTable, seconds, until } from '../lib/measure.js';
import { bullmqPostgres } from './bullmq.js';
import type { Contender } from './contender.js';
import { conveyor, conveyorDefaults } from './conveyor.js';
import { graphileWorker } from './graphile-worker.js';
import { pgBoss } from './pg-boss.js';
import { serverCpuSeconds } from './server-cpu.js';

const total = Number(process.argv[2] ?? 50_000);
const url =
  process.argv[3] ?? process.env.CONVEYOR_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const rounds = Number(process.env.ROUNDS ?? 2);
const concurrencies = (process.env.CONCURRENCY ?? '10,50').split(',').map(Number);
const only = process.env.LIBS?.split(',');
const CHUNK = 1000;
const LATENCY_JOBS = 500;
const LATENCY_GAP_MS = 5;

const contenders = [graphileWorker, pgBoss, bullmqPostgres, conveyorDefaults, conveyor].filter(
  (c) => only === undefined || only.includes(c.name),
);
const admin = new pg.Pool({ connectionString: url, max: 2 });
const figures: Figure[] = [];
const cpu: Array<{ library: string; setting: string; client: number; server: number }> = [];

/** Keeps the best value of a metric (highest rate, lowest latency) across rounds. */
function record(figure: Figure): void {
  const existing = figures.find(
    (f) => f.library === figure.library && f.setting === figure.setting && f.metric === figure.metric,
  );
  if (existing === undefined) figures.push(figure);
  else if (figure.unit === 'ms' ? figure.value < existing.value : figure.value > existing.value)
    existing.value = figure.value;
}

async function withSchema<T>(lib: Contender, work: (schema: string) => Promise<T>): Promise<T> {
  const schema = `bench_${lib.name.replace(/\W/g, '_')}_${randomBytes(3).toString('hex')}`;
  try {
    return await work(schema);
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  }
}

async function throughput(lib: Contender, concurrency: number): Promise<void> {
  await withSchema(lib, async (schema) => {
    const session = await lib.open(url, schema);
    try {
      const enqueue = await seconds(() => session.bulkEnqueue(total, CHUNK));
      let started = 0;
      const serverBefore = serverCpuSeconds();
      const clientBefore = process.cpuUsage();
      const work = await seconds(async () => {
        await session.startWorker(concurrency, () => {
          started++;
        });
        await until(() => started >= total, 600_000, 5);
        await until(async () => (await session.remaining()) === 0, 120_000, 10);
      });
      const client = process.cpuUsage(clientBefore);
      const server = serverCpuSeconds() - serverBefore;
      const setting = `c=${concurrency}`;
      record({ library: lib.name, setting, metric: 'bulk enqueue', value: total / enqueue, unit: 'jobs/s' });
      record({ library: lib.name, setting, metric: 'processing', value: total / work, unit: 'jobs/s' });
      const perJob = { client: (client.user + client.system) / total, server: (server * 1e6) / total };
      cpu.push({ library: lib.name, setting, ...perJob });
      console.error(
        `${lib.name} ${setting}: enqueue ${Math.round(total / enqueue)}/s, processing ${Math.round(total / work)}/s` +
          ` (CPU per job: client ${perJob.client.toFixed(1)} µs, server ${perJob.server.toFixed(1)} µs)`,
      );
    } finally {
      await session.close();
    }
  });
}

async function latency(lib: Contender, concurrency: number): Promise<void> {
  await withSchema(lib, async (schema) => {
    const session = await lib.open(url, schema);
    const waits: number[] = [];
    try {
      await session.startWorker(concurrency, (data) => {
        if (data.sentAt !== undefined) waits.push(performance.now() - data.sentAt);
      });
      // let the worker settle into its idle wait first
      await sleep(1000);
      const begin = performance.now();
      for (let i = 0; i < LATENCY_JOBS; i++) {
        await session.push({ sentAt: performance.now() });
        await sleep(Math.max(0, begin + (i + 1) * LATENCY_GAP_MS - performance.now()));
      }
      await until(() => waits.length >= LATENCY_JOBS, 60_000, 5);
    } finally {
      await session.close();
    }
    const setting = `c=${concurrency}`;
    const p50 = percentile(waits, 50);
    const p99 = percentile(waits, 99);
    record({ library: lib.name, setting, metric: 'enqueue→start p50', value: p50, unit: 'ms' });
    record({ library: lib.name, setting, metric: 'enqueue→start p99', value: p99, unit: 'ms' });
    console.error(`${lib.name} ${setting}: latency p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms`);
  });
}

const settings = await admin.query<{ name: string; setting: string }>(
  `SELECT name, setting FROM pg_settings WHERE name IN ('server_version', 'synchronous_commit', 'fsync', 'autovacuum', 'shared_buffers')`,
);
console.log(
  `PostgreSQL ${settings.rows.map((r) => `${r.name}=${r.setting}`).join(' ')}; Node ${process.version}; ` +
    `load ${loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')} on ${availableParallelism()} cores`,
);
console.log(
  `${total.toLocaleString('en-US')} no-op jobs per throughput case, ${LATENCY_JOBS} pushes ${LATENCY_GAP_MS} ms apart per latency case, best of ${rounds} rounds`,
);
console.log(
  "BullMQ's PostgreSQL backend: bullmq 6 ships it (createPostgresBackend); no separate npm package is needed.",
);
for (const lib of contenders) console.log(`  ${lib.name}: ${lib.settings}`);
try {
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? contenders : [...contenders].reverse();
    for (const concurrency of concurrencies) {
      for (const lib of order) await throughput(lib, concurrency);
      for (const lib of order) await latency(lib, concurrency);
    }
  }
  printTable(figures, 'conveyor');
  console.log('\nCPU per processed job, µs (median over rounds): client process / PostgreSQL server');
  for (const concurrency of concurrencies) {
    const setting = `c=${concurrency}`;
    const cells = contenders.map((lib) => {
      const rows = cpu.filter((c) => c.library === lib.name && c.setting === setting);
      const median = (values: number[]) => percentile(values, 50);
      return `${lib.name} ${median(rows.map((r) => r.client)).toFixed(1)} / ${median(rows.map((r) => r.server)).toFixed(1)}`;
    });
    console.log(`${setting}: ${cells.join('   ')}`);
  }
} finally {
  await admin.end();
}
