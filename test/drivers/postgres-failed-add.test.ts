/**
 * @module test/drivers/postgres-failed-add
 * The PostgreSQL failed store's `add` (a job failed from outside a worker), on the local server,
 * each test in its own schema (dropped after the file's tests).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FailedJobRecord } from '../../src/drivers/driver.js';
import { createPostgresDriver, type PostgresDriver } from '../../src/drivers/postgres/index.js';
import { createConnection, type IQueueable, JobRegistry } from '../../src/index.js';
import { POSTGRES_TEST_URL, usePostgresSchemas } from './postgres-helpers.js';

const { schemaName } = usePostgresSchemas('pga');
const made: PostgresDriver[] = [];

function driver(): PostgresDriver {
  const d = createPostgresDriver(`${POSTGRES_TEST_URL}?schema=${schemaName()}&poolSize=2`);
  made.push(d);
  return d;
}

afterEach(async () => {
  for (const d of made.splice(0)) await d.close();
});

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

describe('postgres failed store: add', () => {
  it('stores a record as given; get, list, count and queues show it', async () => {
    const d = driver();
    const stored = failure('added-1', 'from outside');
    await d.failed.add(stored);
    expect(await d.failed.get('added-1')).toEqual(stored);
    expect(await d.failed.list({ queue: 'added' })).toEqual([stored]);
    const noStack = failure('added-2', 'no stack', {
      error: { name: 'TypeError', message: 'no stack' },
      failedAt: 1_700_000_000_001,
    });
    await d.failed.add(noStack);
    expect(await d.failed.get('added-2')).toEqual(noStack);
    expect(await d.failed.list()).toEqual([noStack, stored]);
    expect(await d.failed.count('added')).toBe(2);
    expect(await d.queues()).toEqual(['added']);
  });

  it('adding the same id again replaces the record, even in another queue', async () => {
    const d = driver();
    await d.failed.add(failure('twice', 'first'));
    await d.failed.add(failure('twice', 'second', { attempts: 5, failedAt: 1_700_000_000_500 }));
    expect(await d.failed.count()).toBe(1);
    expect(await d.failed.get('twice')).toMatchObject({
      attempts: 5,
      failedAt: 1_700_000_000_500,
      error: { message: 'second' },
    });
    await d.failed.add(failure('twice', 'third', { queue: 'elsewhere' }));
    expect(await d.failed.count()).toBe(1);
    expect(await d.failed.count('added')).toBe(0);
    expect(await d.failed.get('twice')).toMatchObject({ queue: 'elsewhere', error: { message: 'third' } });
  });

  it('a retry of an added record keeps the payload priority; a raw payload gets 0; NUL is stored safely', async () => {
    const d = driver();
    await d.enqueue([{ id: 'plain', queue: 'added', payload: '{}', availableAt: Date.now(), priority: 3 }]);
    await d.failed.add(failure('urgent', 'x'));
    await d.failed.add(failure('raw', 'nul \u0000 inside', { payload: 'not json' }));
    expect((await d.failed.get('raw'))?.error.message).toBe('nul \uFFFD inside');
    expect(await d.failed.retry('urgent')).toBe(true);
    expect(await d.failed.retry('raw')).toBe(true);
    expect(await d.failed.count()).toBe(0);
    const order = await d.reserve(['added'], 10, 30);
    expect(order.map((r) => [r.id, r.attempts])).toEqual([
      ['urgent', 1],
      ['plain', 1],
      ['raw', 1],
    ]);
    expect(order[2]?.payload).toBe('not json');
  });

  it('connection.failed() outside a worker stores the job through add and calls failed()', async () => {
    const calls: string[] = [];
    class Report implements IQueueable {
      constructor(readonly to: string) {}
      shouldQueue() {
        return true;
      }
      handle() {}
      failed(error: Error) {
        calls.push(`${this.to}: ${error.message}`);
      }
    }
    const registry = new JobRegistry();
    registry.register('report', Report);
    const d = driver();
    const connection = createConnection(d, { name: 'pg', registry });
    await connection.failed(new Report('ops'), { day: 1 }, new Error('upstream gone'));
    const [stored] = await d.failed.list();
    expect(stored).toMatchObject({ connection: 'pg', queue: 'default', attempts: 0 });
    expect(stored?.error).toMatchObject({ name: 'Error', message: 'upstream gone' });
    expect(JSON.parse(stored?.payload ?? '{}')).toMatchObject({ name: 'report' });
    expect(calls).toEqual(['ops: upstream gone']);
  });
});
