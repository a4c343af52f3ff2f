/**
 * @module drivers/sqlite/sqlite-atomic
 * Counters with expiry and locks with owner and TTL, each one statement (atomic by itself).
 * A TTL of 0 or less never expires. Expired rows are swept at most once a minute.
 */
import type { AtomicHelpers } from '../driver.js';
import type { SqliteHandle } from './sqlite-handle.js';

const SWEEP_EVERY_MS = 60_000;

/** The SQLite counters and locks. */
export class SqliteAtomic implements AtomicHelpers {
  private lastSweep = 0;

  constructor(private readonly open: () => Promise<SqliteHandle>) {}

  async increment(key: string, by: number, ttlSeconds: number): Promise<number> {
    const h = await this.open();
    return h.commit.run(() => {
      const now = Date.now();
      this.sweep(h, now);
      return h.atomic.increment.get({ key, by, expiresAt: expiry(now, ttlSeconds), now }) as number;
    });
  }

  async counter(key: string): Promise<number> {
    const h = await this.open();
    const row = h.atomic.counter.get(key, Date.now()) as { value: number } | undefined;
    return row?.value ?? 0;
  }

  async counterTtl(key: string): Promise<number> {
    const h = await this.open();
    const now = Date.now();
    const row = h.atomic.counter.get(key, now) as { expiresAt: number | null } | undefined;
    if (row?.expiresAt == null) return 0;
    return Math.max(0, (row.expiresAt - now) / 1000);
  }

  /** Also `true` (with the TTL renewed) when `owner` already holds the lock. */
  async acquireLock(key: string, owner: string, ttlSeconds: number): Promise<boolean> {
    const h = await this.open();
    return h.commit.run(() => {
      const now = Date.now();
      this.sweep(h, now);
      return h.atomic.acquireLock.run({ key, owner, expiresAt: expiry(now, ttlSeconds), now }).changes > 0;
    });
  }

  async releaseLock(key: string, owner: string): Promise<boolean> {
    const h = await this.open();
    return h.commit.run(() => h.atomic.releaseLock.run(key, owner, Date.now()).changes > 0);
  }

  private sweep(h: SqliteHandle, now: number): void {
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    h.atomic.pruneCounters.run(now);
    h.atomic.pruneLocks.run(now);
  }
}

function expiry(now: number, ttlSeconds: number): number | null {
  return ttlSeconds > 0 ? now + Math.round(ttlSeconds * 1000) : null;
}
