/**
 * @module core/isolation/thread-pool
 * `isolation: 'thread'`: each handler runs in a worker thread; a thread whose job times out
 * (or whose worker is forced to stop) is terminated, which stops even a busy loop.
 * Threads are reused between jobs and created on demand up to the worker's concurrency.
 */
import { Worker as Thread } from 'node:worker_threads';
import type { Reservation } from '../../drivers/driver.js';
import type { ActiveRun } from '../active-run.js';
import { JobFailedError } from '../errors/job-failed-error.js';
import type { IsolatedExecutor } from '../job-runner.js';
import type { RunMessage, ThreadData, ThreadMessage } from './thread-protocol.js';

const here = import.meta.url;
// From the TypeScript sources (tests, tsx) the entry is .ts and needs tsx's loader in the thread.
const fromSource = here.endsWith('.ts');
const entry = new URL(fromSource ? './thread-entry.ts' : './thread-entry.js', here);

/** tsx's API, resolved from this module (the thread's cwd may have no node_modules). */
function tsxApi(): string {
  return import.meta.resolve('tsx/esm/api');
}

/** A pool of job threads. */
export class ThreadPool implements IsolatedExecutor {
  private readonly idle: Thread[] = [];
  private readonly all = new Set<Thread>();
  private readonly data: ThreadData;

  constructor(jobsModule: string | URL, codecOptions: unknown) {
    const specifier = jobsModule instanceof URL ? jobsModule.href : jobsModule;
    this.data = { jobsModule: specifier, codecOptions };
  }

  async execute(reservation: Reservation, run: ActiveRun, _timeoutMs: number): Promise<void> {
    const thread = this.idle.pop() ?? (await this.spawn());
    return new Promise<void>((resolve, reject) => {
      const finish = (keep: boolean, error?: Error) => {
        thread.off('message', onMessage);
        thread.off('error', onError);
        run.signal.removeEventListener('abort', onAbort);
        if (keep) this.idle.push(thread);
        if (error) reject(error);
        else resolve();
      };
      const onMessage = (message: ThreadMessage) => {
        if (message.type === 'progress') run.progress(message.value as number);
        else if (message.type === 'release') run.release(message.delay);
        else if (message.type === 'fail') {
          const { error } = message;
          run.fail(
            typeof error === 'object' ? Object.assign(new JobFailedError(error.message), error) : error,
          );
        } else if (message.type === 'done') finish(true);
        else if (message.type === 'error')
          finish(true, Object.assign(new Error(message.error.message), message.error));
      };
      const onError = (error: Error) => {
        this.discard(thread);
        finish(false, error);
      };
      const onAbort = () => {
        this.discard(thread);
        finish(false, run.signal.reason as Error);
      };
      thread.on('message', onMessage);
      thread.on('error', onError);
      run.signal.addEventListener('abort', onAbort, { once: true });
      const message: RunMessage = {
        type: 'run',
        payload: reservation.payload,
        id: reservation.id,
        queue: reservation.queue,
        attempts: reservation.attempts,
        connection: run.connection,
      };
      thread.postMessage(message);
    });
  }

  /** Terminates every thread. */
  async close(): Promise<void> {
    const threads = [...this.all];
    this.all.clear();
    this.idle.length = 0;
    await Promise.all(threads.map((thread) => thread.terminate()));
  }

  private discard(thread: Thread): void {
    this.all.delete(thread);
    void thread.terminate();
  }

  private spawn(): Promise<Thread> {
    // From sources, the thread registers tsx's loader before importing the TypeScript entry.
    const thread = fromSource
      ? new Thread(
          `import(${JSON.stringify(tsxApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`,
          { eval: true, workerData: this.data },
        )
      : new Thread(entry, { workerData: this.data });
    this.all.add(thread);
    return new Promise<Thread>((resolve, reject) => {
      const onReady = (message: ThreadMessage) => {
        if (message.type !== 'ready') return;
        thread.off('message', onReady);
        thread.off('error', reject);
        resolve(thread);
      };
      thread.on('message', onReady);
      thread.once('error', reject);
    });
  }
}
