/**
 * @module test/drivers/sqlite-driver
 * SQLite specifics beyond the conformance suite: URLs and options, pragmas, migrations,
 * raw rows, wake-ups across connections, `:memory:`.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveDriver } from '../../src/drivers/resolve-driver.js';
import { createSqliteDriver, SqliteDriver } from '../../src/drivers/sqlite/index.js';
import { MIGRATIONS } from '../../src/drivers/sqlite/schema.js';
import { parseSqliteOptions } from '../../src/drivers/sqlite/sqlite-options.js';

const dir = mkdtempSync(join(tmpdir(), 'conveyor-sqlite-unit-'));
let counter = 0;
const freshFile = () => join(dir, `unit-${++counter}.db`);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The driver's own connection, to read its per-connection pragmas. */
function connectionOf(driver: SqliteDriver): Database.Database {
  return (driver as unknown as { opened: { handle: { db: Database.Database } } }).opened.handle.db;
}

const record = (queue: string, id: string, availableAt = Date.now()) => ({
  id,
  queue,
  payload: `{"id":"${id}"}`,
  availableAt,
  priority: 0,
});

describe('sqlite options', () => {
  it('parses relative, absolute and :memory: URLs and query options', () => {
    expect(parseSqliteOptions('sqlite://./.conveyor/queue.db').filename).toBe(resolve('.conveyor/queue.db'));
    expect(parseSqliteOptions('sqlite://queue.db').filename).toBe(resolve('queue.db'));
    expect(parseSqliteOptions('sqlite:///var/tmp/q.db').filename).toBe('/var/tmp/q.db');
    const memory = parseSqliteOptions('sqlite://:memory:');
    expect(memory).toMatchObject({
      filename: ':memory:',
      memory: true,
      synchronous: 'NORMAL',
      pollInterval: 100,
    });
    expect(
      parseSqliteOptions('sqlite:///tmp/a%20b.db?synchronous=full&busyTimeoutMs=100&pollInterval=5'),
    ).toEqual({
      filename: '/tmp/a b.db',
      memory: false,
      synchronous: 'FULL',
      busyTimeoutMs: 100,
      pollInterval: 5,
    });
  });

  it('accepts a config object and defaults to the embedded path', () => {
    expect(parseSqliteOptions({ driver: 'sqlite' }).filename).toBe(resolve('.conveyor/queue.db'));
    expect(parseSqliteOptions({ driver: 'sqlite', path: '/x/y.db', synchronous: 'FULL' })).toMatchObject({
      filename: '/x/y.db',
      synchronous: 'FULL',
      busyTimeoutMs: 5000,
    });
  });

  it('refuses nonsense with a stable code', () => {
    expect(() => parseSqliteOptions('sqlite://./q.db?synchronous=OFF')).toThrow(
      expect.objectContaining({ code: 'ERR_BAD_CONNECTION_URL' }),
    );
    expect(() => parseSqliteOptions({ driver: 'sqlite', path: '' })).toThrow(/non-empty/);
    expect(() => parseSqliteOptions({ driver: 'sqlite', path: 'q.db', pollInterval: 0 })).toThrow(
      /pollInterval/,
    );
    expect(() => parseSqliteOptions('redis://x')).toThrow(/not a SQLite URL/);
  });

  it('is registered under the sqlite:// scheme', () => {
    expect(resolveDriver(`sqlite://${freshFile()}`)).toBeInstanceOf(SqliteDriver);
  });
});

