/**
 * @module drivers/postgres/sql/extend
 * Batched, token-safe lease extension (the worker's heartbeat), committed asynchronously like
 * the claim (see async-commit.ts) unless the driver was told otherwise.
 *
 * $1 ids, $2 tokens, $3 lease length from now (ms, database clock).
 */
import type { Tables } from '../tables.js';
import { asyncCommitCondition } from './async-commit.js';
import { dbNowMs } from './clock.js';

/** Moves the lease end of every current (id, token) pair to $3 ms from now. */
export const extendSql = (t: Tables, asyncCommit: boolean): string => `
  UPDATE ${t.jobs} AS j SET reserved_until = ${dbNowMs} + $3
  FROM unnest($1::text[], $2::text[]) AS r(id, token)
  WHERE j.id = r.id AND j.token = r.token${asyncCommitCondition(asyncCommit)}`;
