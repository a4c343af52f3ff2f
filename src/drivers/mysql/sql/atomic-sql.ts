/**
 * @module drivers/mysql/sql/atomic-sql
 * Counters with expiry and locks with owner and TTL, for the built-in middleware.
 * In `ON DUPLICATE KEY UPDATE`, assignments run left to right and see earlier ones: each
 * condition below reads only columns not yet assigned, or assigned to the value it tests for.
 */

/** Adds to a counter, restarting it when expired. Params: name, by, expiresAt, now, now. */
export const INCREMENT_COUNTER = `INSERT INTO {counters} (name, amount, expires_at) VALUES (?, ?, ?)
  ON DUPLICATE KEY UPDATE
    amount = IF(expires_at <= ?, VALUES(amount), amount + VALUES(amount)),
    expires_at = IF(expires_at <= ?, VALUES(expires_at), expires_at)`;

/** A live counter's value and expiry. Params: name, now. */
export const READ_COUNTER = 'SELECT amount, expires_at FROM {counters} WHERE name = ? AND expires_at > ?';

/** Takes a lock that is free, expired, or already the owner's. Params: name, owner, expiresAt, now, now. */
export const ACQUIRE_LOCK = `INSERT INTO {locks} (name, owner, expires_at) VALUES (?, ?, ?)
  ON DUPLICATE KEY UPDATE
    owner = IF(expires_at <= ? OR owner = VALUES(owner), VALUES(owner), owner),
    expires_at = IF(expires_at <= ? OR owner = VALUES(owner), VALUES(expires_at), expires_at)`;

/** The lock's current owner. Params: name. */
export const LOCK_OWNER = 'SELECT owner FROM {locks} WHERE name = ?';

/** Frees a live lock held by the owner. Params: name, owner, now. */
export const RELEASE_LOCK = 'DELETE FROM {locks} WHERE name = ? AND owner = ? AND expires_at > ?';

/** Drops expired counters, a bounded batch at a time. Params: now. */
export const SWEEP_COUNTERS = 'DELETE FROM {counters} WHERE expires_at <= ? LIMIT 1000';

/** Drops expired locks, a bounded batch at a time. Params: now. */
export const SWEEP_LOCKS = 'DELETE FROM {locks} WHERE expires_at <= ? LIMIT 1000';
