/**
 * Scale of the Redis driver, on a throwaway redis-server of its own (spare port, no persistence),
 * so a million jobs never weigh on the shared server. Processing rate of a Conveyor Worker
 * (concurrency 50, no-op jobs) and Redis memory per queued job (INFO memory before/after):
 * - base: 50,000 ready jobs;
 * - deep: 1,000,000 ready jobs (the rate over the first 50,000, and over all of them);
 * - delayed: 1,000,000 delayed jobs (due in 30 days) beside 50,000 ready ones.
 * A script, not a test:
 *
 *   npx tsx bench/redis/scale.ts [deep=1000000] [base=50000] [concurrency=50]
 */
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { type IQueueable, QueueManager, Worker } from '../../src/index.js';
import { until } from '../lib/measure.js';
import { CHUNK } from './common.js';
import { ThrowawayServer } from './throwaway-server.js';

const deep = Number(process.argv[2] ?? 1_000_000);
const base = Number(process.argv[3] ?? 50_000);
const concurrency = Number(process.argv[4] ?? 50);
const MONTH = 30 * 86_400;

class NoopJob implements IQueueable {
  shouldQueue() {
    return true;
  }
  handle() {}
}

class LaterJob implements IQueueable {
  shouldQueue() {
    return true;
  }
  delay() {
    return MONTH;
  }
  handle() {}
}

const server = await ThrowawayServer.start();
const admin = new Redis(server.port, '127.0.0.1');
const manager = new QueueManager({ connections: { main: `${server.url}?prefix=scale` } });
manager.registry.register('noop', NoopJob);
manager.registry.register('later', LaterJob);
const rows: string[][] = [];

async function usedMemory(): Promise<number> {
  return Number(/used_memory:(\d+)/.exec(await admin.info('memory'))?.[1] ?? 0);
}

/** Pushes `count` jobs made by `make` in chunks; returns Redis bytes per job and jobs/s. */
async function fill(queue: string, count: number, make: () => IQueueable) {
  const before = await usedMemory();
  const started = performance.now();
  for (let i = 0; i < count; i += CHUNK) {
    const jobs = Array.from({ length: Math.min(CHUNK, count - i) }, make);
    await manager.bulk(jobs, { n: 1 }, null, queue);
  }
  const rate = count / ((performance.now() - started) / 1000);
  return { bytesPerJob: ((await usedMemory()) - before) / count, rate };
}

/** Runs a worker on `queue` until `count` jobs are done; jobs/s over the first `firstN` and overall. */
async function drain(queue: string, count: number, firstN: number) {
  const worker = new Worker(manager, { queues: [queue], concurrency });
  const started = performance.now();
  await worker.start();
  await until(() => worker.getProcessedCount() >= firstN, 3_600_000);
  const firstRate = firstN / ((performance.now() - started) / 1000);
  await until(() => worker.getProcessedCount() >= count, 3_600_000);
  const rate = count / ((performance.now() - started) / 1000);
  await worker.stop();
  return { firstRate, rate };
}

function row(name: string, ...cells: Array<string | number>) {
  const shown = cells.map((c) => (typeof c === 'number' ? Math.round(c).toLocaleString('en-US') : c));
  rows.push([name, ...shown]);
  console.error([name, ...shown].join('  '));
}

try {
  await manager.bulk([new NoopJob()], { n: 1 }, null, 'probe');
  const [probeKey] = await admin.keys('{scale:probe}:j:*');
  const payload = probeKey ? ((await admin.hget(probeKey, 'p')) ?? '') : '';
  await manager.connection().clear('probe');

  const b = await fill('base', base, () => new NoopJob());
  const bRun = await drain('base', base, base);
  row(`${base.toLocaleString('en-US')} ready`, b.bytesPerJob, b.rate, bRun.rate, bRun.rate);

  const d = await fill('deep', deep, () => new NoopJob());
  const dRun = await drain('deep', deep, base);
  row(`${deep.toLocaleString('en-US')} ready`, d.bytesPerJob, d.rate, dRun.firstRate, dRun.rate);

  const l = await fill('mixed', deep, () => new LaterJob());
  const m = await fill('mixed', base, () => new NoopJob());
  const mRun = await drain('mixed', base, base);
  row(
    `${deep.toLocaleString('en-US')} delayed + ${base.toLocaleString('en-US')} ready`,
    `${Math.round(l.bytesPerJob)} / ${Math.round(m.bytesPerJob)}`,
    `${Math.round(l.rate).toLocaleString('en-US')} / ${Math.round(m.rate).toLocaleString('en-US')}`,
    mRun.firstRate,
    mRun.rate,
  );
  const left = await manager.connection().size('mixed');

  const header = [
    'queued',
    'Redis bytes/job',
    'enqueue jobs/s',
    `processing jobs/s (first ${base.toLocaleString('en-US')})`,
    'processing jobs/s (all)',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  console.log(
    `\nConveyor Redis driver at scale: throwaway redis-server (no persistence), concurrency ${concurrency}, ` +
      `no-op jobs, payload ${payload.length} bytes, Node ${process.version}`,
  );
  console.log(header.map((h, i) => h.padStart(widths[i]!)).join('  '));
  for (const r of rows) console.log(r.map((c, i) => c.padStart(widths[i]!)).join('  '));
  console.log(`delayed jobs left waiting after the mixed run: ${left.toLocaleString('en-US')}`);
} finally {
  await manager.close();
  admin.disconnect();
  await server.stop();
}
