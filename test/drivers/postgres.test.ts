/**
 * @module test/drivers/postgres
 * The shared conformance suite against the local PostgreSQL: every test gets its own schema
 * (migrated on first use, dropped afterwards), so `create()` always starts from empty storage.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, it } from 'vitest';
import type { Driver } from '../../src/drivers/driver.js';
import { createPostgresDriver, type PostgresDriver } from '../../src/drivers/postgres/index.js';
import { runDriverConformance } from '../../src/testing/conformance/index.js';

const URL = process.env.CONVEYOR_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const runId = randomBytes(3).toString('hex');
let counter = 0;
const admin = new pg.Pool({ connectionString: URL, max: 2 });

afterAll(async () => {
  await admin.end();
});

runDriverConformance(
  {
    name: 'postgres',
    create: async () =>
      createPostgresDriver(`${URL}?schema=cf_${runId}_${++counter}&poolSize=4&pollInterval=200`),
    sibling: async (driver: Driver) =>
      createPostgresDriver(
        `${URL}?schema=${(driver as PostgresDriver).tables.schema}&poolSize=4&pollInterval=200`,
      ),
    cleanup: async (driver: Driver) => {
      await admin.query(`DROP SCHEMA IF EXISTS ${(driver as PostgresDriver).tables.schemaIdent} CASCADE`);
    },
  },
  { describe, it },
);
