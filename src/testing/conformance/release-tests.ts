/**
 * @module testing/conformance/release-tests
 * Attempts count reservations and survive releases; a release may carry a delay.
 */
import assert from 'node:assert/strict';
import { makeRecord, reserveWithin } from './helpers.js';
import type { Suite } from './suite.js';

const RELEASE_DELAY_S = 0.5;

/** Registers the attempts and release tests. */
export function registerReleaseTests(suite: Suite): void {
  suite.describe('attempts and release', () => {
    suite.test(
      'attempts increment per reservation and are kept across release',
      async ({ driver, queue }) => {
        const q = queue('attempts');
        const record = makeRecord(q);
        await driver.enqueue([record]);
        const tokens = new Set<string>();
        for (let expected = 1; expected <= 3; expected++) {
          const [r] = await driver.reserve([q], 1, 30);
          assert.ok(r, `reservation ${expected} happens`);
          assert.equal(r.id, record.id, 'same id through releases');
          assert.equal(r.attempts, expected);
          assert.equal(r.payload, record.payload);
          tokens.add(r.token);
          assert.equal(await driver.release(r, 0), true);
        }
        assert.equal(tokens.size, 3, 'each reservation has a fresh token');
        assert.deepEqual(await driver.sizes(q), { ready: 1, delayed: 0, reserved: 0 });
      },
    );

    suite.test('enqueue with attempts keeps them', async ({ driver, queue }) => {
      const q = queue('kept');
      await driver.enqueue([makeRecord(q, { attempts: 4 })]);
      const [r] = await driver.reserve([q], 1, 30);
      assert.equal(r?.attempts, 5);
    });

    suite.test('release with a delay [needs delay]', async ({ driver, queue }) => {
      const q = queue('release-delay');
      await driver.enqueue([makeRecord(q)]);
      const [r] = await driver.reserve([q], 1, 30);
      assert.ok(r);
      const releasedAt = Date.now();
      assert.equal(await driver.release(r, RELEASE_DELAY_S), true);
      if (driver.capabilities.delay) {
        assert.deepEqual(await driver.reserve([q], 1, 30), [], 'not back before the delay');
        assert.deepEqual(await driver.sizes(q), { ready: 0, delayed: 1, reserved: 0 });
      }
      const [again] = await reserveWithin(driver, [q], 1, 30, RELEASE_DELAY_S * 1000 + 3_000);
      assert.ok(again, 'back after the delay');
      if (driver.capabilities.delay) {
        assert.ok(Date.now() - releasedAt >= RELEASE_DELAY_S * 1000 - 20, 'not early');
      }
      assert.equal(again.id, r.id);
      assert.equal(again.attempts, 2);
      assert.notEqual(again.token, r.token);
    });

    suite.test(
      'a released job goes behind jobs already waiting at the same priority',
      async ({ driver, queue }) => {
        const q = queue('release-order');
        const first = makeRecord(q, { availableAt: Date.now() - 10 });
        await driver.enqueue([first]);
        const [r] = await driver.reserve([q], 1, 30);
        assert.ok(r);
        const second = makeRecord(q, { availableAt: Date.now() - 5 });
        await driver.enqueue([second]);
        assert.equal(await driver.release(r, 0), true);
        const got = await driver.reserve([q], 2, 30);
        assert.deepEqual(
          got.map((x) => x.id),
          [second.id, first.id],
        );
      },
    );
  });
}
