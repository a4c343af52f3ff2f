/**
 * @module drivers/postgres/sql/clock
 * The database clock in epoch ms. Leases, counters and locks are set and checked by many
 * machines, so they use this one clock: a worker whose clock runs ahead must not reclaim leases
 * that are still running elsewhere. `availableAt` stays on the client clock, as the contract has it.
 */

/** SQL for "now" in epoch milliseconds, fixed for the whole statement. */
export const dbNowMs = '(extract(epoch FROM statement_timestamp()) * 1000)::bigint';
