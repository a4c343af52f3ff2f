/**
 * @module drivers/mysql/sql/reserve-sql
 * Claiming jobs: promote due delayed rows, then, in one transaction, choose a batch, lock it,
 * lease it and read it back. The rows' `seq`s travel from statement to statement in session
 * variables (JSON arrays), so the statements go to the server in one round trip.
 *
 * Why choose before locking: completed jobs leave delete-marked entries at the front of
 * `ready_order` until InnoDB purges them, and a locking scan pays a lock check for every one of
 * them (measured: 0.3 → 1.5 ms of server CPU per 50 rows with 5,000 unpurged deletes ahead),
 * while a plain read steps over them almost for free. So a plain read chooses twice as many
 * candidates as wanted, in reserve order, and a locking read by primary key takes the first ones
 * still free: a concurrent reserver that holds the first half leaves the second half to us. When
 * others took more than that, `LOCK_READY_SCAN` (the locking scan itself) fills the rest.
 */

/** Moves delayed rows that came due into the ready part of `ready_order` (range on `due_order`). */
export const PROMOTE_DUE =
  'UPDATE {jobs} SET is_delayed = 0 WHERE queue IN (?) AND is_delayed = 1 AND available_at <= ?';

/** The reservable rows of one queue in reserve order. A leased row whose lease ended is reservable again. */
const READY_ROWS = `SELECT seq FROM {jobs} FORCE INDEX (ready_order)
  WHERE queue = ? AND is_delayed = 0 AND (reserved_until IS NULL OR reserved_until <= ?)
  ORDER BY priority DESC, available_at, seq LIMIT ?`;

/** Up to `?` reservable rows of one queue, locked, skipping rows others hold. Params: queue, now, limit. */
export const READY_SEQS = `${READY_ROWS} FOR UPDATE SKIP LOCKED`;

/** Chooses up to `?` candidates with a plain (non-locking) read into `@conveyor_candidates`. Params: queue, now, limit. */
export const CHOOSE_CANDIDATES = `SELECT JSON_ARRAYAGG(seq) FROM (${READY_ROWS}) AS ready INTO @conveyor_candidates`;

/** The chosen candidates as a table, with their place in reserve order. */
const CANDIDATES =
  "JSON_TABLE(@conveyor_candidates, '$[*]' COLUMNS (seq BIGINT UNSIGNED PATH '$')) AS candidate";

/**
 * Locks up to `?` candidates that are still reservable into `@conveyor_picked`, skipping rows others
 * hold. STRAIGHT_JOIN reads the candidates in reserve order, each once through the primary key,
 * and LIMIT stops at the first `?` it could lock, so no row beyond them is held; a row that
 * stopped matching is unlocked at once (READ COMMITTED). Params: queue, now, limit.
 */
export const LOCK_CANDIDATES = `SELECT JSON_ARRAYAGG(seq) FROM (SELECT j.seq FROM ${CANDIDATES}
    STRAIGHT_JOIN {jobs} AS j FORCE INDEX (PRIMARY) ON j.seq = candidate.seq
    WHERE j.queue = ? AND j.is_delayed = 0 AND (j.reserved_until IS NULL OR j.reserved_until <= ?)
    LIMIT ? FOR UPDATE SKIP LOCKED) AS locked
  INTO @conveyor_picked`;

/** The locking scan, for the rest when candidates were taken by others: into `@conveyor_picked`. Params: as `READY_SEQS`. */
export const LOCK_READY_SCAN = `SELECT JSON_ARRAYAGG(seq) FROM (${READY_SEQS}) AS ready INTO @conveyor_picked`;

/** The rows locked into `@conveyor_picked`, as a table driving the joins below through the primary key. */
const PICKED = "JSON_TABLE(@conveyor_picked, '$[*]' COLUMNS (seq BIGINT UNSIGNED PATH '$')) AS picked";

/**
 * Leases the picked rows: token = batch token + seq, so each reservation's token is unique.
 * STRAIGHT_JOIN and the primary key are forced: a plan that scanned the table (the optimizer's
 * choice for a small one) would wait on every row another transaction holds.
 * Params: batchToken, reservedUntil.
 */
export const LEASE_PICKED = `UPDATE ${PICKED} STRAIGHT_JOIN {jobs} AS j FORCE INDEX (PRIMARY) ON j.seq = picked.seq
  SET j.attempts = j.attempts + 1, j.token = CONCAT(?, j.seq), j.reserved_until = ?`;

/**
 * The picked rows after their lease, with their order columns: the caller sorts them, which is
 * cheaper than a server-side sort of a joined table function (0.6 → 0.3 ms for a handful of rows).
 */
export const FETCH_PICKED = `SELECT j.seq, j.id, j.payload, j.attempts, j.priority, j.available_at
  FROM ${PICKED} STRAIGHT_JOIN {jobs} AS j FORCE INDEX (PRIMARY) ON j.seq = picked.seq`;

/** How many candidates were chosen: fewer than asked means the queue ran dry, not that others took them. */
export const COUNT_CANDIDATES = 'SELECT COALESCE(JSON_LENGTH(@conveyor_candidates), 0) AS candidates';
