/**
 * @module drivers/memory/memory-atomic
 * Counters with a TTL and locks with an owner and a TTL, for the built-in middleware.
 * Expired entries are dropped when read, and swept when the maps grow.
 */
import type { AtomicHelpers } from '../driver.js';

interface Expiring {
  /** Epoch ms; `Infinity` when the TTL was 0 or less (never expires). */
  expiresAt: number;
}

interface Counter extends Expiring {
  value: number;
}

interface Lock extends Expiring {
  owner: string;
}

const SWEEP_MIN = 1024;

function expiry(ttlSeconds: number, now: number): number {
  return ttlSeconds > 0 ? now + ttlSeconds * 1000 : Number.POSITIVE_INFINITY;
}

/** A map whose entries vanish at `expiresAt`. */
class ExpiringMap<T extends Expiring> {
  private readonly map = new Map<string, T>();
  private sweepAt = SWEEP_MIN;

  get(key: string, now: number): T | undefined {
    const entry = this.map.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt > now) return entry;
    this.map.delete(key);
    return undefined;
  }

  set(key: string, entry: T, now: number): void {
    this.map.set(key, entry);
    if (this.map.size < this.sweepAt) return;
    for (const [k, e] of this.map) if (e.expiresAt <= now) this.map.delete(k);
    this.sweepAt = Math.max(SWEEP_MIN, this.map.size * 2);
  }

  delete(key: string): void {
    this.map.delete(key);
  }
}

/** In-memory counters and locks. A TTL of 0 or less means no expiry. */
export class MemoryAtomic implements AtomicHelpers {
  private readonly counters = new ExpiringMap<Counter>();
  private readonly locks = new ExpiringMap<Lock>();

  async increment(key: string, by: number, ttlSeconds: number): Promise<number> {
    const now = Date.now();
    const counter = this.counters.get(key, now);
    if (counter !== undefined) {
      counter.value += by;
      return counter.value;
    }
    this.counters.set(key, { value: by, expiresAt: expiry(ttlSeconds, now) }, now);
    return by;
  }

  async counter(key: string): Promise<number> {
    return this.counters.get(key, Date.now())?.value ?? 0;
  }

  async counterTtl(key: string): Promise<number> {
    const now = Date.now();
    const counter = this.counters.get(key, now);
    if (counter === undefined || counter.expiresAt === Number.POSITIVE_INFINITY) return 0;
    return (counter.expiresAt - now) / 1000;
  }

  /** Also `true` (with the TTL renewed) when `owner` already holds the lock. */
  async acquireLock(key: string, owner: string, ttlSeconds: number): Promise<boolean> {
    const now = Date.now();
    const lock = this.locks.get(key, now);
    if (lock !== undefined && lock.owner !== owner) return false;
    this.locks.set(key, { owner, expiresAt: expiry(ttlSeconds, now) }, now);
    return true;
  }

  async releaseLock(key: string, owner: string): Promise<boolean> {
    const lock = this.locks.get(key, Date.now());
    if (lock === undefined || lock.owner !== owner) return false;
    this.locks.delete(key);
    return true;
  }
}
