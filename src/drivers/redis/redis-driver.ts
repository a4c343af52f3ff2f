/**
 * @module drivers/redis/redis-driver
 * The Redis driver: one Lua script per state transition, batches in one call per queue.
 *
 * Cross-queue operations: every queue lives on its own hash tag, so no script spans two queues.
 * `reserve` goes queue by queue in the given order, one script call each, and stops once the
 * batch is full (strict order needs the first queue's answer before asking the second).
 * `enqueue`, `complete` and `extend` group their records by queue and send one script call per
 * queue (chunked) all at once: ioredis writes them back to back, so it costs one round trip.
 * Delivery is at least once. If a connection drops, ioredis resends the unanswered calls after
 * reconnecting. Token-checked scripts (complete, release, fail, extend) are safe to run twice (the
 * second run reports the token as stale). A resent reserve leaves the first batch leased to nobody
 * until its lease ends (attempts then count both). A resent enqueue replaces its jobs by id, so
 * jobs of that batch that already ran are enqueued once more.
 * Requires Redis 6.2+ (LPOP with a count, float BLPOP timeouts).
 */
import { randomBytes } from 'node:crypto';
import type {
  AtomicHelpers,
  Driver,
  DriverCapabilities,
  EnqueueRecord,
  FailureInput,
  QueueSizes,
  ReleaseOptions,
  Reservation,
} from '../driver.js';
import { RedisAtomicHelpers } from './redis-atomic.js';
import { groupByQueue, sum, tokenBaseOf } from './redis-batches.js';
import { parseRedisConfig, type RedisDriverConfig, type ResolvedRedisConfig } from './redis-config.js';
import { RedisConnection } from './redis-connection.js';
import { RedisFailedStore } from './redis-failed-store.js';
import { RedisWaiter } from './redis-waiter.js';

/** Reservations per complete/extend call, and jobs per clear step. */
const CHUNK = 1000;
/**
 * Records per enqueue script call. Smaller than `CHUNK` so that a big batch is a pipeline of calls:
 * ioredis writes each call as soon as it is built, and Redis runs it while the next one is encoded.
 */
const ENQUEUE_CHUNK = 250;

/** What the Redis driver supports. */
const CAPABILITIES: DriverCapabilities = {
  delay: true,
  priority: true,
  leases: true,
  notifications: true,
  crossProcess: true,
  transactions: false,
  durable: true,
};

/** The Redis driver (ioredis). */
export class RedisDriver implements Driver {
  readonly kind = 'redis';
  readonly capabilities = CAPABILITIES;
  readonly failed: RedisFailedStore;
  readonly atomic: AtomicHelpers;

  private readonly config: ResolvedRedisConfig;
  private opening: Promise<RedisConnection> | undefined;
  private waiter: RedisWaiter | undefined;
  private readonly tokenPrefix = randomBytes(6).toString('base64url');
  private tokenCounter = 0;

  constructor(config: string | RedisDriverConfig) {
    this.config = parseRedisConfig(config);
    const connect = () => this.open();
    this.failed = new RedisFailedStore(connect);
    this.atomic = new RedisAtomicHelpers(connect);
  }

  /** The key prefix (default `'conveyor'`). */
  get prefix(): string {
    return this.config.prefix;
  }

  async connect(): Promise<void> {
    await this.open();
  }

  async close(): Promise<void> {
    const opening = this.opening;
    this.opening = undefined;
    this.waiter?.close();
    this.waiter = undefined;
    if (!opening) return;
    const conn = await opening.catch(() => undefined);
    await conn?.close();
  }