describe('sqlite connection', () => {
  it('creates the parent directory and sets WAL, busy timeout and synchronous', async () => {
    const file = join(dir, 'nested', 'deeper', 'queue.db');
    const normal = createSqliteDriver({ driver: 'sqlite', path: file, busyTimeoutMs: 1234 }) as SqliteDriver;
    const full = createSqliteDriver(`sqlite://${file}?synchronous=FULL`) as SqliteDriver;
    try {
      await normal.connect();
      await full.connect();
      expect(existsSync(file)).toBe(true);
      expect(connectionOf(normal).pragma('journal_mode', { simple: true })).toBe('wal');
      expect(connectionOf(normal).pragma('busy_timeout', { simple: true })).toBe(1234);
      expect(connectionOf(normal).pragma('synchronous', { simple: true })).toBe(1);
      expect(connectionOf(full).pragma('synchronous', { simple: true })).toBe(2);
    } finally {
      await normal.close();
      await full.close();
    }
  });

  it('migrates once: drivers racing on a new file and later ones add no migration rows', async () => {
    const file = freshFile();
    const drivers = [0, 1, 2].map(() => createSqliteDriver(`sqlite://${file}`));
    await Promise.all(drivers.map((d) => d.connect()));
    const read = () => {
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare('SELECT version, applied_at FROM conveyor_migrations ORDER BY version').all();
      } finally {
        db.close();
      }
    };
    const first = read();
    expect(first.map((r) => (r as { version: number }).version)).toEqual(MIGRATIONS.map((m) => m.version));
    const migrated = await Promise.all(drivers.map((d) => (d as SqliteDriver).migrate()));
    expect(migrated.flat()).toEqual(MIGRATIONS.map((m) => m.version));
    const later = createSqliteDriver(`sqlite://${file}`) as SqliteDriver;
    expect(await later.migrate()).toEqual([]);
    await later.enqueue([record('q', 'a')]);
    expect(read()).toEqual(first);
    expect((await drivers[0]?.reserve(['q'], 1, 30))?.map((r) => r.id)).toEqual(['a']);
    await Promise.all([...drivers, later].map((d) => d.close()));
  });

  it('returns a garbage payload written straight into the jobs table verbatim', async () => {
    const file = freshFile();
    const driver = createSqliteDriver(`sqlite://${file}`);
    await driver.connect();
    const garbage = '\u0000{not json]] \uD83D\uDE00 \\x';
    const db = new Database(file);
    db.prepare('INSERT INTO conveyor_jobs (id, queue, payload, available_at) VALUES (?, ?, ?, ?)').run(
      'raw-1',
      'raw',
      garbage,
      Date.now(),
    );
    db.close();
    const [got] = await driver.reserve(['raw'], 5, 30);
    expect(got).toMatchObject({ id: 'raw-1', queue: 'raw', payload: garbage, attempts: 1 });
    await driver.close();
  });

  it(':memory: works, is not durable, and each driver has its own database', async () => {
    const a = createSqliteDriver('sqlite://:memory:');
    const b = createSqliteDriver('sqlite://:memory:');
    expect(a.capabilities).toMatchObject({ durable: false, crossProcess: false, notifications: true });
    await a.enqueue([record('m', 'x')]);
    expect(await b.sizes('m')).toEqual({ ready: 0, delayed: 0, reserved: 0 });
    const [r] = await a.reserve(['m'], 1, 30);
    expect(r?.id).toBe('x');
    expect(await a.complete(r ? [r] : [])).toBe(1);
    await a.close();
    await b.close();
  });

  it('an infinite lease never expires and keeps a finite leaseUntil', async () => {
    const driver = createSqliteDriver(`sqlite://${freshFile()}`);
    await driver.enqueue([record('inf', 'i1')]);
    const [r] = await driver.reserve(['inf'], 1, Number.POSITIVE_INFINITY);
    expect(Number.isFinite(r?.leaseUntil)).toBe(true);
    expect(r?.leaseUntil).toBeGreaterThan(Date.now() + 1e12);
    expect(await driver.reserve(['inf'], 1, 30)).toEqual([]);
    expect(await driver.sizes('inf')).toEqual({ ready: 0, delayed: 0, reserved: 1 });
    await driver.close();
  });

  it('queues() lists ready, delayed-only, reserved-only and failed-only queues, sorted', async () => {
    const driver = createSqliteDriver(`sqlite://${freshFile()}`);
    await driver.enqueue([
      record('c-ready', 'a'),
      record('a-delayed', 'b', Date.now() + 60_000),
      record('b-reserved', 'c'),
      record('d-failed', 'd'),
    ]);
    await driver.reserve(['b-reserved'], 1, 30);
    const [f] = await driver.reserve(['d-failed'], 1, 30);
    if (f) await driver.fail(f, { connection: 'x', error: { name: 'E', message: 'm' } });
    expect(await driver.queues()).toEqual(['a-delayed', 'b-reserved', 'c-ready', 'd-failed']);
    await driver.close();
  });

  it('refuses work after close with ERR_DRIVER_CLOSED', async () => {
    const driver = createSqliteDriver(`sqlite://${freshFile()}`);
    await driver.connect();
    await driver.close();
    await expect(driver.reserve(['q'], 1, 30)).rejects.toMatchObject({ code: 'ERR_DRIVER_CLOSED' });
    expect(await driver.waitForWork(['q'], 1)).toBe(false);
  });
});

