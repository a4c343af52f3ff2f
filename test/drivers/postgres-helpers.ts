/**
 * @module test/drivers/postgres-helpers
 * Isolation for the PostgreSQL driver tests: a unique schema per driver, every one dropped after
 * the file's tests, an admin pool for setup and inspection, and an enqueue record to push.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll } from 'vitest';
import type { EnqueueRecord } from '../../src/drivers/driver.js';

/** The local PostgreSQL of the test machine (CONVEYOR_TEST_POSTGRES_URL overrides it). */
export const POSTGRES_TEST_URL =
  process.env.CONVEYOR_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** What a test file keeps to its own schemas with. */
export interface PostgresSchemas {
  /** A pool for setup, inspection and teardown, separate from any driver's. */
  admin: pg.Pool;
  /** A fresh schema name, e.g. `pgd_3fa9c1_4` for tag `pgd`, dropped after the file's tests. */
  schemaName(): string;
}

/**
 * Call once at a test file's top level: the admin pool and schema names of that file, and an
 * `afterAll` that drops every schema named and ends the pool.
 */
export function usePostgresSchemas(tag: string): PostgresSchemas {
  const admin = new pg.Pool({ connectionString: POSTGRES_TEST_URL, max: 3 });
  const runId = randomBytes(3).toString('hex');
  const schemas: string[] = [];
  afterAll(async () => {
    for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });
  return {
    admin,
    schemaName() {
      const name = `${tag}_${runId}_${schemas.length + 1}`;
      schemas.push(name);
      return name;
    },
  };
}

/** A job record for `Driver.enqueue`: payload `{"id":…}`, due now, priority 0, unless `extra` says otherwise. */
export function enqueueRecord(queue: string, id: string, extra: Partial<EnqueueRecord> = {}): EnqueueRecord {
  return { id, queue, payload: JSON.stringify({ id }), availableAt: Date.now(), priority: 0, ...extra };
}
