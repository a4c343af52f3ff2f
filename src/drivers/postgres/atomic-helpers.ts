/**
 * @module drivers/postgres/atomic-helpers
 * Counters and locks for middleware, as upserts on two small tables. Expired rows are reused in
 * place; one-off keys are swept at most once a minute.
 */
import type { AtomicHelpers } from '../driver.js';
import type { RunStatement } from './run-statement.js';
import type { Statements } from './statements.js';

const SWEEP_EVERY_MS = 60_000;

/** `AtomicHelpers` over the `counters` and `locks` tables. */
export class PostgresAtomicHelpers implements AtomicHelpers {
  private lastSweep = Date.now();
  private sweeping: Promise<void> | undefined;

  constructor(
    private readonly run: RunStatement,
    private readonly statements: Statements,
  ) {}

  async increment(key: string, by: number, ttlSeconds: number): Promise<number> {
    const now = Date.now();
    this.maybeSweep(now);
    const result = await this.run<{ value: string }>(this.statements.increment, [
      key,
      by,
      now,
      expiry(now, ttlSeconds),
    ]);
    return Number(result.rows[0]?.value ?? 0);
  }

  async counter(key: string): Promise<number> {
    const result = await this.run<{ value: string }>(this.statements.counter, [key, Date.now()]);
    return Number(result.rows[0]?.value ?? 0);
  }

  async counterTtl(key: string): Promise<number> {
    const now = Date.now();
    const result = await this.run<{ expires_at: string | null }>(this.statements.counter, [key, now]);
    const expiresAt = result.rows[0]?.expires_at;
    if (expiresAt === undefined || expiresAt === null) return 0;
    return Math.max(0, (Number(expiresAt) - now) / 1000);
  }

  async acquireLock(key: string, owner: string, ttlSeconds: number): Promise<boolean> {
    const now = Date.now();
    this.maybeSweep(now);
    const result = await this.run(this.statements.acquireLock, [key, owner, now, expiry(now, ttlSeconds)]);
    return (result.rowCount ?? 0) > 0;
  }

  async releaseLock(key: string, owner: string): Promise<boolean> {
    const result = await this.run(this.statements.releaseLock, [key, owner, Date.now()]);
    return (result.rowCount ?? 0) > 0;
  }

  /** Waits for a running sweep (at close). */
  async settle(): Promise<void> {
    await this.sweeping;
  }

  private maybeSweep(now: number): void {
    if (this.sweeping || now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    this.sweeping = this.run(this.statements.pruneAtomic, [now]).then(
      () => {
        this.sweeping = undefined;
      },
      () => {
        this.sweeping = undefined;
      },
    );
  }
}

/** A TTL of 0 (or less) never expires. */
function expiry(now: number, ttlSeconds: number): number | null {
  return ttlSeconds > 0 ? now + Math.round(ttlSeconds * 1000) : null;
}
