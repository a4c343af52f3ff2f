/**
 * Driver-level throughput of the Redis driver (no worker, no codec): bulk enqueue, reserve+complete
 * cycles in batches, and single-record pushes. A script, not a test:
 *
 *   npx tsx bench/redis-driver.ts [redis://127.0.0.1:6379/0] [jobs=50000]
 *
 * Besides jobs/s it prints CPU per job of the Redis main thread (INFO cpu) and of this process,
 * which stay meaningful on a busy machine where wall-clock rates do not.
 * Uses its own key prefix and deletes its keys afterwards.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { EnqueueRecord } from '../src/drivers/driver.js';
import { RedisDriver } from '../src/drivers/redis/index.js';

const url = process.argv[2] ?? 'redis://127.0.0.1:6379/0';
const JOBS = Number(process.argv[3] ?? 50_000);
const prefix = `cvbench-${randomBytes(3).toString('hex')}`;

// A payload of the size the codec makes for a small job (~230 bytes).
const payload = (id: string) =>
  JSON.stringify({
    v: 1,
    id,
    name: 'send-email',
    queue: 'bench',
    connection: 'default',
    createdAt: Date.now(),
    availableAt: Date.now(),
    priority: 0,
    maxTries: 3,
    backoff: [1, 5],
    timeout: 60,
    props: { json: { to: 'someone@example.com' } },
    data: { json: { n: 1 } },
  });

let idCounter = 0;
function records(queue: string, count: number): EnqueueRecord[] {
  const now = Date.now();
  return Array.from({ length: count }, () => {
    const id = `${now.toString(36)}-${(idCounter++).toString(36).padStart(7, '0')}`;
    return { id, queue, payload: payload(id), availableAt: now, priority: 0 };
  });
}

function rate(count: number, ms: number): string {
  return `${Math.round((count / ms) * 1000).toLocaleString('en-US')} jobs/s (${count} in ${ms.toFixed(0)} ms)`;
}

const admin = new Redis(url);

/** CPU seconds used so far by the Redis main thread. */
async function redisCpu(): Promise<number> {
  const info = await admin.info('cpu');
  const field = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return field('used_cpu_user_main_thread') + field('used_cpu_sys_main_thread');
}

async function timed(label: string, count: number, fn: () => Promise<void>): Promise<number> {
  const redis0 = await redisCpu();
  const node0 = process.cpuUsage();
  const started = performance.now();
  await fn();
  const ms = performance.now() - started;
  const node = process.cpuUsage(node0);
  const redisUs = (((await redisCpu()) - redis0) * 1e6) / count;
  const nodeUs = (node.user + node.system) / count;
  console.log(
    `${label.padEnd(44)} ${rate(count, ms).padEnd(34)} cpu/job: redis ${redisUs.toFixed(1)} us, node ${nodeUs.toFixed(1)} us`,
  );
  return (count / ms) * 1000;
}

/** Reserve `batch` then complete them, in `loops` concurrent loops, until the queue is empty. */
async function drainCycles(
  driver: RedisDriver,
  queue: string,
  batch: number,
  loops: number,
): Promise<number> {
  let done = 0;
  await Promise.all(
    Array.from({ length: loops }, async () => {
      for (;;) {
        const got = await driver.reserve([queue], batch, 30);
        if (got.length === 0) return;
        const n = await driver.complete(got);
        done += n;
      }
    }),
  );
  return done;
}

async function main(): Promise<void> {
  const driver = new RedisDriver({ url, prefix });
  await driver.connect();
  console.log(`Redis driver bench on ${url}, prefix ${prefix}, ${JOBS} jobs\n`);
  try {
    const q = 'bench';
    const bulk = records(q, JOBS);
    await timed(`enqueue: one call of ${JOBS}`, JOBS, () => driver.enqueue(bulk));

    for (const [batch, loops] of [
      [50, 1],
      [50, 4],
      [100, 2],
    ] as const) {
      if (batch !== 50 || loops !== 1) await driver.enqueue(records(q, JOBS));
      let completed = 0;
      await timed(`reserve(${batch})+complete, ${loops} loop(s)`, JOBS, async () => {
        completed = await drainCycles(driver, q, batch, loops);
      });
      if (completed !== JOBS) throw new Error(`completed ${completed} of ${JOBS}`);
    }

    const singles = records(q, 10_000);
    await timed('enqueue: 10000 concurrent single pushes', singles.length, async () => {
      await Promise.all(singles.map((r) => driver.enqueue([r])));
    });
    await driver.clear(q);

    const chunks = records(q, JOBS);
    await timed(`enqueue: ${JOBS / 1000} sequential calls of 1000`, JOBS, async () => {
      for (let i = 0; i < chunks.length; i += 1000) await driver.enqueue(chunks.slice(i, i + 1000));
    });
    const sizes = await driver.sizes(q);
    if (sizes.ready !== JOBS) throw new Error(`expected ${JOBS} ready, got ${JSON.stringify(sizes)}`);
  } finally {
    await driver.close();
    const client = admin;
    for (const pattern of [`{${prefix}:*`, `{${prefix}}:*`, `${prefix}:*`]) {
      let cursor = '0';
      do {
        const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 5000);
        cursor = next;
        if (keys.length > 0) await client.unlink(...keys);
      } while (cursor !== '0');
    }
    client.disconnect();
  }
}

await main();
