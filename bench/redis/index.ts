/**
 * Redis, side by side in one run on the same server: Conveyor against BullMQ and bee-queue.
 * No-op jobs; per concurrency setting, every library in turn (the order rotates per setting so
 * drift in machine load hits all alike):
 * - bulk enqueue jobs/s (`addBulk`, `saveAll`, `manager.bulk`, chunks of 1000),
 * - processing jobs/s: a worker at that concurrency drains the queue, timed to the last ack,
 * - CPU per 1,000 processed jobs, this process plus the Redis main thread (INFO cpu): steadier
 *   than rates on a shared machine (the Redis figure includes whatever else the server ran),
 * - enqueue→start latency p50/p99 with an idle worker: jobs pushed one by one, a few ms apart.
 * Conveyor runs twice: at the worker's defaults, and with `prefetch` (jobs claimed ahead into a
 * local buffer, env PREFETCH, default 200). The whole sweep runs `rounds` times; the tables show
 * each figure's median. Every library warms up first (JIT, scripts loaded), untimed. Each uses
 * its own unique key prefix on 127.0.0.1:6379 db 0 (`REDIS_PORT`, `REDIS_DB` override) and
 * deletes its keys afterwards.
 *
 *   npx tsx bench/redis/index.ts [jobs=50000] [concurrencies=1,10,50,200] [latencyJobs=1000] [rounds=3]
 */
import { Redis } from 'ioredis';
import { type Figure, percentile, printTable, seconds } from '../lib/measure.js';
import { BeeQueueContender } from './bee-queue.js';
import { BullmqContender } from './bullmq.js';
import { type Contender, REDIS } from './common.js';
import { ConveyorContender } from './conveyor.js';

const total = Number(process.argv[2] ?? 50_000);
const concurrencies = (process.argv[3] ?? '1,10,50,200').split(',').map(Number);
const latencyJobs = Number(process.argv[4] ?? 1000);
const rounds = Number(process.argv[5] ?? 3);
const GAP_MS = 3;
/** The worker's `prefetch` in the run beside the defaults (env PREFETCH). */
const PREFETCH = Number(process.env.PREFETCH ?? 200);

const contenders: Contender[] = [
  new ConveyorContender({}, 'conveyor'),
  new BullmqContender(),
  new BeeQueueContender(),
  new ConveyorContender({ prefetch: PREFETCH }, `conveyor prefetch=${PREFETCH}`),
];
const figures: Figure[] = [];
const admin = new Redis(REDIS);
let caseNo = 0;

/** CPU seconds used so far by the Redis main thread. */
async function redisCpu(): Promise<number> {
  const info = await admin.info('cpu');
  const field = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return field('used_cpu_user_main_thread') + field('used_cpu_sys_main_thread');
}

async function measure(contender: Contender, concurrency: number, round: number): Promise<void> {
  const { library } = contender;
  const setting = `c=${concurrency}`;
  const queue = `q${caseNo++}`;
  const enqueue = await seconds(() => contender.enqueue(queue, total));
  const redis0 = await redisCpu();
  const node0 = process.cpuUsage();
  const work = await contender.process(queue, total, concurrency);
  const node = process.cpuUsage(node0);
  const cpuMs = ((node.user + node.system) / 1000 + ((await redisCpu()) - redis0) * 1000) / (total / 1000);
  const waits = await contender.latency(`${queue}-lat`, latencyJobs, concurrency, GAP_MS);
  const p50 = percentile(waits, 50);
  const p99 = percentile(waits, 99);
  figures.push(
    { library, setting, metric: 'bulk enqueue', value: total / enqueue, unit: 'jobs/s' },
    { library, setting, metric: 'processing', value: total / work, unit: 'jobs/s' },
    { library, setting, metric: 'processing CPU per 1k jobs', value: cpuMs, unit: 'ms' },
    { library, setting, metric: 'latency p50', value: p50, unit: 'ms' },
    { library, setting, metric: 'latency p99', value: p99, unit: 'ms' },
  );
  console.error(
    `[round ${round + 1}] ${library} ${setting}: enqueue ${Math.round(total / enqueue)}/s, ` +
      `processing ${Math.round(total / work)}/s (${cpuMs.toFixed(0)} ms CPU/1k), ` +
      `latency p50 ${p50.toFixed(2)} ms p99 ${p99.toFixed(2)} ms`,
  );
}

/** One figure per library, setting and metric: the median over the rounds. */
function medians(all: Figure[]): Figure[] {
  const groups = new Map<string, Figure[]>();
  for (const f of all) {
    const key = `${f.metric}\n${f.setting}\n${f.library}`;
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  return [...groups.values()].map((group) => ({
    ...group[0]!,
    value: percentile(
      group.map((f) => f.value),
      50,
    ),
  }));
}

/** Untimed: JIT warm-up and script loading, so the first measured case is not penalised. */
async function warmUp(contender: Contender): Promise<void> {
  await contender.enqueue('warm-up', 2000);
  await contender.process('warm-up', 2000, 10);
  await contender.latency('warm-up-lat', 50, 1, 1);
}

console.log(
  `Redis ${REDIS.host}:${REDIS.port}/${REDIS.db}, ${total.toLocaleString('en-US')} no-op jobs per case, ` +
    `${latencyJobs} latency jobs ${GAP_MS} ms apart, median of ${rounds} round(s), Node ${process.version}`,
);
try {
  for (const contender of contenders) await warmUp(contender);
  for (let round = 0; round < rounds; round++) {
    for (const [i, concurrency] of concurrencies.entries()) {
      for (let k = 0; k < contenders.length; k++) {
        await measure(contenders[(round + i + k) % contenders.length]!, concurrency, round);
      }
    }
  }
  printTable(medians(figures), 'conveyor');
} finally {
  for (const contender of contenders) await contender.close();
  admin.disconnect();
}
