/**
 * @module testing/conformance/atomic-tests
 * Counters with a TTL and locks with an owner and a TTL (they back the built-in middleware).
 */
import assert from 'node:assert/strict';
import { eventually } from './helpers.js';
import type { Suite } from './suite.js';

/** Registers the counter and lock tests. */
export function registerAtomicTests(suite: Suite): void {
  suite.describe('counters and locks', () => {
    suite.test('counters increment atomically and expire with their TTL', async ({ driver, queue }) => {
      const key = queue('counter');
      assert.equal(await driver.atomic.counter(key), 0, 'absent counters read 0');
      assert.equal(await driver.atomic.counterTtl(key), 0, 'absent counters have no TTL');
      assert.equal(await driver.atomic.increment(key, 1, 1), 1);
      assert.equal(await driver.atomic.increment(key, 2, 60), 3, 'an existing counter keeps its TTL');
      const parallel = await Promise.all(
        Array.from({ length: 20 }, () => driver.atomic.increment(key, 1, 1)),
      );
      assert.equal(new Set(parallel).size, 20, 'concurrent increments each see their own value');
      assert.equal(await driver.atomic.counter(key), 23);
      const ttl = await driver.atomic.counterTtl(key);
      assert.ok(ttl > 0 && ttl <= 1, `counterTtl ${ttl} is within the first TTL`);

      const started = Date.now();
      assert.ok(
        await eventually(async () => (await driver.atomic.counter(key)) === 0, 3_000),
        'the counter expired',
      );
      assert.ok(Date.now() - started < 3_000);
      assert.equal(await driver.atomic.counterTtl(key), 0);
      assert.equal(await driver.atomic.increment(key, 5, 30), 5, 'an expired counter starts afresh');
    });

    suite.test('locks: one owner at a time, released by the owner only', async ({ driver, queue }) => {
      const key = queue('lock');
      assert.equal(await driver.atomic.acquireLock(key, 'alice', 30), true);
      assert.equal(await driver.atomic.acquireLock(key, 'bob', 30), false, 'held by someone else');
      assert.equal(await driver.atomic.releaseLock(key, 'bob'), false, 'only the owner releases');
      assert.equal(await driver.atomic.acquireLock(key, 'bob', 30), false, 'still held');
      assert.equal(await driver.atomic.releaseLock(key, 'alice'), true);
      assert.equal(await driver.atomic.releaseLock(key, 'alice'), false, 'already free');
      const racers = await Promise.all(
        ['c1', 'c2', 'c3', 'c4'].map((o) => driver.atomic.acquireLock(key, o, 30)),
      );
      assert.equal(racers.filter(Boolean).length, 1, 'exactly one concurrent acquirer wins');
    });

    suite.test('locks expire with their TTL', async ({ driver, queue }) => {
      const key = queue('lock-ttl');
      assert.equal(await driver.atomic.acquireLock(key, 'first', 0.4), true);
      const acquiredAt = Date.now();
      assert.equal(await driver.atomic.acquireLock(key, 'second', 30), false);
      const took = await eventually(() => driver.atomic.acquireLock(key, 'second', 30), 3_000);
      assert.ok(took, 'the lock was free after its TTL');
      assert.ok(Date.now() - acquiredAt >= 350, 'not before its TTL');
      assert.equal(
        await driver.atomic.releaseLock(key, 'first'),
        false,
        'the expired owner no longer holds it',
      );
      assert.equal(await driver.atomic.releaseLock(key, 'second'), true);
    });
  });
}
