/**
 * Redis driver specifics beyond the conformance suite, on the local server (127.0.0.1:6379),
 * each test on its own key prefix, deleted afterwards.
 */
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MissingPackageError } from '../../src/core/errors/missing-package-error.js';
import { QueueError } from '../../src/core/errors/queue-error.js';
import type { EnqueueRecord } from '../../src/drivers/driver.js';
import { RedisDriver } from '../../src/drivers/redis/index.js';
import { parseRedisConfig } from '../../src/drivers/redis/redis-config.js';
import { resolveDriver } from '../../src/drivers/resolve-driver.js';
import { deletePrefix, LOCAL_REDIS, uniquePrefix } from './redis-helpers.js';

const made: Array<{ close(): Promise<void> | void }> = [];
const prefixes: string[] = [];

function driver(prefix = uniquePrefix('drv')): RedisDriver {
  const d = new RedisDriver({ url: LOCAL_REDIS, prefix });
  made.push(d);
  prefixes.push(prefix);
  return d;
}

let seq = 0;
function record(queue: string, overrides: Partial<EnqueueRecord> = {}): EnqueueRecord {
  const id = overrides.id ?? `job-${String(++seq).padStart(5, '0')}`;
  return { id, queue, payload: `{"id":"${id}"}`, availableAt: Date.now(), priority: 0, ...overrides };
}

afterEach(async () => {
  for (const d of made.splice(0)) await d.close();
  for (const p of prefixes.splice(0)) await deletePrefix(p);
});

describe('redis config', () => {
  it('parses user, password, host, port, db, prefix and rediss:// as TLS', () => {
    const c = parseRedisConfig('rediss://al%40ice:p%3Ass@cache.example:6380/4?prefix=jobs');
    expect(c).toMatchObject({
      host: 'cache.example',
      port: 6380,
      db: 4,
      username: 'al@ice',
      password: 'p:ss',
      prefix: 'jobs',
    });
    expect(c.tls).toEqual({});
  });

  it('has defaults, and the config object overrides the URL', () => {
    expect(parseRedisConfig('redis://')).toMatchObject({
      host: '127.0.0.1',
      port: 6379,
      db: 0,
      prefix: 'conveyor',
    });
    expect(parseRedisConfig('redis://:secret@[::1]:7000')).toMatchObject({
      host: '::1',
      port: 7000,
      password: 'secret',
    });
    const c = parseRedisConfig({ url: 'redis://h:1/2', db: 5, prefix: 'p', tls: true, username: 'u' });
    expect(c).toMatchObject({ host: 'h', port: 1, db: 5, prefix: 'p', username: 'u', tls: {} });
  });

  it('refuses a URL that is not redis, hiding the password in the message', () => {
    expect(() => parseRedisConfig('http://u:hunter2@h/0')).toThrow(QueueError);
    expect(() => parseRedisConfig('redis://u:hunter2@h/notadb')).toThrow(/redis:\/\/\*\*\*@h\/notadb/);
    try {
      parseRedisConfig('redis://u:hunter2@h/x');
    } catch (error) {
      expect((error as QueueError).code).toBe('ERR_BAD_CONNECTION_URL');
      expect(String(error)).not.toContain('hunter2');
    }
  });

  it('resolveDriver maps redis:// and rediss:// and { driver: "redis" } to the Redis driver', () => {
    expect(resolveDriver('redis://127.0.0.1:6379/0').kind).toBe('redis');
    expect(resolveDriver('rediss://127.0.0.1:6379/0').kind).toBe('redis');
    expect(resolveDriver({ driver: 'redis', host: '127.0.0.1' }).kind).toBe('redis');
  });
});

