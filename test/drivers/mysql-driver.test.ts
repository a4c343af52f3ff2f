/**
 * @module test/drivers/mysql-driver
 * What the MySQL driver does beyond the shared suite: config, migrations under GET_LOCK,
 * enqueue inside a caller's transaction, polling for other processes' work, and query plans.
 * Reserving and tokens: mysql-reserve.test.ts; `failed.add`: mysql-failed-add.test.ts.
 */
import { createPool as createCallbackPool, type PoolConnection } from 'mysql2';
import mysql from 'mysql2/promise';
import { afterAll, describe, expect, it } from 'vitest';
import type { EnqueueRecord } from '../../src/drivers/driver.js';
import { createMysqlDriver, MysqlDriver, migrate } from '../../src/drivers/mysql/index.js';
import { parseMysqlConfig } from '../../src/drivers/mysql/mysql-config.js';
import { buildStatements } from '../../src/drivers/mysql/statements.js';
import { resolveDriver } from '../../src/drivers/resolve-driver.js';
import {
  dropMysqlTables,
  endMysqlAdmin,
  MYSQL_TEST_URL,
  mysqlAdmin,
  uniqueMysqlPrefix,
} from './mysql-helpers.js';

const prefixes: string[] = [];
const drivers: MysqlDriver[] = [];

function prefix(): string {
  const name = uniqueMysqlPrefix();
  prefixes.push(name);
  return name;
}

function driverOn(tablePrefix: string, extra: Record<string, unknown> = {}): MysqlDriver {
  const driver = createMysqlDriver({
    uri: MYSQL_TEST_URL,
    tablePrefix,
    pollInterval: 50,
    poolSize: 3,
    ...extra,
  });
  drivers.push(driver);
  return driver;
}

function record(queue: string, id: string, extra: Partial<EnqueueRecord> = {}): EnqueueRecord {
  return { id, queue, payload: JSON.stringify({ id }), availableAt: Date.now(), priority: 0, ...extra };
}

async function tablesOf(tablePrefix: string): Promise<string[]> {
  const [rows] = await mysqlAdmin().query(
    'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name LIKE ?',
    [`${tablePrefix.replace(/_/g, '\\_')}%`],
  );
  return (rows as Array<{ name: string }>).map((row) => row.name).sort();
}

afterAll(async () => {
  for (const driver of drivers) await driver.close();
  for (const name of prefixes) await dropMysqlTables(name);
  await endMysqlAdmin();
});

