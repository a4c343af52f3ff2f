/**
 * @module test/drivers/redis-helpers
 * Helpers for the Redis driver tests: unique prefixes, key cleanup, throwaway servers.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

/** The shared local server the conformance suite uses (never flushed: tests clean their prefix). */
export const LOCAL_REDIS = 'redis://127.0.0.1:6379/0';

/** A prefix unique to this test run. */
export function uniquePrefix(label = 't'): string {
  return `cvtest-${label}-${randomBytes(4).toString('hex')}`;
}

/** Deletes every key a driver with `prefix` may have written. */
export async function deletePrefix(prefix: string, url = LOCAL_REDIS): Promise<number> {
  const client = new Redis(url, { lazyConnect: true });
  await client.connect();
  let deleted = 0;
  try {
    for (const pattern of [`{${prefix}:*`, `{${prefix}}:*`, `${prefix}:*`]) {
      let cursor = '0';
      do {
        const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) deleted += await client.del(...keys);
      } while (cursor !== '0');
    }
  } finally {
    client.disconnect();
  }
  return deleted;
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** A throwaway redis-server on a spare port with a temp dir; restartable with other options. */
export class ThrowawayRedis {
  private process: ChildProcess | undefined;
  readonly dir = mkdtempSync(join(tmpdir(), 'cvredis-'));

  private constructor(readonly port: number) {}

  /** Starts a server on a free port with `args` (e.g. `['--appendonly', 'yes']`). */
  static async start(args: string[] = []): Promise<ThrowawayRedis> {
    const server = new ThrowawayRedis(await freePort());
    await server.launch(args);
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}/0`;
  }

  /** Starts the server process and waits until it answers PING. */
  async launch(args: string[] = []): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', '', ...args],
      { stdio: 'ignore' },
    );
    this.process = child;
    const deadline = Date.now() + 5_000;
    for (;;) {
      const probe = new Redis(this.port, '127.0.0.1', { lazyConnect: true, retryStrategy: () => null });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        await probe.ping();
        probe.disconnect();
        return;
      } catch {
        probe.disconnect();
        if (Date.now() > deadline) throw new Error(`redis-server on ${this.port} did not start`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  /** Stops the server: SIGKILL (a crash) or SHUTDOWN NOSAVE-like SIGTERM. */
  async stop(signal: 'SIGKILL' | 'SIGTERM' = 'SIGKILL'): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }

  /** Stops the server and removes its directory. */
  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
