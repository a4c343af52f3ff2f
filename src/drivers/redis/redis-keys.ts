/**
 * @module drivers/redis/redis-keys
 * Key names. Every key of one queue sits under the hash tag `{prefix:queue}` (one Redis Cluster
 * slot per queue); global keys have their own: the queue registry `{prefix}:queues`, and each
 * counter and lock is a key of its own.
 */

/** The keys of one queue, in the order the scripts declare them. */
export interface QueueKeys {
  /** Ready jobs that arrived in order (LIST). */
  readyList: string;
  /** Every other ready job, by priority then member (ZSET). */
  readyZset: string;
  delayed: string;
  reserved: string;
  seq: string;
  signal: string;
  failed: string;
  /** Prefix of job hashes, as the scripts build them (includes the client's `keyPrefix`). */
  jobPrefix: string;
  /** Prefix of failed-record hashes, as the scripts build them (includes the client's `keyPrefix`). */
  failedPrefix: string;
}

/** Builds key names for one driver prefix. */
export class RedisKeys {
  private readonly cache = new Map<string, QueueKeys>();

  /**
   * @param prefix the driver's prefix (default `'conveyor'`)
   * @param clientKeyPrefix the ioredis `keyPrefix` option: ioredis adds it to declared keys but
   *   not to keys a script builds, so script-side prefixes carry it themselves.
   */
  constructor(
    readonly prefix: string,
    private readonly clientKeyPrefix = '',
  ) {}

  /** The registry of queue names (a SET). */
  get registry(): string {
    return `{${this.prefix}}:queues`;
  }

  /** The keys of `queue`. */
  queue(queue: string): QueueKeys {
    let keys = this.cache.get(queue);
    if (keys === undefined) {
      const tag = `{${this.prefix}:${queue}}`;
      keys = {
        readyList: `${tag}:ready:list`,
        readyZset: `${tag}:ready:zset`,
        delayed: `${tag}:delayed`,
        reserved: `${tag}:reserved`,
        seq: `${tag}:seq`,
        signal: `${tag}:signal`,
        failed: `${tag}:failed`,
        jobPrefix: `${this.clientKeyPrefix}${tag}:j:`,
        failedPrefix: `${this.clientKeyPrefix}${tag}:f:`,
      };
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(queue, keys);
    }
    return keys;
  }

  /** A middleware counter. */
  counter(key: string): string {
    return `${this.prefix}:counter:${key}`;
  }

  /** A middleware lock. */
  lock(key: string): string {
    return `${this.prefix}:lock:${key}`;
  }
}
