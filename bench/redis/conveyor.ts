/**
 * @module bench/redis/conveyor
 * Conveyor under the Redis benchmark: `manager.bulk` in chunks to enqueue, a `Worker` at the given
 * concurrency (and any other worker options) to process.
 */
import { performance } from 'node:perf_hooks';
import { type IQueueable, QueueManager, Worker, type WorkerOptions } from '../../src/index.js';
import { until } from '../lib/measure.js';
import { CHUNK, type Contender, deleteKeys, pause, REDIS, type RedisTarget, runPrefix } from './common.js';

/** Latencies of the running latency case (module state: a revived job cannot hold a callback). */
let waits: number[] = [];

class NoopJob implements IQueueable {
  shouldQueue() {
    return true;
  }
  handle() {}
}

class StampedJob implements IQueueable {
  shouldQueue() {
    return true;
  }
  handle(data: { t: number }) {
    waits.push(performance.now() - data.t);
  }
}

/** Conveyor on its own prefix, with extra worker options (e.g. `prefetch`), on `target` (default `REDIS`). */
export class ConveyorContender implements Contender {
  readonly library: string;
  private readonly prefix = runPrefix('cv');
  private readonly manager: QueueManager;

  constructor(
    private readonly options: WorkerOptions = {},
    label = 'conveyor',
    private readonly target: RedisTarget = REDIS,
  ) {
    this.library = label;
    this.manager = new QueueManager({
      connections: {
        main: `redis://${target.host}:${target.port}/${target.db}?prefix=${this.prefix}`,
      },
    });
    this.manager.registry.register('noop', NoopJob);
    this.manager.registry.register('stamped', StampedJob);
  }

  async enqueue(queue: string, count: number): Promise<void> {
    for (let i = 0; i < count; i += CHUNK) {
      const size = Math.min(CHUNK, count - i);
      const jobs = Array.from({ length: size }, () => new NoopJob());
      await this.manager.bulk(jobs, { n: 1 }, null, queue);
    }
  }

  private worker(queue: string, concurrency: number): Worker {
    return new Worker(this.manager, {
      queues: [queue],
      concurrency,
      ...this.options,
    });
  }

  async process(queue: string, count: number, concurrency: number): Promise<number> {
    const worker = this.worker(queue, concurrency);
    // Connected already (by the enqueue), so the timer below covers the work alone.
    const started = performance.now();
    await worker.start();
    await until(() => worker.getProcessedCount() >= count);
    const elapsed = (performance.now() - started) / 1000;
    await worker.stop();
    return elapsed;
  }

  async latency(queue: string, count: number, concurrency: number, gapMs: number): Promise<number[]> {
    waits = [];
    const worker = this.worker(queue, concurrency);
    await worker.start();
    await pause(300);
    for (let i = 0; i < count; i++) {
      await this.manager.push(new StampedJob(), { t: performance.now() }, null, queue);
      await pause(gapMs);
    }
    await until(() => worker.getProcessedCount() >= count);
    await worker.stop();
    return waits;
  }

  async close(): Promise<void> {
    await this.manager.close();
    await deleteKeys(this.prefix, this.target);
  }
}
