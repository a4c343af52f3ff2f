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
 * processed job of this process and of all PostgreSQL server processes (from /proc). The
 * measurement loop is bench/lib/side-by-side.ts.
 *
 * A script, not a test: `npx tsx bench/postgres/index.ts [N=50000] [url]`.
 * Env: ROUNDS (2), LIBS (comma list of names to run), CONCURRENCY (e.g. `50`).
 */
import { availableParallelism, loadavg } from 'node:os';
import pg from 'pg';
import { printTable } from '../lib/measure.js';
import { postgresTarget } from '../lib/postgres-target.js';
import { LATENCY_GAP_MS, LATENCY_JOBS, printCpu, sideBySide } from '../lib/side-by-side.js';
import { bullmqPostgres } from './bullmq.js';
import { conveyor, conveyorDefaults } from './conveyor.js';
import { graphileWorker } from './graphile-worker.js';
import { pgBoss } from './pg-boss.js';

const total = Number(process.argv[2] ?? 50_000);
const url =
  process.argv[3] ?? process.env.CONVEYOR_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const rounds = Number(process.env.ROUNDS ?? 2);
const concurrencies = (process.env.CONCURRENCY ?? '10,50').split(',').map(Number);
const only = process.env.LIBS?.split(',');

const admin = new pg.Pool({ connectionString: url, max: 2 });
const targets = [graphileWorker, pgBoss, bullmqPostgres, conveyorDefaults, conveyor]
  .filter((c) => only === undefined || only.includes(c.name))
  .map((c) => postgresTarget(c, url, admin));

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
for (const { contender } of targets) console.log(`  ${contender.name}: ${contender.settings}`);
try {
  const { figures, cpu } = await sideBySide(targets, { total, concurrencies, rounds });
  printTable(figures, 'conveyor');
  printCpu(cpu, targets, concurrencies);
} finally {
  await admin.end();
}
