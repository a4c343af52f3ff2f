/**
 * @module testing/conformance/release-tests
 * Attempts count reservations and survive releases; a release may carry a delay, and a refunded
 * release takes back the attempt its reservation counted.
 */
import assert from 'node:assert/strict';
import { makeRecord, reserveWithin } from './helpers.js';
import type { Suite } from './suite.js';

const RELEASE_DELAY_S = 0.5;

/** Registers the attempts and release tests. */
export function registerReleaseTests(suite: Suite): void {
  registerRefundTests(suite);
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

/** Registers the tests of `release(…, { refund: true })`. */
function registerRefundTests(suite: Suite): void {
  suite.describe('refunded release', () => {
    suite.test('a refunded release gives the attempt back', async ({ driver, queue }) => {
      const q = queue('refund');
      const record = makeRecord(q);
      await driver.enqueue([record]);
      const [r] = await driver.reserve([q], 1, 30);
      assert.ok(r);
      assert.equal(r.attempts, 1);
      assert.equal(await driver.release(r, 0, { refund: true }), true);
      assert.deepEqual(await driver.sizes(q), { ready: 1, delayed: 0, reserved: 0 });
      const [again] = await driver.reserve([q], 1, 30);
      assert.ok(again, 'back at once');
      assert.equal(again.id, record.id);
      assert.equal(again.attempts, 1, 'the refunded attempt is not counted');
      assert.notEqual(again.token, r.token, 'a fresh token');
    });

    suite.test('a refund keeps the attempts a job was enqueued with', async ({ driver, queue }) => {
      const q = queue('refund-kept');
      await driver.enqueue([makeRecord(q, { attempts: 4 })]);
      const [r] = await driver.reserve([q], 1, 30);
      assert.ok(r);
      assert.equal(r.attempts, 5);
      assert.equal(await driver.release(r, 0, { refund: true }), true);
      const [again] = await driver.reserve([q], 1, 30);
      assert.equal(again?.attempts, 5);
    });

    suite.test('a refund with a stale token is refused and changes nothing', async ({ driver, queue }) => {
      const q = queue('refund-stale');
      await driver.enqueue([makeRecord(q)]);
      const [stale] = await driver.reserve([q], 1, 30);
      assert.ok(stale);
      assert.equal(await driver.release(stale, 0), true);
      const [current] = await driver.reserve([q], 1, 30);
      assert.ok(current);
      assert.equal(current.attempts, 2);
      assert.equal(await driver.release(stale, 0, { refund: true }), false, 'refused while reserved again');
      assert.deepEqual(await driver.sizes(q), { ready: 0, delayed: 0, reserved: 1 }, 'still reserved');
      assert.equal(await driver.release(current, 0), true, 'the current token still holds the job');
      assert.equal(await driver.release(stale, 0, { refund: true }), false, 'refused while ready');
      assert.equal(await driver.release(current, 0, { refund: true }), false, 'refused once released');
      const [next] = await driver.reserve([q], 1, 30);
      assert.equal(next?.attempts, 3, 'no attempt was taken back');
    });
  });
}