describe('sqlite wake-ups', () => {
  it('a push through another driver on the same file wakes a waiter at once, without polling', async () => {
    const file = freshFile();
    const waiter = createSqliteDriver({ driver: 'sqlite', path: file, pollInterval: 60_000 });
    const pusher = createSqliteDriver({ driver: 'sqlite', path: file });
    await waiter.connect();
    await pusher.connect();
    const waiting = waiter.waitForWork(['other', 'w'], 10);
    await new Promise((r) => setTimeout(r, 30));
    const pushedAt = Date.now();
    await pusher.enqueue([record('w', 'w1')]);
    expect(await waiting).toBe(true);
    expect(Date.now() - pushedAt).toBeLessThan(50);
    await pusher.close();
    await waiter.close();
  });

  it('work written by another process (a foreign connection) is seen by polling', async () => {
    const file = freshFile();
    const waiter = createSqliteDriver({ driver: 'sqlite', path: file, pollInterval: 20 });
    await waiter.connect();
    const waiting = waiter.waitForWork(['p'], 5);
    await new Promise((r) => setTimeout(r, 30));
    const db = new Database(file);
    db.prepare('INSERT INTO conveyor_jobs (id, queue, payload, available_at) VALUES (?, ?, ?, ?)').run(
      'p1',
      'p',
      '{}',
      Date.now(),
    );
    db.close();
    const writtenAt = Date.now();
    expect(await waiting).toBe(true);
    expect(Date.now() - writtenAt).toBeLessThan(500);
    await waiter.close();
  });

  it('a delayed job becoming due wakes the waiter', async () => {
    const driver = createSqliteDriver({ driver: 'sqlite', path: freshFile(), pollInterval: 20 });
    const dueAt = Date.now() + 200;
    await driver.enqueue([record('d', 'd1', dueAt)]);
    expect(await driver.waitForWork(['d'], 0.05)).toBe(false);
    expect(await driver.waitForWork(['d'], 5)).toBe(true);
    expect(Date.now()).toBeGreaterThanOrEqual(dueAt);
    expect(Date.now() - dueAt).toBeLessThan(500);
    await driver.close();
  });
});

describe('sqlite group commit', () => {
  it('writes issued together commit together, but a failing one rolls back and rejects alone', async () => {
    const driver = createSqliteDriver(`sqlite://${freshFile()}`);
    await driver.connect();
    const bad = { ...record('g', 'bad-2'), payload: null as unknown as string };
    const results = await Promise.allSettled([
      driver.enqueue([record('g', 'ok-1')]),
      driver.enqueue([record('g', 'bad-1'), bad]),
      driver.enqueue([record('g', 'ok-2')]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const got = await driver.reserve(['g'], 10, 30);
    expect(got.map((r) => r.id)).toEqual(['ok-1', 'ok-2']);
    await driver.close();
  });

  it('keeps issue order: a clear issued after an enqueue in the same turn removes it', async () => {
    const driver = createSqliteDriver(`sqlite://${freshFile()}`);
    await driver.connect();
    const pushed = driver.enqueue([record('o', 'o1')]);
    const cleared = driver.clear('o');
    const pushedAgain = driver.enqueue([record('o', 'o2')]);
    await Promise.all([pushed, cleared, pushedAgain]);
    expect((await driver.reserve(['o'], 10, 30)).map((r) => r.id)).toEqual(['o2']);
    await driver.close();
  });

  it('rejects every write of a transaction that could not take the lock, and recovers', async () => {
    const file = freshFile();
    const driver = createSqliteDriver({ driver: 'sqlite', path: file, busyTimeoutMs: 50 });
    await driver.connect();
    const blocker = new Database(file);
    blocker.exec('BEGIN IMMEDIATE');
    const results = await Promise.allSettled([
      driver.enqueue([record('b', 'b1')]),
      driver.enqueue([record('b', 'b2')]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(results[0]).toMatchObject({ reason: { code: 'SQLITE_BUSY' } });
    blocker.exec('ROLLBACK');
    blocker.close();
    await driver.enqueue([record('b', 'b3')]);
    expect((await driver.reserve(['b'], 10, 30)).map((r) => r.id)).toEqual(['b3']);
    await driver.close();
  });

  it('close commits writes already issued', async () => {
    const file = freshFile();
    const driver = createSqliteDriver(`sqlite://${file}`);
    await driver.connect();
    const pending = driver.enqueue([record('c', 'c1')]);
    await driver.close();
    await pending;
    const reopened = createSqliteDriver(`sqlite://${file}`);
    expect((await reopened.sizes('c')).ready).toBe(1);
    await reopened.close();
  });
});
