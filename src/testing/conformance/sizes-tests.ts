/**
 * @module testing/conformance/sizes-tests
 * Sizes by state, the list of queues, and clearing (which never touches the failed store).
 */
import assert from 'node:assert/strict';
import { makeRecord, makeRecords } from './helpers.js';
import type { Suite } from './suite.js';

const FAILURE = { connection: 'conformance', error: { name: 'Error', message: 'kept' } };

/** Registers the sizes, queues and clearing tests. */
export function registerSizesTests(suite: Suite): void {
  suite.describe('sizes, queues and clearing', () => {
    suite.test('sizes count ready, delayed and reserved [needs delay]', async ({ driver, queue }) => {
      const q = queue('sizes');
      assert.deepEqual(
        await driver.sizes(q),
        { ready: 0, delayed: 0, reserved: 0 },
        'an unknown queue is empty',
      );
      await driver.enqueue([...makeRecords(q, 3), makeRecord(q, { availableAt: Date.now() + 60_000 })]);
      assert.equal((await driver.reserve([q], 1, 30)).length, 1);
      const expected = driver.capabilities.delay
        ? { ready: 2, delayed: 1, reserved: 1 }
        : { ready: 3, delayed: 0, reserved: 1 };
      assert.deepEqual(await driver.sizes(q), expected);
    });

    suite.test('queues() lists queues holding jobs or failed jobs', async ({ driver, queue }) => {
      const ready = queue('q-ready');
      const reserved = queue('q-reserved');
      const failed = queue('q-failed');
      const emptied = queue('q-emptied');
      await driver.enqueue([
        makeRecord(ready),
        makeRecord(reserved),
        makeRecord(failed),
        makeRecord(emptied),
      ]);
      assert.equal((await driver.reserve([reserved], 1, 30)).length, 1);
      const [f] = await driver.reserve([failed], 1, 30);
      assert.ok(f);
      assert.equal(await driver.fail(f, FAILURE), true);
      assert.equal(await driver.complete(await driver.reserve([emptied], 1, 30)), 1);

      const names = await driver.queues();
      for (const name of [ready, reserved, failed]) assert.ok(names.includes(name), `${name} is listed`);
      assert.ok(!names.includes(emptied), 'a queue with nothing left is not listed');
      assert.equal(new Set(names).size, names.length, 'no duplicates');
    });

    suite.test('clear empties one queue, not others, not the failed store', async ({ driver, queue }) => {
      const a = queue('clear-a');
      const b = queue('clear-b');
      await driver.enqueue([...makeRecords(a, 4), makeRecord(a, { availableAt: Date.now() + 60_000 })]);
      await driver.enqueue(makeRecords(b, 2));
      const [f, held] = await driver.reserve([a], 2, 30);
      assert.ok(f && held);
      assert.equal(await driver.fail(f, FAILURE), true);

      await driver.clear(a);
      assert.deepEqual(await driver.sizes(a), { ready: 0, delayed: 0, reserved: 0 });
      assert.deepEqual(await driver.reserve([a], 10, 30), []);
      assert.equal(await driver.complete([held]), 0, 'a cleared reservation is gone');
      assert.equal((await driver.sizes(b)).ready, 2, 'other queues untouched');
      assert.equal(await driver.failed.count(a), 1, 'failed jobs survive clear');
    });

    suite.test('clearAll empties every queue, not the failed store', async ({ driver, queue }) => {
      const a = queue('all-a');
      const b = queue('all-b');
      await driver.enqueue([
        ...makeRecords(a, 2),
        ...makeRecords(b, 2),
        makeRecord(b, { availableAt: Date.now() + 60_000 }),
      ]);
      const [f] = await driver.reserve([b], 1, 30);
      assert.ok(f);
      assert.equal(await driver.fail(f, FAILURE), true);
      assert.equal((await driver.reserve([a], 1, 30)).length, 1);

      await driver.clearAll();
      assert.deepEqual(await driver.sizes(a), { ready: 0, delayed: 0, reserved: 0 });
      assert.deepEqual(await driver.sizes(b), { ready: 0, delayed: 0, reserved: 0 });
      assert.equal(await driver.failed.count(b), 1, 'failed jobs survive clearAll');
      await driver.enqueue([makeRecord(a)]);
      assert.equal((await driver.reserve([a], 1, 30)).length, 1, 'the driver still works after clearAll');
    });
  });
}
