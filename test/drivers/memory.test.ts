import assert from 'node:assert/strict';
import { describe, it, vi } from 'vitest';
import type { Driver, Reservation } from '../../src/drivers/driver.js';
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
    type Peek = { store: { queues: Map<string, { leases: { filed: number } }> } };
    const filed = (driver as unknown as Peek).store.queues.get('q')?.leases.filed;
    assert.ok(filed !== undefined && filed < 5_000, `${filed} leases still filed`);
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

/** A tiny seeded PRNG (mulberry32), so a failing sequence can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ModelJob {
  id: string;
  queue: string;
  at: number;
  priority: number;
  attempts: number;
  seq: number;
  token: string | undefined;
  leaseUntil: number;
}

/** The contract's rules written the slow, obvious way. */
class Model {
  readonly jobs = new Map<string, ModelJob>();
  readonly failed = new Map<string, { queue: string; attempts: number }>();
  private seq = 0;

  enqueue(id: string, queue: string, at: number, priority: number): void {
    this.jobs.set(id, {
      id,
      queue,
      at,
      priority,
      attempts: 0,
      seq: ++this.seq,
      token: undefined,
      leaseUntil: 0,
    });
  }

  /** Ended leases give the job back, at its old place in line. */
  reclaim(now: number): void {
    for (const j of this.jobs.values()) {
      if (j.token !== undefined && j.leaseUntil <= now) j.token = undefined;
    }
  }

  reserve(queues: string[], max: number, now: number): ModelJob[] {
    const out: ModelJob[] = [];
    for (const q of queues) {
      const ready = [...this.jobs.values()]
        .filter((j) => j.queue === q && j.token === undefined && j.at <= now)
        .sort((x, y) => y.priority - x.priority || x.at - y.at || x.seq - y.seq);
      out.push(...ready.slice(0, max - out.length));
      if (out.length >= max) break;
    }
    return out;
  }

  holder(id: string, token: string): ModelJob | undefined {
    const j = this.jobs.get(id);
    return j !== undefined && j.token === token ? j : undefined;
  }

  release(j: ModelJob, at: number): void {
    j.token = undefined;
    j.at = at;
    j.seq = ++this.seq;
  }

  sizes(queue: string, now: number) {
    const sizes = { ready: 0, delayed: 0, reserved: 0 };
    for (const j of this.jobs.values()) {
      if (j.queue !== queue) continue;
      if (j.token !== undefined) sizes.reserved++;
      else if (j.at > now) sizes.delayed++;
      else sizes.ready++;
    }
    return sizes;
  }
}

describe('memory driver against a reference model', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`random operations agree with the model (seed ${seed})`, async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      try {
        const random = prng(seed);
        const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
        let now = 1_700_000_000_000;
        vi.setSystemTime(now);
        const driver = createMemoryDriver('memory://');
        const model = new Model();
        const held: Reservation[] = [];
        let nextId = 0;
        for (let step = 0; step < 600; step++) {
          const op = random();
          if (op < 0.25) {
            const count = 1 + Math.floor(random() * 4);
            const records = Array.from({ length: count }, () => {
              const id = random() < 0.1 && nextId > 0 ? `j${Math.floor(random() * nextId)}` : `j${nextId++}`;
              const offset = pick([-2000, -500, -1, 0, 0, 0, 300, 1500]);
              return { ...record(pick(['a', 'b']), id, now + offset), priority: pick([0, 0, 0, 1, 5, -1]) };
            });
            await driver.enqueue(records);
            for (const r of records) model.enqueue(r.id, r.queue, r.availableAt, r.priority);
          } else if (op < 0.5) {
            const queues = pick([['a'], ['b'], ['a', 'b'], ['b', 'a']]);
            const max = 1 + Math.floor(random() * 4);
            const lease = pick([0.2, 1, 3]);
            const got = await driver.reserve(queues, max, lease);
            const expected = model.reserve(queues, max, now);
            assert.deepEqual(
              got.map((r) => r.id),
              expected.map((j) => j.id),
              `step ${step}: reserve(${queues}, ${max})`,
            );
            got.forEach((r, i) => {
              const j = expected[i] as ModelJob;
              j.attempts++;
              j.token = r.token;
              j.leaseUntil = now + lease * 1000;
              assert.equal(r.attempts, j.attempts, `step ${step}: attempts of ${r.id}`);
              assert.equal(r.leaseUntil, j.leaseUntil);
            });
            held.push(...got);
          } else if (op < 0.85 && held.length > 0) {
            const r = held.splice(Math.floor(random() * held.length), 1)[0] as Reservation;
            const j = model.holder(r.id, r.token);
            const kind = random();
            if (kind < 0.4) {
              assert.equal(await driver.complete([r]), j ? 1 : 0, `step ${step}: complete ${r.id}`);
              if (j) model.jobs.delete(j.id);
            } else if (kind < 0.6) {
              const delay = pick([0, 0, 0.4]);
              assert.equal(await driver.release(r, delay), j !== undefined, `step ${step}: release ${r.id}`);
              if (j) model.release(j, now + delay * 1000);
            } else if (kind < 0.75) {
              const ok = await driver.fail(r, { connection: 'c', error: { name: 'E', message: 'm' } });
              assert.equal(ok, j !== undefined, `step ${step}: fail ${r.id}`);
              if (j) {
                model.jobs.delete(j.id);
                model.failed.set(j.id, { queue: j.queue, attempts: j.attempts });
              }
            } else {
              const lease = pick([0.1, 1, 4]);
              assert.equal(await driver.extend([r], lease), j ? 1 : 0, `step ${step}: extend ${r.id}`);
              if (j) {
                j.leaseUntil = now + lease * 1000;
                held.push(r);
              }
            }
          } else {
            now += pick([0, 50, 200, 600]);
            vi.setSystemTime(now);
            model.reclaim(now);
            for (const q of ['a', 'b']) {
              assert.deepEqual(await driver.sizes(q), model.sizes(q, now), `step ${step}: sizes of ${q}`);
            }
          }
        }
        for (const q of ['a', 'b']) {
          assert.equal(
            await driver.failed.count(q),
            [...model.failed.values()].filter((f) => f.queue === q).length,
          );
        }
        for (const [id, f] of model.failed) assert.equal((await driver.failed.get(id))?.attempts, f.attempts);
      } finally {
        vi.useRealTimers();
      }
    });
  }
});
