/**
 * @module testing/conformance/priority-tests
 * Within a queue: higher priority first, then earlier availableAt, then push order.
 * A driver that declares `priority` honours the whole ordering key.
 */
import assert from 'node:assert/strict';
import { drain, makeRecord } from './helpers.js';
import type { Suite } from './suite.js';

/** Registers the priority tests. */
export function registerPriorityTests(suite: Suite): void {
  suite.describe('priority', () => {
    suite.test('higher priority first, then push order [needs priority]', async ({ driver, queue }) => {
      const q = queue('prio');
      const availableAt = Date.now();
      const priorities = [0, 5, 1, 5, 10, -1, 0];
      const records = priorities.map((priority) => makeRecord(q, { availableAt, priority }));
      await driver.enqueue(records.slice(0, 4));
      await driver.enqueue(records.slice(4));
      const got = await drain(driver, [q], 3);
      if (!driver.capabilities.priority) {
        assert.deepEqual(got.map((r) => r.id).sort(), records.map((r) => r.id).sort());
        return;
      }
      const expected = [4, 1, 3, 2, 0, 6, 5].map((i) => records[i]?.id);
      assert.deepEqual(
        got.map((r) => r.id),
        expected,
      );
    });

    suite.test('same priority: earlier availableAt first [needs priority]', async ({ driver, queue }) => {
      const q = queue('avail');
      const now = Date.now();
      const late = makeRecord(q, { availableAt: now - 1_000 });
      const early = makeRecord(q, { availableAt: now - 5_000 });
      const urgent = makeRecord(q, { availableAt: now, priority: 3 });
      await driver.enqueue([late, early, urgent]);
      const got = await drain(driver, [q]);
      if (!driver.capabilities.priority) {
        assert.deepEqual(got.map((r) => r.id).sort(), [late, early, urgent].map((r) => r.id).sort());
        return;
      }
      assert.deepEqual(
        got.map((r) => r.id),
        [urgent.id, early.id, late.id],
      );
    });

    suite.test('queue order wins over priority', async ({ driver, queue }) => {
      const first = queue('first');
      const second = queue('second');
      const low = makeRecord(first, { priority: 0 });
      const high = makeRecord(second, { priority: 100 });
      await driver.enqueue([high, low]);
      const got = await driver.reserve([first, second], 2, 30);
      assert.deepEqual(
        got.map((r) => r.id),
        [low.id, high.id],
      );
    });
  });
}
