/**
 * @module drivers/postgres/sql/reserve
 * The batch claim for one queue, in one statement: a `FOR UPDATE SKIP LOCKED` walk of the claim
 * index (`jobs_queue_idx`, migration 003) in claim order (priority DESC, available_at, seq) that
 * takes rows which are free or whose lease ended, then one update of the locked rows by `ctid`.
 * `SKIP LOCKED` lets concurrent reservers take disjoint batches without waiting.
 *
 * Measured choices (bench/postgres, see docs/postgres.md):
 * - a HOT update: the claim sets only columns no index mentions, so PostgreSQL writes no index
 *   entry for a claimed row (it wrote two before: primary key and leased index) and reclaims the
 *   old version by pruning the page, without VACUUM. The price: jobs in flight stay in the claim
 *   index, and a claim steps over those ahead of the first free job (a heap check each);
 * - an expired lease is one of those rows whose lease ended: it is taken at its place in claim
 *   order, by the same walk, with no index or statement of its own;
 * - the update finds its rows by the `ctid`s the lock returned, as one array (one TID scan), not
 *   by a primary-key lookup per row: the locked versions cannot move until this transaction ends;
 * - one token per statement: `$5` (random, from the client) followed by the row's `seq` (unique
 *   in the table), instead of a `gen_random_uuid()` per row;
 * - the rows come back unordered with their sort keys and the client orders them: numbering
 *   them on the server (`array_position` of each row in the locked array) cost a search of the
 *   array per row, 3.7 against 2.2 ms for a claim of 500 (measured with EXPLAIN ANALYZE);
 * - `LIMIT (SELECT $3)`: PostgreSQL plans the prepared statement once (a generic plan) instead
 *   of on every call. With a bare `$3`, each call's plan knew the batch size and always looked
 *   cheaper than the generic one, so every claim was planned anew (a tenth of the server's time);
 * - the commit is asynchronous (see async-commit.ts) unless the driver was told otherwise: the
 *   claim is on the worker's critical path, and a WAL flush per claim halved throughput.
 *
 * $1 queue, $2 now (client clock, ms) for `available_at`, $3 max, $4 lease length (ms, on the
 * database clock, as expiry is checked), $5 the token prefix. Rows come back unordered, each with
 * its token, its claim-order keys, and its `ctid` (which completion uses to find the row again,
 * see complete.ts).
 */
import type { Tables } from '../tables.js';
import { asyncCommitCondition } from './async-commit.js';
import { dbNowMs } from './clock.js';

/** Claims up to $3 free or expired jobs of queue $1: attempts + 1, token $5 + seq, a lease of $4 ms. */
export const reserveSql = (t: Tables, asyncCommit: boolean): string => `
  WITH chosen AS MATERIALIZED (
    SELECT array(
      SELECT ctid FROM ${t.jobs}
      WHERE queue = $1 AND available_at <= $2 AND (token IS NULL OR reserved_until <= ${dbNowMs})
      ORDER BY priority DESC, available_at, seq
      LIMIT (SELECT $3::int)
      FOR UPDATE SKIP LOCKED
    ) AS rows
  )
  UPDATE ${t.jobs} AS j
  SET attempts = j.attempts + 1,
      token = $5::text || j.seq,
      reserved_until = ${dbNowMs} + $4
  WHERE j.ctid = ANY ((SELECT rows FROM chosen)::tid[])${asyncCommitCondition(asyncCommit)}
  RETURNING j.id, j.payload, j.attempts, j.token, j.ctid, j.priority, j.available_at, j.seq`;
