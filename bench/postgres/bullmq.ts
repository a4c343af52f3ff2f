/**
 * @module bench/postgres/bullmq
 * BullMQ's PostgreSQL backend (`createPostgresBackend`, built into bullmq 6): `Queue.addBulk` to
 * enqueue, a `Worker` at `concurrency` to process, `Queue.add` from a second Queue to push one.
 * Jobs are added with `removeOnComplete: true`, so completed jobs are deleted as the others do.
 */
import { createPostgresBackend, withBackend } from 'bullmq';
import type { Contender, JobData, Session } from '../lib/contender.js';

const { Queue, Worker } = withBackend(createPostgresBackend);

const QUEUE = 'noop';
const JOB_OPTIONS = { removeOnComplete: true, removeOnFail: true };

/** The BullMQ (PostgreSQL backend) contender. */
export const bullmqPostgres: Contender = {
  name: 'bullmq-pg',
  settings: 'Worker { concurrency }, jobs removeOnComplete: true, pool 10',
  async open(url: string, schema: string): Promise<Session> {
    const connection = { connectionString: url, schema, migrate: true, max: 10 };
    const queue = new Queue(QUEUE, { connection });
    const producer = new Queue(QUEUE, { connection });
    await queue.waitUntilReady();
    await producer.waitUntilReady();
    let worker: InstanceType<typeof Worker> | undefined;
    return {
      async bulkEnqueue(count, chunk) {
        for (let done = 0; done < count; done += chunk) {
          const size = Math.min(chunk, count - done);
          await queue.addBulk(
            Array.from({ length: size }, () => ({ name: QUEUE, data: {}, opts: JOB_OPTIONS })),
          );
        }
      },
      async startWorker(concurrency, onJob) {
        const started = new Worker(
          QUEUE,
          async (job) => {
            onJob(job.data as JobData);
          },
          { connection, concurrency },
        );
        started.on('error', (error) => console.error('bullmq worker:', error));
        await started.waitUntilReady();
        worker = started;
      },
      async push(data) {
        await producer.add(QUEUE, data, JOB_OPTIONS);
      },
      async remaining() {
        const counts = await queue.getJobCounts('wait', 'active', 'delayed', 'prioritized');
        return Object.values(counts).reduce((sum, n) => sum + n, 0);
      },
      async close() {
        await worker?.close();
        await producer.close();
        await queue.close();
      },
    };
  },
};
