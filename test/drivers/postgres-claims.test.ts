/**
 * @module test/drivers/postgres-claims
 * How the PostgreSQL driver claims and completes (migration 003): claims are HOT updates over
 * one claim index, planned once; completion finds rows by the ctid their claim returned and
 * falls back to (id, token) when the row moved; migration 003 on a table that holds jobs.
 */
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { Reservation } from '../../src/drivers/driver.js';
import { createPostgresDriver } from '../../src/drivers/postgres/index.js';
import { initialMigration } from '../../src/drivers/postgres/migrations/001-initial.js';
import { byteOrderKeysMigration } from '../../src/drivers/postgres/migrations/002-byte-order-keys.js';
import { migrationsTableSql, recordMigrationSql } from '../../src/drivers/postgres/sql/migrations.js';
import { reserveSql } from '../../src/drivers/postgres/sql/reserve.js';
import { tablesFor } from '../../src/drivers/postgres/tables.js';
import { enqueueRecord, POSTGRES_TEST_URL, usePostgresSchemas } from './postgres-helpers.js';

const { admin, schemaName } = usePostgresSchemas('pgc');

/** Runs the claim statement on one admin connection, inside a transaction rolled back at the end. */
async function inClaimSession<T>(
  schema: string,
  body: (client: pg.PoolClient, claim: (max: number) => Promise<number>) => Promise<T>,
): Promise<T> {
  const client = await admin.connect();
  try {
    await client.query(
      `PREPARE claim(text, bigint, int, bigint, text) AS ${reserveSql(tablesFor(schema), true)}`,
    );
    await client.query('BEGIN');
    const claim = async (max: number) =>
      (await client.query(`EXECUTE claim('q', ${Date.now()}, ${max}, 30000, 'tok.')`)).rowCount ?? 0;
    return await body(client, claim);
  } finally {
    await client.query('ROLLBACK');
    await client.query('DEALLOCATE claim');
    client.release();
  }
}

describe('postgres driver: claims', () => {
  it('a claim writes no index entry: every claimed row is a HOT update', async () => {
    const schema = schemaName();
    const driver = createPostgresDriver(`${POSTGRES_TEST_URL}?schema=${schema}`);
    await driver.enqueue(
      Array.from({ length: 300 }, (_, i) => enqueueRecord('q', `j${i}`, { payload: 'x'.repeat(200) })),
    );
    await driver.close();
    const counts = await inClaimSession(schema, async (client, claim) => {
      const claimed = (await claim(50)) + (await claim(50));
      const { rows } = await client.query<{ updated: string; hot: string }>(
        `SELECT pg_stat_get_xact_tuples_updated(c.oid) AS updated, pg_stat_get_xact_tuples_hot_updated(c.oid) AS hot
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = 'jobs'`,
        [schema],
      );
      return { claimed, updated: Number(rows[0]?.updated), hot: Number(rows[0]?.hot) };
    });
    expect(counts).toEqual({ claimed: 100, updated: 100, hot: 100 });
  });

  it('the claim is planned once: its generic plan walks the claim index, no sort, one TID scan', async () => {
    const schema = schemaName();
    const driver = createPostgresDriver(`${POSTGRES_TEST_URL}?schema=${schema}`);
    await driver.enqueue(Array.from({ length: 5000 }, (_, i) => enqueueRecord(`q${i % 5}`, `j${i}`)));
    await admin.query(`ANALYZE "${schema}".jobs`);
    const client = await admin.connect();
    try {
      await client.query(
        `PREPARE claim(text, bigint, int, bigint, text) AS ${reserveSql(tablesFor(schema), true)}`,
      );
      await client.query('BEGIN');
      // five custom plans first, as PostgreSQL makes them; then it compares and keeps one
      for (let i = 0; i < 7; i++)
        await client.query(`EXECUTE claim('q1', ${Date.now()}, 10, 30000, 't${i}.')`);
      const { rows } = await client.query<{ generic: string }>(
        `SELECT generic_plans AS generic FROM pg_prepared_statements WHERE name = 'claim'`,
      );
      expect(Number(rows[0]?.generic)).toBeGreaterThanOrEqual(2);
      await client.query('SET LOCAL plan_cache_mode = force_generic_plan');
      const plan = await client.query(`EXPLAIN EXECUTE claim('q1', ${Date.now()}, 10, 30000, 'x.')`);
      const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(text).toContain('Index Scan using jobs_queue_idx');
      expect(text).toContain('Tid Scan');
      expect(text).not.toMatch(/Sort|Seq Scan/);
    } finally {
      await client.query('ROLLBACK');
      client.release();
      await driver.close();
    }
  });

  it('tokens are unique per reservation and come back in claim order', async () => {
    const driver = createPostgresDriver(`${POSTGRES_TEST_URL}?schema=${schemaName()}`);
    const now = Date.now();
    await driver.enqueue([
      enqueueRecord('ord', 'late', { availableAt: now - 10 }),
      enqueueRecord('ord', 'early', { availableAt: now - 20 }),
      enqueueRecord('ord', 'urgent', { availableAt: now - 5, priority: 5 }),
    ]);
    const first = await driver.reserve(['ord'], 3, 30);
    expect(first.map((r) => r.id)).toEqual(['urgent', 'early', 'late']);
    expect(new Set(first.map((r) => r.token)).size).toBe(3);
    await driver.enqueue([enqueueRecord('ord', 'more')]);
    const [second] = await driver.reserve(['ord'], 1, 30);
    expect(first.map((r) => r.token)).not.toContain(second?.token);
    await driver.close();
  });
});