  async enqueue(records: EnqueueRecord[]): Promise<void> {
    if (records.length === 0) return;
    const conn = await this.open();
    const now = Date.now();
    const byQueue = groupByQueue(records);
    const calls: Array<Promise<unknown>> = [];
    const unregistered = conn.unregistered(byQueue.keys());
    if (unregistered.length > 0) calls.push(conn.register(unregistered));
    let lastAt = -1;
    let lastHex = '';
    for (const [queue, list] of byQueue) {
      const k = conn.keys.queue(queue);
      const keys = [k.readyList, k.readyZset, k.delayed, k.reserved, k.seq, k.signal];
      for (let start = 0; start < list.length; start += ENQUEUE_CHUNK) {
        const args: string[] = [k.jobPrefix];
        const end = Math.min(list.length, start + ENQUEUE_CHUNK);
        for (let i = start; i < end; i++) {
          const r = list[i]!;
          const availableAt = Number.isFinite(r.availableAt) ? Math.max(0, Math.floor(r.availableAt)) : now;
          const priority = Number.isFinite(r.priority) ? r.priority : 0;
          const attempts = Number.isFinite(r.attempts) ? Math.max(0, Math.floor(r.attempts ?? 0)) : 0;
          if (availableAt !== lastAt) {
            lastAt = availableAt;
            lastHex = availableAt.toString(16).padStart(12, '0');
          }
          // Ready or delayed by the pusher's clock, the one that computed availableAt.
          const delayed = availableAt > now;
          args.push(
            r.id,
            r.payload,
            priority === 0 && attempts === 0 && !delayed
              ? lastHex
              : `${lastHex}|${priority}|${attempts}|${delayed ? availableAt : ''}`,
          );
        }
        // Sent as soon as built: Redis runs one call while the next is encoded.
        calls.push(conn.run('enqueue', keys, args));
      }
    }
    await Promise.all(calls);
  }

  async reserve(queues: string[], max: number, leaseSeconds: number): Promise<Reservation[]> {
    const out: Reservation[] = [];
    if (max <= 0 || queues.length === 0) return out;
    const conn = await this.open();
    const leaseMs = Math.max(1, Math.round(leaseSeconds * 1000));
    for (const queue of queues) {
      const want = max - out.length;
      if (want <= 0) break;
      const k = conn.keys.queue(queue);
      const tokenBase = `${this.tokenPrefix}${(this.tokenCounter++).toString(36)}.`;
      const reply = (await conn.run(
        'reserve',
        [k.readyList, k.readyZset, k.delayed, k.reserved, k.signal],
        [k.jobPrefix, want, leaseMs, tokenBase],
      )) as Array<string | number>;
      const leaseUntil = Number(reply[0]);
      for (let i = 1; i < reply.length; i += 3) {
        const id = String(reply[i]);
        out.push({
          id,
          queue,
          payload: String(reply[i + 1]),
          attempts: Number(reply[i + 2]),
          token: `${tokenBase}${id}`,
          leaseUntil,
        });
      }
    }
    return out;
  }

  async complete(reservations: Reservation[]): Promise<number> {
    if (reservations.length === 0) return 0;
    const conn = await this.open();
    const calls: Array<Promise<unknown>> = [];
    for (const [queue, list] of groupByQueue(reservations)) {
      const k = conn.keys.queue(queue);
      for (let start = 0; start < list.length; start += CHUNK) {
        const args: string[] = [k.jobPrefix];
        for (const r of list.slice(start, start + CHUNK)) args.push(r.id, tokenBaseOf(r));
        calls.push(conn.run('complete', [k.reserved], args));
      }
    }
    return sum(await Promise.all(calls));
  }

  async release(reservation: Reservation, delaySeconds: number, options?: ReleaseOptions): Promise<boolean> {
    const conn = await this.open();
    const k = conn.keys.queue(reservation.queue);
    const delayMs = Math.max(0, Math.round(delaySeconds * 1000));
    const released = await conn.run(
      'release',
      [k.readyList, k.readyZset, k.delayed, k.reserved, k.signal],
      [k.jobPrefix, reservation.id, tokenBaseOf(reservation), delayMs, options?.refund === true ? 1 : 0],
    );
    return Number(released) === 1;
  }

