/**
 * @module bench/postgres/conveyor
 * Conveyor on its PostgreSQL driver, through the public API: `QueueManager.bulk` to enqueue, a
 * `Worker` to process, `push` from a second manager (its own driver and pool, as a web process
 * would be) so an idle worker is woken by LISTEN/NOTIFY, not by an in-process shortcut.
 */
import { type IQueueable, JobRegistry, QueueManager, Worker } from '../../src/index.js';
import type { Contender, JobData, Session } from './contender.js';

/** Worker options used for every run (everything else at its default). */
const WORKER_OPTIONS = { sleep: 1 };

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

/** The Conveyor contender. */
export const conveyor: Contender = {
  name: 'conveyor',
  settings: `Worker { concurrency, ${Object.entries(WORKER_OPTIONS)
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
        worker = new Worker(consumer, { ...WORKER_OPTIONS, concurrency });
        worker.on('error', (error) => console.error('conveyor worker:', error));
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
