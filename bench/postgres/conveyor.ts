/**
 * @module bench/postgres/conveyor
 * Conveyor on its PostgreSQL driver, through the public API: `QueueManager.bulk` to enqueue, a
 * `Worker` to process, `push` from a second manager (its own driver and pool, as a web process
 * would be) so an idle worker is woken by LISTEN/NOTIFY, not by an in-process shortcut.
 */
import { type IQueueable, JobRegistry, QueueManager, Worker } from '../../src/index.js';
import type { Contender, JobData, Session } from './contender.js';

/**
 * Worker options of the tuned run, as graphile-worker is tuned (its `localQueue.size` 500): up to
 * 500 jobs claimed ahead into the worker's local buffer (`prefetch`; by default a worker claims
 * only for its free slots). CONVEYOR_WORKER (JSON) adds to them.
 */
const TUNED: Record<string, number> = {
  sleep: 1,
  prefetch: 500,
  ...(JSON.parse(process.env.CONVEYOR_WORKER ?? '{}') as Record<string, number>),
};

/** The defaults run: only the idle sleep set, as in every run. */
const DEFAULTS: Record<string, number> = { sleep: 1 };

let onJob: (data: JobData) => void = () => undefined;

/** A no-op job; its handler only reports that it started. */
class NoopJob implements IQueueable {
  static jobName = 'noop';
  shouldQueue(): boolean {
    return true;
  }
  handle(data: JobData): void {
    onJob(data);
  }
}

const registry = new JobRegistry();
registry.register(NoopJob.jobName, NoopJob);

function manager(url: string, schema: string): QueueManager {
  const separator = url.includes('?') ? '&' : '?';
  return new QueueManager({ registry, connections: { main: `${url}${separator}schema=${schema}` } });
}

/** Conveyor with the given worker options. */
function contender(name: string, options: Record<string, number>): Contender {
  return {
    name,
    settings: `Worker { concurrency, ${Object.entries(options)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')} }, other options at defaults; pool 10`,
    async open(url: string, schema: string): Promise<Session> {
      const consumer = manager(url, schema);
      const producer = manager(url, schema);
      await consumer.connection().size();
      let worker: Worker | undefined;
      return {
        async bulkEnqueue(count, chunk) {
          const jobs = Array.from({ length: chunk }, () => new NoopJob());
          for (let done = 0; done < count; done += chunk) {
            await producer.bulk(jobs.slice(0, Math.min(chunk, count - done)), {});
          }
        },
        async startWorker(concurrency, handler) {
          onJob = handler;
          worker = new Worker(consumer, { ...options, concurrency });
          worker.on('error', (error) => console.error(`${name} worker:`, error));
          await worker.start();
        },
        async push(data) {
          await producer.push(new NoopJob(), data);
        },
        async remaining() {
          return producer.connection().size();
        },
        async close() {
          await worker?.stop();
          await consumer.close();
          await producer.close();
        },
      };
    },
  };
}

/** Conveyor with completion batching tuned (the figure compared). */
export const conveyor: Contender = contender('conveyor', TUNED);

/** Conveyor with every worker option at its default. */
export const conveyorDefaults: Contender = contender('conveyor-defaults', DEFAULTS);
