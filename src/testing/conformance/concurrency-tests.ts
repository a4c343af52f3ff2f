/**
 * @module testing/conformance/concurrency-tests
 * Many reservers at once (half on a sibling driver when the target offers one):
 * no job given twice, none lost.
 */
import assert from 'node:assert/strict';
import type { Driver } from '../../drivers/driver.js';
import { makeRecords, sleep } from './helpers.js';
import type { Suite } from './suite.js';

const JOBS = 2_000;
const LOOPS = 8;
const BATCH = 25;

/** Registers the concurrency tests. */
export function registerConcurrencyTests(suite: Suite): void {
  suite.describe('concurrency', () => {
    suite.test(`${LOOPS} parallel reservers over ${JOBS} jobs: none twice, none lost`, async (scope) => {
      const { driver } = scope;
      const q = scope.queue('many');
      const records = makeRecords(q, JOBS);
      await driver.enqueue(records);
      const sibling = await scope.sibling();
      const seen = new Map<string, number>();
      let completed = 0;
      const deadline = Date.now() + 10_000;

      const loop = async (d: Driver) => {
        for (;;) {
          const batch = await d.reserve([q], BATCH, 30);
          if (batch.length === 0) {
            // Under SKIP LOCKED a reserver may see nothing while others still hold row locks:
            // stop only when nothing is left to claim.
            const sizes = await d.sizes(q);
            if (sizes.ready === 0 && sizes.delayed === 0) return;
            if (Date.now() > deadline) return;
            await sleep(5);
            continue;
          }
          for (const r of batch) seen.set(r.id, (seen.get(r.id) ?? 0) + 1);
          const done = await d.complete(batch);
          completed += done;
        }
      };
      const loops = Array.from({ length: LOOPS }, (_, i) => loop(sibling && i % 2 === 1 ? sibling : driver));
      await Promise.all(loops);

      const twice = [...seen].filter(([, n]) => n > 1);
      assert.deepEqual(twice, [], 'no job was given twice');
      const lost = records.filter((r) => !seen.has(r.id));
      assert.equal(lost.length, 0, `no job was lost (${lost.length} never reserved)`);
      assert.equal(completed, JOBS, 'every completion counted once');
      assert.deepEqual(await driver.sizes(q), { ready: 0, delayed: 0, reserved: 0 });
    });

    suite.test('a sibling driver sees the same storage', async (scope) => {
      const sibling = await scope.sibling();
      const q = scope.queue('sibling');
      const records = makeRecords(q, 3);
      await scope.driver.enqueue(records);
      if (!sibling) {
        // Without a sibling, a second concurrent caller on the same driver must agree.
        const [a, b] = await Promise.all([
          scope.driver.reserve([q], 2, 30),
          scope.driver.reserve([q], 2, 30),
        ]);
        assert.equal(new Set([...a, ...b].map((r) => r.id)).size, 3);
        return;
      }
      const got = await sibling.reserve([q], 10, 30);
      assert.deepEqual(
        got.map((r) => r.id),
        records.map((r) => r.id),
      );
      assert.equal(
        await scope.driver.complete(got),
        3,
        'a reservation made by one view completes on the other',
      );
      assert.deepEqual(await sibling.sizes(q), { ready: 0, delayed: 0, reserved: 0 });
    });
  });
}
