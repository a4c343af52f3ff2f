/**
 * The worker's `prefetch` buffer: jobs reserved ahead start as slots free, each runs once, and
 * at stop the ones that never started go back with their attempt refunded.
 */
import { describe, expect, it } from 'vitest';
import { type IQueueable, type JobContext, type QueueConnection, Worker } from '../../src/index.js';
import { memoryManager, waitFor } from '../helpers.js';

const ran: string[] = [];
let gate: Promise<void> = Promise.resolve();

class Gated implements IQueueable {
  constructor(readonly key: string) {}
  shouldQueue() {
    return true;
  }
  tries() {
    return 1;
  }
  async handle(_data: unknown, context?: JobContext): Promise<void> {
    ran.push(this.key);
    await Promise.race([
      gate,
      new Promise<void>((resolve) => context!.signal.addEventListener('abort', () => resolve())),
    ]);
  }
}

/** A manager on a fresh memory store, its connection, and an empty run log. */
function fresh() {
  const manager = memoryManager();
  ran.length = 0;
  gate = Promise.resolve();
  return { manager, connection: manager.connection() as QueueConnection };
}

/** Makes every handler wait until the returned function is called. */
function closeGate(): () => void {
  let open!: () => void;
  gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  return open;
}

describe('worker prefetch', () => {
  it('reserves ahead of its free slots and runs every job once, in order', async () => {
    const manager = memoryManager();
    ran.length = 0;
    gate = Promise.resolve();
    const keys = Array.from({ length: 200 }, (_, i) => `order-${i}`);
    for (const key of keys) await manager.push(new Gated(key), {});
    const worker = new Worker(manager, { connection: 'main', concurrency: 1, prefetch: 8, sleep: 0.05 });
    await worker.start();
    await waitFor(() => worker.getProcessedCount() === keys.length);
    await worker.stop();
    expect(ran).toEqual(keys);
    expect(await manager.connection().size()).toBe(0);
  });

  it('holds up to concurrency + prefetch reservations while the slots are busy', async () => {
    const { manager, connection } = fresh();
    const open = closeGate();
    for (let i = 0; i < 20; i++) await manager.push(new Gated(`held-${i}`), {});
    const worker = new Worker(manager, { connection: 'main', concurrency: 2, prefetch: 5, sleep: 0.05 });
    await worker.start();
    await waitFor(async () => (await connection.driver.sizes('default')).reserved === 7);
    expect(worker.getRunningCount()).toBe(2);
    expect(await connection.driver.sizes('default')).toEqual({ ready: 13, delayed: 0, reserved: 7 });
    open();
    await waitFor(() => worker.getProcessedCount() === 20);
    await worker.stop();
  });

  it('gives buffered jobs back at stop with their attempt refunded, so a one-try job still runs', async () => {
    const { manager, connection } = fresh();
    const open = closeGate();
    for (let i = 0; i < 6; i++) await manager.push(new Gated(`stop-${i}`), {});
    const worker = new Worker(manager, {
      connection: 'main',
      concurrency: 1,
      prefetch: 4,
      sleep: 0.05,
      gracePeriod: 5,
    });
    await worker.start();
    await waitFor(async () => (await connection.driver.sizes('default')).reserved === 5);
    const stopped = worker.stop();
    open();
    await stopped;
    expect(ran).toEqual(['stop-0']);
    expect(worker.getProcessedCount()).toBe(1);
    expect(await connection.driver.sizes('default')).toEqual({ ready: 5, delayed: 0, reserved: 0 });
    const again = await connection.driver.reserve(['default'], 10, 30);
    expect(again).toHaveLength(5);
    expect(again.map((r) => r.attempts)).toEqual([1, 1, 1, 1, 1]);

    // a second worker runs the given-back jobs to completion: none reached its one-try limit
    for (const reservation of again) await connection.driver.release(reservation, 0, { refund: true });
    const next = new Worker(manager, { connection: 'main', concurrency: 2, prefetch: 2, sleep: 0.05 });
    await next.start();
    await waitFor(() => next.getProcessedCount() === 5);
    await next.stop();
    expect(next.getFailedCount()).toBe(0);
    expect(await connection.driver.failed.count()).toBe(0);
  });

  it('stopWhenEmpty waits for the buffer to drain', async () => {
    const manager = memoryManager();
    ran.length = 0;
    gate = Promise.resolve();
    for (let i = 0; i < 30; i++) await manager.push(new Gated(`empty-${i}`), {});
    const worker = new Worker(manager, {
      connection: 'main',
      concurrency: 3,
      prefetch: 10,
      sleep: 0.05,
      stopWhenEmpty: true,
    });
    const stopped = new Promise<void>((resolve) => worker.on('stopped', () => resolve()));
    await worker.start();
    await stopped;
    expect(worker.getProcessedCount()).toBe(30);
    expect(ran).toHaveLength(30);
  });

  it('claims no more than maxJobs allows, so the rest stay untouched', async () => {
    const manager = memoryManager();
    const connection = manager.connection() as QueueConnection;
    ran.length = 0;
    gate = Promise.resolve();
    for (let i = 0; i < 20; i++) await manager.push(new Gated(`max-${i}`), {});
    const worker = new Worker(manager, {
      connection: 'main',
      concurrency: 2,
      prefetch: 10,
      maxJobs: 3,
      sleep: 0.05,
    });
    const claimed: number[] = [];
    const reserve = connection.driver.reserve.bind(connection.driver);
    connection.driver.reserve = async (queues, max, lease) => {
      const got = await reserve(queues, max, lease);
      claimed.push(got.length);
      return got;
    };
    const stopped = new Promise<void>((resolve) => worker.on('stopped', () => resolve()));
    await worker.start();
    await stopped;
    connection.driver.reserve = reserve;
    expect(ran).toEqual(['max-0', 'max-1', 'max-2']);
    expect(claimed.reduce((a, b) => a + b, 0)).toBe(3);
    const rest = await connection.driver.reserve(['default'], 50, 30);
    expect(rest).toHaveLength(17);
    expect(rest.every((r) => r.attempts === 1)).toBe(true);
  });
});
