/**
 * @module drivers/sqlite/schema
 * The versioned schema and its migration, run once per file on `connect()`.
 *
 * Tables carry a `conveyor_` prefix so the queue can live inside an application's own
 * database (Laravel-style apps already own `jobs` and `failed_jobs`).
 *
 * `conveyor_jobs.wake_at` drives the whole state machine:
 * - `NULL`: ready; only these rows sit in the claim index `conveyor_jobs_ready`, so a claim
 *   walks exactly the rows it takes, in order (priority DESC, available_at, seq).
 * - a time with `token IS NULL`: delayed until then.
 * - a time with a `token`: reserved; the lease ends then.
 * A row whose `wake_at` has passed is ready again (due delay or expired lease); `reserve`
 * resets it through `conveyor_jobs_wake` before claiming.
 * The ready index ends in `wake_at` (always NULL there) only so that counting and probing
 * ready rows never touch the table.
 * `seq` (the rowid) is push order and stays stable through VACUUM because it is declared.
 */
import type BetterSqlite3 from 'better-sqlite3';

/** One schema step. Versions only ever grow; a released step is never edited. */
interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every schema step, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create queue tables',
    sql: `
      CREATE TABLE conveyor_jobs (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        queue TEXT NOT NULL,
        payload TEXT NOT NULL,
        priority INTEGER NOT NULL DEFAULT 0,
        available_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        wake_at INTEGER,
        token TEXT
      );
      CREATE INDEX conveyor_jobs_ready ON conveyor_jobs (queue, priority DESC, available_at, seq, wake_at)
        WHERE wake_at IS NULL;
      CREATE INDEX conveyor_jobs_wake ON conveyor_jobs (queue, wake_at) WHERE wake_at IS NOT NULL;

      CREATE TABLE conveyor_failed_jobs (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        connection TEXT NOT NULL,
        queue TEXT NOT NULL,
        payload TEXT NOT NULL,
        priority INTEGER NOT NULL DEFAULT 0,
        attempts INTEGER NOT NULL,
        error_name TEXT NOT NULL,
        error_message TEXT NOT NULL,
        error_stack TEXT,
        failed_at INTEGER NOT NULL
      );
      CREATE INDEX conveyor_failed_jobs_failed_at ON conveyor_failed_jobs (failed_at);
      CREATE INDEX conveyor_failed_jobs_queue ON conveyor_failed_jobs (queue, failed_at);

      CREATE TABLE conveyor_counters (
        key TEXT PRIMARY KEY,
        value INTEGER NOT NULL,
        expires_at INTEGER
      ) WITHOUT ROWID;

      CREATE TABLE conveyor_locks (
        key TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        expires_at INTEGER
      ) WITHOUT ROWID;
    `,
  },
];

/** The version this code expects. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/**
 * Brings the file up to `SCHEMA_VERSION`. The check runs without a lock; the work runs
 * under `BEGIN IMMEDIATE` and re-reads the version, so racing processes migrate once.
 * Returns the versions this call applied.
 */
export function migrate(db: BetterSqlite3.Database): number[] {
  if (appliedVersion(db) >= SCHEMA_VERSION) return [];
  const run = db.transaction((): number[] => {
    db.exec(
      'CREATE TABLE IF NOT EXISTS conveyor_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
    );
    const current = appliedVersion(db);
    const record = db.prepare('INSERT INTO conveyor_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    const applied: number[] = [];
    for (const migration of MIGRATIONS) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, Date.now());
      applied.push(migration.version);
    }
    return applied;
  });
  return run.immediate();
}

function appliedVersion(db: BetterSqlite3.Database): number {
  const table = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'conveyor_migrations'")
    .get();
  if (!table) return 0;
  const row = db.prepare('SELECT max(version) AS version FROM conveyor_migrations').get() as
    | { version: number | null }
    | undefined;
  return row?.version ?? 0;
}
