/**
 * @module core/run-inline
 * Rule 12: a job whose `shouldQueue()` is false, and every job on `sync://`, runs in-process
 * at once: middleware, then `handle`; on error `failed()` is called and the error reaches the
 * caller. No retries, nothing stored.
 */
import type { IQueueable } from '../contracts/queueable.js';
import { runPipeline } from '../middleware/middleware-registry.js';
import { ActiveRun, activeRuns } from './active-run.js';
import { newJobId } from './job-id.js';
import type { QueueConnection } from './queue-connection.js';
import { toError } from './to-error.js';

/** Runs `job` now, in this process. */
export async function runInline(
  connection: QueueConnection,
  job: IQueueable,
  data: unknown,
  queue: string,
): Promise<void> {
  const reservation = { id: newJobId(), queue, payload: '', attempts: 1, token: '', leaseUntil: 0 };
  const run = new ActiveRun(
    reservation,
    job.constructor.name,
    connection.getName(),
    connection.driver.atomic,
    undefined,
  );
  activeRuns.set(job, run);
  try {
    const middleware = connection.runtime().middleware.resolve(job.middleware?.() ?? []);
    await runPipeline(middleware, job, run, () => job.handle(data, run));
    if (run.failError !== undefined) throw run.failError;
  } catch (thrown) {
    const error = toError(thrown);
    activeRuns.delete(job);
    await job.failed?.(error);
    throw error;
  } finally {
    activeRuns.delete(job);
  }
}
