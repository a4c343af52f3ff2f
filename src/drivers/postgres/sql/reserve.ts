/**
 * @module drivers/postgres/sql/reserve
 * The batch claim for one queue, in one statement. Two locked candidate sets, each served by
 * its own partial index: ready jobs (`token IS NULL`, due) and expired leases (oldest expiry
 * first). The best `$3` of both win; `SKIP LOCKED` lets concurrent reservers take disjoint
 * batches without waiting. Candidates locked but not chosen (only when expired leases compete)
 * are freed at commit.
 *
 * Measured choices (bench/postgres, see docs/postgres.md):
 * - the update finds its rows by the `ctid` the lock returned (a TID scan), not by a second
 *   primary-key lookup per row: the locked version cannot move until this transaction ends;
 * - both branches are plain index scans that stop at the LIMIT: a scan marks the index entries
 *   of completed jobs dead as it passes them (a bitmap scan never does, and re-read every one
 *   of them on every claim: 300 ms a claim after 600k jobs without a vacuum);
 * - the commit is asynchronous (see async-commit.ts) unless the driver was told otherwise: the
 *   claim is on the worker's critical path, and a WAL flush per claim halved throughput;
 * - expired leases are rare, so the driver looks for them at most every 200 ms per queue
 *   (`reserveSql`) and claims with the ready branch alone otherwise (`reserveReadySql`,
 *   0.13 ms less per claim: a third of a 10-job claim's server time).
 *
 * $1 queue, $2 now (client clock, ms) for `available_at`, $3 max, $4 lease length (ms, on the database
 * clock, as expiry is checked). Rows come back unordered, each with `ord`, its place in claim
 * order (priority DESC, available_at, seq): a small integer to sort by, instead of three columns
 * (two of them bigint strings) to send, parse and compare.
 */
import type { Tables } from '../tables.js';
import { asyncCommitCondition } from './async-commit.js';
import { dbNowMs } from './clock.js';

/** Claims up to $3 jobs of queue $1, ready or with an expired lease: attempts + 1, a fresh random token, a lease of $4 ms. */
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
    ORDER BY reserved_until
    LIMIT $3
    FOR UPDATE SKIP LOCKED
  ), chosen AS (
    SELECT row, row_number() OVER (ORDER BY priority DESC, available_at, seq)::int AS ord
    FROM (SELECT * FROM ready UNION ALL SELECT * FROM expired) AS c
    ORDER BY ord
    LIMIT $3
  )
  UPDATE ${t.jobs} AS j
  SET attempts = j.attempts + 1, token = gen_random_uuid()::text, reserved_until = ${dbNowMs} + $4
  FROM chosen
  WHERE j.ctid = chosen.row${asyncCommitCondition(asyncCommit)}
  RETURNING j.id, j.payload, j.attempts, j.token, chosen.ord`;

/** The same claim over ready jobs only (same parameters and rows). */
export const reserveReadySql = (t: Tables, asyncCommit: boolean): string => `
  UPDATE ${t.jobs} AS j
  SET attempts = j.attempts + 1, token = gen_random_uuid()::text, reserved_until = ${dbNowMs} + $4
  FROM (
    SELECT row, row_number() OVER (ORDER BY priority DESC, available_at, seq)::int AS ord
    FROM (
      SELECT ctid AS row, priority, available_at, seq FROM ${t.jobs}
      WHERE queue = $1 AND token IS NULL AND available_at <= $2
      ORDER BY priority DESC, available_at, seq
      LIMIT $3
      FOR UPDATE SKIP LOCKED
    ) AS ready
  ) AS chosen
  WHERE j.ctid = chosen.row${asyncCommitCondition(asyncCommit)}
  RETURNING j.id, j.payload, j.attempts, j.token, chosen.ord`;
