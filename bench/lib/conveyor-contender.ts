/**
 * @module bench/lib/conveyor-contender
 * Conveyor as a side-by-side `Contender`, whatever its driver, through the public API:
 * `QueueManager.bulk` to enqueue, a `Worker` to process, `push` from a second manager (its own
 * driver and pool, as a web process would have) so an idle worker is woken the way the driver
 * wakes it for another producer. Each driver's file says how a URL and a fresh namespace (a
 * schema, a table prefix) make a connection.
 */
import {
  type ConnectionConfig,
  type IQueueable,
  JobRegistry,
  QueueManager,
  Worker,
} from '../../src/index.js';
import type { Contender, JobData, Session } from './contender.js';

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

/**
 * Conveyor named `name` with the given worker options (concurrency is set per run), on the
 * connection `connection` makes of the session's URL and namespace.
 */
export function conveyorContender(
  name: string,
  options: Record<string, number>,
  connection: (url: string, namespace: string) => ConnectionConfig,
): Contender {
  const manager = (url: string, namespace: string) =>
    new QueueManager({ registry, connections: { main: connection(url, namespace) } });
  return {
    name,
    settings: `Worker { concurrency, ${Object.entries(options)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')} }, other options at defaults; pool 10`,
    async open(url: string, namespace: string): Promise<Session> {
      const consumer = manager(url, namespace);
      const producer = manager(url, namespace);
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
