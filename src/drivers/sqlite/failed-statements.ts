/**
 * @module drivers/sqlite/failed-statements
 * The SQL of the failed store, prepared once per connection. Lists are newest first.
 */
import type BetterSqlite3 from 'better-sqlite3';

type Statement = BetterSqlite3.Statement<unknown[]>;

/** A `conveyor_failed_jobs` row as read. */
export interface FailedRow {
  id: string;
  connection: string;
  queue: string;
  payload: string;
  attempts: number;
  error_name: string;
  error_message: string;
  error_stack: string | null;
  failed_at: number;
}

/** The prepared failed-store statements of one connection. */
export interface FailedStatements {
  listAll: Statement;
  listQueue: Statement;
  countAll: Statement;
  countQueue: Statement;
  get: Statement;
  /** Re-enqueues a failed job (same id, attempts 0, ready at `@now`), returning its queue. */
  requeue: Statement;
  /** Stores a record directly (a job failed from outside a worker), replacing one with its id. */
  add: Statement;
  forget: Statement;
  flushAll: Statement;
  flushQueue: Statement;
  prune: Statement;
}

const COLUMNS = 'id, connection, queue, payload, attempts, error_name, error_message, error_stack, failed_at';

/** Prepares every failed-store statement on `db`. */
export function prepareFailedStatements(db: BetterSqlite3.Database): FailedStatements {
  return {
    listAll: db.prepare(
      `SELECT ${COLUMNS} FROM conveyor_failed_jobs ORDER BY failed_at DESC, seq DESC LIMIT ? OFFSET ?`,
    ),
    listQueue: db.prepare(
      `SELECT ${COLUMNS} FROM conveyor_failed_jobs WHERE queue = ? ORDER BY failed_at DESC, seq DESC LIMIT ? OFFSET ?`,
    ),
    countAll: db.prepare('SELECT count(*) FROM conveyor_failed_jobs').pluck(),
    countQueue: db.prepare('SELECT count(*) FROM conveyor_failed_jobs WHERE queue = ?').pluck(),
    get: db.prepare(`SELECT ${COLUMNS} FROM conveyor_failed_jobs WHERE id = ?`),
    requeue: db
      .prepare(`
        INSERT OR REPLACE INTO conveyor_jobs (id, queue, payload, priority, available_at, attempts, wake_at)
        SELECT id, queue, payload, priority, @now, 0, NULL FROM conveyor_failed_jobs WHERE id = @id
        RETURNING queue`)
      .pluck(),
    add: db.prepare(`
      INSERT OR REPLACE INTO conveyor_failed_jobs
        (id, connection, queue, payload, attempts, error_name, error_message, error_stack, failed_at)
      VALUES (@id, @connection, @queue, @payload, @attempts, @name, @message, @stack, @failedAt)`),
    forget: db.prepare('DELETE FROM conveyor_failed_jobs WHERE id = ?'),
    flushAll: db.prepare('DELETE FROM conveyor_failed_jobs'),
    flushQueue: db.prepare('DELETE FROM conveyor_failed_jobs WHERE queue = ?'),
    prune: db.prepare('DELETE FROM conveyor_failed_jobs WHERE failed_at < ?'),
  };
}
