/**
 * @module drivers/mysql/migrator
 * Applies pending schema versions under `GET_LOCK`, so many processes starting at once migrate once.
 */
import { createHash } from 'node:crypto';
import { QueueError } from '../../core/errors/queue-error.js';
import { migrations } from './migrations/index.js';
import type { MysqlClient } from './mysql-client.js';
import { selectRows } from './mysql-client.js';
import type { Statements } from './statements.js';
import { bindSql } from './statements.js';

/** Seconds to wait for another process's migration before giving up (60). */
export const MIGRATION_LOCK_TIMEOUT = 60;

/** Applies every pending migration; returns the versions applied, ascending, empty when none. */
export async function runMigrations(client: MysqlClient, sql: Statements): Promise<number[]> {
  // A named lock belongs to a session, so every step runs on one connection.
  const connection = await client.pool.getConnection();
  try {
    const [current] = await selectRows<{ db: string | null }>(connection, sql.migrate.CURRENT_DATABASE);
    const database = current?.db ?? '';
    const lockName = migrationLockName(database, sql.names.jobs);
    const [lock] = await selectRows<{ taken: number | null }>(connection, sql.migrate.GET_MIGRATION_LOCK, [
      lockName,
      MIGRATION_LOCK_TIMEOUT,
    ]);
    if (lock?.taken !== 1) {
      throw new QueueError(
        'ERR_MIGRATION_LOCKED',
        `Another process held the Conveyor migration lock of ${database} for ${MIGRATION_LOCK_TIMEOUT}s: ` +
          'check for a stuck migration, then run `conveyor migrate` again',
      );
    }
    try {
      await connection.query(sql.migrate.CREATE_MIGRATIONS_TABLE);
      const applied = new Set(
        (await selectRows<{ version: number }>(connection, sql.migrate.APPLIED_VERSIONS)).map(
          (row) => row.version,
        ),
      );
      const done: number[] = [];
      for (const migration of migrations) {
        if (applied.has(migration.version)) continue;
        for (const statement of migration.statements) {
          await connection.query(bindSql(statement, sql.names));
        }
        await connection.query(sql.migrate.RECORD_MIGRATION, [migration.version, migration.name, Date.now()]);
        done.push(migration.version);
      }
      return done;
    } finally {
      await connection.query(sql.migrate.RELEASE_MIGRATION_LOCK, [lockName]).catch(() => undefined);
    }
  } finally {
    connection.release();
  }
}

/** Named locks are server-wide and MySQL caps their names at 64 characters: hash database + table. */
function migrationLockName(database: string, jobsTable: string): string {
  const digest = createHash('sha256').update(`${database}.${jobsTable}`).digest('hex').slice(0, 40);
  return `conveyor:migrate:${digest}`;
}
