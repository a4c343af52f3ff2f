/**
 * Redis, side by side in one run on the same server: Conveyor against BullMQ and bee-queue.
 * No-op jobs; per concurrency setting, every library in turn (the order rotates per setting so
 * drift in machine load hits all alike):
 * - bulk enqueue jobs/s (`addBulk`, `saveAll`, `manager.bulk`, chunks of 1000),
 * - processing jobs/s: a worker at that concurrency drains the queue, timed to the last ack,
 * - enqueue→start latency p50/p99 with an idle worker: jobs pushed one by one, a few ms apart.
 * Conveyor runs twice: with the worker's default `completeBatchDelay` (0, acks on the next
 * event-loop turn) and with a few ms of it. Each library uses its own unique key prefix on
 * 127.0.0.1:6379 db 0 (`REDIS_PORT`, `REDIS_DB` override) and deletes its keys afterwards.
 *
 *   npx tsx bench/redis/index.ts [jobs=50000] [concurrencies=1,10,50,200] [latencyJobs=1000]
 */
import { type Figure, percentile, printTable, seconds } from '../lib/measure.js';
import { BeeQueueContender } from './bee-queue.js';
import { BullmqContender } from './bullmq.js';
import type { Contender } from './common.js';
import { ConveyorContender } from './conveyor.js';

const total = Number(process.argv[2] ?? 50_000);
const concurrencies = (process.argv[3] ?? '1,10,50,200').split(',').map(Number);
const latencyJobs = Number(process.argv[4] ?? 1000);
const GAP_MS = 3;
/** The few-ms `completeBatchDelay` tried beside the default. */
const DELAY_MS = Number(process.env.CONVEYOR_BATCH_DELAY ?? 3);

const contenders: Contender[] = [
  new ConveyorContender(0, 'conveyor'),
  new BullmqContender(),
  new BeeQueueContender(),
  new ConveyorContender(DELAY_MS, `conveyor d=${DELAY_MS}ms`),
];
const figures: Figure[] = [];
let caseNo = 0;

async function measure(contender: Contender, concurrency: number): Promise<void> {
  const { library } = contender;
  const setting = `c=${concurrency}`;
  const queue = `q${caseNo++}`;
  const enqueue = await seconds(() => contender.enqueue(queue, total));
  const work = await contender.process(queue, total, concurrency);
  const waits = await contender.latency(`${queue}-lat`, latencyJobs, concurrency, GAP_MS);
  const p50 = percentile(waits, 50);
  const p99 = percentile(waits, 99);
  figures.push(
    { library, setting, metric: 'bulk enqueue', value: total / enqueue, unit: 'jobs/s' },
    { library, setting, metric: 'processing', value: total / work, unit: 'jobs/s' },
    { library, setting, metric: 'latency p50', value: p50, unit: 'ms' },
    { library, setting, metric: 'latency p99', value: p99, unit: 'ms' },
  );
  console.error(
    `${library} ${setting}: enqueue ${Math.round(total / enqueue)}/s, processing ${Math.round(total / work)}/s, ` +
      `latency p50 ${p50.toFixed(2)} ms p99 ${p99.toFixed(2)} ms`,
  );
}

console.log(
  `Redis 127.0.0.1:6379, ${total.toLocaleString('en-US')} no-op jobs per case, ${latencyJobs} latency jobs ` +
    `${GAP_MS} ms apart, Node ${process.version}`,
);
try {
  for (const [i, concurrency] of concurrencies.entries()) {
    for (let k = 0; k < contenders.length; k++) {
      await measure(contenders[(i + k) % contenders.length]!, concurrency);
    }
  }
  printTable(figures, 'conveyor');
} finally {
  for (const contender of contenders) await contender.close();
}
