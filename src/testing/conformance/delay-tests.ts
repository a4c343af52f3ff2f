/**
 * @module testing/conformance/delay-tests
 * Delayed jobs: not reservable before `availableAt`, reservable after, counted as delayed.
 */
import assert from 'node:assert/strict';
import { makeRecord, reserveWithin } from './helpers.js';
import type { Suite } from './suite.js';

const DELAY_MS = 500;

/** Registers the delay tests. */
export function registerDelayTests(suite: Suite): void {
  suite.describe('delay', () => {
    suite.test('a delayed job waits for availableAt [needs delay]', async ({ driver, queue }) => {
      const q = queue('delayed');
      const availableAt = Date.now() + DELAY_MS;
      const record = makeRecord(q, { availableAt });
      await driver.enqueue([record]);
      if (!driver.capabilities.delay) {
        // Without delay support the job must still be delivered, once.
        const got = await reserveWithin(driver, [q], 10, 30, 3_000);
        assert.deepEqual(
          got.map((r) => r.id),
          [record.id],
        );
        return;
      }
      assert.deepEqual(await driver.reserve([q], 10, 30), [], 'not reservable before availableAt');
      assert.deepEqual(await driver.sizes(q), { ready: 0, delayed: 1, reserved: 0 });

      const got = await reserveWithin(driver, [q], 10, 30, DELAY_MS + 3_000);
      const reservedAt = Date.now();
      assert.deepEqual(
        got.map((r) => r.id),
        [record.id],
        'reservable after availableAt',
      );
      assert.ok(reservedAt >= availableAt - 20, `reserved ${availableAt - reservedAt} ms early`);
      assert.equal(got[0]?.attempts, 1);
      assert.deepEqual(await driver.sizes(q), { ready: 0, delayed: 0, reserved: 1 });
    });

    suite.test('a ready job is served while a delayed one waits [needs delay]', async ({ driver, queue }) => {
      const q = queue('mixed');
      const delayed = makeRecord(q, { availableAt: Date.now() + 5_000 });
      const ready = makeRecord(q);
      await driver.enqueue([delayed, ready]);
      const got = await driver.reserve([q], 10, 30);
      if (!driver.capabilities.delay) {
        assert.ok(got.some((r) => r.id === ready.id));
        return;
      }
      assert.deepEqual(
        got.map((r) => r.id),
        [ready.id],
      );
      assert.deepEqual(await driver.sizes(q), { ready: 0, delayed: 1, reserved: 1 });
    });

    suite.test('a job whose availableAt is in the past is ready now', async ({ driver, queue }) => {
      const q = queue('past');
      const record = makeRecord(q, { availableAt: Date.now() - 60_000 });
      await driver.enqueue([record]);
      const got = await driver.reserve([q], 10, 30);
      assert.deepEqual(
        got.map((r) => r.id),
        [record.id],
      );
    });
  });
}
