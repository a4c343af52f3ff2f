/**
 * @module drivers/mysql/mysql-atomic-helpers
 * Counters with expiry and locks with owner + TTL. Each write and its read-back share a
 * transaction, so the value returned is the one this call produced.
 */
import { createHash } from 'node:crypto';
import type { AtomicHelpers } from '../driver.js';
import { execute, selectRows } from './mysql-client.js';
import type { ContextSource, MysqlContext } from './mysql-context.js';

/** Expired counters and locks are swept at most this often, by whichever call comes next (60 s). */
export const SWEEP_INTERVAL_MS = 60_000;

/** `AtomicHelpers` over MySQL. */
export class MysqlAtomicHelpers implements AtomicHelpers {
  private lastSweep = 0;

  constructor(private readonly context: ContextSource) {}

  async increment(key: string, by: number, ttlSeconds: number): Promise<number> {
    const context = await this.context();
    this.sweep(context);
    const name = keyName(key);
    return context.client.transaction(async (connection) => {
      const now = Date.now();
      await execute(connection, context.sql.atomic.INCREMENT_COUNTER, [
        name,
        by,
        now + Math.round(ttlSeconds * 1000),
        now,
        now,
      ]);
      const [row] = await selectRows<{ amount: number }>(connection, context.sql.atomic.READ_COUNTER, [
        name,
        now,
      ]);
      return Number(row?.amount ?? 0);
    });
  }

  async counter(key: string): Promise<number> {
    const { client, sql } = await this.context();
    const [row] = await client.rows<{ amount: number }>(sql.atomic.READ_COUNTER, [keyName(key), Date.now()]);
    return Number(row?.amount ?? 0);
  }

  async counterTtl(key: string): Promise<number> {
    const { client, sql } = await this.context();
    const now = Date.now();
    const [row] = await client.rows<{ expires_at: number }>(sql.atomic.READ_COUNTER, [keyName(key), now]);
    return row ? Math.max(0, (Number(row.expires_at) - now) / 1000) : 0;
  }

  async acquireLock(key: string, owner: string, ttlSeconds: number): Promise<boolean> {
    const context = await this.context();
    this.sweep(context);
    const name = keyName(key);
    return context.client.transaction(async (connection) => {
      const now = Date.now();
      const holder = keyName(owner);
      await execute(connection, context.sql.atomic.ACQUIRE_LOCK, [
        name,
        holder,
        now + Math.round(ttlSeconds * 1000),
        now,
        now,
      ]);
      const [row] = await selectRows<{ owner: string }>(connection, context.sql.atomic.LOCK_OWNER, [name]);
      return row?.owner === holder;
    });
  }

  async releaseLock(key: string, owner: string): Promise<boolean> {
    const { client, sql } = await this.context();
    return (
      (await client.exec(sql.atomic.RELEASE_LOCK, [keyName(key), keyName(owner), Date.now()])).affectedRows >
      0
    );
  }

  /** Fire-and-forget cleanup so unique keys (per user, per job) do not pile up forever. */
  private sweep(context: MysqlContext): void {
    const now = Date.now();
    if (now - this.lastSweep < SWEEP_INTERVAL_MS) return;
    this.lastSweep = now;
    void context.client.exec(context.sql.atomic.SWEEP_COUNTERS, [now]).catch(() => undefined);
    void context.client.exec(context.sql.atomic.SWEEP_LOCKS, [now]).catch(() => undefined);
  }
}

/** Keys and owners longer than the column are stored by digest (same text, same value). */
function keyName(key: string): string {
  return key.length <= 191 ? key : `sha256:${createHash('sha256').update(key).digest('hex')}`;
}
