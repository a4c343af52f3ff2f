/**
 * @module drivers/sqlite/sqlite-failed-store
 * The failed store in `conveyor_failed_jobs`, newest first.
 */
import type { FailedJobRecord, FailedListOptions, FailedStore } from '../driver.js';
import type { FailedRow } from './failed-statements.js';
import type { SqliteHandle } from './sqlite-handle.js';

/** The SQLite failed store; `wake(queue)` tells in-process waiters about a retried job. */
export class SqliteFailedStore implements FailedStore {
  constructor(
    private readonly open: () => Promise<SqliteHandle>,
    private readonly wake: (queue: string) => void,
  ) {}

  async list(options: FailedListOptions = {}): Promise<FailedJobRecord[]> {
    const { failed } = await this.open();
    const limit = options.limit ?? 50;
    const offset = options.offset ?? 0;
    const rows = (
      options.queue === undefined
        ? failed.listAll.all(limit, offset)
        : failed.listQueue.all(options.queue, limit, offset)
    ) as FailedRow[];
    return rows.map(toRecord);
  }

  async count(queue?: string): Promise<number> {
    const { failed } = await this.open();
    return (queue === undefined ? failed.countAll.get() : failed.countQueue.get(queue)) as number;
  }

  async get(id: string): Promise<FailedJobRecord | null> {
    const { failed } = await this.open();
    const row = failed.get.get(id) as FailedRow | undefined;
    return row ? toRecord(row) : null;
  }

  async retry(id: string): Promise<boolean> {
    const { commit, failed } = await this.open();
    const queue = await commit.run(() => {
      const requeued = failed.requeue.get({ id, now: Date.now() }) as string | undefined;
      if (requeued !== undefined) failed.forget.run(id);
      return requeued;
    });
    if (queue === undefined) return false;
    this.wake(queue);
    return true;
  }

  async add(record: FailedJobRecord): Promise<void> {
    const { commit, failed } = await this.open();
    const { error } = record;
    await commit.run(() =>
      failed.add.run({
        id: record.id,
        connection: record.connection,
        queue: record.queue,
        payload: record.payload,
        attempts: record.attempts,
        name: error.name,
        message: error.message,
        stack: error.stack ?? null,
        failedAt: record.failedAt,
      }),
    );
  }

  async forget(id: string): Promise<boolean> {
    const { commit, failed } = await this.open();
    return commit.run(() => failed.forget.run(id).changes > 0);
  }

  async flush(queue?: string): Promise<number> {
    const { commit, failed } = await this.open();
    return commit.run(
      () => (queue === undefined ? failed.flushAll.run() : failed.flushQueue.run(queue)).changes,
    );
  }

  async prune(olderThanSeconds: number): Promise<number> {
    const { commit, failed } = await this.open();
    return commit.run(() => failed.prune.run(Date.now() - olderThanSeconds * 1000).changes);
  }
}

function toRecord(row: FailedRow): FailedJobRecord {
  return {
    id: row.id,
    connection: row.connection,
    queue: row.queue,
    payload: row.payload,
    error: {
      name: row.error_name,
      message: row.error_message,
      ...(row.error_stack === null ? {} : { stack: row.error_stack }),
    },
    failedAt: row.failed_at,
    attempts: row.attempts,
  };
}
