/**
 * @module testing/conformance/bulk-tests
 * One enqueue call with many records; everything comes back once, in push order.
 */
import assert from 'node:assert/strict';
import { drain, makeRecords } from './helpers.js';
import type { Suite } from './suite.js';

const BULK = 1_000;

/** Registers the bulk tests. */
export function registerBulkTests(suite: Suite): void {
  suite.describe('bulk', () => {
    suite.test(
      `bulk enqueue of ${BULK} in one call, then all reserved in push order`,
      async ({ driver, queue }) => {
        const q = queue('bulk');
        const records = makeRecords(q, BULK);
        await driver.enqueue(records);
        assert.deepEqual(await driver.sizes(q), { ready: BULK, delayed: 0, reserved: 0 });

        const got = await drain(driver, [q], 100);
        assert.equal(got.length, BULK);
        assert.equal(new Set(got.map((r) => r.token)).size, BULK, 'every reservation has its own token');
        assert.deepEqual(
          got.map((r) => r.id),
          records.map((r) => r.id),
        );
        assert.deepEqual(await driver.sizes(q), { ready: 0, delayed: 0, reserved: BULK });

        assert.equal(await driver.complete(got), BULK, 'one batch completes them all');
        assert.deepEqual(await driver.sizes(q), { ready: 0, delayed: 0, reserved: 0 });
      },
    );

    suite.test(
      'enqueue of an empty list and complete of an empty list are no-ops',
      async ({ driver, queue }) => {
        const q = queue('empty');
        await driver.enqueue([]);
        assert.equal(await driver.complete([]), 0);
        assert.equal(await driver.extend([], 30), 0);
        assert.deepEqual(await driver.sizes(q), { ready: 0, delayed: 0, reserved: 0 });
      },
    );

    suite.test('one enqueue call may target several queues', async ({ driver, queue }) => {
      const a = queue('a');
      const b = queue('b');
      const records = [...makeRecords(a, 3), ...makeRecords(b, 2)];
      await driver.enqueue(records);
      assert.equal((await driver.sizes(a)).ready, 3);
      assert.equal((await driver.sizes(b)).ready, 2);
    });
  });
}
