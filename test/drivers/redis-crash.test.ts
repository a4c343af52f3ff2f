/**
 * A worker process SIGKILLed mid-job, on a throwaway redis-server: nothing acks or releases its
 * reservation, so the job must come back only when the lease (1 s) ends, run once more in a second
 * worker process, and complete exactly once, leaving the queue and the failed store empty.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisDriver } from '../../src/drivers/redis/index.js';
import { QueueManager } from '../../src/index.js';
import { type DoneLine, RedisCrashJob } from './fixtures/redis-crash-job.js';
import { ThrowawayRedis, uniquePrefix } from './redis-helpers.js';

const WORKER = join(import.meta.dirname, 'fixtures', 'redis-crash-worker.ts');
const prefix = uniquePrefix('crash');
const markerDir = mkdtempSync(join(tmpdir(), 'conveyor-redis-crash-'));
const children: ChildProcess[] = [];
let server: ThrowawayRedis;
let admin: Redis;
let url: string;

beforeAll(async () => {
  server = await ThrowawayRedis.start();
  url = `redis://127.0.0.1:${server.port}/0?prefix=${prefix}`;
  admin = new Redis(server.port, '127.0.0.1');
});

afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  admin?.disconnect();
  await server?.destroy();
  rmSync(markerDir, { recursive: true, force: true });
});

function startWorker(): {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: string | null }>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, url, markerDir], {
    cwd: process.cwd(),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.push(child);
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited };
}

/** Polls `check` every 50 ms; throws with `what` after `timeoutMs`. */
async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 45_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Every key the driver has under the crash queue's hash tag, but the (empty-able) signal list. */
async function queueKeys(): Promise<string[]> {
  const keys = await admin.keys(`{${prefix}:crash}:*`);
  return keys.filter((key) => !key.endsWith(':signal') && !key.endsWith(':seq')).sort();
}

describe('redis: a worker killed mid-job', () => {
  it('the job runs again in another process after its lease ends and completes exactly once', async () => {
    const manager = new QueueManager({ connections: { main: url } });
    try {
      await manager.push(new RedisCrashJob(), {});
    } finally {
      await manager.close();
    }
    const driver = new RedisDriver(url);
    try {
      expect(await driver.sizes('crash')).toEqual({ ready: 1, delayed: 0, reserved: 0 });
      const [jobKey] = (await queueKeys()).filter((key) => key.includes(':j:'));
      expect(jobKey).toBeDefined();
      const id = jobKey?.slice(jobKey.lastIndexOf(':j:') + 3) ?? '';

      const first = startWorker();
      const started = join(markerDir, 'started');
      await waitFor('the first attempt to start', () => existsSync(started));
      expect(readFileSync(started, 'utf8').split(' ')[0]).toBe(String(first.child.pid));
      first.child.kill('SIGKILL');
      expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });

      // Nobody heartbeats it any more: the lease it holds now is the last one it will get.
      expect(await admin.hget(jobKey ?? '', 'a')).toBe('1');
      const leaseEnd = Number(await admin.zscore(`{${prefix}:crash}:reserved`, id));
      expect(leaseEnd).toBeGreaterThan(0);
      expect(await driver.sizes('crash')).toMatchObject({ ready: 0, reserved: 1 });

      const second = startWorker();
      await waitFor('the job to be completed', () => existsSync(join(markerDir, 'done')));
      await waitFor('the job to be deleted', async () => (await queueKeys()).length === 0);
      second.child.kill('SIGTERM');
      expect(await second.exited).toEqual({ code: 0, signal: null });

      const lines = readFileSync(join(markerDir, 'done'), 'utf8').trim().split('\n');
      expect(lines).toHaveLength(1);
      const done = JSON.parse(lines[0] ?? '') as DoneLine;
      expect(done.pid).toBe(second.child.pid);
      expect(done.attempts).toBe(2);
      expect(done.startedAt).toBeGreaterThanOrEqual(leaseEnd);
      expect(readFileSync(started, 'utf8').split(' ')[0]).toBe(String(first.child.pid));
      expect(await driver.sizes('crash')).toEqual({ ready: 0, delayed: 0, reserved: 0 });
      expect(await queueKeys()).toEqual([]);
      expect(await driver.failed.count()).toBe(0);
    } finally {
      await driver.close();
    }
  }, 120_000);
});
