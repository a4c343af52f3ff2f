/**
 * @module test/drivers/mysql-reserve
 * How the MySQL reserve behaves beside other reservers (spare candidates, then the locking scan;
 * the locking scan alone for small batches), tokens read back into primary keys, and the turns
 * that reserves from one process take.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { EnqueueRecord } from '../../src/drivers/driver.js';
import { createMysqlDriver, type MysqlDriver } from '../../src/drivers/mysql/index.js';
import { MIN_BATCH_FOR_CANDIDATES } from '../../src/drivers/mysql/reserve-jobs.js';
import { inTurn } from '../../src/drivers/mysql/reserve-turns.js';
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

describe('mysql driver: reserving beside another reserver', () => {
  it('takes the spare candidates past rows another transaction holds, then the locking scan past more', async () => {
    const name = prefix();
    const driver = driverOn(name);
    const batch = MIN_BATCH_FOR_CANDIDATES;
    const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `r${from + i}`);
    const warm = Array.from({ length: batch }, (_, i) => `w${i}`);
    await driver.enqueue([...warm, ...ids(0, 6 * batch)].map((id) => record('held', id)));
    // A full batch marks the queue as draining: the next reserves choose candidates first.
    expect((await driver.reserve(['held'], batch, 30)).map((r) => r.id)).toEqual(warm);
    const other = await mysqlAdmin().getConnection();
    const hold = async (held: string[]) => {
      await other.query(`SELECT seq FROM \`${name}jobs\` WHERE id IN (?) FOR UPDATE`, [held]);
    };
    try {
      await other.query('START TRANSACTION');
      await hold(ids(0, batch));
      // Candidates r0–r(2b−1): the first half is held, so the spare half serves.
      expect((await driver.reserve(['held'], batch, 30)).map((r) => r.id)).toEqual(ids(batch, 2 * batch));
      await hold(ids(2 * batch, 5 * batch));
      // Every candidate is held: only the locking scan reaches the free rows past them.
      expect((await driver.reserve(['held'], batch, 30)).map((r) => r.id)).toEqual(ids(5 * batch, 6 * batch));
    } finally {
      await other.query('ROLLBACK');
      other.release();
    }
    expect((await driver.reserve(['held'], 10 * batch, 30)).map((r) => r.id)).toEqual([
      ...ids(0, batch),
      ...ids(2 * batch, 5 * batch),
    ]);
  });

  it('reserves small batches with the locking scan alone, past held rows', async () => {
    const name = prefix();
    const driver = driverOn(name);
    await driver.enqueue(['s0', 's1', 's2', 's3'].map((id) => record('small', id)));
    const other = await mysqlAdmin().getConnection();
    try {
      await other.query('START TRANSACTION');
      await other.query(`SELECT seq FROM \`${name}jobs\` WHERE id IN ('s0', 's2') FOR UPDATE`);
      expect((await driver.reserve(['small'], 2, 30)).map((r) => r.id)).toEqual(['s1', 's3']);
    } finally {
      await other.query('ROLLBACK');
      other.release();
    }
    expect((await driver.reserve(['small'], 5, 30)).map((r) => r.id)).toEqual(['s0', 's2']);
  });
});

describe('mysql driver: tokens and turns', () => {
  it('completes and extends by the seq in the token, refusing foreign and forged tokens', async () => {
    const driver = driverOn(prefix());
    await driver.enqueue([record('tok', 'a'), record('tok', 'b')]);
    const [a, b] = await driver.reserve(['tok'], 2, 30);
    if (!a || !b) throw new Error('expected two reservations');
    const forged = { ...a, token: `forged.${a.token.split('.').at(-1)}` };
    expect(await driver.complete([{ ...a, token: 'not-a-token' }, forged])).toBe(0);
    expect(await driver.extend([{ ...b, token: `${b.token}0` }], 60)).toBe(0);
    expect(await driver.extend([a, b], 60)).toBe(2);
    expect(await driver.complete([a, b, a])).toBe(2);
    expect(await driver.sizes('tok')).toEqual({ ready: 0, delayed: 0, reserved: 0 });
  });

  it('runs reserves with the same key one at a time, in call order, past failures; other keys at once', async () => {
    const log: string[] = [];
    const step =
      (name: string, ms: number, fail = false) =>
      async () => {
        log.push(`${name}+`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        log.push(`${name}-`);
        if (fail) throw new Error(name);
        return name;
      };
    const first = inTurn('k', step('a', 30, true));
    const second = inTurn('k', step('b', 5));
    const other = inTurn('other', step('c', 5));
    await expect(first).rejects.toThrow('a');
    expect(await second).toBe('b');
    expect(await other).toBe('c');
    expect(log.indexOf('b+')).toBeGreaterThan(log.indexOf('a-'));
    expect(log.indexOf('c+')).toBeLessThan(log.indexOf('a-'));
  });
});
