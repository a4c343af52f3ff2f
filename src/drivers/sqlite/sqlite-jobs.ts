/**
 * @module drivers/sqlite/sqlite-jobs
 * The job lifecycle on one connection: enqueue, reserve, complete, extend, release, fail.
 * Each call is one short synchronous transaction (better-sqlite3 blocks the thread while it
 * runs), built once per connection. Writes take the lock up front (`BEGIN IMMEDIATE`), so
 * several processes on one file queue up on the busy timeout instead of failing midway.
 */
import type { EnqueueRecord, FailureInput, Reservation } from '../driver.js';
import type { ClaimedRow } from './job-statements.js';
import { newTokenBase, seqOf, tokenOf } from './reservation-token.js';
import type { SqliteHandle } from './sqlite-handle.js';

/** Within a queue: higher priority, then earlier availableAt, then push order. */
function claimOrder(a: ClaimedRow, b: ClaimedRow): number {
  return b[4] - a[4] || a[5] - b[5] || a[0] - b[0];
}

/** Job operations bound to one open connection. `wake(queue)` tells in-process waiters. */
export class SqliteJobs {
  private readonly enqueueTx;
  private readonly reserveTx;
  private readonly completeTx;
  private readonly extendTx;
  private readonly failTx;
  private readonly clearTx;

  constructor(
    private readonly handle: SqliteHandle,
    private readonly wake: (queue: string) => void,
  ) {
    const { db, jobs } = handle;

    this.enqueueTx = db.transaction((records: EnqueueRecord[], now: number): Set<string> => {
      const ready = new Set<string>();
      for (const r of records) {
        const availableAt = r.availableAt ?? now;
        const delayed = availableAt > now;
        jobs.insert.run(
          r.id,
          r.queue,
          r.payload,
          r.priority ?? 0,
          availableAt,
          r.attempts ?? 0,
          delayed ? availableAt : null,
        );
        if (!delayed) ready.add(r.queue);
      }
      return ready;
    });

    this.reserveTx = db.transaction(
      (queues: string[], max: number, now: number, leaseUntil: number, tokenBase: string): Reservation[] => {
        const reserved: Reservation[] = [];
        for (const queue of queues) {
          const room = max - reserved.length;
          if (room <= 0) break;
          jobs.wake.run(queue, now);
          const rows = jobs.claim.all({ leaseUntil, tokenBase, queue, max: room }) as ClaimedRow[];
          // RETURNING gives rows in rowid order, not in claim order.
          if (rows.length > 1) rows.sort(claimOrder);
          for (const [seq, id, payload, attempts] of rows) {
            reserved.push({ id, queue, payload, attempts, token: tokenOf(tokenBase, seq), leaseUntil });
          }
        }
        return reserved;
      },
    );

    this.completeTx = db.transaction((reservations: Reservation[]): number => {
      let deleted = 0;
      for (const r of reservations) {
        const seq = seqOf(r.token);
        if (seq !== null) deleted += jobs.complete.run(seq, r.token).changes;
      }
      return deleted;
    });

    this.extendTx = db.transaction((reservations: Reservation[], leaseUntil: number): number => {
      let extended = 0;
      for (const r of reservations) {
        const seq = seqOf(r.token);
        if (seq !== null) extended += jobs.extend.run(leaseUntil, seq, r.token).changes;
      }
      return extended;
    });

    this.failTx = db.transaction((seq: number, r: Reservation, failure: FailureInput): boolean => {
      const moved = jobs.moveToFailed.run({
        seq,
        token: r.token,
        connection: failure.connection,
        name: failure.error.name,
        message: failure.error.message,
        stack: failure.error.stack ?? null,
        failedAt: failure.failedAt ?? Date.now(),
      }).changes;
      if (moved === 0) return false;
      jobs.deleteBySeq.run(seq);
      return true;
    });

    this.clearTx = db.transaction((queue: string): void => {
      jobs.clearReady.run(queue);
      jobs.clearWaiting.run(queue);
    });
  }

  /** Stores the records in one transaction and wakes waiters of queues that got ready work. */
  enqueue(records: EnqueueRecord[]): void {
    if (records.length === 0) return;
    const ready = this.enqueueTx.immediate(records, Date.now());
    for (const queue of ready) this.wake(queue);
  }

  /** Claims up to `max` jobs across `queues` in strict order, in one transaction. */
  reserve(queues: string[], max: number, leaseSeconds: number): Reservation[] {
    const limit = Math.floor(max);
    if (!(limit > 0) || queues.length === 0) return [];
    const now = Date.now();
    return this.reserveTx.immediate(queues, limit, now, now + leaseMs(leaseSeconds), newTokenBase());
  }

  /** Deletes every reservation whose token is current, in one transaction. */
  complete(reservations: Reservation[]): number {
    return reservations.length === 0 ? 0 : this.completeTx.immediate(reservations);
  }

  /** Moves current leases to end `leaseSeconds` from now, in one transaction. */
  extend(reservations: Reservation[], leaseSeconds: number): number {
    if (reservations.length === 0) return 0;
    return this.extendTx.immediate(reservations, Date.now() + leaseMs(leaseSeconds));
  }

  /** Returns the job to its queue after `delaySeconds` with its attempts kept. */
  release(reservation: Reservation, delaySeconds: number): boolean {
    const seq = seqOf(reservation.token);
    if (seq === null) return false;
    const delay = leaseMs(delaySeconds);
    const availableAt = Date.now() + delay;
    const queue = this.handle.jobs.release.get({
      seq,
      token: reservation.token,
      availableAt,
      wakeAt: delay > 0 ? availableAt : null,
    }) as string | undefined;
    if (queue === undefined) return false;
    if (delay === 0) this.wake(queue);
    return true;
  }

  /** Moves the job to the failed store, token-checked, in one transaction. */
  fail(reservation: Reservation, failure: FailureInput): boolean {
    const seq = seqOf(reservation.token);
    return seq !== null && this.failTx.immediate(seq, reservation, failure);
  }

  /** Removes every job of `queue`, whatever its state. */
  clear(queue: string): void {
    this.clearTx.immediate(queue);
  }
}

/** Seconds to whole milliseconds, never negative. */
function leaseMs(seconds: number): number {
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : 0;
}
