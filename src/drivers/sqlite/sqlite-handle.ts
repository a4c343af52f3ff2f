/**
 * @module drivers/sqlite/sqlite-handle
 * One open connection and everything prepared on it: what every part of the driver shares.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { type AtomicStatements, prepareAtomicStatements } from './atomic-statements.js';
import { type FailedStatements, prepareFailedStatements } from './failed-statements.js';
import { type JobStatements, prepareJobStatements } from './job-statements.js';
import { openDatabase } from './open-database.js';
import type { ResolvedSqliteOptions } from './sqlite-options.js';

/** An open, migrated connection with its statements prepared once. */
export interface SqliteHandle {
  db: BetterSqlite3.Database;
  /** The file's real path, or `:memory:`. */
  realPath: string;
  jobs: JobStatements;
  failed: FailedStatements;
  atomic: AtomicStatements;
}

/** Opens the database, migrates it and prepares every statement. */
export async function openHandle(options: ResolvedSqliteOptions): Promise<SqliteHandle> {
  const { db, realPath } = await openDatabase(options);
  try {
    return {
      db,
      realPath,
      jobs: prepareJobStatements(db),
      failed: prepareFailedStatements(db),
      atomic: prepareAtomicStatements(db),
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
