/**
 * @module bench/redis/bullmq
 * BullMQ under the Redis benchmark: `addBulk` to enqueue, a `Worker` with the `concurrency`
 * option to process, jobs removed on completion (as Conveyor deletes them).
 */
import { performance } from 'node:perf_hooks';
import { Queue, Worker } from 'bullmq';
import { until } from '../lib/measure.js';
import { CHUNK, type Contender, deleteKeys, pause, REDIS, runPrefix } from './common.js';

/** BullMQ on its own prefix. */
export class BullmqContender implements Contender {
  readonly library = 'bullmq';
  private readonly prefix = runPrefix('bull');
  private readonly queues = new Map<string, Queue>();

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: REDIS,
        prefix: this.prefix,
        defaultJobOptions: { removeOnComplete: true, removeOnFail: true },
      });
      this.queues.set(name, queue);
    }
    return queue;
  }

  private worker(name: string, concurrency: number, handler: (data: { t: number }) => void): Worker {
    return new Worker(name, async (job) => handler(job.data as { t: number }), {
      connection: { ...REDIS, maxRetriesPerRequest: null },
      prefix: this.prefix,
      concurrency,
      autorun: false,
      removeOnComplete: { count: 0 },
    });
  }

  async enqueue(name: string, count: number): Promise<void> {
    const queue = this.queue(name);
    for (let i = 0; i < count; i += CHUNK) {
      const size = Math.min(CHUNK, count - i);
      await queue.addBulk(Array.from({ length: size }, () => ({ name: 'noop', data: { n: 1 } })));
    }
  }

  async process(name: string, count: number, concurrency: number): Promise<number> {
    let done = 0;
    const worker = this.worker(name, concurrency, () => {});
    worker.on('completed', () => done++);
    await worker.waitUntilReady();
    const started = performance.now();
    void worker.run();
    await until(() => done >= count);
    const elapsed = (performance.now() - started) / 1000;
    await worker.close();
    return elapsed;
  }

  async latency(name: string, count: number, concurrency: number, gapMs: number): Promise<number[]> {
    const queue = this.queue(name);
    const waits: number[] = [];
    let done = 0;
    const worker = this.worker(name, concurrency, (data) => {
      waits.push(performance.now() - data.t);
    });
    worker.on('completed', () => done++);
    await worker.waitUntilReady();
    void worker.run();
    await pause(300);
    for (let i = 0; i < count; i++) {
      await queue.add('noop', { t: performance.now() });
      await pause(gapMs);
    }
    await until(() => done >= count);
    await worker.close();
    return waits;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    await deleteKeys(this.prefix);
  }
}
