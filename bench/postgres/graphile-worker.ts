/**
 * @module bench/postgres/graphile-worker
 * graphile-worker, tuned as its own perf test is: `localQueue: { size: 500 }`,
 * `completeJobBatchDelay: 0`, `failJobBatchDelay: 0`. `addJobs` to enqueue, `run` to process,
 * `addJob` from separate WorkerUtils to push one job.
 */
import { Logger, makeWorkerUtils, type Runner, run, type WorkerUtils } from 'graphile-worker';
import pg from 'pg';
import type { Contender, JobData, Session } from '../lib/contender.js';

const quiet = new Logger(() => () => undefined);

/** The graphile-worker contender. */
export const graphileWorker: Contender = {
  name: 'graphile-worker',
  settings:
    'run { concurrency, localQueue: { size: 500 }, completeJobBatchDelay: 0, failJobBatchDelay: 0 }, pool 10',
  async open(url: string, schema: string): Promise<Session> {
    const utils: WorkerUtils = await makeWorkerUtils({ connectionString: url, schema, logger: quiet });
    await utils.migrate();
    const counter = new pg.Pool({ connectionString: url, max: 1 });
    let runner: Runner | undefined;
    return {
      async bulkEnqueue(count, chunk) {
        for (let done = 0; done < count; done += chunk) {
          const size = Math.min(chunk, count - done);
          await utils.addJobs(Array.from({ length: size }, () => ({ identifier: 'noop', payload: {} })));
        }
      },
      async startWorker(concurrency, onJob) {
        runner = await run({
          connectionString: url,
          schema,
          concurrency,
          logger: quiet,
          noHandleSignals: true,
          taskList: {
            noop: async (payload) => {
              onJob(payload as JobData);
            },
          },
          preset: {
            worker: { localQueue: { size: 500 }, completeJobBatchDelay: 0, failJobBatchDelay: 0 },
          },
        });
      },
      async push(data) {
        await utils.addJob('noop', data);
      },
      async remaining() {
        const result = await counter.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM "${schema}"._private_jobs`,
        );
        return result.rows[0]?.n ?? 0;
      },
      async close() {
        await runner?.stop();
        await utils.release();
        await counter.end();
      },
    };
  },
};
