/**
 * @module drivers/sqlite/atomic-statements
 * The SQL of counters and locks, prepared once per connection. A NULL `expires_at` never expires.
 */
import type BetterSqlite3 from 'better-sqlite3';

type Statement = BetterSqlite3.Statement<unknown[]>;

/** The prepared counter and lock statements of one connection. */
export interface AtomicStatements {
  /** Adds to a live counter, or starts an absent/expired one afresh; returns the new value. */
  increment: Statement;
  /** The live counter's `value` and `expires_at`. */
  counter: Statement;
  /** Takes the lock when free, expired, or already ours (renewing its TTL); one change means held. */
  acquireLock: Statement;
  releaseLock: Statement;
  pruneCounters: Statement;
  pruneLocks: Statement;
}

/** Prepares every counter and lock statement on `db`. */
export function prepareAtomicStatements(db: BetterSqlite3.Database): AtomicStatements {
  return {
    increment: db
      .prepare(`
        INSERT INTO conveyor_counters (key, value, expires_at) VALUES (@key, @by, @expiresAt)
        ON CONFLICT (key) DO UPDATE SET
          value = CASE WHEN expires_at <= @now THEN excluded.value ELSE value + excluded.value END,
          expires_at = CASE WHEN expires_at <= @now THEN excluded.expires_at ELSE expires_at END
        RETURNING value`)
      .pluck(),
    counter: db.prepare(`
      SELECT value, expires_at AS expiresAt FROM conveyor_counters
      WHERE key = ? AND (expires_at IS NULL OR expires_at > ?)`),
    acquireLock: db.prepare(`
      INSERT INTO conveyor_locks (key, owner, expires_at) VALUES (@key, @owner, @expiresAt)
      ON CONFLICT (key) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
      WHERE conveyor_locks.owner = excluded.owner OR conveyor_locks.expires_at <= @now`),
    releaseLock: db.prepare(`
      DELETE FROM conveyor_locks WHERE key = ? AND owner = ? AND (expires_at IS NULL OR expires_at > ?)`),
    pruneCounters: db.prepare('DELETE FROM conveyor_counters WHERE expires_at <= ?'),
    pruneLocks: db.prepare('DELETE FROM conveyor_locks WHERE expires_at <= ?'),
  };
}
