/**
 * @module bench/redis/bee-queue
 * bee-queue under the Redis benchmark: `saveAll` to enqueue, `process(concurrency, fn)` to process,
 * with its fast settings (no job events, no job store in the producer, removeOnSuccess), as its
 * README recommends for throughput.
 */
import { performance } from 'node:perf_hooks';
import BeeQueue from 'bee-queue';
import { until } from '../lib/measure.js';
import { CHUNK, type Contender, deleteKeys, pause, REDIS, runPrefix } from './common.js';

/** bee-queue on its own prefix. */
export class BeeQueueContender implements Contender {
  readonly library = 'bee-queue';
  private readonly prefix = runPrefix('bee');
  private readonly producers = new Map<string, BeeQueue>();

  private settings(isWorker: boolean): BeeQueue.QueueSettings {
    return {
      prefix: this.prefix,
      redis: { host: REDIS.host, port: REDIS.port, db: REDIS.db },
      isWorker,
      getEvents: false,
      sendEvents: false,
      storeJobs: false,
      removeOnSuccess: true,
      removeOnFailure: true,
      activateDelayedJobs: false,
    };
  }

  private async producer(name: string): Promise<BeeQueue> {
    let queue = this.producers.get(name);
    if (!queue) {
      queue = new BeeQueue(name, this.settings(false));
      this.producers.set(name, queue);
      await queue.ready();
    }
    return queue;
  }

  async enqueue(name: string, count: number): Promise<void> {
    const queue = await this.producer(name);
    for (let i = 0; i < count; i += CHUNK) {
      const size = Math.min(CHUNK, count - i);
      const errors = await queue.saveAll(Array.from({ length: size }, () => queue.createJob({ n: 1 })));
      if (errors.size > 0) throw [...errors.values()][0];
    }
  }

  async process(name: string, count: number, concurrency: number): Promise<number> {
    const worker = new BeeQueue(name, this.settings(true));
    await worker.ready();
    let done = 0;
    worker.on('succeeded', () => done++);
    const started = performance.now();
    worker.process(concurrency, async () => {});
    await until(() => done >= count);
    const elapsed = (performance.now() - started) / 1000;
    await worker.close();
    return elapsed;
  }

  async latency(name: string, count: number, concurrency: number, gapMs: number): Promise<number[]> {
    const queue = await this.producer(name);
    const worker = new BeeQueue(name, this.settings(true));
    await worker.ready();
    const waits: number[] = [];
    let done = 0;
    worker.on('succeeded', () => done++);
    worker.process(concurrency, async (job: BeeQueue.Job<{ t: number }>) => {
      waits.push(performance.now() - job.data.t);
    });
    await pause(300);
    for (let i = 0; i < count; i++) {
      await queue.createJob({ t: performance.now() }).save();
      await pause(gapMs);
    }
    await until(() => done >= count);
    await worker.close();
    return waits;
  }

  async close(): Promise<void> {
    await Promise.all([...this.producers.values()].map((q) => q.close()));
    await deleteKeys(this.prefix);
  }
}
