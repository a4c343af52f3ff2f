/**
 * @module bench/mysql
 * Conveyor on MariaDB/MySQL, side by side with PostgreSQL references in the same run on the same
 * machine. No library the project compares against (graphile-worker, pg-boss, BullMQ) runs on
 * MySQL, so the peers are PostgreSQL ones: graphile-worker (tuned as in bench/postgres) and
 * Conveyor's own PostgreSQL driver, which show what the same worker does on the other server.
 * Contenders:
 * - conveyor-mysql: Conveyor on MariaDB, tuned (`prefetch` 500, see PREFETCH);
 * - conveyor-mysql-defaults: Conveyor on MariaDB, worker options at their defaults;
 * - conveyor-pg: Conveyor on PostgreSQL tuned as in bench/postgres/conveyor.ts, plus the same
 *   `prefetch`; conveyor-pg-defaults: its worker options at their defaults;
 * - graphile-worker: on PostgreSQL (bench/postgres/graphile-worker.ts).
 * What is measured, and how, is bench/lib/side-by-side.ts: no-op jobs at concurrency 10 and 50,
 * bulk enqueue and processing jobs/s, enqueue→start latency p50/p99, best of ROUNDS, a fresh
 * table prefix (MySQL) or schema (PostgreSQL) per measurement, dropped after. The machine is
 * shared: compare the ratios of one run, not figures across runs.
 *
 * A script, not a test: `npx tsx bench/mysql.ts [N=50000] [mysql-url] [postgres-url]`.
 * Env: ROUNDS (2), LIBS (comma list of names to run), CONCURRENCY (e.g. `50`), MYSQL_WORKER
 * (JSON worker options added to conveyor-mysql's), CONVEYOR_WORKER (added to conveyor-pg's
 * instead of the prefetch).
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import mysql from 'mysql2/promise';
import pg from 'pg';
import type { Contender } from './lib/contender.js';
import { conveyorMysql, dropMysqlTables } from './lib/conveyor-mysql.js';
import { printTable } from './lib/measure.js';
import { postgresTarget } from './lib/postgres-target.js';
import { processCpuSeconds } from './lib/process-cpu.js';
import { LATENCY_GAP_MS, LATENCY_JOBS, printCpu, sideBySide, type Target } from './lib/side-by-side.js';
import { graphileWorker } from './postgres/graphile-worker.js';

const total = Number(process.argv[2] ?? 50_000);
const mysqlUrl =
  process.argv[3] ?? process.env.CONVEYOR_BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
const postgresUrl =
  process.argv[4] ?? process.env.CONVEYOR_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const rounds = Number(process.env.ROUNDS ?? 2);
const concurrencies = (process.env.CONCURRENCY ?? '10,50').split(',').map(Number);
const only = process.env.LIBS?.split(',');

/**
 * Jobs a tuned worker reserves ahead of its free slots (500, graphile-worker's local queue size
 * here). Tried on this machine (30,000 jobs, MariaDB CPU per job being the steadier figure):
 * 0 → 196 µs at c=10 (claims of 10), 200 → 59 µs, 500 → 43 µs, 1,000 → 40 µs; 1,000 adds little
 * server-side and doubles what one worker holds.
 */
const PREFETCH = 500;

/**
 * conveyor-mysql's worker options: jobs reserved ahead into a local buffer (`prefetch`), so a
 * freed slot starts its next job while the next claim is in flight; completions keep the
 * default group commit (a 2 ms delay or batches of 200 gave nothing here). MYSQL_WORKER adds to them.
 */
const TUNED: Record<string, number> = {
  sleep: 1,
  prefetch: PREFETCH,
  ...(JSON.parse(process.env.MYSQL_WORKER ?? '{}') as Record<string, number>),
};

