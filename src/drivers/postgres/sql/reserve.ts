/**
 * @module drivers/postgres/sql/reserve
 * The batch claim for one queue, in one statement. Two locked candidate sets, each served by
 * its own partial index: ready jobs (`token IS NULL`, due) and expired leases. The best `$3`
 * of both win; `SKIP LOCKED` lets concurrent reservers take disjoint batches without waiting.
 * Candidates locked but not chosen (only when expired leases compete) are freed at commit.
 *
 * Measured choices (bench/postgres, see docs/postgres.md):
 * - the update finds its rows by the `ctid` the lock returned (a TID scan), not by a second
 *   primary-key lookup per row: the locked version cannot move until this transaction ends;
 * - one token per statement (an InitPlan), not one `gen_random_uuid()` per row: a reservation is
 *   the (id, token) pair, and the pair stays unique;
 * - the commit is asynchronous (see async-commit.ts) unless the driver was told otherwise: the
 *   claim is on the worker's critical path, and a WAL flush per claim halved throughput.
 *
 * $1 queue, $2 now (client clock, ms) for `available_at`, $3 max, $4 lease length (ms, on the database
 * clock, as expiry is checked). Rows come back unordered: sort by
 * priority DESC, available_at, seq.
 */
import type { Tables } from '../tables.js';
import { asyncCommitCondition } from './async-commit.js';
import { dbNowMs } from './clock.js';

/** Claims up to $3 jobs of queue $1: attempts + 1, a fresh random token, a lease of $4 ms. */
export const reserveSql = (t: Tables, asyncCommit: boolean): string => `
  WITH ready AS (
    SELECT ctid AS row, priority, available_at, seq FROM ${t.jobs}
    WHERE queue = $1 AND token IS NULL AND available_at <= $2
    ORDER BY priority DESC, available_at, seq
    LIMIT $3
    FOR UPDATE SKIP LOCKED
  ), expired AS (
    SELECT ctid AS row, priority, available_at, seq FROM ${t.jobs}
    WHERE queue = $1 AND token IS NOT NULL AND reserved_until <= ${dbNowMs}
    ORDER BY priority DESC, available_at, seq
    LIMIT $3
    FOR UPDATE SKIP LOCKED
  ), chosen AS (
    SELECT row FROM (SELECT * FROM ready UNION ALL SELECT * FROM expired) AS c
    ORDER BY priority DESC, available_at, seq
    LIMIT $3
  )
  UPDATE ${t.jobs} AS j
  SET attempts = j.attempts + 1, token = (SELECT gen_random_uuid()::text), reserved_until = ${dbNowMs} + $4
  FROM chosen
  WHERE j.ctid = chosen.row${asyncCommitCondition(asyncCommit)}
  RETURNING j.id, j.queue, j.payload, j.attempts, j.token, j.priority, j.available_at, j.seq`;
