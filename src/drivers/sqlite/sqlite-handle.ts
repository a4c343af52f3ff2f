/**
 * @module drivers/sqlite/sqlite-handle
 * One open connection and everything prepared on it: what every part of the driver shares.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { type AtomicStatements, prepareAtomicStatements } from './atomic-statements.js';
import { type FailedStatements, prepareFailedStatements } from './failed-statements.js';
import { GroupCommit } from './group-commit.js';
import { type JobStatements, prepareJobStatements } from './job-statements.js';
import { openDatabase } from './open-database.js';
import type { ResolvedSqliteOptions } from './sqlite-options.js';

/** An open, migrated connection with its statements prepared once. */
export interface SqliteHandle {
  db: BetterSqlite3.Database;
  /** The file's real path, or `:memory:`. */
  realPath: string;
  /** Schema versions applied when this connection opened. */
  applied: number[];
  jobs: JobStatements;
  failed: FailedStatements;
  atomic: AtomicStatements;
  /** Every write goes through here, so writes issued in one event-loop turn share a commit. */
  commit: GroupCommit;
}

/** Opens the database, migrates it and prepares every statement. */
export async function openHandle(options: ResolvedSqliteOptions): Promise<SqliteHandle> {
  const { db, realPath, applied } = await openDatabase(options);
  try {
    return {
      db,
      realPath,
      applied,
      jobs: prepareJobStatements(db),
      failed: prepareFailedStatements(db),
      atomic: prepareAtomicStatements(db),
      commit: new GroupCommit(db),
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
