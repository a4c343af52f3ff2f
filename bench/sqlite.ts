/**
 * SQLite, side by side in one run on the same machine: Conveyor against plainjob, the
 * SQLite-backed queue on npm that runs on Node 20 with better-sqlite3 12 (liteque 0.8 installs,
 * but its runner throws "Transaction function cannot return a promise" from better-sqlite3 12
 * on its first dequeue, so it cannot be measured). No-op jobs, a fresh WAL database
 * file per case: bulk enqueue jobs/s, then processing jobs/s at concurrency 1, 10 and 50.
 * Conveyor also at synchronous=FULL, and with the worker's `prefetch` (env PREFETCH, default 100).
 * Run: npx tsx bench/sqlite.ts [jobs]
 *
 * plainjob's worker runs one job at a time, so its concurrency c is c workers in one process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { better, defineQueue, defineWorker } from 'plainjob';
import { type IQueueable, QueueManager, Worker } from '../src/index.js';
import { type Figure, printTable, seconds, until } from './lib/measure.js';

const total = Number(process.argv[2] ?? 20_000);
const concurrencies = [1, 10, 50];
/** The worker's `prefetch` in the run beside the defaults. */
const PREFETCH = Number(process.env.PREFETCH ?? 100);
const dir = mkdtempSync(join(tmpdir(), 'conveyor-bench-sqlite-'));
let fileNo = 0;
const file = () => join(dir, `q${fileNo++}.db`);
const figures: Figure[] = [];
const silent = { error() {}, warn() {}, info() {}, debug() {}, log() {} };

class NoopJob implements IQueueable {
  shouldQueue() {
    return true;
  }
  handle() {}
}

async function conveyor(concurrency: number, synchronous: 'NORMAL' | 'FULL', library: string, prefetch = 0) {
  const manager = new QueueManager({
    connections: { main: { driver: 'sqlite', path: file(), synchronous } },
  });
  const jobs = Array.from({ length: total }, () => new NoopJob());
  const enqueue = await seconds(async () => {
    for (let i = 0; i < total; i += 1000) await manager.bulk(jobs.slice(i, i + 1000), { n: 1 });
  });
  const worker = new Worker(manager, { concurrency, prefetch, sleep: 0.05 });
  const work = await seconds(async () => {
    await worker.start();
    await until(() => worker.getProcessedCount() >= total);
  });
  await worker.stop();
  await manager.close();
  record(library, concurrency, enqueue, work);
}

async function plainjob(concurrency: number) {
  const db = new Database(file());
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const queue = defineQueue({ connection: better(db), logger: silent });
  const enqueue = await seconds(() => {
    for (let i = 0; i < total; i += 1000)
      queue.addMany(
        'noop',
        Array.from({ length: Math.min(1000, total - i) }, () => ({ n: 1 })),
      );
  });
  let done = 0;
  const workers = Array.from({ length: concurrency }, () =>
    defineWorker('noop', () => {}, { queue, pollIntervall: 10, logger: silent, onCompleted: () => done++ }),
  );
  const work = await seconds(async () => {
    for (const w of workers) void w.start();
    await until(() => done >= total);
  });
  await Promise.all(workers.map((w) => w.stop()));
  queue.close();
  record('plainjob', concurrency, enqueue, work);
}

function record(library: string, concurrency: number, enqueue: number, work: number) {
  const setting = `c=${concurrency}`;
  figures.push({ library, setting, metric: 'bulk enqueue', value: total / enqueue, unit: 'jobs/s' });
  figures.push({ library, setting, metric: 'processing', value: total / work, unit: 'jobs/s' });
  console.error(
    `${library} ${setting}: enqueue ${Math.round(total / enqueue)}/s, processing ${Math.round(total / work)}/s`,
  );
}

console.log(
  `SQLite (WAL, synchronous=NORMAL unless said), ${total.toLocaleString('en-US')} no-op jobs per case, Node ${process.version}`,
);
try {
  for (const concurrency of concurrencies) {
    // Alternate libraries within each setting so drift in machine load hits all alike.
    await conveyor(concurrency, 'NORMAL', 'conveyor');
    await plainjob(concurrency);
    await conveyor(concurrency, 'FULL', 'conveyor FULL');
    await conveyor(concurrency, 'NORMAL', `conveyor prefetch=${PREFETCH}`, PREFETCH);
  }
  printTable(figures, 'conveyor');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