// conveyor-pg gets the same prefetch on top of its own tuning (CONVEYOR_WORKER, read when
// bench/postgres/conveyor.ts loads; hence the import after it is set), so the two tuned
// Conveyors differ by their server, not their worker.
process.env.CONVEYOR_WORKER ??= JSON.stringify({ prefetch: PREFETCH });
const { conveyor, conveyorDefaults } = await import('./postgres/conveyor.js');
/** Only the idle sleep set, as in every run. */
const DEFAULTS: Record<string, number> = { sleep: 1 };

const pgAdmin = new pg.Pool({ connectionString: postgresUrl, max: 2 });

function onMysql(contender: Contender): Target {
  return {
    contender,
    url: mysqlUrl,
    server: 'MariaDB',
    serverCpuSeconds: () => processCpuSeconds('mariadbd', 'mysqld'),
    fresh: () => `bench_${randomBytes(3).toString('hex')}_`,
    drop: (prefix) => dropMysqlTables(mysqlUrl, prefix),
  };
}

const targets = [
  onMysql(conveyorMysql('conveyor-mysql', TUNED)),
  onMysql(conveyorMysql('conveyor-mysql-defaults', DEFAULTS)),
  postgresTarget(conveyor, postgresUrl, pgAdmin, 'conveyor-pg'),
  postgresTarget(conveyorDefaults, postgresUrl, pgAdmin, 'conveyor-pg-defaults'),
  postgresTarget(graphileWorker, postgresUrl, pgAdmin),
].filter((t) => only === undefined || only.includes(t.contender.name));

async function mysqlSettings(): Promise<string> {
  const admin = await mysql.createConnection(mysqlUrl.replace(/^mariadb:/, 'mysql:'));
  try {
    const [rows] = (await admin.query(
      `SHOW VARIABLES WHERE Variable_name IN ('version', 'innodb_flush_log_at_trx_commit', 'innodb_buffer_pool_size', 'log_bin', 'innodb_purge_threads')`,
    )) as unknown as [Array<{ Variable_name: string; Value: string }>];
    return rows.map((r) => `${r.Variable_name}=${r.Value}`).join(' ');
  } finally {
    await admin.end();
  }
}

async function postgresSettings(): Promise<string> {
  const result = await pgAdmin.query<{ name: string; setting: string }>(
    `SELECT name, setting FROM pg_settings WHERE name IN ('server_version', 'synchronous_commit', 'fsync', 'shared_buffers')`,
  );
  return result.rows.map((r) => `${r.name}=${r.setting}`).join(' ');
}

console.log(
  'No library the project compares against runs on MySQL (graphile-worker, pg-boss and BullMQ are PostgreSQL- or Redis-only),',
);
console.log(
  'so Conveyor on MariaDB is measured beside PostgreSQL references in the same run: graphile-worker and Conveyor on PostgreSQL.',
);
console.log(`MariaDB: ${await mysqlSettings()}`);
console.log(`PostgreSQL: ${await postgresSettings()}`);
console.log(
  `Node ${process.version}; load ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')} on ${availableParallelism()} cores; both servers on this machine, over loopback`,
);
console.log(
  `${total.toLocaleString('en-US')} no-op jobs per throughput case, ${LATENCY_JOBS} pushes ${LATENCY_GAP_MS} ms apart per latency case, best of ${rounds} rounds`,
);
console.log(
  `Tuned: prefetch ${PREFETCH}, chosen from a sweep on this machine (MariaDB CPU per job at c=10 fell 196 → 59 → 43 → 40 µs for prefetch 0/200/500/1,000; 500 is graphile-worker's local queue here).`,
);
console.log(
  'MySQL latency: the producer is a second manager in this process, so the driver wakes the worker in-process; a producer in another process is seen within pollInterval (1 s by default).',
);
for (const { contender, server } of targets)
  console.log(`  ${contender.name} (${server}): ${contender.settings}`);
try {
  const { figures, cpu } = await sideBySide(targets, { total, concurrencies, rounds });
  printTable(figures, 'conveyor-mysql');
  printCpu(cpu, targets, concurrencies);
} finally {
  await pgAdmin.end();
}