  async fail(reservation: Reservation, failure: FailureInput): Promise<boolean> {
    const conn = await this.open();
    const k = conn.keys.queue(reservation.queue);
    const { name, message, stack } = failure.error;
    const error = JSON.stringify(stack === undefined ? { name, message } : { name, message, stack });
    const failed = await conn.run(
      'fail',
      [k.reserved, k.failed],
      [
        k.jobPrefix,
        k.failedPrefix,
        reservation.id,
        tokenBaseOf(reservation),
        failure.connection,
        error,
        Math.floor(failure.failedAt ?? Date.now()),
      ],
    );
    return Number(failed) === 1;
  }

  async extend(reservations: Reservation[], leaseSeconds: number): Promise<number> {
    if (reservations.length === 0) return 0;
    const conn = await this.open();
    const leaseMs = Math.max(1, Math.round(leaseSeconds * 1000));
    const calls: Array<Promise<unknown>> = [];
    for (const [queue, list] of groupByQueue(reservations)) {
      const k = conn.keys.queue(queue);
      for (let start = 0; start < list.length; start += CHUNK) {
        const args: Array<string | number> = [k.jobPrefix, leaseMs];
        for (const r of list.slice(start, start + CHUNK)) args.push(r.id, tokenBaseOf(r));
        calls.push(conn.run('extend', [k.reserved], args));
      }
    }
    return sum(await Promise.all(calls));
  }

  async waitForWork(queues: string[], timeoutSeconds: number, signal?: AbortSignal): Promise<boolean> {
    if (signal?.aborted || queues.length === 0) return false;
    await this.open();
    const waiter = this.waiter;
    if (!waiter) return false;
    try {
      return await waiter.waitForWork(queues, timeoutSeconds * 1000, signal);
    } catch (error) {
      // Closed mid-wait: pending waits return false, as the contract says.
      if (this.waiter !== waiter) return false;
      throw error;
    }
  }

  async sizes(queue: string): Promise<QueueSizes> {
    const conn = await this.open();
    const k = conn.keys.queue(queue);
    const [ready, delayed, reserved] = (await conn.run(
      'sizes',
      [k.readyList, k.readyZset, k.delayed, k.reserved],
      [],
    )) as number[];
    return { ready: Number(ready), delayed: Number(delayed), reserved: Number(reserved) };
  }

  async queues(): Promise<string[]> {
    const conn = await this.open();
    const names = (await conn.client.smembers(conn.keys.registry)).sort();
    const held = await Promise.all(
      names.map((queue) => {
        const k = conn.keys.queue(queue);
        return conn.client.exists(k.readyList, k.readyZset, k.delayed, k.reserved, k.failed);
      }),
    );
    return names.filter((_, i) => (held[i] ?? 0) > 0);
  }

  async clear(queue: string): Promise<void> {
    const conn = await this.open();
    const k = conn.keys.queue(queue);
    const keys = [k.readyList, k.readyZset, k.delayed, k.reserved, k.signal];
    while (Number(await conn.run('clearQueue', keys, [k.jobPrefix, CHUNK])) > 0) {
      // Repeat: each call deletes a bounded number of jobs so the server never stalls.
    }
  }

  async clearAll(): Promise<void> {
    const conn = await this.open();
    const names = await conn.client.smembers(conn.keys.registry);
    await Promise.all(names.map((queue) => this.clear(queue)));
  }

  /** The open connection, opened on first use (and again after `close`). */
  private open(): Promise<RedisConnection> {
    if (!this.opening) {
      const opening: Promise<RedisConnection> = RedisConnection.open(this.config).then((conn) => {
        if (this.opening === opening) this.waiter = new RedisWaiter(conn);
        return conn;
      });
      this.opening = opening;
      opening.catch(() => {
        if (this.opening === opening) this.opening = undefined;
      });
    }
    return this.opening;
  }
}
