/**
 * @module drivers/mysql/mysql-failed-store
 * The failed store in `{prefix}failed_jobs`; a retry moves the row back in one transaction.
 */
import type { FailedJobRecord, FailedListOptions, FailedStore } from '../driver.js';
import { MAX_ERROR_TEXT } from './ack-jobs.js';
import { execute, rollback, selectRows } from './mysql-client.js';
import type { ContextSource } from './mysql-context.js';
import { notifyWork } from './wake-bus.js';

interface FailedRow {
  id: string;
  connection_name: string;
  queue: string;
  payload: string;
  attempts: number;
  error_name: string;
  error_message: string;
  error_stack: string | null;
  failed_at: number;
}

/** Largest value of an INT column. */
const MAX_INT = 2_147_483_647;

/** Default page size of `list` (50). */
export const DEFAULT_FAILED_PAGE = 50;

/** `FailedStore` over MySQL. */
export class MysqlFailedStore implements FailedStore {
  constructor(private readonly context: ContextSource) {}

  async list(options: FailedListOptions = {}): Promise<FailedJobRecord[]> {
    const { client, sql } = await this.context();
    const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_FAILED_PAGE));
    const offset = Math.max(0, Math.floor(options.offset ?? 0));
    const rows =
      options.queue === undefined
        ? await client.rows<FailedRow>(sql.failed.LIST_FAILED, [limit, offset])
        : await client.rows<FailedRow>(sql.failed.LIST_FAILED_IN_QUEUE, [options.queue, limit, offset]);
    return rows.map(toRecord);
  }

  async count(queue?: string): Promise<number> {
    const { client, sql } = await this.context();
    const [row] =
      queue === undefined
        ? await client.rows<{ n: number }>(sql.failed.COUNT_FAILED)
        : await client.rows<{ n: number }>(sql.failed.COUNT_FAILED_IN_QUEUE, [queue]);
    return Number(row?.n ?? 0);
  }

  async get(id: string): Promise<FailedJobRecord | null> {
    const { client, sql } = await this.context();
    const [row] = await client.rows<FailedRow>(sql.failed.GET_FAILED, [id]);
    return row ? toRecord(row) : null;
  }

  /** Stores `record` as given (a job failed from outside a worker), replacing one with the same id. */
  async add(record: FailedJobRecord): Promise<void> {
    const { client, sql } = await this.context();
    const { error } = record;
    await client.exec(sql.failed.ADD_FAILED, [
      record.id,
      record.connection.slice(0, 191),
      record.queue,
      record.payload,
      payloadPriority(record.payload),
      Math.max(0, Math.round(record.attempts)),
      error.name.slice(0, 191),
      error.message.slice(0, MAX_ERROR_TEXT),
      error.stack === undefined ? null : error.stack.slice(0, MAX_ERROR_TEXT),
      Math.round(record.failedAt),
    ]);
  }

  async retry(id: string): Promise<boolean> {
    const context = await this.context();
    const { sql } = context;
    const queue = await context.client.transaction(async (connection) => {
      const [row] = await selectRows<{ queue: string }>(connection, sql.failed.LOCK_FAILED, [id]);
      if (!row) return rollback(null);
      await execute(connection, sql.failed.COPY_TO_JOBS, [Date.now(), id]);
      await execute(connection, sql.failed.DELETE_FAILED, [id]);
      return row.queue;
    });
    if (queue === null) return false;
    notifyWork(context.storage, [queue]);
    return true;
  }

  async forget(id: string): Promise<boolean> {
    const { client, sql } = await this.context();
    return (await client.exec(sql.failed.DELETE_FAILED, [id])).affectedRows > 0;
  }

  async flush(queue?: string): Promise<number> {
    const { client, sql } = await this.context();
    const header =
      queue === undefined
        ? await client.exec(sql.failed.FLUSH_FAILED)
        : await client.exec(sql.failed.FLUSH_FAILED_IN_QUEUE, [queue]);
    return header.affectedRows;
  }

  async prune(olderThanSeconds: number): Promise<number> {
    const { client, sql } = await this.context();
    return (await client.exec(sql.failed.PRUNE_FAILED, [Date.now() - Math.round(olderThanSeconds * 1000)]))
      .affectedRows;
  }
}

/**
 * The record carries no priority, but a retry should keep it: read the payload's own `priority`
 * when the payload is a Conveyor document, 0 otherwise (a raw or garbled payload is stored as is).
 */
function payloadPriority(payload: string): number {
  try {
    const priority = (JSON.parse(payload) as { priority?: unknown } | null)?.priority;
    return Number.isInteger(priority) && Math.abs(priority as number) <= MAX_INT ? (priority as number) : 0;
  } catch {
    return 0;
  }
}

function toRecord(row: FailedRow): FailedJobRecord {
  return {
    id: row.id,
    connection: row.connection_name,
    queue: row.queue,
    payload: row.payload,
    error: {
      name: row.error_name,
      message: row.error_message,
      ...(row.error_stack === null ? {} : { stack: row.error_stack }),
    },
    failedAt: Number(row.failed_at),
    attempts: row.attempts,
  };
}
