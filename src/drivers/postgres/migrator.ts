/**
 * @module drivers/postgres/migrator
 * Applies pending migrations under a transaction-scoped advisory lock, so many workers starting
 * at once migrate exactly once; the others wait, then find nothing to do.
 */
import type { Pool } from 'pg';
import { latestVersion, migrations } from './migrations/index.js';
import {
  currentVersionSql,
  migrationLockSql,
  migrationsTableSql,
  recordMigrationSql,
} from './sql/migrations.js';
import type { Tables } from './tables.js';

/** Postgres error codes meaning "the schema or table is not there yet". */
const NOT_MIGRATED = new Set(['3F000', '42P01']);

/** The applied version, 0 before the first migration. */
export async function currentVersion(pool: Pool, tables: Tables): Promise<number> {
  try {
    const result = await pool.query<{ version: number | null }>(currentVersionSql(tables));
    return result.rows[0]?.version ?? 0;
  } catch (error) {
    if (NOT_MIGRATED.has((error as { code?: string }).code ?? '')) return 0;
    throw error;
  }
}

/** Applies every pending migration in one transaction; returns the versions it applied. */
export async function runMigrations(pool: Pool, tables: Tables): Promise<number[]> {
  if ((await currentVersion(pool, tables)) >= latestVersion) return [];
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    await client.query(migrationLockSql(), [tables.schema]);
    await client.query(migrationsTableSql(tables));
    const done = await client.query<{ version: number }>(`SELECT version FROM ${tables.migrations}`);
    const applied = new Set(done.rows.map((row) => row.version));
    const ran: number[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.up(tables));
      await client.query(recordMigrationSql(tables), [migration.version, migration.name]);
      ran.push(migration.version);
    }
    await client.query('COMMIT');
    return ran;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw error;
  } finally {
    // a connection that could not even roll back is discarded, not returned to the pool
    client.release(broken);
  }
}
