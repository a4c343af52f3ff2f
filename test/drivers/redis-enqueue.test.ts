/**
 * The Redis enqueue path beyond the conformance suite: a batch split into pipelined script calls,
 * records of every kind mixed in one call, and one id twice in one batch. On the local server
 * (127.0.0.1:6379), each test on its own key prefix, deleted afterwards.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { EnqueueRecord } from '../../src/drivers/driver.js';
import { RedisDriver } from '../../src/drivers/redis/index.js';
import { deletePrefix, LOCAL_REDIS, uniquePrefix } from './redis-helpers.js';

const made: RedisDriver[] = [];

function driver(): RedisDriver {
  const d = new RedisDriver({ url: LOCAL_REDIS, prefix: uniquePrefix('enq') });
  made.push(d);
  return d;
}

afterEach(async () => {
  for (const d of made.splice(0)) {
    await d.close();
    await deletePrefix(d.prefix);
  }
});

function record(id: string, overrides: Partial<EnqueueRecord> = {}): EnqueueRecord {
  return { id, queue: 'q', payload: `p-${id}`, availableAt: Date.now(), priority: 0, ...overrides };
}

describe('redis enqueue', () => {
  it('a batch bigger than one script call keeps every job, in push order', async () => {
    const d = driver();
    const now = Date.now();
    const ids = Array.from({ length: 2_345 }, (_, i) => `job-${String(i).padStart(5, '0')}`);
    await d.enqueue(ids.map((id) => record(id, { availableAt: now })));
    expect(await d.sizes('q')).toEqual({ ready: 2_345, delayed: 0, reserved: 0 });
    const got = await d.reserve(['q'], 5_000, 30);
    expect(got.map((r) => r.id)).toEqual(ids);
    expect(got[1_000]?.payload).toBe('p-job-01000');
  });

  it('mixes plain, prioritized, delayed, earlier and retried records in one call', async () => {
    const d = driver();
    const now = Date.now();
    await d.enqueue([
      record('plain-1'),
      record('urgent', { priority: 5 }),
      record('later', { availableAt: now + 60_000 }),
      record('older', { availableAt: now - 5_000 }),
      record('retried', { attempts: 2 }),
      record('plain-2'),
    ]);
    expect(await d.sizes('q')).toEqual({ ready: 5, delayed: 1, reserved: 0 });
    const got = await d.reserve(['q'], 10, 30);
    expect(got.map((r) => [r.id, r.attempts])).toEqual([
      ['urgent', 1],
      ['older', 1],
      ['plain-1', 1],
      ['retried', 3],
      ['plain-2', 1],
    ]);
  });

  it('one id twice in one batch stores the second record only', async () => {
    const d = driver();
    await d.enqueue([
      record('twice', { payload: 'first' }),
      record('other'),
      record('twice', { payload: 'second' }),
    ]);
    expect(await d.sizes('q')).toEqual({ ready: 2, delayed: 0, reserved: 0 });
    const got = await d.reserve(['q'], 10, 30);
    expect(got.map((r) => [r.id, r.payload]).sort()).toEqual([
      ['other', 'p-other'],
      ['twice', 'second'],
    ]);
  });

  it('a push wakes a waiter at once; an earlier delayed job only moves its deadline', async () => {
    const d = driver();
    await d.connect();
    await d.enqueue([record('far', { availableAt: Date.now() + 60_000 })]);
    const waiting = d.waitForWork(['q'], 5);
    await new Promise((r) => setTimeout(r, 50));
    const due = Date.now() + 300;
    await d.enqueue([record('soon', { availableAt: due })]);
    let settled = false;
    void waiting.then(() => {
      settled = true;
    });
    await new Promise((r) => setTimeout(r, 150));
    expect(settled).toBe(false);
    const pushed = Date.now();
    await d.enqueue([record('now')]);
    expect(await waiting).toBe(true);
    expect(Date.now() - pushed).toBeLessThan(100);
    expect(Date.now()).toBeLessThan(due);
  });
});
