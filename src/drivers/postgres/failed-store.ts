/**
 * @module drivers/postgres/failed-store
 * The failed store as a table in the driver's schema.
 */
import type { FailedJobRecord, FailedListOptions, FailedStore } from '../driver.js';
import type { RunStatement } from './run-statement.js';
import type { Statements } from './statements.js';
import { textSafe } from './text-safe.js';

interface FailedRow {
  id: string;
  connection: string;
  queue: string;
  payload: string;
  error_name: string;
  error_message: string;
  error_stack: string | null;
  failed_at: string;
  attempts: number;
}

/** `FailedStore` over the `failed` table. */
export class PostgresFailedStore implements FailedStore {
  constructor(
    private readonly run: RunStatement,
    private readonly statements: Statements,
    /** Called with the queue of a retried job, to wake this process's waiters at once. */
    private readonly onRetried: (queue: string) => void,
  ) {}

  async list(options: FailedListOptions = {}): Promise<FailedJobRecord[]> {
    const { queue = null, limit = 50, offset = 0 } = options;
    const result = await this.run<FailedRow>(this.statements.failedList, [queue, limit, offset]);
    return result.rows.map(toRecord);
  }

  async count(queue?: string): Promise<number> {
    const result = await this.run<{ count: number }>(this.statements.failedCount, [queue ?? null]);
    return result.rows[0]?.count ?? 0;
  }

  async get(id: string): Promise<FailedJobRecord | null> {
    const result = await this.run<FailedRow>(this.statements.failedGet, [id]);
    const row = result.rows[0];
    return row ? toRecord(row) : null;
  }

  async retry(id: string): Promise<boolean> {
    const result = await this.run<{ queue: string }>(this.statements.failedRetry, [id, Date.now()]);
    const queue = result.rows[0]?.queue;
    if (queue === undefined) return false;
    this.onRetried(queue);
    return true;
  }

  /** Stores `record` as given (a job failed from outside a worker), replacing one with the same id. */
  async add(record: FailedJobRecord): Promise<void> {
    const { error } = record;
    await this.run(this.statements.failedAdd, [
      record.id,
      record.connection,
      record.queue,
      record.payload,
      payloadPriority(record.payload),
      textSafe(error.name),
      textSafe(error.message),
      error.stack === undefined ? null : textSafe(error.stack),
      Math.round(record.failedAt),
      Math.max(0, Math.round(record.attempts)),
    ]);
  }

  async forget(id: string): Promise<boolean> {
    const result = await this.run(this.statements.failedForget, [id]);
    return (result.rowCount ?? 0) > 0;
  }

  async flush(queue?: string): Promise<number> {
    const result = await this.run(this.statements.failedFlush, [queue ?? null]);
    return result.rowCount ?? 0;
  }

  async prune(olderThanSeconds: number): Promise<number> {
    const result = await this.run(this.statements.failedPrune, [Date.now() - olderThanSeconds * 1000]);
    return result.rowCount ?? 0;
  }
}

const MAX_INT = 2 ** 31 - 1;

/** The payload's own priority, so a retried record keeps its place; 0 for a raw or odd payload. */
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
    connection: row.connection,
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
