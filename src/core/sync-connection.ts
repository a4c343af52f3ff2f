/**
 * @module core/sync-connection
 * `sync://`: every job runs in-process at push, as Laravel's sync driver: no retries,
 * `failed()` called, the error rethrown to the caller. Sizes are always 0.
 */
import type { IQueueable } from '../contracts/queueable.js';
import { createMemoryDriver } from '../drivers/memory/index.js';
import { type ConnectionOptions, type DispatchOptions, QueueConnection } from './queue-connection.js';
import { runInline } from './run-inline.js';

/** A connection that runs every job at once. */
export class SyncConnection extends QueueConnection {
  constructor(options: ConnectionOptions = {}) {
    // A private memory driver backs the middleware's counters and locks.
    super(createMemoryDriver('memory://'), { name: 'sync', ...options });
  }

  override async dispatch(
    job: IQueueable,
    data: any,
    options: DispatchOptions = {},
    queue?: string | null,
  ): Promise<void> {
    await runInline(this, job, data, queue || job.queue?.() || options.queue || this.getDefaultQueue());
  }

  override async bulk(jobs: IQueueable[], data: any, queue?: string): Promise<void> {
    for (const job of jobs) await this.dispatch(job, data, {}, queue);
  }

  override async release(job: IQueueable, data: any, _delay?: number, queue?: string): Promise<void> {
    await this.dispatch(job, data, {}, queue);
  }

  override async process(): Promise<number> {
    return 0;
  }
}
