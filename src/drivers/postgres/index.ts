/**
 * @module drivers/postgres
 * The PostgreSQL driver: `postgres://user@host:5432/db?schema=conveyor&notify=true&poolSize=10&migrate=true`
 * or `{ driver: 'postgres', connectionString | pool, schema, notify, migrate, pollInterval }`.
 *
 * Push inside your own transaction with `driver.enqueueWith(client, records)` (the manager's
 * `dispatch(job, data, { transaction: client })` goes there): the job exists only if you commit.
 */
import type { PostgresDriverOptions } from './options.js';
import { PostgresDriver } from './postgres-driver.js';

export type { PostgresDriverOptions } from './options.js';
export { PostgresDriver, type PostgresQueryable } from './postgres-driver.js';

/** Builds a PostgreSQL driver; nothing connects until first use (or `connect()`). */
export function createPostgresDriver(
  config: string | PostgresDriverOptions | Record<string, unknown>,
): PostgresDriver {
  return new PostgresDriver(config as string | PostgresDriverOptions);
}

/**
 * Applies pending migrations to the schema of `config` and closes (for `conveyor migrate` and
 * deploy scripts; with `migrate: false` workers expect this to have run). Returns the versions applied.
 */
export async function migrate(config: string | PostgresDriverOptions): Promise<number[]> {
  const driver = new PostgresDriver(config);
  try {
    return await driver.migrate();
  } finally {
    await driver.close();
  }
}
