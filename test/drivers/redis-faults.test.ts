/**
 * The Redis driver under faults, each test on a throwaway redis-server on a spare port with a temp
 * dir (never the shared 6379): connections killed mid-run, the server crashing and restarting with
 * and without persistence, scripts flushed. Delivery is at least once: the tests assert nothing is
 * lost and report how many jobs ran twice.
 */
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import type { EnqueueRecord } from '../../src/drivers/driver.js';
import { RedisDriver } from '../../src/drivers/redis/index.js';
import { ThrowawayRedis } from './redis-helpers.js';

const servers: ThrowawayRedis[] = [];
const drivers: RedisDriver[] = [];

afterEach(async () => {
  for (const d of drivers.splice(0)) await d.close();
  for (const s of servers.splice(0)) await s.destroy();
});

async function server(args: string[] = []): Promise<ThrowawayRedis> {
  const s = await ThrowawayRedis.start(args);
  servers.push(s);
  return s;
}

function driver(url: string): RedisDriver {
  const d = new RedisDriver({ url, prefix: 'faults' });
  drivers.push(d);
  return d;
}

function records(queue: string, from: number, count: number): EnqueueRecord[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => {
    const id = `job-${String(from + i).padStart(6, '0')}`;
    return { id, queue, payload: `{"n":${from + i}}`, availableAt: now, priority: 0 };
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Reserves and completes until `expected` distinct ids were seen and the queue is empty. */
async function consume(d: RedisDriver, queue: string, expected: number, deadlineMs: number, batch = 20) {
  const seen = new Map<string, number>();
  let errors = 0;
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    try {
      const got = await d.reserve([queue], batch, 1);
      for (const r of got) seen.set(r.id, (seen.get(r.id) ?? 0) + 1);
      if (got.length > 0) {
        await d.complete(got);
        continue;
      }
      const sizes = await d.sizes(queue);
      if (seen.size >= expected && sizes.ready + sizes.delayed + sizes.reserved === 0) break;
      await d.waitForWork([queue], 0.5);
    } catch {
      errors++;
      await sleep(50);
    }
  }
  const twice = [...seen.values()].filter((n) => n > 1).length;
  return { seen, twice, errors };
}

describe('redis driver faults', () => {
  it('connections killed with CLIENT KILL mid-run: the driver reconnects and loses nothing', async () => {
    const s = await server();
    const producer = driver(s.url);
    const consumer = driver(s.url);
    const admin = new Redis(s.port, '127.0.0.1');
    const total = 3_000;
    let killed = 0;
    let killing = true;
    const killer = (async () => {
      while (killing) {
        await sleep(60);
        killed += Number(await admin.call('CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'yes'));
      }
    })();
    const producing = (async () => {
      for (let i = 0; i < total; i += 100) {
        for (;;) {
          try {
            await producer.enqueue(records('work', i, 100));
            break;
          } catch {
            await sleep(20);
          }
        }
        await sleep(5);
      }
    })();
    const result = await consume(consumer, 'work', total, 20_000);
    await producing;
    killing = false;
    await killer;
    admin.disconnect();
    console.log(
      `CLIENT KILL: ${killed} connections killed, ${result.twice} jobs ran twice, ${result.errors} errors`,
    );
    expect(killed).toBeGreaterThan(5);
    expect(result.seen.size).toBe(total);
    expect(await consumer.sizes('work')).toEqual({ ready: 0, delayed: 0, reserved: 0 });
  }, 30_000);

  it('server crash and restart with appendfsync always mid-run: every job survives and is processed', async () => {
    const persistence = ['--appendonly', 'yes', '--appendfsync', 'always'];
    const s = await server(persistence);
    const producer = driver(s.url);
    const consumer = driver(s.url);
    const total = 2_000;
    await producer.enqueue(records('durable', 0, total));
    const consuming = consume(consumer, 'durable', total, 20_000, 10);
    await sleep(150);
    await s.stop('SIGKILL');
    await sleep(300);
    await s.launch(persistence);
    const result = await consuming;
    console.log(
      `AOF restart: ${result.seen.size} of ${total} processed, ${result.twice} ran twice, ${result.errors} errors`,
    );
    expect(result.seen.size).toBe(total);
    expect(await consumer.sizes('durable')).toEqual({ ready: 0, delayed: 0, reserved: 0 });
    expect(await consumer.queues()).toEqual([]);
  }, 30_000);

  it('server restart without persistence: the driver reconnects and works (queued jobs are lost)', async () => {
    const s = await server();
    const d = driver(s.url);
    await d.enqueue(records('volatile', 0, 10));
    expect((await d.sizes('volatile')).ready).toBe(10);
    await s.stop('SIGKILL');
    // A call made while the server is down waits for the reconnect instead of failing.
    const pending = d.sizes('volatile');
    await sleep(200);
    await s.launch();
    expect(await pending).toEqual({ ready: 0, delayed: 0, reserved: 0 });
    await d.enqueue(records('volatile', 100, 3));
    expect(await d.queues()).toEqual(['volatile']);
    const got = await d.reserve(['volatile'], 10, 30);
    expect(got.map((r) => r.id)).toEqual(['job-000100', 'job-000101', 'job-000102']);
    expect(await d.complete(got)).toBe(3);
  }, 20_000);

  it('a blocked waiter survives its connection being killed and still wakes on a push', async () => {
    const s = await server();
    const d = driver(s.url);
    await d.connect();
    const admin = new Redis(s.port, '127.0.0.1');
    const waiting = d.waitForWork(['wake'], 5);
    await sleep(100);
    const clients = (await admin.client('LIST')) as string;
    const waitId = /id=(\d+) .*name=conveyor:wait/.exec(clients)?.[1];
    expect(waitId).toBeDefined();
    expect(await admin.client('KILL', 'ID', waitId!)).toBe(1);
    await sleep(200);
    const pushed = Date.now();
    await d.enqueue(records('wake', 0, 1));
    expect(await waiting).toBe(true);
    expect(Date.now() - pushed).toBeLessThan(500);
    admin.disconnect();
  }, 20_000);

  it('scripts flushed on the server (SCRIPT FLUSH) are loaded again', async () => {
    const s = await server();
    const d = driver(s.url);
    await d.enqueue(records('flush', 0, 2));
    const admin = new Redis(s.port, '127.0.0.1');
    await admin.script('FLUSH');
    const got = await d.reserve(['flush'], 5, 30);
    expect(got).toHaveLength(2);
    await admin.script('FLUSH');
    expect(await d.complete(got)).toBe(2);
    admin.disconnect();
  }, 20_000);

  it('warns once when maxmemory-policy is not noeviction', async () => {
    const s = await server(['--maxmemory', '100mb', '--maxmemory-policy', 'allkeys-lru']);
    const warnings: string[] = [];
    const d = new RedisDriver({ url: s.url, onWarning: (m) => warnings.push(m) });
    drivers.push(d);
    await d.connect();
    const again = new RedisDriver({ url: s.url, onWarning: (m) => warnings.push(m) });
    drivers.push(again);
    await again.connect();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/allkeys-lru.*noeviction/s);
  }, 20_000);

  it('connects with username, password and db', async () => {
    const s = await server([
      '--user',
      'default',
      'off',
      '--user',
      'worker',
      'on',
      '>s3cret',
      '~*',
      '&*',
      '+@all',
    ]);
    const d = driver(`redis://worker:s3cret@127.0.0.1:${s.port}/3`);
    await d.enqueue(records('auth', 0, 1));
    expect((await d.reserve(['auth'], 1, 30)).length).toBe(1);
    const admin = new Redis({ port: s.port, username: 'worker', password: 's3cret', db: 3 });
    expect(await admin.exists('{faults}:queues')).toBe(1);
    await admin.select(0);
    expect(await admin.exists('{faults}:queues')).toBe(0);
    admin.disconnect();
    const wrong = driver(`redis://worker:nope@127.0.0.1:${s.port}/3`);
    await expect(wrong.connect()).rejects.toMatchObject({
      code: 'ERR_REDIS_CONNECT',
      message: expect.stringMatching(/WRONGPASS/),
    });
    await expect(driver('redis://127.0.0.1:1/0').connect()).rejects.toThrow(
      /Cannot connect to Redis at 127.0.0.1:1\/0: .*ECONNREFUSED/,
    );
  }, 20_000);

  it('connects over TLS (rediss://) with a custom CA, blocking waits included', async () => {
    const { server: s, ca } = await ThrowawayRedis.startTls();
    servers.push(s);
    const d = new RedisDriver({ url: `rediss://127.0.0.1:${s.port}/0`, tls: { ca }, prefix: 'tls' });
    drivers.push(d);
    const waiting = d.waitForWork(['secure'], 5);
    await sleep(100);
    await d.enqueue(records('secure', 0, 2));
    expect(await waiting).toBe(true);
    expect(await d.complete(await d.reserve(['secure'], 5, 30))).toBe(2);
    const untrusting = new RedisDriver({ url: `rediss://127.0.0.1:${s.port}/0`, prefix: 'tls' });
    drivers.push(untrusting);
    await expect(untrusting.connect()).rejects.toMatchObject({ code: 'ERR_REDIS_CONNECT' });
  }, 20_000);
});
