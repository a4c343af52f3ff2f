/**
 * @module bench/postgres/pg-boss
 * pg-boss 10. Its `work()` runs one batch (`batchSize`) per loop and then pauses until
 * `pollingIntervalSeconds` (at least 0.5 s) has passed, which would cap it at 2 × batchSize
 * jobs/s. To be fair this drives its documented `fetch({ batchSize })` + `complete(ids)` API
 * the way `work()` does, minus that pause: fetch up to `concurrency` jobs, run them all at
 * once, complete them in one call (not awaited, as `work()` does), fetch again at once; when a
 * fetch comes back empty, wait 0.5 s (its shortest polling interval: pg-boss 10 has no
 * LISTEN/NOTIFY wake-up). Enqueue through `insert` (its bulk API), push through `send`.
 */
import PgBoss from 'pg-boss';
import type { Contender, JobData, Session } from '../lib/contender.js';

const QUEUE = 'noop';
const IDLE_POLL_MS = 500;

/** The pg-boss contender. */
export const pgBoss: Contender = {
  name: 'pg-boss',
  settings: 'fetch({ batchSize: concurrency }) + complete(ids) loop, 0.5 s idle poll, pool 10',
  async open(url: string, schema: string): Promise<Session> {
    const boss = new PgBoss({ connectionString: url, schema, max: 10, schedule: false, supervise: false });
    boss.on('error', (error) => console.error('pg-boss:', error));
    await boss.start();
    await boss.createQueue(QUEUE);
    let running = false;
    let loop: Promise<void> | undefined;
    const completions = new Set<Promise<unknown>>();
    return {
      async bulkEnqueue(count, chunk) {
        for (let done = 0; done < count; done += chunk) {
          const size = Math.min(chunk, count - done);
          await boss.insert(Array.from({ length: size }, () => ({ name: QUEUE, data: {} })));
        }
      },
      async startWorker(concurrency, onJob) {
        running = true;
        loop = (async () => {
          while (running) {
            const jobs = await boss.fetch<JobData>(QUEUE, { batchSize: concurrency });
            if (jobs.length === 0) {
              await new Promise((resolve) => setTimeout(resolve, IDLE_POLL_MS));
              continue;
            }
            await Promise.all(jobs.map(async (job) => onJob(job.data)));
            const completing = boss.complete(
              QUEUE,
              jobs.map((job) => job.id),
            );
            completions.add(completing);
            void completing.finally(() => completions.delete(completing));
          }
        })();
      },
      async push(data) {
        await boss.send(QUEUE, data as object);
      },
      async remaining() {
        const { rows } = await boss
          .getDb()
          .executeSql(
            `SELECT count(*)::int AS n FROM "${schema}".job WHERE name = $1 AND state < 'completed'`,
            [QUEUE],
          );
        return (rows[0] as { n: number } | undefined)?.n ?? 0;
      },
      async close() {
        running = false;
        await loop;
        await Promise.all([...completions]);
        await boss.stop({ graceful: false, wait: true });
      },
    };
  },
};
