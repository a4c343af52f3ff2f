/**
 * @module test/drivers/postgres-driver
 * What the PostgreSQL driver does beyond the shared suite: options, migrations under a lock,
 * pushes inside a caller's transaction, notify=false polling, listener recovery, statements.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { Reservation } from '../../src/drivers/driver.js';
import { createPostgresDriver, migrate } from '../../src/drivers/postgres/index.js';
import { resolvePostgresOptions } from '../../src/drivers/postgres/options.js';
import { enqueueRecord, POSTGRES_TEST_URL, usePostgresSchemas } from './postgres-helpers.js';

const { admin, schemaName } = usePostgresSchemas('pgd');

describe('postgres driver: options', () => {
  it('reads schema, notify, migrate, poolSize and pollInterval from the URL and strips them', () => {
    const options = resolvePostgresOptions(
      'postgres://u@h:5433/db?schema=jobs_x&notify=false&poolSize=3&migrate=0&pollInterval=250&asyncClaims=false&vacuumEvery=0&sslmode=disable',
    );
    expect(options).toMatchObject({
      schema: 'jobs_x',
      notify: false,
      migrate: false,
      poolSize: 3,
      pollInterval: 250,
      asyncClaims: false,
      vacuumEvery: 0,
    });
    expect(options.connectionString).toBe('postgres://u@h:5433/db?sslmode=disable');
  });

  it('defaults: schema conveyor, notify and migrate on, 10 connections, 1 s polls, async claims, vacuum every 20k', () => {
    expect(resolvePostgresOptions({ connectionString: POSTGRES_TEST_URL })).toMatchObject({
      schema: 'conveyor',
      notify: true,
      migrate: true,
      poolSize: 10,
      pollInterval: 1000,
      prepare: true,
      asyncClaims: true,
      vacuumEvery: 20_000,
    });
    expect(() => resolvePostgresOptions({ vacuumEvery: -1 })).toThrow(/vacuumEvery/);
  });

  it('refuses unsafe schema names and bad flags with a QueueError code', () => {
    expect(() => createPostgresDriver(`${POSTGRES_TEST_URL}?schema=a;drop`)).toThrow(
      expect.objectContaining({ code: 'ERR_BAD_CONNECTION_URL' }),
    );
    expect(() => createPostgresDriver(`${POSTGRES_TEST_URL}?notify=maybe`)).toThrow(/notify=maybe/);
  });

  it('is registered for postgres:// and postgresql:// and the config object form', async () => {
    // imported here: resolve-driver loads every driver module, and one failing must not hide the rest
    const { resolveDriver } = await import('../../src/drivers/resolve-driver.js');
    expect(resolveDriver(`${POSTGRES_TEST_URL}?schema=x1`).kind).toBe('postgres');
    expect(resolveDriver('postgresql://127.0.0.1/test').kind).toBe('postgres');
    expect(
      resolveDriver({ driver: 'postgres', connectionString: POSTGRES_TEST_URL, notify: false }).capabilities,
    ).toMatchObject({
      notifications: false,
      transactions: true,
    });
  });
});

describe('postgres driver: migrations', () => {
  it('five drivers starting at once migrate exactly once, in their own schema', async () => {
    const schema = schemaName();
    const drivers = Array.from({ length: 5 }, () =>
      createPostgresDriver(`${POSTGRES_TEST_URL}?schema=${schema}&poolSize=2`),
    );
    await Promise.all(drivers.map((d) => d.connect()));
    const versions = await admin.query(`SELECT version FROM "${schema}".migrations ORDER BY version`);
    expect(versions.rows).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }]);
    const tables = await admin.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`,
      [schema],
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual([
      'counters',
      'failed',
      'jobs',
      'locks',
      'migrations',
    ]);
    // migration 2: ids and queue names compare byte by byte
    const collations = await admin.query(
      `SELECT table_name, column_name, collation_name FROM information_schema.columns
       WHERE table_schema = $1 AND column_name IN ('id', 'queue') AND table_name IN ('jobs', 'failed')
       ORDER BY 1, 2`,
      [schema],
    );
    expect(collations.rows.map((r) => r.collation_name)).toEqual(['C', 'C', 'C', 'C']);
    await Promise.all(drivers.map((d) => d.close()));
  });

  it('migrate: false leaves the schema alone; migrate() applies once and reports it', async () => {
    const schema = schemaName();
    const driver = createPostgresDriver({ connectionString: POSTGRES_TEST_URL, schema, migrate: false });
    await expect(driver.sizes('q')).rejects.toThrow(/does not exist/);
    await driver.close();
    expect(await migrate(`${POSTGRES_TEST_URL}?schema=${schema}`)).toEqual([1, 2, 3]);
    expect(await migrate({ connectionString: POSTGRES_TEST_URL, schema })).toEqual([]);
  });
});

describe('postgres driver: transactions and pools', () => {
  it('enqueueWith stores jobs only when the caller commits, and wakes waiters at commit', async () => {
    const schema = schemaName();
    const driver = createPostgresDriver(`${POSTGRES_TEST_URL}?schema=${schema}`);
    await driver.connect();
    const client = await admin.connect();
    try {
      await client.query('BEGIN');
      await driver.enqueueWith(client, [enqueueRecord('tx', 'rolled-back')]);
      await client.query('ROLLBACK');
      expect((await driver.sizes('tx')).ready).toBe(0);

      await client.query('BEGIN');
      await driver.enqueueWith(client, [enqueueRecord('tx', 'committed')]);
      const waiting = driver.waitForWork(['tx'], 5);
      expect((await driver.sizes('tx')).ready).toBe(0);
      const committedAt = Date.now();
      await client.query('COMMIT');
      expect(await waiting).toBe(true);
      expect(Date.now() - committedAt).toBeLessThan(500);
      expect((await driver.reserve(['tx'], 5, 30)).map((r) => r.id)).toEqual(['committed']);
    } finally {
      client.release();
      await driver.close();
    }
    await expect(driver.enqueueWith({}, [])).rejects.toMatchObject({ code: 'ERR_BAD_TRANSACTION' });
  });

  it('uses a caller-supplied pool and leaves it open on close', async () => {
    const pool = new pg.Pool({ connectionString: POSTGRES_TEST_URL, max: 2 });
    const driver = createPostgresDriver({ driver: 'postgres', pool, schema: schemaName(), prepare: false });
    await driver.enqueue([enqueueRecord('own', 'a')]);
    expect((await driver.reserve(['own'], 1, 30)).length).toBe(1);
    await driver.close();
    expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await pool.end();
  });
});

describe('postgres driver: claiming', () => {
  it('takes a queue list in strict order, one batch across queues', async () => {
    const driver = createPostgresDriver(`${POSTGRES_TEST_URL}?schema=${schemaName()}`);
    await driver.enqueue([
      enqueueRecord('low', 'l1'),
      enqueueRecord('high', 'h1'),
      enqueueRecord('low', 'l2'),
      enqueueRecord('high', 'h2'),
    ]);
    const got = await driver.reserve(['high', 'low', 'high'], 3, 30);
    expect(got.map((r) => r.id)).toEqual(['h1', 'h2', 'l1']);
    expect(got.every((r) => r.attempts === 1 && r.token.length >= 22)).toBe(true);
    expect(new Set(got.map((r) => r.token)).size).toBe(3);
    await driver.close();
  });

  it('busy claims reclaim an expired lease as soon as it ends', async () => {
    const driver = createPostgresDriver(`${POSTGRES_TEST_URL}?schema=${schemaName()}`);
    await driver.enqueue([
      enqueueRecord('busy', 'leased'),
      ...Array.from({ length: 400 }, (_, i) => enqueueRecord('busy', `z${i}`)),
    ]);
    const [leased] = await driver.reserve(['busy'], 1, 0.3);
    expect(leased?.id).toBe('leased');
    const leaseEnd = Date.now() + 300;
    let back: Reservation | undefined;
    // a claim every few ms, as a busy worker makes: each steps over the leased job until its lease ends
    while (back === undefined && Date.now() < leaseEnd + 2000) {
      const batch = await driver.reserve(['busy'], 1, 30);
      back = batch.find((r) => r.id === 'leased');
      await driver.complete(batch.filter((r) => r.id !== 'leased'));
    }
    expect(back).toMatchObject({ id: 'leased', attempts: 2 });
    expect(Date.now() - leaseEnd).toBeLessThan(150);
    await driver.close();
  });

  it('a batch larger than one statement is stored all or nothing', async () => {
    const driver = createPostgresDriver(`${POSTGRES_TEST_URL}?schema=${schemaName()}`);
    const big = Array.from({ length: 12_000 }, (_, i) => enqueueRecord('big', `b${i}`));
    // PostgreSQL text cannot hold NUL: the last chunk fails, and with it the whole batch
    big.push(enqueueRecord('big', 'bad', { payload: 'nul \u0000 here' }));
    await expect(driver.enqueue(big)).rejects.toThrow();
    expect(await driver.sizes('big')).toEqual({ ready: 0, delayed: 0, reserved: 0 });
    big.pop();
    big.push(enqueueRecord('big', 'b0', { payload: 'last wins' }));
    await driver.enqueue(big);
    expect((await driver.sizes('big')).ready).toBe(12_000);
    const reserved = await driver.reserve(['big'], 12_000, 30);
    expect(reserved.find((r) => r.id === 'b0')?.payload).toBe('last wins');
    await driver.close();
  });

  it('a duplicate id in one batch keeps the last record; a re-push replaces the job', async () => {
    const driver = createPostgresDriver(`${POSTGRES_TEST_URL}?schema=${schemaName()}`);
    await driver.enqueue([
      enqueueRecord('dup', 'same', { payload: 'one' }),
      enqueueRecord('dup', 'same', { payload: 'two' }),
    ]);
    const [first] = await driver.reserve(['dup'], 5, 30);
    expect(first?.payload).toBe('two');
    await driver.enqueue([enqueueRecord('dup', 'same', { payload: 'three', attempts: 4 })]);
    expect(await driver.complete([first!])).toBe(0);
    const [again] = await driver.reserve(['dup'], 5, 30);
    expect(again).toMatchObject({ payload: 'three', attempts: 5 });
    await driver.close();
  });
});

describe('postgres driver: table upkeep', () => {
  async function tableStats(schema: string) {
    const { rows } = await admin.query<{ vacuums: string; heap: string }>(
      `SELECT pg_stat_get_vacuum_count(c.oid) AS vacuums, pg_relation_size(c.oid) AS heap
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = 'jobs'`,
      [schema],
    );
    return { vacuums: Number(rows[0]?.vacuums), heap: Number(rows[0]?.heap) };
  }

  it('vacuums the jobs table every vacuumEvery claimed jobs, and once drained, so the table shrinks back', async () => {
    const schema = schemaName();
    const driver = createPostgresDriver(`${POSTGRES_TEST_URL}?schema=${schema}&vacuumEvery=200`);
    await driver.enqueue(
      Array.from({ length: 1000 }, (_, i) => enqueueRecord('v', `v${String(i).padStart(4, '0')}`)),
    );
    expect((await tableStats(schema)).heap).toBeGreaterThan(0);
    const claimAndComplete = async (max: number) => {
      const batch = await driver.reserve(['v'], max, 30);
      expect(await driver.complete(batch)).toBe(batch.length);
      return batch.length;
    };
    // 200 claimed: the periodic vacuum starts; it ends while 800 jobs are still queued
    expect(await claimAndComplete(200)).toBe(200);
    await expect.poll(async () => (await tableStats(schema)).vacuums, { timeout: 8000 }).toBe(1);
    expect((await tableStats(schema)).heap).toBeGreaterThan(0);
    while ((await claimAndComplete(100)) > 0);
    // an idle worker keeps asking; a drained claim starts a vacuum of the now empty table (once
    // the last one's pause is over), which truncates the heap to nothing
    await expect
      .poll(
        async () => {
          expect(await driver.reserve(['v'], 10, 30)).toEqual([]);
          return (await tableStats(schema)).heap;
        },
        { timeout: 8000, interval: 100 },
      )
      .toBe(0);
    // the vacuum counts itself after it truncated the table, so its count may show a moment later
    await expect
      .poll(async () => (await tableStats(schema)).vacuums, { timeout: 3000 })
      .toBeGreaterThanOrEqual(2);
    await driver.close();
  });

  it('a trickle of jobs between idle claims is not vacuumed at every drained claim', async () => {
    const schema = schemaName();
    const driver = createPostgresDriver(`${POSTGRES_TEST_URL}?schema=${schema}`);
    try {
      for (let i = 0; i < 3; i++) {
        await driver.enqueue([enqueueRecord('t', `t${i}`)]);
        const batch = await driver.reserve(['t'], 10, 30);
        expect(await driver.complete(batch)).toBe(1);
        expect(await driver.reserve(['t'], 10, 30)).toEqual([]);
        // longer than the pause after a vacuum, so only the trickle rule holds the next one back
        await new Promise((resolve) => setTimeout(resolve, 1200));
      }
      expect((await tableStats(schema)).vacuums).toBe(1);
    } finally {
      await driver.close();
    }
  });

  it('vacuumEvery=0 leaves the table to autovacuum', async () => {
    const schema = schemaName();
    const driver = createPostgresDriver(`${POSTGRES_TEST_URL}?schema=${schema}&vacuumEvery=0`);
    await driver.enqueue(Array.from({ length: 300 }, (_, i) => enqueueRecord('n', `n${i}`)));
    for (;;) {
      const batch = await driver.reserve(['n'], 100, 30);
      if (batch.length === 0) break;
      await driver.complete(batch);
    }
    await driver.close();
    expect((await tableStats(schema)).vacuums).toBe(0);
    expect((await tableStats(schema)).heap).toBeGreaterThan(0);
  });
});

describe('postgres driver: notifications', () => {
  it("this process's delayed push wakes its waiter when due, without waiting for a poll", async () => {
    const driver = createPostgresDriver(`${POSTGRES_TEST_URL}?schema=${schemaName()}&pollInterval=60000`);
    await driver.connect();
    const waiting = driver.waitForWork(['later'], 5);
    const dueAt = Date.now() + 300;
    await driver.enqueue([enqueueRecord('later', 'd1', { availableAt: dueAt })]);
    expect(await waiting).toBe(true);
    expect(Date.now()).toBeGreaterThanOrEqual(dueAt);
    expect(Date.now() - dueAt).toBeLessThan(200);
    expect((await driver.reserve(['later'], 5, 30)).map((r) => r.id)).toEqual(['d1']);
    await driver.close();
  });

  it('with notify=false it still finds work, by polling', async () => {
    const schema = schemaName();
    const driver = createPostgresDriver(
      `${POSTGRES_TEST_URL}?schema=${schema}&notify=false&pollInterval=100`,
    );
    const other = createPostgresDriver(`${POSTGRES_TEST_URL}?schema=${schema}&notify=false`);
    await driver.connect();
    const waiting = driver.waitForWork(['poll'], 5);
    await new Promise((r) => setTimeout(r, 50));
    const pushedAt = Date.now();
    await other.enqueue([enqueueRecord('poll', 'p1')]);
    expect(await waiting).toBe(true);
    expect(Date.now() - pushedAt).toBeLessThan(1000);
    await Promise.all([driver.close(), other.close()]);
  });

  it('a push from another process wakes a waiter; a killed listener reconnects and wakes its waiters', async () => {
    const schema = schemaName();
    const driver = createPostgresDriver(`${POSTGRES_TEST_URL}?schema=${schema}&pollInterval=60000`);
    const other = createPostgresDriver(`${POSTGRES_TEST_URL}?schema=${schema}`);
    await Promise.all([driver.connect(), other.connect()]);
    const channel = driver.tables.channel;

    const first = driver.waitForWork(['n'], 5);
    await new Promise((r) => setTimeout(r, 50));
    const pushedAt = Date.now();
    await other.enqueue([enqueueRecord('n', 'n1')]);
    expect(await first).toBe(true);
    expect(Date.now() - pushedAt).toBeLessThan(200);
    expect((await driver.reserve(['n'], 5, 30)).length).toBe(1);

    const waiting = driver.waitForWork(['n'], 10);
    const killed = await admin.query(
      `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE query = $1 AND pid <> pg_backend_pid()`,
      [`LISTEN "${channel}"`],
    );
    expect(killed.rows.length).toBeGreaterThanOrEqual(1);
    expect(await waiting).toBe(true);
    await expect
      .poll(
        async () =>
          (await admin.query('SELECT 1 FROM pg_stat_activity WHERE query = $1', [`LISTEN "${channel}"`]))
            .rowCount,
        {
          timeout: 5000,
        },
      )
      .toBeGreaterThanOrEqual(2);

    const later = driver.waitForWork(['n'], 5);
    await new Promise((r) => setTimeout(r, 50));
    await other.enqueue([enqueueRecord('n', 'n2')]);
    expect(await later).toBe(true);
    await Promise.all([driver.close(), other.close()]);
  });
});

describe('postgres driver: bulk row encodings', () => {
  it('stores every field exactly, in the split form and, for texts it cannot carry, the JSON form', async () => {
    const driver = createPostgresDriver({ connectionString: POSTGRES_TEST_URL, schema: schemaName() });
    try {
      const plain = Array.from({ length: 300 }, (_, n) =>
        enqueueRecord('enc', `plain-${String(n).padStart(3, '0')}`, {
          payload: JSON.stringify({ n, text: 'quote " backslash \\ comma , tab \t unicode ✓' }),
          priority: n % 3,
          attempts: n % 2,
          availableAt: Date.now() - 1000 + n,
        }),
      );
      await driver.enqueue(plain);
      // a raw payload holding the separator, or an empty one, goes in the JSON form
      const odd = [
        enqueueRecord('enc', 'odd-separator', { payload: 'garbage\x1ewith separator', priority: 5 }),
        enqueueRecord('enc', 'odd-empty', { payload: '', priority: 5 }),
      ];
      await driver.enqueue(odd);
      const got = await driver.reserve(['enc'], 400, 30);
      expect(got).toHaveLength(302);
      const byId = new Map(got.map((r) => [r.id, r]));
      for (const r of [...plain, ...odd]) {
        expect(byId.get(r.id)?.payload).toBe(r.payload);
        expect(byId.get(r.id)?.attempts).toBe((r.attempts ?? 0) + 1);
      }
      // claim order honours the priorities and times that travelled as comma-joined numbers
      expect(got.slice(0, 2).map((r) => r.id)).toEqual(['odd-separator', 'odd-empty']);
      expect(got[2]?.id).toBe('plain-002');
      expect(got.at(-1)?.id).toBe('plain-297');
    } finally {
      await driver.close();
    }
  });
});
