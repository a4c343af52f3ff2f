/**
 * @module drivers/postgres/sql/atomic
 * Counters with expiry and locks with owner and TTL, as single upserts (race-free without a
 * transaction). A null `expires_at` never expires (a TTL of 0).
 */
import type { Tables } from '../tables.js';

/**
 * Adds $2 to counter $1 at $3 (ms); a missing or expired counter restarts at $2 with expiry
 * $4 (ms or null). Returns the new value.
 */
export const incrementSql = (t: Tables): string => `
  INSERT INTO ${t.counters} AS c (key, value, expires_at) VALUES ($1, $2, $4)
  ON CONFLICT (key) DO UPDATE SET
    value = CASE WHEN c.expires_at <= $3 THEN EXCLUDED.value ELSE c.value + EXCLUDED.value END,
    expires_at = CASE WHEN c.expires_at <= $3 THEN EXCLUDED.expires_at ELSE c.expires_at END
  RETURNING value`;

/** Counter $1's value and expiry, if live at $2 (ms). */
export const counterSql = (t: Tables): string => `
  SELECT value, expires_at FROM ${t.counters}
  WHERE key = $1 AND (expires_at IS NULL OR expires_at > $2)`;

/** Takes lock $1 for owner $2 until $4 (ms or null) when free, expired at $3, or already theirs. */
export const acquireLockSql = (t: Tables): string => `
  INSERT INTO ${t.locks} AS l (key, owner, expires_at) VALUES ($1, $2, $4)
  ON CONFLICT (key) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
  WHERE l.expires_at <= $3 OR l.owner = EXCLUDED.owner
  RETURNING owner`;

/** Frees lock $1 if owner $2 holds it (unexpired at $3, ms). */
export const releaseLockSql = (t: Tables): string => `
  DELETE FROM ${t.locks} WHERE key = $1 AND owner = $2 AND (expires_at IS NULL OR expires_at > $3)`;

/** Drops expired counters and locks at $1 (ms), so one-off keys do not pile up. */
export const pruneAtomicSql = (t: Tables): string => `
  WITH c AS (DELETE FROM ${t.counters} WHERE expires_at <= $1)
  DELETE FROM ${t.locks} WHERE expires_at <= $1`;
