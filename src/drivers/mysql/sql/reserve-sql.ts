/**
 * @module drivers/mysql/sql/reserve-sql
 * Claiming jobs: promote due delayed rows, then lock a batch and lease it in one transaction.
 */

/** Moves delayed rows that came due into the ready part of `ready_order` (range on `due_order`). */
export const PROMOTE_DUE =
  'UPDATE {jobs} SET is_delayed = 0 WHERE queue IN (?) AND is_delayed = 1 AND available_at <= ?';

/**
 * Locks up to `?` reservable rows of one queue in reserve order, skipping rows other reservers hold.
 * A leased row whose lease ended is reservable again. Params: queue, now, limit.
 */
export const SELECT_READY = `SELECT seq, id, payload, attempts FROM {jobs} FORCE INDEX (ready_order)
  WHERE queue = ? AND is_delayed = 0 AND (reserved_until IS NULL OR reserved_until <= ?)
  ORDER BY priority DESC, available_at, seq
  LIMIT ? FOR UPDATE SKIP LOCKED`;

/** Leases the locked rows: token = batch token + seq, so each reservation's token is unique. */
export const LEASE_JOBS =
  'UPDATE {jobs} SET attempts = attempts + 1, token = CONCAT(?, seq), reserved_until = ? WHERE seq IN (?)';
