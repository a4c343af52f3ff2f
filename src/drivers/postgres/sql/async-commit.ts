/**
 * @module drivers/postgres/sql/async-commit
 * A condition that turns `synchronous_commit` off for the statement's own transaction
 * (`set_config(…, true)` is `SET LOCAL`), so its commit does not wait for the WAL flush.
 *
 * Used for claims and lease extensions only. Losing one of those in a server crash is harmless
 * under at-least-once delivery: a lost claim leaves the job ready (to run again), a lost
 * extension leaves the older lease. Pushes, completions, releases and failures keep the server's
 * setting. WAL is written in order, so a later synchronous commit (the job's completion) also
 * makes its claim durable.
 */

/**
 * ` AND (SELECT set_config(…)) IS NOT NULL` to append to a WHERE clause, or `''` when off. An
 * uncorrelated subquery is an InitPlan: evaluated once per statement, not once per row.
 */
export const asyncCommitCondition = (enabled: boolean): string =>
  enabled ? ` AND (SELECT set_config('synchronous_commit', 'off', true)) IS NOT NULL` : '';
