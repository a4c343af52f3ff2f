/**
 * @module bench/lib/conveyor-mysql
 * Conveyor on its MySQL/MariaDB driver as a side-by-side `Contender`: the "schema" it is given
 * is a fresh table prefix. `QueueManager.bulk` enqueues, a `Worker` processes, and `push` goes
 * through a second manager (its own driver and pool, as a web process would have). MySQL has no
 * notifications, so that push wakes the idle worker through the driver's in-process wake-up; a
 * producer in another process would be seen within the driver's `pollInterval` (1 s by default).
 */
import mysql from 'mysql2/promise';
import { type IQueueable, JobRegistry, QueueManager, Worker } from '../../src/index.js';
import type { Contender, JobData, Session } from '../postgres/contender.js';

/** Tables the driver creates under its prefix, dropped after each measurement. */
const TABLES = ['jobs', 'failed_jobs', 'counters', 'locks', 'migrations'];

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

function manager(url: string, tablePrefix: string): QueueManager {
  return new QueueManager({ registry, connections: { main: { driver: 'mysql', uri: url, tablePrefix } } });
}

/** Conveyor on MySQL/MariaDB with the given worker options (concurrency is set per run). */
export function conveyorMysql(name: string, options: Record<string, number>): Contender {
  return {
    name,
    settings: `Worker { concurrency, ${Object.entries(options)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')} }, other options at defaults; pool 10`,
    async open(url: string, tablePrefix: string): Promise<Session> {
      const consumer = manager(url, tablePrefix);
      const producer = manager(url, tablePrefix);
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

/** Drops the tables of `tablePrefix` (a no-op for tables that were never created). */
export async function dropMysqlTables(url: string, tablePrefix: string): Promise<void> {
  const admin = await mysql.createConnection(url.replace(/^mariadb:/, 'mysql:'));
  try {
    await admin.query(`DROP TABLE IF EXISTS ${TABLES.map((t) => `\`${tablePrefix}${t}\``).join(', ')}`);
  } finally {
    await admin.end();
  }
}
