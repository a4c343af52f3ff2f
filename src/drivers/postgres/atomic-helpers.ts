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
    this.maybeSweep();
    const result = await this.run<{ value: string }>(this.statements.increment, [key, by, ttlMs(ttlSeconds)]);
    return Number(result.rows[0]?.value ?? 0);
  }

  async counter(key: string): Promise<number> {
    const result = await this.run<{ value: string }>(this.statements.counter, [key]);
    return Number(result.rows[0]?.value ?? 0);
  }

  async counterTtl(key: string): Promise<number> {
    const result = await this.run<{ ttl: string | null }>(this.statements.counter, [key]);
    const ttl = result.rows[0]?.ttl;
    // absent, or never expiring: no TTL to report
    return ttl === undefined || ttl === null ? 0 : Math.max(0, Number(ttl));
  }

  async acquireLock(key: string, owner: string, ttlSeconds: number): Promise<boolean> {
    this.maybeSweep();
    const result = await this.run(this.statements.acquireLock, [key, owner, ttlMs(ttlSeconds)]);
    return (result.rowCount ?? 0) > 0;
  }

  async releaseLock(key: string, owner: string): Promise<boolean> {
    const result = await this.run(this.statements.releaseLock, [key, owner]);
    return (result.rowCount ?? 0) > 0;
  }

  /** Waits for a running sweep (at close). */
  async settle(): Promise<void> {
    await this.sweeping;
  }

  private maybeSweep(): void {
    const now = Date.now();
    if (this.sweeping || now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    const done = (): void => {
      this.sweeping = undefined;
    };
    this.sweeping = this.run(this.statements.pruneAtomic, []).then(done, done);
  }
}

/** A TTL of 0 (or less) never expires. */
function ttlMs(ttlSeconds: number): number {
  return ttlSeconds > 0 ? Math.max(1, Math.round(ttlSeconds * 1000)) : 0;
}
