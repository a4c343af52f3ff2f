/**
 * @module testing/conformance/ordering-tests
 * FIFO within a queue and strict order across a queue list.
 */
import assert from 'node:assert/strict';
import { drain, makeRecord, makeRecords } from './helpers.js';
import type { Suite } from './suite.js';

/** Registers the ordering tests. */
export function registerOrderingTests(suite: Suite): void {
  suite.describe('ordering', () => {
    suite.test('FIFO within a queue, across calls and within one call', async ({ driver, queue }) => {
      const q = queue('fifo');
      const availableAt = Date.now();
      const first = [makeRecord(q, { availableAt }), makeRecord(q, { availableAt })];
      const second = [
        makeRecord(q, { availableAt }),
        makeRecord(q, { availableAt }),
        makeRecord(q, { availableAt }),
      ];
      await driver.enqueue(first);
      await driver.enqueue(second);
      const got = await drain(driver, [q], 2);
      assert.deepEqual(
        got.map((r) => r.id),
        [...first, ...second].map((r) => r.id),
      );
      assert.ok(got.every((r) => r.queue === q));
    });

    suite.test(
      'a reservation carries id, queue, payload, attempts, token and lease',
      async ({ driver, queue }) => {
        const q = queue('shape');
        const record = makeRecord(q);
        await driver.enqueue([record]);
        const before = Date.now();
        const [r] = await driver.reserve([q], 10, 30);
        assert.ok(r, 'the job is reservable');
        assert.equal(r.id, record.id);
        assert.equal(r.queue, q);
        assert.equal(r.payload, record.payload);
        assert.equal(r.attempts, 1);
        assert.equal(typeof r.token, 'string');
        assert.ok(r.token.length > 0, 'the token is not empty');
        assert.ok(r.leaseUntil >= before + 29_000, `leaseUntil ${r.leaseUntil} is about 30 s ahead`);
        assert.ok(r.leaseUntil <= Date.now() + 31_000, `leaseUntil ${r.leaseUntil} is not far beyond 30 s`);
        assert.deepEqual(await driver.reserve([q], 10, 30), [], 'a reserved job is not given again');
      },
    );

    suite.test('strict queue order across a queue list', async ({ driver, queue }) => {
      const high = queue('high');
      const low = queue('low');
      const lows = makeRecords(low, 3);
      await driver.enqueue(lows);
      const highs = makeRecords(high, 3);
      await driver.enqueue(highs);

      const firstTwo = await driver.reserve([high, low], 2, 30);
      assert.deepEqual(
        firstTwo.map((r) => r.id),
        highs.slice(0, 2).map((r) => r.id),
        'only the first queue serves a batch it can fill',
      );
      const rest = await driver.reserve([high, low], 10, 30);
      assert.deepEqual(
        rest.map((r) => r.id),
        [highs[2], ...lows].map((r) => r?.id),
        'the first queue is emptied before the second is touched',
      );
      assert.deepEqual(await driver.reserve([high, low], 10, 30), []);
    });

    suite.test('reserve of an unknown queue, or with max 0, returns nothing', async ({ driver, queue }) => {
      const q = queue('known');
      await driver.enqueue([makeRecord(q)]);
      assert.deepEqual(await driver.reserve([queue('unknown')], 10, 30), []);
      assert.deepEqual(await driver.reserve([q], 0, 30), []);
      assert.equal((await driver.reserve([q], 1, 30)).length, 1);
    });

    suite.test('enqueue of an existing id replaces the job', async ({ driver, queue }) => {
      const q = queue('replace');
      const record = makeRecord(q, { payload: '{"v":1}' });
      await driver.enqueue([record]);
      await driver.enqueue([{ ...record, payload: '{"v":2}' }]);
      const got = await drain(driver, [q]);
      assert.deepEqual(
        got.map((r) => [r.id, r.payload]),
        [[record.id, '{"v":2}']],
      );
    });
  });
}
