/**
 * @module testing/conformance/lease-tests
 * Lease expiry and recovery, extension, and the refusal of stale tokens.
 */
import assert from 'node:assert/strict';
import type { Driver, Reservation } from '../../drivers/driver.js';
import { makeRecord, reserveWithin, sleep } from './helpers.js';
import type { Suite } from './suite.js';

const SHORT_LEASE_S = 0.3;
const FAILURE = { connection: 'conformance', error: { name: 'Error', message: 'stale' } };

/** Every token-checked operation refuses `stale`. */
async function assertRefused(driver: Driver, stale: Reservation): Promise<void> {
  assert.equal(await driver.complete([stale]), 0, 'complete refuses a stale token');
  assert.equal(await driver.release(stale, 0), false, 'release refuses a stale token');
  assert.equal(await driver.fail(stale, FAILURE), false, 'fail refuses a stale token');
  assert.equal(await driver.extend([stale], 30), 0, 'extend refuses a stale token');
}

/** Registers the lease tests. */
export function registerLeaseTests(suite: Suite): void {
  suite.describe('leases and tokens', () => {
    suite.test(
      'an expired lease returns the job with attempts+1 and a new token [needs leases]',
      async (scope) => {
        const { driver } = scope;
        const q = scope.queue('expiry');
        await driver.enqueue([makeRecord(q)]);
        const [first] = await driver.reserve([q], 1, SHORT_LEASE_S);
        assert.ok(first);
        const reservedAt = Date.now();
        assert.deepEqual(await driver.reserve([q], 1, SHORT_LEASE_S), [], 'leased jobs are not given twice');
        if (!driver.capabilities.leases) {
          await sleep(SHORT_LEASE_S * 2000);
          assert.deepEqual(await driver.reserve([q], 1, 30), [], 'without leases a reservation stays');
          assert.equal((await driver.sizes(q)).reserved, 1);
          return;
        }
        const [second] = await reserveWithin(driver, [q], 1, 30, SHORT_LEASE_S * 1000 + 3_000);
        assert.ok(second, 'the job came back after its lease ended');
        assert.ok(Date.now() - reservedAt >= SHORT_LEASE_S * 1000 - 50, 'not before the lease ended');
        assert.equal(second.id, first.id);
        assert.equal(second.attempts, 2);
        assert.notEqual(second.token, first.token);
        assert.equal(second.payload, first.payload);
        assert.equal(await driver.complete([second]), 1);
      },
    );

    suite.test('sizes count an expired lease as ready again [needs leases]', async ({ driver, queue }) => {
      const q = queue('expiry-sizes');
      await driver.enqueue([makeRecord(q)]);
      assert.equal((await driver.reserve([q], 1, SHORT_LEASE_S)).length, 1);
      assert.deepEqual(await driver.sizes(q), { ready: 0, delayed: 0, reserved: 1 });
      await sleep(SHORT_LEASE_S * 1000 + 150);
      const sizes = await driver.sizes(q);
      if (!driver.capabilities.leases) {
        assert.deepEqual(sizes, { ready: 0, delayed: 0, reserved: 1 });
        return;
      }
      // A driver may reclaim lazily (at reserve) and still count the job as reserved until then.
      assert.equal(sizes.ready + sizes.reserved, 1);
      assert.equal((await driver.reserve([q], 1, 30)).length, 1);
    });

    suite.test('extend keeps a lease alive past its first end', async ({ driver, queue }) => {
      const q = queue('extend');
      await driver.enqueue([makeRecord(q), makeRecord(q)]);
      const held = await driver.reserve([q], 2, 0.4);
      assert.equal(held.length, 2);
      await sleep(200);
      assert.equal(await driver.extend(held, 2), 2, 'both leases extended');
      await sleep(450);
      assert.deepEqual(await driver.reserve([q], 2, 30), [], 'still leased past the first end');
      assert.equal(await driver.complete(held), 2, 'the original tokens are still current');
    });

    suite.test('tokens of a finished reservation are refused', async ({ driver, queue }) => {
      const q = queue('finished');
      await driver.enqueue([makeRecord(q), makeRecord(q)]);
      const [a, b] = await driver.reserve([q], 2, 30);
      assert.ok(a && b);
      assert.equal(await driver.complete([a]), 1);
      await assertRefused(driver, a);
      const forged: Reservation = { ...b, token: `${b.token}-forged` };
      await assertRefused(driver, forged);
      assert.equal(await driver.failed.count(q), 0, 'no refused fail reached the failed store');
      assert.equal(await driver.complete([a, b]), 1, 'a batch completes only its current tokens');
    });

    suite.test(
      'stale tokens are refused after the lease was lost and re-reserved [needs leases]',
      async (scope) => {
        const { driver } = scope;
        const q = scope.queue('stale');
        await driver.enqueue([makeRecord(q)]);
        const [lost] = await driver.reserve([q], 1, SHORT_LEASE_S);
        assert.ok(lost);
        if (!driver.capabilities.leases) {
          assert.equal(await driver.complete([lost]), 1);
          await assertRefused(driver, lost);
          return;
        }
        const [current] = await reserveWithin(driver, [q], 1, 30, SHORT_LEASE_S * 1000 + 3_000);
        assert.ok(current, 're-reserved after expiry');
        await assertRefused(driver, lost);
        assert.deepEqual(
          await driver.sizes(q),
          { ready: 0, delayed: 0, reserved: 1 },
          'the current lease is intact',
        );
        assert.equal(await driver.failed.count(q), 0);
        assert.equal(await driver.complete([current]), 1, 'the current token still works');
      },
    );
  });
}
