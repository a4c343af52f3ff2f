/**
 * @module bench/memory-driver
 * Raw cost of the memory driver per job: bulk enqueue, then reserve(…, 100) + complete cycles,
 * then a steady state where a producer and a consumer interleave (the worker's pattern).
 * Run: `node --expose-gc --import tsx bench/memory-driver.ts [jobs=100000] [rounds=5]`. A script, not a test.
 */
import type { Driver, EnqueueRecord, Reservation } from '../src/drivers/driver.js';
import { createMemoryDriver } from '../src/drivers/memory/index.js';

const JOBS = Number(process.argv[2] ?? 100_000);
const ROUNDS = Number(process.argv[3] ?? 5);
const ENQUEUE_BATCH = 1_000;
const RESERVE_BATCH = 100;
const PAYLOAD = JSON.stringify({ v: 1, name: 'noop', data: { json: { n: 1 } } });

function records(queue: string, count: number, round: number): EnqueueRecord[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => ({
    id: `${round}-${i}`,
    queue,
    payload: PAYLOAD,
    availableAt: now,
    priority: 0,
  }));
}

function rate(count: number, ms: number): string {
  return `${Math.round((count / ms) * 1000).toLocaleString('en-US')} jobs/s (${((ms * 1e6) / count).toFixed(0)} ns/job)`;
}

async function enqueueAll(driver: Driver, all: EnqueueRecord[]): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < all.length; i += ENQUEUE_BATCH) await driver.enqueue(all.slice(i, i + ENQUEUE_BATCH));
  return performance.now() - started;
}

/** Reserve everything in batches, then complete it in the same batches: each timed alone. */
async function drainAll(driver: Driver, queue: string): Promise<{ reserveMs: number; completeMs: number }> {
  const batches: Reservation[][] = [];
  let started = performance.now();
  for (;;) {
    const got = await driver.reserve([queue], RESERVE_BATCH, 30);
    if (got.length === 0) break;
    batches.push(got);
  }
  const reserveMs = performance.now() - started;
  collect();
  started = performance.now();
  let total = 0;
  for (const batch of batches) total += await driver.complete(batch);
  const completeMs = performance.now() - started;
  if (total !== JOBS) throw new Error(`completed ${total} of ${JOBS}`);
  return { reserveMs, completeMs };
}

/** Runs a full GC between phases when node was started with --expose-gc, so phases don't pay for each other. */
function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Producer and consumer interleaved: the queue stays short, as under a live worker. */
async function steady(driver: Driver, queue: string, round: number): Promise<number> {
  const started = performance.now();
  let done = 0;
  for (let i = 0; i < JOBS; i += RESERVE_BATCH) {
    await driver.enqueue(records(queue, RESERVE_BATCH, round * 1_000_000 + i));
    const got = await driver.reserve([queue], RESERVE_BATCH, 30);
    done += await driver.complete(got);
  }
  if (done !== JOBS) throw new Error(`steady state completed ${done} of ${JOBS}`);
  return performance.now() - started;
}

async function main(): Promise<void> {
  const driver = createMemoryDriver('memory://');
  console.log(`memory driver, ${JOBS.toLocaleString('en-US')} jobs, ${ROUNDS} rounds, node ${process.version}`);
  for (let round = 0; round < ROUNDS; round++) {
    const queue = `bench-${round}`;
    const all = records(queue, JOBS, round);
    collect();
    const enqueueMs = await enqueueAll(driver, all);
    collect();
    const { reserveMs, completeMs } = await drainAll(driver, queue);
    collect();
    const steadyMs = await steady(driver, `${queue}-steady`, round);
    console.log(`round ${round + 1}:`);
    console.log(`  enqueue, batches of ${ENQUEUE_BATCH}:   ${rate(JOBS, enqueueMs)}`);
    console.log(`  reserve, batches of ${RESERVE_BATCH}:    ${rate(JOBS, reserveMs)}`);
    console.log(`  complete, batches of ${RESERVE_BATCH}:   ${rate(JOBS, completeMs)}`);
    console.log(`  enqueue+reserve+complete interleaved by ${RESERVE_BATCH}: ${rate(JOBS, steadyMs)}`);
  }
}

await main();