describe('redis driver', () => {
  it('loads ioredis lazily through loadOptional, so a missing package gives a MissingPackageError', async () => {
    vi.resetModules();
    const asked: string[][] = [];
    vi.doMock('../../src/drivers/load-optional.js', () => ({
      loadOptional: async (packageName: string, driverName: string) => {
        asked.push([packageName, driverName]);
        throw new MissingPackageError(packageName, driverName);
      },
    }));
    try {
      const { RedisDriver: Fresh } = await import('../../src/drivers/redis/redis-driver.js');
      const d = new Fresh(LOCAL_REDIS);
      expect(asked).toEqual([]);
      const failure = d.enqueue([record('q')]);
      await expect(failure).rejects.toBeInstanceOf(MissingPackageError);
      await expect(failure).rejects.toMatchObject({ code: 'ERR_MISSING_PACKAGE', packageName: 'ioredis' });
      await expect(failure).rejects.toThrow(/npm install ioredis/);
      expect(asked).toEqual([['ioredis', 'redis']]);
    } finally {
      vi.doUnmock('../../src/drivers/load-optional.js');
      vi.resetModules();
    }
  });

  it('keeps every key of a queue under one hash tag, and global keys under their own', async () => {
    const prefix = uniquePrefix('tag');
    const d = driver(prefix);
    await d.enqueue([record('emails'), record('emails', { availableAt: Date.now() + 60_000 })]);
    const [r] = await d.reserve(['emails'], 1, 30);
    await d.fail(r!, { connection: 'c', error: { name: 'E', message: 'm' } });
    await d.atomic.increment('hits', 1, 60);
    await d.atomic.acquireLock('lk', 'me', 60);
    const admin = new Redis(LOCAL_REDIS);
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await admin.scan(cursor, 'MATCH', `*${prefix}*`, 'COUNT', 1000);
      cursor = next;
      keys.push(...found);
    } while (cursor !== '0');
    admin.disconnect();
    const tagOf = (key: string) => /\{([^}]*)\}/.exec(key)?.[1];
    const queueKeys = keys.filter((k) => k.startsWith(`{${prefix}:emails}`));
    expect(queueKeys.length).toBeGreaterThanOrEqual(5);
    expect(new Set(queueKeys.map(tagOf))).toEqual(new Set([`${prefix}:emails`]));
    expect(keys).toContain(`{${prefix}}:queues`);
    expect(keys).toContain(`${prefix}:counter:hits`);
    expect(keys).toContain(`${prefix}:lock:lk`);
  });

  it('works on an adopted client with a keyPrefix, and leaves that client open', async () => {
    const prefix = uniquePrefix('adopt');
    const client = new Redis(LOCAL_REDIS, { keyPrefix: 'kp:' });
    const d = new RedisDriver({ client, prefix });
    await d.enqueue([record('q'), record('q')]);
    const got = await d.reserve(['q'], 5, 30);
    expect(got).toHaveLength(2);
    expect(await d.complete(got)).toBe(2);
    await d.enqueue([record('q')]);
    expect(await d.sizes('q')).toEqual({ ready: 1, delayed: 0, reserved: 0 });
    await d.close();
    expect(await client.exists(`{${prefix}}:queues`)).toBe(1);
    expect(await client.ping()).toBe('PONG');
    client.disconnect();
    await deletePrefix(`kp:${prefix}`.replace(/^/, ''));
    const admin = new Redis(LOCAL_REDIS);
    for (const pattern of [`kp:{${prefix}:*`, `kp:{${prefix}}:*`]) {
      const [, keys] = await admin.scan('0', 'MATCH', pattern, 'COUNT', 10_000);
      if (keys.length) await admin.del(...keys);
    }
    admin.disconnect();
  });

  it('orders out-of-order arrivals, promoted delayed jobs and reclaimed leases by availableAt', async () => {
    const d = driver();
    const now = Date.now();
    const recent = record('q', { availableAt: now - 10 });
    const older = record('q', { availableAt: now - 1_000 });
    const soon = record('q', { availableAt: now + 150 });
    await d.enqueue([recent]);
    await d.enqueue([older, soon]);
    const [leased] = await d.reserve(['q'], 1, 0.1);
    expect(leased?.id).toBe(older.id);
    await new Promise((r) => setTimeout(r, 250));
    const newest = record('q');
    await d.enqueue([newest]);
    const got = await d.reserve(['q'], 10, 30);
    // older's lease expired and it comes back first; soon became due before newest was pushed.
    expect(got.map((r) => r.id)).toEqual([older.id, recent.id, soon.id, newest.id]);
    expect(got[0]?.attempts).toBe(2);
  });

  it('replaces an existing id wherever it is: ready, delayed or reserved', async () => {
    const d = driver();
    const a = record('q');
    const b = record('q', { availableAt: Date.now() + 60_000 });
    const c = record('q');
    await d.enqueue([a, b, c]);
    const [held] = await d.reserve(['q'], 1, 30);
    expect(held?.id).toBe(a.id);
    await d.enqueue([
      { ...a, payload: 'a2' },
      { ...b, payload: 'b2', availableAt: Date.now() - 5 },
      { ...c, payload: 'c2' },
    ]);
    expect(await d.sizes('q')).toEqual({ ready: 3, delayed: 0, reserved: 0 });
    expect(await d.complete([held!])).toBe(0);
    const got = await d.reserve(['q'], 10, 30);
    expect(got.map((r) => r.payload).sort()).toEqual(['a2', 'b2', 'c2']);
    expect(got.every((r) => r.attempts === 1)).toBe(true);
  });

  it('a reserve whose batch fills up passes the wake-up on to another waiter', async () => {
    const a = driver();
    const b = new RedisDriver({ url: LOCAL_REDIS, prefix: a.prefix });
    made.push(b);
    const waitA = a.waitForWork(['q'], 5);
    const waitB = b.waitForWork(['q'], 5);
    await new Promise((r) => setTimeout(r, 100));
    await a.enqueue([record('q'), record('q')]);
    // One waiter wakes (one signal per enqueue), takes one job; the other must wake too.
    const first = await Promise.race([waitA.then(() => a), waitB.then(() => b)]);
    expect(await first.reserve(['q'], 1, 30)).toHaveLength(1);
    const started = Date.now();
    expect(await Promise.all([waitA, waitB])).toEqual([true, true]);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('waitForWork wakes when the earliest delayed job is due, not at its timeout', async () => {
    const d = driver();
    await d.connect();
    const due = Date.now() + 300;
    await d.enqueue([record('q', { availableAt: due })]);
    expect(await d.waitForWork(['other', 'q'], 10)).toBe(true);
    expect(Date.now()).toBeGreaterThanOrEqual(due - 20);
    expect(Date.now()).toBeLessThan(due + 700);
    expect(await d.reserve(['q'], 1, 30)).toHaveLength(1);
  });

  it('waitForWork wakes a waiter sleeping toward a later due time when an earlier delayed job arrives', async () => {
    const d = driver();
    await d.enqueue([record('q', { availableAt: Date.now() + 60_000 })]);
    const waiting = d.waitForWork(['q'], 10);
    await new Promise((r) => setTimeout(r, 100));
    const due = Date.now() + 200;
    await d.enqueue([record('q', { availableAt: due })]);
    // The earlier job wakes the waiter to recompute its deadline; it returns when that job is due.
    expect(await waiting).toBe(true);
    expect(Date.now()).toBeGreaterThanOrEqual(due - 20);
    expect(Date.now()).toBeLessThan(due + 800);
    expect(await d.reserve(['q'], 5, 30)).toHaveLength(1);
  });

  it('waitForWork returns at once when work is already ready, and a wait ends within 100 ms of a push', async () => {
    const d = driver();
    await d.enqueue([record('ready')]);
    const t0 = Date.now();
    expect(await d.waitForWork(['ready'], 5)).toBe(true);
    expect(Date.now() - t0).toBeLessThan(200);
    const waiting = d.waitForWork(['idle-a', 'idle-b'], 5);
    await new Promise((r) => setTimeout(r, 50));
    const pushed = Date.now();
    await d.enqueue([record('idle-b')]);
    expect(await waiting).toBe(true);
    expect(Date.now() - pushed).toBeLessThan(100);
  });

  it('counters without a TTL, and locks re-acquired by their owner refresh the TTL', async () => {
    const d = driver();
    expect(await d.atomic.increment('n', 3, 0)).toBe(3);
    expect(await d.atomic.counterTtl('n')).toBe(0);
    expect(await d.atomic.acquireLock('l', 'me', 0.3)).toBe(true);
    expect(await d.atomic.acquireLock('l', 'me', 30)).toBe(true);
    await new Promise((r) => setTimeout(r, 400));
    expect(await d.atomic.acquireLock('l', 'you', 30)).toBe(false);
  });

  it('clear of a large queue goes in bounded steps and removes every job key', async () => {
    const prefix = uniquePrefix('clr');
    const d = driver(prefix);
    const now = Date.now();
    const records = Array.from({ length: 2_500 }, (_, i) =>
      record('big', { availableAt: i % 5 === 0 ? now + 60_000 : now, priority: i % 7 === 0 ? 2 : 0 }),
    );
    await d.enqueue(records);
    await d.reserve(['big'], 300, 30);
    await d.clear('big');
    expect(await d.sizes('big')).toEqual({ ready: 0, delayed: 0, reserved: 0 });
    const admin = new Redis(LOCAL_REDIS);
    const [, jobKeys] = await admin.scan('0', 'MATCH', `{${prefix}:big}:j:*`, 'COUNT', 100_000);
    admin.disconnect();
    expect(jobKeys).toEqual([]);
  });
});
