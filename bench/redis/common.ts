/**
 * @module bench/redis/common
 * What the Redis side-by-side benchmark shares: the server, unique prefixes, key cleanup, and the
 * shape each library's adapter has.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** The shared local server (default `127.0.0.1:6379`, db 0; `REDIS_PORT`/`REDIS_DB` override). */
export const REDIS: RedisTarget = {
  host: '127.0.0.1',
  port: Number(process.env.REDIS_PORT ?? 6379),
  db: Number(process.env.REDIS_DB ?? 0),
};

/** Jobs per `addBulk` / `saveAll` / `manager.bulk` call. */
export const CHUNK = 1000;

/** A key prefix unique to this run and library. */
export function runPrefix(library: string): string {
  return `cvbench-${library}-${randomBytes(3).toString('hex')}`;
}

/** Where a contender's Redis is. */
export interface RedisTarget {
  host: string;
  port: number;
  db: number;
}

/** Deletes every key whose name contains `prefix` (SCAN, never KEYS); returns how many. */
export async function deleteKeys(prefix: string, target: RedisTarget = REDIS): Promise<number> {
  const client = new Redis(target);
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `*${prefix}*`, 'COUNT', 5000);
      cursor = next;
      if (keys.length > 0) deleted += await client.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
  return deleted;
}

/** One library under test, on its own prefix; every call uses a fresh queue name. */
export interface Contender {
  readonly library: string;
  /** Enqueues `count` no-op jobs in chunks of `CHUNK`; resolves when all are stored. */
  enqueue(queue: string, count: number): Promise<void>;
  /**
   * Starts a worker at `concurrency` on `queue` (which holds `count` jobs) and resolves once all
   * of them are acknowledged; returns the seconds from the worker's start to the last ack.
   */
  process(queue: string, count: number, concurrency: number): Promise<number>;
  /**
   * With an idle worker at `concurrency`, pushes `count` jobs one by one, `gapMs` apart, and returns
   * each job's push-to-handler-start time in ms.
   */
  latency(queue: string, count: number, concurrency: number, gapMs: number): Promise<number[]>;
  /** Closes connections and deletes this contender's keys. */
  close(): Promise<void>;
}

/** Resolves after `ms`. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
