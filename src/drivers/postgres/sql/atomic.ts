/**
 * @module drivers/postgres/sql/atomic
 * Counters with expiry and locks with owner and TTL, as single upserts (race-free without a
 * transaction), on the database clock. A null `expires_at` never expires (a TTL of 0).
 */
import type { Tables } from '../tables.js';
import { dbNowMs } from './clock.js';

/** Expiry `$ttl` ms from now, or null for a TTL of 0 (`$ttl` is a parameter reference). */
const expiry = (ttl: string): string => `CASE WHEN ${ttl}::bigint > 0 THEN ${dbNowMs} + ${ttl}::bigint END`;

/**
 * Adds $2 to counter $1; a missing or expired counter restarts at $2 with a TTL of $3 ms.
 * Returns the new value.
 */
export const incrementSql = (t: Tables): string => `
  INSERT INTO ${t.counters} AS c (key, value, expires_at) VALUES ($1, $2, ${expiry('$3')})
  ON CONFLICT (key) DO UPDATE SET
    value = CASE WHEN c.expires_at <= ${dbNowMs} THEN EXCLUDED.value ELSE c.value + EXCLUDED.value END,
    expires_at = CASE WHEN c.expires_at <= ${dbNowMs} THEN EXCLUDED.expires_at ELSE c.expires_at END
  RETURNING value`;

/** Counter $1's value and seconds to live (null: never expires), if live. */
export const counterSql = (t: Tables): string => `
  SELECT value, (expires_at - ${dbNowMs}) / 1000.0 AS ttl FROM ${t.counters}
  WHERE key = $1 AND (expires_at IS NULL OR expires_at > ${dbNowMs})`;

/** Takes lock $1 for owner $2 for $3 ms when free, expired, or already theirs (then refreshed). */
export const acquireLockSql = (t: Tables): string => `
  INSERT INTO ${t.locks} AS l (key, owner, expires_at) VALUES ($1, $2, ${expiry('$3')})
  ON CONFLICT (key) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
  WHERE l.expires_at <= ${dbNowMs} OR l.owner = EXCLUDED.owner
  RETURNING owner`;

/** Frees lock $1 if owner $2 holds it (unexpired). */
export const releaseLockSql = (t: Tables): string => `
  DELETE FROM ${t.locks} WHERE key = $1 AND owner = $2 AND (expires_at IS NULL OR expires_at > ${dbNowMs})`;

/** Drops expired counters and locks, so one-off keys do not pile up. */
export const pruneAtomicSql = (t: Tables): string => `
  WITH c AS (DELETE FROM ${t.counters} WHERE expires_at <= ${dbNowMs})
  DELETE FROM ${t.locks} WHERE expires_at <= ${dbNowMs}`;
