/**
 * @module drivers/sqlite/job-statements
 * The SQL of the job lifecycle, one statement each, prepared once per connection.
 * Reservations address rows by `seq` (carried inside the token, see `reservation-token.ts`)
 * and check the full token, so a stale reservation never matches.
 */
import type BetterSqlite3 from 'better-sqlite3';

type Statement = BetterSqlite3.Statement<unknown[]>;

/** A claimed row in raw (array) mode: seq, id, payload, attempts, priority, available_at. */
export type ClaimedRow = [
  seq: number,
  id: string,
  payload: string,
  attempts: number,
  priority: number,
  availableAt: number,
];

/** The prepared job statements of one connection. */
export interface JobStatements {
  /** Positional: id, queue, payload, priority, available_at, attempts, wake_at (NULL when ready). */
  insert: Statement;
  /** Due delayed jobs and expired leases of one queue become ready again. */
  wake: Statement;
  claim: Statement;
  complete: Statement;
  extend: Statement;
  /**
   * Returns the queue of the released row (none when the token is stale). `@refund` is 1 to
   * take back the attempt the reservation counted (never below 0), 0 to keep it.
   */
  release: Statement;
  moveToFailed: Statement;
  deleteBySeq: Statement;
  hasWork: Statement;
  sizes: Statement;
  queues: Statement;
  clearReady: Statement;
  clearWaiting: Statement;
  clearAll: Statement;
}

/** Prepares every job statement on `db`. */
export function prepareJobStatements(db: BetterSqlite3.Database): JobStatements {
  const claim = db.prepare(`
    UPDATE conveyor_jobs SET wake_at = @leaseUntil, token = @tokenBase || seq, attempts = attempts + 1
    WHERE seq IN (
      SELECT seq FROM conveyor_jobs WHERE queue = @queue AND wake_at IS NULL
      ORDER BY priority DESC, available_at, seq LIMIT @max
    )
    RETURNING seq, id, payload, attempts, priority, available_at`);
  claim.raw(true);
  return {
    insert: db.prepare(`
      INSERT OR REPLACE INTO conveyor_jobs (id, queue, payload, priority, available_at, attempts, wake_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)`),
    wake: db.prepare(`
      UPDATE conveyor_jobs SET wake_at = NULL, token = NULL
      WHERE queue = ? AND wake_at IS NOT NULL AND wake_at <= ?`),
    claim,
    complete: db.prepare('DELETE FROM conveyor_jobs WHERE seq = ? AND token = ?'),
    extend: db.prepare('UPDATE conveyor_jobs SET wake_at = ? WHERE seq = ? AND token = ?'),
    release: db
      .prepare(`
        UPDATE conveyor_jobs SET token = NULL, available_at = @availableAt, wake_at = @wakeAt,
          attempts = max(attempts - @refund, 0)
        WHERE seq = @seq AND token = @token
        RETURNING queue`)
      .pluck(),
    moveToFailed: db.prepare(`
      INSERT OR REPLACE INTO conveyor_failed_jobs
        (id, connection, queue, payload, priority, attempts, error_name, error_message, error_stack, failed_at)
      SELECT id, @connection, queue, payload, priority, attempts, @name, @message, @stack, @failedAt
      FROM conveyor_jobs WHERE seq = @seq AND token = @token`),
    deleteBySeq: db.prepare('DELETE FROM conveyor_jobs WHERE seq = ?'),
    hasWork: db
      .prepare(`
        SELECT EXISTS (SELECT 1 FROM conveyor_jobs WHERE queue = @queue AND wake_at IS NULL)
          OR EXISTS (SELECT 1 FROM conveyor_jobs WHERE queue = @queue AND wake_at IS NOT NULL AND wake_at <= @now)`)
      .pluck(),
    sizes: db.prepare(`
      SELECT
        (SELECT count(*) FROM conveyor_jobs WHERE queue = @queue AND wake_at IS NULL)
          + (SELECT count(*) FROM conveyor_jobs WHERE queue = @queue AND wake_at IS NOT NULL AND wake_at <= @now)
          AS ready,
        (SELECT count(*) FROM conveyor_jobs
          WHERE queue = @queue AND wake_at IS NOT NULL AND wake_at > @now AND token IS NULL) AS delayed,
        (SELECT count(*) FROM conveyor_jobs
          WHERE queue = @queue AND wake_at IS NOT NULL AND wake_at > @now AND token IS NOT NULL) AS reserved`),
    // A loose index scan over both partial indexes (together they hold every row) and the
    // failed store: O(queues × log n) instead of reading the whole table.
    queues: db
      .prepare(`
        WITH RECURSIVE
          ready(name) AS (
            SELECT (SELECT min(queue) FROM conveyor_jobs WHERE wake_at IS NULL)
            UNION ALL
            SELECT (SELECT min(queue) FROM conveyor_jobs WHERE wake_at IS NULL AND queue > ready.name)
            FROM ready WHERE ready.name IS NOT NULL),
          waiting(name) AS (
            SELECT (SELECT min(queue) FROM conveyor_jobs WHERE wake_at IS NOT NULL)
            UNION ALL
            SELECT (SELECT min(queue) FROM conveyor_jobs WHERE wake_at IS NOT NULL AND queue > waiting.name)
            FROM waiting WHERE waiting.name IS NOT NULL),
          failed(name) AS (
            SELECT (SELECT min(queue) FROM conveyor_failed_jobs)
            UNION ALL
            SELECT (SELECT min(queue) FROM conveyor_failed_jobs WHERE queue > failed.name)
            FROM failed WHERE failed.name IS NOT NULL)
        SELECT name FROM ready WHERE name IS NOT NULL
        UNION SELECT name FROM waiting WHERE name IS NOT NULL
        UNION SELECT name FROM failed WHERE name IS NOT NULL
        ORDER BY name`)
      .pluck(),
    clearReady: db.prepare('DELETE FROM conveyor_jobs WHERE queue = ? AND wake_at IS NULL'),
    clearWaiting: db.prepare('DELETE FROM conveyor_jobs WHERE queue = ? AND wake_at IS NOT NULL'),
    clearAll: db.prepare('DELETE FROM conveyor_jobs'),
  };
}
