/**
 * DESIGN §4 rule 5: timeouts, the abort signal, failOnTimeout, and thread isolation.
 */
import { describe, expect, it } from 'vitest';
import { type IQueueable, type JobContext, JobTimeoutError, QueueManager } from '../../src/index.js';
import { memoryManager, waitFor, withWorker } from '../helpers.js';
import { BusyLoopJob, registry, ThreadedEchoJob } from './fixtures/thread-jobs.js';

const aborted: string[] = [];
const lateResults: string[] = [];

class SlowJob implements IQueueable {
  constructor(readonly key: string) {}
  shouldQueue() {
    return true;
  }
  timeout() {
    return 0.1;
  }
  tries() {
    return 2;
  }
  async handle(_data: unknown, context?: JobContext): Promise<void> {
    context!.signal.addEventListener('abort', () => aborted.push(this.key));
    await new Promise((resolve) => setTimeout(resolve, 300));
    lateResults.push(this.key);
  }
}

describe('rule 5: timeouts', () => {
  it('rule 5: on expiry the signal aborts, JobTimeoutError counts as an exception and the job is retried', async () => {
    const manager = memoryManager();
    await manager.push(new SlowJob('t1'), {});
    const timeouts: Error[] = [];
    const exceptions: Error[] = [];
    let failedWith: Error | undefined;
    await withWorker(manager, { connection: 'main' }, async (worker) => {
      worker.on('timeout', (_job, error) => timeouts.push(error));
      worker.on('exception', (_job, error) => exceptions.push(error));
      worker.on('failed', (_job, error) => {
        failedWith = error;
      });
      await waitFor(() => worker.getFailedCount() === 1);
      expect(worker.getProcessedCount()).toBe(0);
    });
    expect(aborted.filter((k) => k === 't1')).toHaveLength(2);
    expect(timeouts).toHaveLength(2);
    expect(exceptions[0]).toBeInstanceOf(JobTimeoutError);
    expect(failedWith).toBeInstanceOf(JobTimeoutError);
  });

  it('rule 5: failOnTimeout fails at the first timeout', async () => {
    const manager = memoryManager();
    await manager.dispatch(new SlowJob('t2'), {}, { failOnTimeout: true });
    await withWorker(manager, { connection: 'main' }, async (worker) => {
      await waitFor(() => worker.getFailedCount() === 1);
    });
    expect(aborted.filter((k) => k === 't2')).toHaveLength(1);
  });

  it('rule 5: the worker timeout applies when the job sets none, and 0 means none', async () => {
    class NoTimeout implements IQueueable {
      shouldQueue() {
        return true;
      }
      async handle() {
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    }
    const manager = memoryManager();
    await manager.push(new NoTimeout(), {});
    await withWorker(manager, { connection: 'main', timeout: 0.05 }, async (worker) => {
      await waitFor(() => worker.getFailedCount() === 1);
    });
    await manager.push(new NoTimeout(), {});
    await withWorker(manager, { connection: 'main', timeout: 0 }, async (worker) => {
      await waitFor(() => worker.getProcessedCount() === 1);
    });
  });

  it("rule 5: isolation 'thread' terminates a job that never yields", async () => {
    const manager = new QueueManager({ registry, connections: { main: `memory://thread-${Date.now()}` } });
    await manager.push(new BusyLoopJob(), {});
    await manager.push(new ThreadedEchoJob(7), { factor: 6 });
    const progress: unknown[] = [];
    const started = Date.now();
    await withWorker(
      manager,
      {
        connection: 'main',
        isolation: 'thread',
        jobsModule: new URL('./fixtures/thread-jobs.ts', import.meta.url),
        concurrency: 2,
      },
      async (worker) => {
        worker.on('progress', (_job, value) => progress.push(value));
        await waitFor(() => worker.getFailedCount() === 1 && worker.getProcessedCount() === 1, 20_000);
      },
    );
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(progress).toEqual([42]);
  });
});
