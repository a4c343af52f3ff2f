/**
 * @module test/drivers/mysql-failed-add
 * `failed.add` on MySQL: a record stored as given, one per id, and a retry that keeps the
 * payload's priority.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { EnqueueRecord, FailedJobRecord } from '../../src/drivers/driver.js';
import { createMysqlDriver, type MysqlDriver } from '../../src/drivers/mysql/index.js';
import { dropMysqlTables, endMysqlAdmin, MYSQL_TEST_URL, uniqueMysqlPrefix } from './mysql-helpers.js';

const prefixes: string[] = [];
const drivers: MysqlDriver[] = [];

function prefix(): string {
  const name = uniqueMysqlPrefix();
  prefixes.push(name);
  return name;
}

function driverOn(tablePrefix: string): MysqlDriver {
  const driver = createMysqlDriver({ uri: MYSQL_TEST_URL, tablePrefix, pollInterval: 50, poolSize: 3 });
  drivers.push(driver);
  return driver;
}

function record(queue: string, id: string, extra: Partial<EnqueueRecord> = {}): EnqueueRecord {
  return { id, queue, payload: JSON.stringify({ id }), availableAt: Date.now(), priority: 0, ...extra };
}

afterAll(async () => {
  for (const driver of drivers) await driver.close();
  for (const name of prefixes) await dropMysqlTables(name);
  await endMysqlAdmin();
});

describe('mysql driver: failed store add', () => {
  function failure(id: string, message: string, extra: Partial<FailedJobRecord> = {}): FailedJobRecord {
    return {
      id,
      connection: 'main',
      queue: 'added',
      payload: JSON.stringify({ v: 1, id, name: 'x', priority: 7 }),
      error: { name: 'Error', message, stack: `Error: ${message}\n    at here` },
      failedAt: 1_700_000_000_000,
      attempts: 2,
      ...extra,
    };
  }

  it('stores a record as given; get and list show it', async () => {
    const driver = driverOn(prefix());
    const stored = failure('added-1', 'from outside');
    await driver.failed.add(stored);
    expect(await driver.failed.get('added-1')).toEqual(stored);
    expect(await driver.failed.list({ queue: 'added' })).toEqual([stored]);
    const noStack = failure('added-2', 'no stack', { error: { name: 'TypeError', message: 'no stack' } });
    await driver.failed.add(noStack);
    expect(await driver.failed.get('added-2')).toEqual(noStack);
    expect(await driver.failed.count('added')).toBe(2);
  });

  it('adding the same id twice keeps one record, the second', async () => {
    const driver = driverOn(prefix());
    await driver.failed.add(failure('twice', 'first'));
    await driver.failed.add(failure('twice', 'second', { attempts: 5, failedAt: 1_700_000_000_500 }));
    expect(await driver.failed.count()).toBe(1);
    const [only] = await driver.failed.list();
    expect(only).toMatchObject({ id: 'twice', attempts: 5, failedAt: 1_700_000_000_500 });
    expect(only?.error.message).toBe('second');
  });

  it('a retry of an added record keeps the payload priority; a raw payload gets priority 0', async () => {
    const driver = driverOn(prefix());
    await driver.enqueue([record('added', 'plain', { priority: 3 })]);
    await driver.failed.add(failure('urgent', 'x'));
    await driver.failed.add(failure('raw', 'x', { payload: 'not json' }));
    expect(await driver.failed.retry('urgent')).toBe(true);
    expect(await driver.failed.retry('raw')).toBe(true);
    const order = await driver.reserve(['added'], 10, 30);
    expect(order.map((r) => [r.id, r.attempts])).toEqual([
      ['urgent', 1],
      ['plain', 1],
      ['raw', 1],
    ]);
    expect(order[2]?.payload).toBe('not json');
  });
});
