/**
 * @module drivers/postgres/sql/complete
 * Batched, token-safe completion: a job is deleted only when its (id, token) pair is current.
 *
 * $1 ids, $2 tokens (same length, pairwise).
 */
import type { Tables } from '../tables.js';

/** Deletes every job whose (id, token) is in the pairs; the row count is how many. */
export const completeSql = (t: Tables): string => `
  DELETE FROM ${t.jobs} AS j
  USING unnest($1::text[], $2::text[]) AS r(id, token)
  WHERE j.id = r.id AND j.token = r.token`;
