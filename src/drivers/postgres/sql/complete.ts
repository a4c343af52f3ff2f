/**
 * @module drivers/postgres/sql/complete
 * Batched, token-safe completion: a job is deleted only when its token is current.
 *
 * Two forms. `completeByRowSql` finds the rows by the `ctid` their claim returned (one TID scan
 * of the whole batch, no primary-key descent per job) and deletes those whose token is one of
 * the batch's: tokens are unique per reservation (a random prefix per claim, see reserve.ts), so
 * a current token is proof enough. A row that moved since its claim (a lease extension writes a
 * new version), or a stale reservation, is not found that way; the driver then sends those jobs
 * through `completeSql`, by (id, token) pairs.
 */
import type { Tables } from '../tables.js';

/**
 * $1 ctids, $2 tokens: deletes the rows at those ctids whose token is in $2; the row count is how
 * many. `IN (SELECT unnest(…))` is a hash semi-join; `token = ANY ($2)` compared every row with
 * every token (200 × 200 for a batch of 200: 0.15 ms more per statement, measured).
 */
export const completeByRowSql = (t: Tables): string => `
  DELETE FROM ${t.jobs}
  WHERE ctid = ANY ($1::tid[]) AND token IN (SELECT unnest($2::text[]))`;

/** $1 ids, $2 tokens (pairwise): deletes every job whose (id, token) is in the pairs; the row count is how many. */
export const completeSql = (t: Tables): string => `
  DELETE FROM ${t.jobs} AS j
  USING unnest($1::text[], $2::text[]) AS r(id, token)
  WHERE j.id = r.id AND j.token = r.token`;
