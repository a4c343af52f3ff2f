/**
 * @module bench/postgres/scale
 * Does Conveyor on PostgreSQL keep its pace on a big backlog? One Worker (concurrency 50, the
 * defaults otherwise) burns down N_BIG no-op jobs (1,000,000) queued up front; N_SMALL (50,000)
 * on a fresh schema, just before and just after, give the reference rate (the machine is
 * shared, so the reference is the mean of the two). Prints the rate per window of the
 * burn-down, the whole-run rate against the reference (the aim: within 20%), and the size of
 * the jobs table with its indexes (`pg_total_relation_size`) before, during (the largest seen),
 * when the last job is done, and once the idle worker's vacuum ran, with the dead tuples
 * PostgreSQL counted. Fresh schema per phase, dropped after.
 *
 * A script, not a test: `npx tsx bench/postgres/scale.ts [N_BIG=1000000] [N_SMALL=50000] [url]`.
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { type IQueueable, JobRegistry, QueueManager, Worker } from '../../src/index.js';

const big = Number(process.argv[2] ?? 1_000_000);
const small = Number(process.argv[3] ?? 50_000);
const url =
  process.argv[4] ?? process.env.CONVEYOR_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CONCURRENCY = 50;
const CHUNK = 10_000;
const SAMPLE_MS = 2000;
const IDLE_MS = 10_000;

class NoopJob implements IQueueable {
  static jobName = 'noop';
  shouldQueue(): boolean {
    return true;
  }
  handle(): void {}
}

const registry = new JobRegistry();
registry.register(NoopJob.jobName, NoopJob);
const admin = new pg.Pool({ connectionString: url, max: 2 });
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

interface TableState {
  total: number;
  heap: number;
  indexes: number;
  live: number;
  dead: number;
}

async function tableState(schema: string): Promise<TableState> {
  const { rows } = await admin.query<{
    total: string;
    heap: string;
    indexes: string;
    live: string;
    dead: string;
  }>(
    `SELECT pg_total_relation_size(c.oid) AS total, pg_relation_size(c.oid) AS heap,
            pg_indexes_size(c.oid) AS indexes,
            coalesce(s.n_live_tup, 0) AS live, coalesce(s.n_dead_tup, 0) AS dead
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
     WHERE n.nspname = $1 AND c.relname = 'jobs'`,
    [schema],
  );
  const row = rows[0];
  if (!row) throw new Error(`no jobs table in ${schema}`);
  return {
    total: Number(row.total),
    heap: Number(row.heap),
    indexes: Number(row.indexes),
    live: Number(row.live),
    dead: Number(row.dead),
  };
}

function describe(state: TableState): string {
  return `${mb(state.total)} (heap ${mb(state.heap)}, indexes ${mb(state.indexes)}; ~${state.live} live, ~${state.dead} dead tuples)`;
}

/** Queues `count` jobs, burns them down with one worker; returns the rate and what it saw. */
async function burnDown(count: number, label: string): Promise<number> {
  const schema = `scale_${randomBytes(3).toString('hex')}`;
  const manager = new QueueManager({ registry, connections: { main: `${url}?schema=${schema}` } });
  try {
    const jobs = Array.from({ length: CHUNK }, () => new NoopJob());
    const enqueueStarted = performance.now();
    for (let done = 0; done < count; done += CHUNK) {
      await manager.bulk(jobs.slice(0, Math.min(CHUNK, count - done)), {});
    }
    const enqueueSeconds = (performance.now() - enqueueStarted) / 1000;
    const before = await tableState(schema);
    console.log(
      `${label}: queued ${count.toLocaleString('en-US')} in ${enqueueSeconds.toFixed(1)} s; table before: ${describe(before)}`,
    );
    const worker = new Worker(manager, { concurrency: CONCURRENCY, sleep: 1 });
    worker.on('error', (error) => console.error('worker:', error));
    let largest = before;
    let last = { at: performance.now(), processed: 0 };
    const started = performance.now();
    await worker.start();
    let finished = 0;
    while (worker.getProcessedCount() < count) {
      // fine-grained for the end time, coarse for the table samples
      const wakeAt = performance.now() + SAMPLE_MS;
      while (worker.getProcessedCount() < count && performance.now() < wakeAt) await sleep(5);
      const now = performance.now();
      if (worker.getProcessedCount() >= count) finished = now;
      const processed = worker.getProcessedCount();
      const state = await tableState(schema);
      if (state.total > largest.total) largest = state;
      if (count > small) {
        console.log(
          `  ${((now - started) / 1000).toFixed(0).padStart(4)} s: ${processed.toLocaleString('en-US').padStart(9)} done, ` +
            `${Math.round(((processed - last.processed) / (now - last.at)) * 1000)
              .toLocaleString('en-US')
              .padStart(7)} jobs/s; table ${describe(state)}`,
        );
      }
      last = { at: now, processed };
    }
    const rate = count / ((finished - started) / 1000);
    const done = await tableState(schema);
    console.log(`${label}: ${Math.round(rate).toLocaleString('en-US')} jobs/s over the whole burn-down`);
    console.log(`  table largest during: ${describe(largest)}`);
    console.log(`  table at the last job: ${describe(done)}`);
    if (count > small) {
      // the idle worker keeps asking for work; its driver vacuums once the backlog is drained
      await sleep(IDLE_MS);
      console.log(`  table ${IDLE_MS / 1000} s later:   ${describe(await tableState(schema))}`);
    }
    await worker.stop();
    return rate;
  } finally {
    await manager.close();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  }
}

const settings = await admin.query<{ name: string; setting: string }>(
  `SELECT name, setting FROM pg_settings WHERE name IN ('server_version', 'autovacuum', 'autovacuum_naptime', 'synchronous_commit', 'shared_buffers')`,
);
console.log(
  `PostgreSQL ${settings.rows.map((r) => `${r.name}=${r.setting}`).join(' ')}; load ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')} on ${availableParallelism()} cores; Worker concurrency ${CONCURRENCY}`,
);
try {
  const before = await burnDown(small, `reference ${small.toLocaleString('en-US')} (before)`);
  const rate = await burnDown(big, `burn-down ${big.toLocaleString('en-US')}`);
  const after = await burnDown(small, `reference ${small.toLocaleString('en-US')} (after)`);
  const reference = (before + after) / 2;
  console.log(
    `\nburn-down ${Math.round(rate).toLocaleString('en-US')} jobs/s / reference ${Math.round(reference).toLocaleString('en-US')} jobs/s = ${(rate / reference).toFixed(2)} (aim: at least 0.80)`,
  );
} finally {
  await admin.end();
}
