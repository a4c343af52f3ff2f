/**
 * @module drivers/mysql/ack-jobs
 * Token-checked completion, extension, release and failure of leased jobs.
 */
import type { FailureInput, ReleaseOptions, Reservation } from '../driver.js';
import { execute, rollback } from './mysql-client.js';
import type { MysqlContext } from './mysql-context.js';
import { notifyWork } from './wake-bus.js';

/** Reservations per DELETE/UPDATE statement (1000). */
export const MAX_IDS_PER_STATEMENT = 1000;
/** Longest error message or stack stored; longer ones are cut (65535 characters). */
export const MAX_ERROR_TEXT = 65_535;

/** Deletes completed jobs in one statement per 1000; returns how many were current. */
export async function completeJobs(
  context: MysqlContext,
  reservations: readonly Reservation[],
): Promise<number> {
  let done = 0;
  for (const chunk of chunks(reservations)) {
    const header = await context.client.exec(context.sql.ack.COMPLETE_JOBS, [
      chunk.map((r) => r.seq),
      chunk.map((r) => r.token),
    ]);
    done += header.affectedRows;
  }
  return done;
}

/** Moves the lease end of current reservations; returns how many were current. */
export async function extendJobs(
  context: MysqlContext,
  reservations: readonly Reservation[],
  leaseSeconds: number,
): Promise<number> {
  const leaseUntil = Date.now() + Math.round(leaseSeconds * 1000);
  let extended = 0;
  for (const chunk of chunks(reservations)) {
    const header = await context.client.exec(context.sql.ack.EXTEND_JOBS, [
      leaseUntil,
      chunk.map((r) => r.seq),
      chunk.map((r) => r.token),
    ]);
    extended += header.affectedRows;
  }
  return extended;
}

/**
 * Returns a job to its queue after `delaySeconds`, attempts kept (or one taken back with
 * `refund`); `false` when the token is stale.
 */
export async function releaseJob(
  context: MysqlContext,
  reservation: Reservation,
  delaySeconds: number,
  options?: ReleaseOptions,
): Promise<boolean> {
  const delayMs = Math.max(0, Math.round(delaySeconds * 1000));
  const header = await context.client.exec(context.sql.ack.RELEASE_JOB, [
    Date.now() + delayMs,
    delayMs > 0 ? 1 : 0,
    options?.refund === true ? 1 : 0,
    reservation.id,
    reservation.token,
  ]);
  const released = header.affectedRows === 1;
  if (released && delayMs === 0) notifyWork(context.storage, [reservation.queue]);
  return released;
}

/** Copies the job into the failed store and deletes it, in one transaction; `false` when stale. */
export function failJob(
  context: MysqlContext,
  reservation: Reservation,
  failure: FailureInput,
): Promise<boolean> {
  const { error } = failure;
  return context.client.transaction(async (connection) => {
    const copied = await execute(connection, context.sql.ack.COPY_TO_FAILED, [
      failure.connection.slice(0, 191),
      error.name.slice(0, 191),
      error.message.slice(0, MAX_ERROR_TEXT),
      error.stack === undefined ? null : error.stack.slice(0, MAX_ERROR_TEXT),
      Math.round(failure.failedAt ?? Date.now()),
      reservation.id,
      reservation.token,
    ]);
    if (copied.affectedRows === 0) return rollback(false);
    // The copy read the latest committed row; deleting by the same token proves it is still that row.
    const deleted = await execute(connection, context.sql.ack.DELETE_LEASED, [
      reservation.id,
      reservation.token,
    ]);
    if (deleted.affectedRows !== 1) return rollback(false);
    return true;
  });
}

interface Keyed {
  seq: number;
  token: string;
}

/**
 * The reservations as (seq, token) pairs, at most 1000 per chunk. A token that does not end in a
 * `seq` was never issued by this driver, so it cannot be current and is left out.
 */
function chunks(reservations: readonly Reservation[]): Keyed[][] {
  const keyed: Keyed[] = [];
  for (const { token } of reservations) {
    const seq = seqOfToken(token);
    if (seq !== undefined) keyed.push({ seq, token });
  }
  const out: Keyed[][] = [];
  for (let start = 0; start < keyed.length; start += MAX_IDS_PER_STATEMENT) {
    out.push(keyed.slice(start, start + MAX_IDS_PER_STATEMENT));
  }
  return out;
}

/** The row's `seq` that ends a token (`<batch part>.<seq>`); undefined for a foreign token. */
export function seqOfToken(token: string): number | undefined {
  const match = /\.(\d{1,15})$/.exec(token);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