describe('mysql driver: config', () => {
  it('reads its own URL parameters, strips them, and passes the rest to mysql2', () => {
    const config = parseMysqlConfig(
      'mariadb://u:p%40ss@db.local:3307/app?tablePrefix=jobs_&poolSize=4&migrate=false&pollInterval=250&ssl=%7B%7D',
    );
    expect(config).toMatchObject({ tablePrefix: 'jobs_', poolSize: 4, migrate: false, pollInterval: 250 });
    expect(config.uri).toBe('mysql://u:p%40ss@db.local:3307/app?ssl=%7B%7D');
  });

  it('defaults: prefix conveyor_, migrations on, 10 connections, 1 s polls; the object wins over its uri', () => {
    expect(parseMysqlConfig(MYSQL_TEST_URL)).toMatchObject({
      tablePrefix: 'conveyor_',
      migrate: true,
      poolSize: 10,
      pollInterval: 1000,
    });
    expect(parseMysqlConfig({ uri: `${MYSQL_TEST_URL}?tablePrefix=a_`, tablePrefix: 'b_' }).tablePrefix).toBe(
      'b_',
    );
  });

  it('refuses unsafe prefixes, other schemes, URLs without a database, and configs without a connection', () => {
    expect(() => parseMysqlConfig(`${MYSQL_TEST_URL}?tablePrefix=x;drop`)).toThrow(/Table prefix/);
    expect(() => parseMysqlConfig('postgres://h/db')).toThrow(/mysql:\/\/ or mariadb:\/\//);
    expect(() => parseMysqlConfig('mysql://root@127.0.0.1:3306')).toThrow(/names no database/);
    expect(() => parseMysqlConfig({ driver: 'mysql' })).toThrow(
      expect.objectContaining({ code: 'ERR_BAD_CONNECTION_URL' }),
    );
  });

  it('is what mysql://, mariadb:// and { driver: "mysql" } resolve to', async () => {
    for (const config of [MYSQL_TEST_URL, MYSQL_TEST_URL.replace('mysql:', 'mariadb:')]) {
      const driver = resolveDriver(config);
      expect(driver).toBeInstanceOf(MysqlDriver);
      await driver.close();
    }
    const fromObject = resolveDriver({ driver: 'mariadb', uri: MYSQL_TEST_URL });
    expect(fromObject.kind).toBe('mysql');
    expect(fromObject.capabilities).toMatchObject({
      notifications: false,
      crossProcess: true,
      transactions: true,
    });
    await fromObject.close();
  });
});

describe('mysql driver: migrations', () => {
  it('creates the tables on first use and records version 1 once', async () => {
    const name = prefix();
    const driver = driverOn(name);
    await driver.connect();
    expect(await tablesOf(name)).toEqual(
      ['counters', 'failed_jobs', 'jobs', 'locks', 'migrations'].map((t) => name + t),
    );
    expect(await driver.migrate()).toEqual([]);
    const [rows] = await mysqlAdmin().query(`SELECT version FROM \`${name}migrations\``);
    expect(rows).toEqual([{ version: 1 }]);
  });

  it('many processes starting at once migrate exactly once (GET_LOCK)', async () => {
    const name = prefix();
    const applied = await Promise.all([1, 2, 3, 4].map(() => driverOn(name, { migrate: false }).migrate()));
    expect(applied.flat()).toEqual([1]);
  });

  it('migrate: false touches nothing until migrate() runs', async () => {
    const name = prefix();
    const driver = driverOn(name, { migrate: false });
    await driver.connect();
    expect(await tablesOf(name)).toEqual([]);
    await expect(driver.reserve(['q'], 1, 30)).rejects.toMatchObject({ code: 'ERR_SCHEMA_MISSING' });
    expect(await migrate(`${MYSQL_TEST_URL}?tablePrefix=${name}`)).toEqual([1]);
    expect(await driver.reserve(['q'], 1, 30)).toEqual([]);
  });
});

describe('mysql driver: enqueue inside the caller transaction', () => {
  it('rolls back and commits with the caller, on the caller pool, which close() leaves open', async () => {
    const name = prefix();
    const pool = mysql.createPool({ uri: MYSQL_TEST_URL, connectionLimit: 2 });
    try {
      const driver = driverOn(name, { pool, uri: undefined });
      const conn = await pool.getConnection();
      try {
        await conn.beginTransaction();
        await driver.enqueueWith(conn, [record('tx', 'rolled-back')]);
        await conn.rollback();
        await conn.beginTransaction();
        await driver.enqueueWith(conn, [record('tx', 'committed')]);
        expect(await driver.sizes('tx')).toEqual({ ready: 0, delayed: 0, reserved: 0 });
        await conn.commit();
      } finally {
        conn.release();
      }
      const got = await driver.reserve(['tx'], 10, 30);
      expect(got.map((r) => r.id)).toEqual(['committed']);
      await driver.close();
      const [rows] = await pool.query('SELECT 1 AS ok');
      expect(rows).toEqual([{ ok: 1 }]);
    } finally {
      await pool.end();
    }
  });
});

describe('mysql driver: on a caller pool (one statement per round trip)', () => {
  it('reserves in strict order, leases, fails and completes, and leaves session settings alone', async () => {
    const pool = mysql.createPool({ uri: MYSQL_TEST_URL, connectionLimit: 4 });
    try {
      const driver = driverOn(prefix(), { pool, uri: undefined });
      await driver.enqueue([
        record('low', 'l1'),
        record('high', 'h-low-priority'),
        record('high', 'h-urgent', { priority: 5 }),
        ...Array.from({ length: 200 }, (_, i) => record('many', `m${i}`)),
      ]);
      const first = await driver.reserve(['high', 'low'], 3, 30);
      expect(first.map((r) => r.id)).toEqual(['h-urgent', 'h-low-priority', 'l1']);
      expect(first.map((r) => r.attempts)).toEqual([1, 1, 1]);
      const [urgent, lowPriority, low] = first;
      if (!urgent || !lowPriority || !low) throw new Error('expected three reservations');
      expect(await driver.fail(urgent, { connection: 'c', error: { name: 'E', message: 'boom' } })).toBe(
        true,
      );
      expect(await driver.release(lowPriority, 0)).toBe(true);
      expect(await driver.complete([low, lowPriority])).toBe(1);
      expect((await driver.failed.get('h-urgent'))?.error.message).toBe('boom');

      const batches = await Promise.all([1, 2, 3, 4].map(() => driver.reserve(['many'], 80, 30)));
      const ids = batches.flat().map((r) => r.id);
      expect(ids).toHaveLength(200);
      expect(new Set(ids).size).toBe(200);

      const conn = await pool.getConnection();
      try {
        // tx_isolation (MariaDB) or transaction_isolation (MySQL 8): the caller's default stays.
        const [rows] = await conn.query("SHOW SESSION VARIABLES LIKE '%isolation'");
        const levels = (rows as Array<{ Variable_name: string; Value: string }>)
          .filter((row) => /^(tx|transaction)_isolation$/.test(row.Variable_name))
          .map((row) => row.Value);
        expect(levels.length).toBeGreaterThan(0);
        expect(levels.every((level) => level === 'REPEATABLE-READ')).toBe(true);
      } finally {
        conn.release();
      }
    } finally {
      await pool.end();
    }
  });
});

describe('mysql driver: enqueueWith handles', () => {
  it('accepts a callback-API mysql2 connection and refuses what is not a connection', async () => {
    const name = prefix();
    const driver = driverOn(name);
    const callbackPool = createCallbackPool({ uri: MYSQL_TEST_URL, connectionLimit: 1 });
    try {
      const conn = await new Promise<PoolConnection>((resolve, reject) =>
        callbackPool.getConnection((error, c) => (error ? reject(error) : resolve(c))),
      );
      await conn.promise().beginTransaction();
      await driver.enqueueWith(conn, [record('cb', 'via-callback-conn')]);
      await conn.promise().commit();
      conn.release();
      expect((await driver.reserve(['cb'], 5, 30)).map((r) => r.id)).toEqual(['via-callback-conn']);
      await expect(driver.enqueueWith({}, [record('cb', 'x')])).rejects.toMatchObject({
        code: 'ERR_BAD_TRANSACTION',
      });
    } finally {
      await callbackPool.promise().end();
    }
  });
});

describe('mysql driver: storage behaviour', () => {
  it('bulk enqueue spans several INSERTs atomically; a re-pushed id takes a new place in push order', async () => {
    const driver = driverOn(prefix());
    const records = Array.from({ length: 2_500 }, (_, i) =>
      record('bulk', `job-${String(i).padStart(5, '0')}`),
    );
    await driver.enqueue(records);
    expect((await driver.sizes('bulk')).ready).toBe(2_500);
    await driver.enqueue([record('bulk', 'job-00000', { payload: '"again"' })]);
    const all = await driver.reserve(['bulk'], 3_000, 30);
    expect(all).toHaveLength(2_500);
    expect(all.at(-1)).toMatchObject({ id: 'job-00000', payload: '"again"' });
  });

  it('a waiter sees work written by another process within a few poll intervals', async () => {
    const name = prefix();
    const driver = driverOn(name);
    await driver.connect();
    const waiting = driver.waitForWork(['foreign'], 5);
    await new Promise((resolve) => setTimeout(resolve, 120));
    const insertedAt = Date.now();
    // Written behind the driver's back, so no in-process wake-up: only the poll can see it.
    await mysqlAdmin().query(
      `INSERT INTO \`${name}jobs\` (id, queue, payload, priority, available_at, is_delayed) VALUES ('x', 'foreign', '{}', 0, ?, 0)`,
      [insertedAt],
    );
    expect(await waiting).toBe(true);
    expect(Date.now() - insertedAt).toBeLessThan(500);
  });

  it('reserves through ready_order without sorting, and a delayed backlog is not scanned', async () => {
    const name = prefix();
    const driver = driverOn(name);
    const later = Date.now() + 3_600_000;
    await driver.enqueue(
      Array.from({ length: 3_000 }, (_, i) => record('plan', `d${i}`, { availableAt: later + i })),
    );
    await driver.enqueue([record('plan', 'ready-1')]);
    const sql = buildStatements(name);
    const [plan] = await mysqlAdmin().query(`EXPLAIN ${sql.reserve.READY_SEQS}`, ['plan', Date.now(), 10]);
    const [row] = plan as Array<{ key: string; rows: number | string; Extra: string | null }>;
    expect(row?.key).toBe('ready_order');
    expect(row?.Extra ?? '').not.toMatch(/filesort/);
    expect(Number(row?.rows)).toBeLessThan(100);
    expect((await driver.reserve(['plan'], 10, 30)).map((r) => r.id)).toEqual(['ready-1']);
    expect(await driver.sizes('plan')).toEqual({ ready: 0, delayed: 3_000, reserved: 1 });
  });

  it('stores counter keys and lock owners longer than their columns by digest', async () => {
    const driver = driverOn(prefix());
    const key = `k${'x'.repeat(300)}`;
    expect(await driver.atomic.increment(key, 2, 30)).toBe(2);
    expect(await driver.atomic.counter(key)).toBe(2);
    const owner = `o${'y'.repeat(300)}`;
    expect(await driver.atomic.acquireLock(key, owner, 30)).toBe(true);
    expect(await driver.atomic.acquireLock(key, `${owner}z`, 30)).toBe(false);
    expect(await driver.atomic.releaseLock(key, owner)).toBe(true);
  });

  it('refuses work after close with ERR_DRIVER_CLOSED', async () => {
    const driver = driverOn(prefix());
    await driver.connect();
    await driver.close();
    await expect(driver.enqueue([record('x', 'x')])).rejects.toMatchObject({ code: 'ERR_DRIVER_CLOSED' });
  });
});
