/**
 * Core throughput on the memory driver: no-op jobs pushed in bulk, then processed by one
 * worker at concurrency 1, 10 and 100, and the runner's overhead per job.
 * Run: npx tsx bench/memory.ts [jobs]
 */
import { performance } from 'node:perf_hooks';
import { type IQueueable, QueueManager, Worker } from '../src/index.js';

class NoopJob implements IQueueable {
  shouldQueue() {
    return true;
  }
  handle() {}
}

class AsyncNoopJob implements IQueueable {
  shouldQueue() {
    return true;
  }
  async handle() {}
}

const total = Number(process.argv[2] ?? 200_000);
const data = { userId: 'user-123', timestamp: 1_700_000_000_000 };

async function run(concurrency: number, jobClass: new () => IQueueable) {
  const manager = new QueueManager({
    connections: { main: `memory://bench-${concurrency}-${jobClass.name}` },
  });
  const jobs = Array.from({ length: total }, () => new jobClass());
  const pushStart = performance.now();
  for (let i = 0; i < total; i += 10_000) await manager.bulk(jobs.slice(i, i + 10_000), data);
  const pushSeconds = (performance.now() - pushStart) / 1000;
  const worker = new Worker(manager, { concurrency, sleep: 0.01 });
  const workStart = performance.now();
  await worker.start();
  while (worker.getProcessedCount() < total) await new Promise((resolve) => setTimeout(resolve, 5));
  const workSeconds = (performance.now() - workStart) / 1000;
  await worker.stop();
  await manager.close();
  return { pushRate: total / pushSeconds, workRate: total / workSeconds };
}

console.log(`memory driver, ${total.toLocaleString()} no-op jobs, Node ${process.version}`);
console.log('handler  concurrency  push jobs/s  processed jobs/s  µs/job');
for (const jobClass of [NoopJob, AsyncNoopJob]) {
  for (const concurrency of [1, 10, 100]) {
    const { pushRate, workRate } = await run(concurrency, jobClass);
    console.log(
      `${(jobClass === NoopJob ? 'sync' : 'async').padEnd(8)} ${String(concurrency).padStart(11)}  ${Math.round(
        pushRate,
      )
        .toLocaleString()
        .padStart(
          11,
        )}  ${Math.round(workRate).toLocaleString().padStart(16)}  ${(1e6 / workRate).toFixed(2).padStart(6)}`,
    );
  }
}
