import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import type { Driver } from '../../src/drivers/driver.js';
import { createMemoryDriver, dropMemoryStore, type MemoryDriver } from '../../src/drivers/memory/index.js';
import { runDriverConformance } from '../../src/testing/conformance/index.js';

let storeCounter = 0;

runDriverConformance(
  {
    name: 'memory',
    create: async () => createMemoryDriver(`memory://conformance-${++storeCounter}`),
    sibling: async (driver) =>
      createMemoryDriver({ driver: 'memory', name: (driver as MemoryDriver).storeName }),
    cleanup: async (driver) => {
      const name = (driver as MemoryDriver).storeName;
      if (name) dropMemoryStore(name);
    },
  },
  { describe, it },
);

const record = (queue: string, id: string, availableAt = Date.now()) => ({
  id,
  queue,
  payload: `{"id":"${id}"}`,
  availableAt,
  priority: 0,
});

describe('memory driver specifics', () => {
  it('memory:// gets a private store; memory://name shares one', async () => {
    const a = createMemoryDriver('memory://');
    const b = createMemoryDriver('memory://');
    await a.enqueue([record('q', 'j1')]);
    assert.equal((await b.sizes('q')).ready, 0);

    const named = createMemoryDriver('memory://spec-shared');
    const same = createMemoryDriver({ driver: 'memory', name: 'spec-shared' });
    await named.enqueue([record('q', 'j2')]);
    assert.equal((await same.sizes('q')).ready, 1);
    assert.equal(await same.atomic.increment('k', 1, 10), 1);
    assert.equal(await named.atomic.counter('k'), 1, 'counters are shared too');
    dropMemoryStore('spec-shared');
    assert.equal((await createMemoryDriver('memory://spec-shared').sizes('q')).ready, 0);
  });

  it('refuses a URL of another scheme and a non-string name', () => {
    assert.throws(() => createMemoryDriver('redis://x'), { code: 'ERR_BAD_CONNECTION_URL' });
    assert.throws(() => createMemoryDriver({ driver: 'memory', name: 3 }), { code: 'ERR_BAD_DRIVER_CONFIG' });
  });

  it('declares its capabilities', () => {
    assert.deepEqual(createMemoryDriver('memory://').capabilities, {
      delay: true,
      priority: true,
      leases: true,
      notifications: true,
      crossProcess: false,
      transactions: false,
      durable: false,
    });
  });

  it('a release with a delay wakes a waiter when the job becomes ready', async () => {
    const driver: Driver = createMemoryDriver('memory://');
    await driver.enqueue([record('q', 'j')]);
    const [r] = await driver.reserve(['q'], 1, 30);
    assert.ok(r);
    const waiting = driver.waitForWork(['q'], 5);
    const releasedAt = Date.now();
    await driver.release(r, 0.2);
    assert.equal(await waiting, true);
    const elapsed = Date.now() - releasedAt;
    assert.ok(elapsed >= 190 && elapsed < 400, `woken after ${elapsed} ms`);
    assert.equal((await driver.reserve(['q'], 1, 30)).length, 1);
  });

  it('a waiter wakes when a delayed job becomes due and when a lease expires', async () => {
    const driver = createMemoryDriver('memory://');
    await driver.enqueue([record('q', 'd', Date.now() + 150)]);
    let started = Date.now();
    assert.equal(await driver.waitForWork(['q'], 5), true);
    assert.ok(Date.now() - started >= 140, 'woken when the delayed job is due');
    assert.equal((await driver.reserve(['q'], 1, 0.15)).length, 1);
    started = Date.now();
    assert.equal(await driver.waitForWork(['q'], 5), true);
    assert.ok(Date.now() - started >= 140, 'woken when the lease expired');
    const [again] = await driver.reserve(['q'], 1, 30);
    assert.equal(again?.attempts, 2);
  });

  it('many leases completed leave no backlog of lease entries behind', async () => {
    const driver = createMemoryDriver('memory://');
    for (let round = 0; round < 50; round++) {
      await driver.enqueue(Array.from({ length: 1000 }, (_, i) => record('q', `r${round}-${i}`)));
      for (;;) {
        const got = await driver.reserve(['q'], 100, 30);
        if (got.length === 0) break;
        assert.equal(await driver.complete(got), got.length);
      }
    }
    assert.deepEqual(await driver.sizes('q'), { ready: 0, delayed: 0, reserved: 0 });
    const leases = (
      driver as unknown as { store: { queues: Map<string, { leases: { length: number } }> } }
    ).store.queues.get('q')?.leases.length;
    assert.ok(leases !== undefined && leases < 5_000, `${leases} lease entries kept`);
  });

  it('a shorter extension makes the lease expire at the new, earlier end', async () => {
    const driver = createMemoryDriver('memory://');
    await driver.enqueue([record('q', 'j')]);
    const [r] = await driver.reserve(['q'], 1, 30);
    assert.ok(r);
    assert.equal(await driver.extend([r], 0.1), 1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const [again] = await driver.reserve(['q'], 1, 30);
    assert.equal(again?.id, 'j');
  });
});