describe('postgres driver: completion by row', () => {
  it('completes an extended reservation (its row moved) by id, and the others by row, in one call', async () => {
    const driver = createPostgresDriver(`${POSTGRES_TEST_URL}?schema=${schemaName()}`);
    await driver.enqueue([enqueueRecord('x', 'a'), enqueueRecord('x', 'b'), enqueueRecord('x', 'c')]);
    const got = await driver.reserve(['x'], 3, 30);
    expect(await driver.extend([got[1] as Reservation], 60)).toBe(1);
    expect(await driver.complete(got)).toBe(3);
    expect(await driver.sizes('x')).toEqual({ ready: 0, delayed: 0, reserved: 0 });
    await driver.close();
  });

  it('a stale reservation completes nothing, though its claim row is known; the current one completes', async () => {
    const driver = createPostgresDriver(`${POSTGRES_TEST_URL}?schema=${schemaName()}`);
    await driver.enqueue([enqueueRecord('y', 'a')]);
    const [stale] = await driver.reserve(['y'], 1, 0.05);
    await new Promise((resolve) => setTimeout(resolve, 120));
    const [current] = await driver.reserve(['y'], 1, 30);
    expect(current).toMatchObject({ id: 'a', attempts: 2 });
    expect(await driver.complete([stale as Reservation])).toBe(0);
    expect(await driver.complete([current as Reservation, stale as Reservation])).toBe(1);
    expect(await driver.sizes('y')).toEqual({ ready: 0, delayed: 0, reserved: 0 });
    await driver.close();
  });
});

describe('postgres driver: migration 003 on a table holding jobs', () => {
  it('keeps queued, delayed and leased jobs; an expired lease comes back; claims are HOT after it', async () => {
    const schema = schemaName();
    const t = tablesFor(schema);
    // the schema as versions 1 and 2 left it, with jobs in every state
    await admin.query(migrationsTableSql(t));
    await admin.query(initialMigration.up(t));
    await admin.query(byteOrderKeysMigration.up(t));
    await admin.query(recordMigrationSql(t), [1, initialMigration.name]);
    await admin.query(recordMigrationSql(t), [2, byteOrderKeysMigration.name]);
    const now = Date.now();
    await admin.query(
      `INSERT INTO ${t.jobs} (id, queue, payload, priority, available_at, attempts, token, reserved_until)
       VALUES ('ready', 'm', '{}', 0, $1, 0, NULL, NULL),
              ('later', 'm', '{}', 0, $2, 0, NULL, NULL),
              ('expired', 'm', '{}', 0, $1, 1, 'old-token', $1),
              ('held', 'm', '{}', 0, $1, 1, 'held-token', $2)`,
      [now - 1000, now + 3_600_000],
    );
    const driver = createPostgresDriver(`${POSTGRES_TEST_URL}?schema=${schema}`);
    await driver.connect();
    const indexes = await admin.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = 'jobs' ORDER BY 1`,
      [schema],
    );
    expect(indexes.rows.map((r) => r.indexname)).toEqual(['jobs_pkey', 'jobs_queue_idx']);
    expect(await driver.sizes('m')).toEqual({ ready: 2, delayed: 1, reserved: 1 });
    const got = await driver.reserve(['m'], 10, 30);
    expect(got.map((r) => [r.id, r.attempts])).toEqual([
      ['ready', 1],
      ['expired', 2],
    ]);
    expect(await driver.complete(got)).toBe(2);
    expect(await driver.sizes('m')).toEqual({ ready: 0, delayed: 1, reserved: 1 });
    await driver.close();
  });
});
