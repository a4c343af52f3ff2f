/**
 * @module testing/conformance/wakeup-tests
 * `waitForWork`: woken at once by new work where the driver has notifications,
 * `false` at its timeout, prompt on abort and on close.
 */
import assert from 'node:assert/strict';
import { makeRecord, sleep } from './helpers.js';
import type { Suite } from './suite.js';

const WAKE_LATENCY_MS = 100;

/** Registers the wake-up tests. */
export function registerWakeupTests(suite: Suite): void {
  suite.describe('wake-up', () => {
    suite.test(
      `a waiter is woken within ${WAKE_LATENCY_MS} ms of an enqueue [needs notifications]`,
      async (scope) => {
        const { driver } = scope;
        const q = scope.queue('wake');
        const other = scope.queue('wake-other');
        const started = Date.now();
        const waiting = driver.waitForWork([other, q], driver.capabilities.notifications ? 5 : 0.5);
        await sleep(100);
        const enqueuedAt = Date.now();
        await driver.enqueue([makeRecord(q)]);
        const woken = await waiting;
        const wokenAt = Date.now();
        if (!driver.capabilities.notifications) {
          assert.equal(typeof woken, 'boolean');
          assert.ok(wokenAt - started < 3_000, 'a driver without notifications still returns at its timeout');
        } else {
          assert.equal(woken, true);
          assert.ok(
            wokenAt - enqueuedAt < WAKE_LATENCY_MS,
            `woken ${wokenAt - enqueuedAt} ms after the enqueue`,
          );
        }
        assert.equal((await driver.reserve([q], 1, 30)).length, 1);
      },
    );

    suite.test('a waiter on a sibling is woken by an enqueue here [needs notifications]', async (scope) => {
      const { driver } = scope;
      const waiter = (await scope.sibling()) ?? driver;
      const q = scope.queue('wake-sibling');
      const notifications = waiter.capabilities.notifications;
      const waiting = waiter.waitForWork([q], notifications ? 5 : 0.5);
      await sleep(100);
      const enqueuedAt = Date.now();
      await driver.enqueue([makeRecord(q)]);
      const woken = await waiting;
      if (notifications) {
        assert.equal(woken, true);
        const latency = Date.now() - enqueuedAt;
        assert.ok(latency < WAKE_LATENCY_MS, `woken ${latency} ms after another client's enqueue`);
      }
      assert.equal((await waiter.reserve([q], 1, 30)).length, 1, 'the sibling sees the job');
    });

    suite.test('a waiter is woken by a release [needs notifications]', async ({ driver, queue }) => {
      const q = queue('wake-release');
      await driver.enqueue([makeRecord(q)]);
      const [r] = await driver.reserve([q], 1, 30);
      assert.ok(r);
      const started = Date.now();
      const waiting = driver.waitForWork([q], driver.capabilities.notifications ? 5 : 0.5);
      await sleep(50);
      const releasedAt = Date.now();
      assert.equal(await driver.release(r, 0), true);
      const woken = await waiting;
      if (driver.capabilities.notifications) {
        assert.equal(woken, true);
        assert.ok(
          Date.now() - releasedAt < WAKE_LATENCY_MS,
          `woken ${Date.now() - releasedAt} ms after the release`,
        );
      } else {
        assert.ok(Date.now() - started < 3_000);
      }
    });

    suite.test('waitForWork returns false at its timeout when nothing arrives', async ({ driver, queue }) => {
      const q = queue('idle');
      const started = Date.now();
      const woken = await driver.waitForWork([q], 0.3);
      const elapsed = Date.now() - started;
      assert.equal(woken, false);
      assert.ok(elapsed >= 250, `returned after ${elapsed} ms, before its timeout`);
      assert.ok(elapsed < 2_000, `returned after ${elapsed} ms, long after its timeout`);
    });

    suite.test('waitForWork returns false promptly on abort', async ({ driver, queue }) => {
      const q = queue('abort');
      const controller = new AbortController();
      const waiting = driver.waitForWork([q], 10, controller.signal);
      await sleep(50);
      const abortedAt = Date.now();
      controller.abort();
      assert.equal(await waiting, false);
      assert.ok(Date.now() - abortedAt < 200, `returned ${Date.now() - abortedAt} ms after the abort`);

      const started = Date.now();
      assert.equal(
        await driver.waitForWork([q], 10, controller.signal),
        false,
        'an aborted signal returns at once',
      );
      assert.ok(Date.now() - started < 200);
    });

    suite.test('close makes pending waitForWork calls return false', async ({ driver, queue }) => {
      const q = queue('closing');
      const waiting = driver.waitForWork([q], 10);
      await sleep(50);
      const closedAt = Date.now();
      await driver.close();
      assert.equal(await waiting, false);
      assert.ok(Date.now() - closedAt < 1_000, `returned ${Date.now() - closedAt} ms after close`);
      await driver.close();
    });
  });
}
