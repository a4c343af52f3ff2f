/**
 * @module testing/conformance/failed-store-tests
 * The failed store: fail, list, get, count, retry, forget, flush, prune.
 */
import assert from 'node:assert/strict';
import type { Driver, ErrorInfo, Reservation } from '../../drivers/driver.js';
import { drain, makeRecord, makeRecords, newId } from './helpers.js';
import type { Suite } from './suite.js';

const CONNECTION = 'conformance-conn';

function errorFor(r: Reservation): ErrorInfo {
  return {
    name: 'TypeError',
    message: `boom ${r.id}`,
    stack: `TypeError: boom ${r.id}\n    at test (file.ts:1:1)`,
  };
}

/** Reserves everything in `queue` and fails it, one millisecond apart from `failedAt`. */
async function failAll(driver: Driver, queue: string, failedAt: number): Promise<Reservation[]> {
  const held = await drain(driver, [queue]);
  let at = failedAt;
  for (const r of held) {
    assert.equal(await driver.fail(r, { connection: CONNECTION, error: errorFor(r), failedAt: at++ }), true);
  }
  return held;
}

/** Registers the failed store tests. */
export function registerFailedStoreTests(suite: Suite): void {
  suite.describe('failed store', () => {
    suite.test(
      'fail moves the job; list and get show payload, error, attempts, connection',
      async (scope) => {
        const { driver } = scope;
        const a = scope.queue('fa');
        const b = scope.queue('fb');
        await driver.enqueue([...makeRecords(a, 2), ...makeRecords(b, 1)]);
        const now = Date.now();
        const [a1, a2] = await failAll(driver, a, now - 100);
        const [b1] = await failAll(driver, b, now - 50);
        assert.ok(a1 && a2 && b1);
        assert.deepEqual(
          await driver.sizes(a),
          { ready: 0, delayed: 0, reserved: 0 },
          'failed jobs leave the queue',
        );
        assert.equal(await driver.complete([a1]), 0, 'a failed reservation cannot complete');

        const got = await driver.failed.get(a1.id);
        assert.ok(got, 'get finds the failed job');
        const { id, connection, queue, payload, error, failedAt, attempts } = got;
        assert.deepEqual(
          { id, connection, queue, payload, error, failedAt, attempts },
          {
            id: a1.id,
            connection: CONNECTION,
            queue: a,
            payload: a1.payload,
            error: errorFor(a1),
            failedAt: now - 100,
            attempts: 1,
          },
        );
        assert.equal(await driver.failed.get('no-such-id'), null);

        const all = await driver.failed.list();
        const ours = all.filter((f) => f.queue === a || f.queue === b).map((f) => f.id);
        assert.deepEqual(ours, [b1.id, a2.id, a1.id], 'newest first');
        assert.deepEqual(
          (await driver.failed.list({ queue: a })).map((f) => f.id),
          [a2.id, a1.id],
        );
        assert.deepEqual(
          (await driver.failed.list({ queue: a, limit: 1, offset: 1 })).map((f) => f.id),
          [a1.id],
        );
        assert.equal(await driver.failed.count(a), 2);
        assert.equal(await driver.failed.count(b), 1);
        assert.ok((await driver.failed.count()) >= 3);
      },
    );

    suite.test('fail keeps the attempts of the reservation', async ({ driver, queue }) => {
      const q = queue('fattempts');
      await driver.enqueue([makeRecord(q, { attempts: 2 })]);
      const [r] = await driver.reserve([q], 1, 30);
      assert.ok(r);
      assert.equal(await driver.fail(r, { connection: CONNECTION, error: errorFor(r) }), true);
      const stored = await driver.failed.get(r.id);
      assert.equal(stored?.attempts, 3);
      assert.ok(stored && Math.abs(stored.failedAt - Date.now()) < 5_000, 'failedAt defaults to now');
    });

    suite.test(
      'retry puts the job back with the same id, attempts reset, ready now',
      async ({ driver, queue }) => {
        const q = queue('retry');
        await driver.enqueue([makeRecord(q, { priority: 0 })]);
        const [failed] = await failAll(driver, q, Date.now());
        assert.ok(failed);
        assert.equal(await driver.failed.retry(failed.id), true);
        assert.equal(await driver.failed.get(failed.id), null, 'no longer in the failed store');
        assert.equal(await driver.failed.count(q), 0);
        const [again] = await driver.reserve([q], 1, 30);
        assert.ok(again, 'back in its queue and ready now');
        assert.equal(again.id, failed.id);
        assert.equal(again.payload, failed.payload);
        assert.equal(again.attempts, 1, 'attempts were reset to 0');
        assert.equal(await driver.failed.retry(failed.id), false, 'retry of an unknown id');
      },
    );

    suite.test('forget and flush', async ({ driver, queue }) => {
      const a = queue('forget-a');
      const b = queue('forget-b');
      await driver.enqueue([...makeRecords(a, 2), ...makeRecords(b, 2)]);
      const [a1] = await failAll(driver, a, Date.now());
      await failAll(driver, b, Date.now());
      assert.ok(a1);
      assert.equal(await driver.failed.forget(a1.id), true);
      assert.equal(await driver.failed.forget(a1.id), false);
      assert.equal(await driver.failed.get(a1.id), null);
      assert.equal(await driver.failed.count(a), 1);
      assert.equal(await driver.failed.flush(b), 2, 'flush of one queue');
      assert.equal(await driver.failed.count(b), 0);
      assert.equal(await driver.failed.count(a), 1, 'other queues untouched');
      assert.equal(await driver.failed.flush(), 1, 'flush of everything');
      assert.equal(await driver.failed.count(), 0);
    });

    suite.test('prune removes failed jobs older than the given age', async ({ driver, queue }) => {
      const q = queue('prune');
      await driver.enqueue(makeRecords(q, 3));
      const held = await drain(driver, [q]);
      const [old1, old2, fresh] = held;
      assert.ok(old1 && old2 && fresh);
      const now = Date.now();
      const fail = (r: Reservation, failedAt: number) =>
        driver.fail(r, { connection: CONNECTION, error: errorFor(r), failedAt });
      await fail(old1, now - 3_600_000);
      await fail(old2, now - 120_000);
      await fail(fresh, now);
      assert.equal(await driver.failed.prune(60), 2);
      assert.deepEqual(
        (await driver.failed.list({ queue: q })).map((f) => f.id),
        [fresh.id],
      );
      assert.equal(await driver.failed.prune(60), 0);
    });

    suite.test(
      'add stores a record directly; the same id replaces it; retry puts it in its queue',
      async ({ driver, queue }) => {
        const q = queue('add');
        const record = {
          id: newId(),
          connection: CONNECTION,
          queue: q,
          payload: '{"added":1}',
          error: { name: 'Error', message: 'given up from outside', stack: 'Error: given up' },
          failedAt: Date.now() - 1000,
          attempts: 2,
        };
        await driver.failed.add(record);
        assert.deepEqual(await driver.failed.get(record.id), record);
        await driver.failed.add({ ...record, error: { name: 'Error', message: 'second' }, attempts: 3 });
        assert.equal(await driver.failed.count(q), 1, 'one record per id');
        const again = await driver.failed.get(record.id);
        assert.equal(again?.error.message, 'second');
        assert.equal(again?.attempts, 3);
        assert.equal(await driver.failed.retry(record.id), true);
        const [back] = await drain(driver, [q]);
        assert.equal(back?.id, record.id);
        assert.equal(back?.payload, record.payload);
      },
    );
  });
}
