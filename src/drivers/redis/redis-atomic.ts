/**
 * @module drivers/redis/redis-atomic
 * Counters with a TTL and owned locks for the middleware, one key each (any Cluster slot).
 */
import type { AtomicHelpers } from '../driver.js';
import type { RedisConnection } from './redis-connection.js';

/** The Redis atomic helpers. */
export class RedisAtomicHelpers implements AtomicHelpers {
  constructor(private readonly connect: () => Promise<RedisConnection>) {}

  async increment(key: string, by: number, ttlSeconds: number): Promise<number> {
    const conn = await this.connect();
    return Number(
      await conn.run(
        'increment',
        [conn.keys.counter(key)],
        [Math.trunc(by), Math.max(0, Math.ceil(ttlSeconds * 1000))],
      ),
    );
  }

  async counter(key: string): Promise<number> {
    const conn = await this.connect();
    return Number((await conn.client.get(conn.keys.counter(key))) ?? 0);
  }

  async counterTtl(key: string): Promise<number> {
    const conn = await this.connect();
    const ms = await conn.client.pttl(conn.keys.counter(key));
    return ms > 0 ? ms / 1000 : 0;
  }

  async acquireLock(key: string, owner: string, ttlSeconds: number): Promise<boolean> {
    const conn = await this.connect();
    const ttlMs = Math.max(1, Math.ceil(ttlSeconds * 1000));
    return Number(await conn.run('acquireLock', [conn.keys.lock(key)], [owner, ttlMs])) === 1;
  }

  async releaseLock(key: string, owner: string): Promise<boolean> {
    const conn = await this.connect();
    return Number(await conn.run('releaseLock', [conn.keys.lock(key)], [owner])) === 1;
  }
}
