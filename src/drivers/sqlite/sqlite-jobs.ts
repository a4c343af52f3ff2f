/**
 * @module drivers/sqlite/sqlite-jobs
 * The job lifecycle on one connection: enqueue, reserve, complete, extend, release, fail,
 * clear. Each operation is a short synchronous piece of SQL run through the group commit
 * (`group-commit.ts`): writes issued in the same event-loop turn share one `BEGIN IMMEDIATE`
 * transaction, and several processes on one file queue up on the busy timeout for it.
 */
import type { EnqueueRecord, FailureInput, ReleaseOptions, Reservation } from '../driver.js';
import type { ClaimedRow } from './job-statements.js';
import { newTokenBase, seqOf, tokenOf } from './reservation-token.js';
import type { SqliteHandle } from './sqlite-handle.js';

/** Within a queue: higher priority, then earlier availableAt, then push order. */
function claimOrder(a: ClaimedRow, b: ClaimedRow): number {
  return b[4] - a[4] || a[5] - b[5] || a[0] - b[0];
}

/** The latest time a Date can hold; an infinite lease or delay ends there. */
const END_OF_TIME_MS = 8.64e15;

/** Seconds to whole milliseconds: never negative, `Infinity` capped so `now + ms` stays an integer. */
function toMs(seconds: number): number {
  if (!(seconds > 0)) return 0;
  return Math.min(Math.round(seconds * 1000), END_OF_TIME_MS - Date.now());
}

/** Job operations bound to one open connection. `wake(queue)` tells in-process waiters. */
export class SqliteJobs {
  constructor(
    private readonly handle: SqliteHandle,
    private readonly wake: (queue: string) => void,
  ) {}

  /** Stores the records, then wakes waiters of the queues that got ready work. */
  async enqueue(records: EnqueueRecord[]): Promise<void> {
    if (records.length === 0) return;
    const { insert } = this.handle.jobs;
    const ready = await this.handle.commit.run(() => {
      const now = Date.now();
      const queues = new Set<string>();
      for (const r of records) {
        const availableAt = r.availableAt ?? now;
        const delayed = availableAt > now;
        insert.run(
          r.id,
          r.queue,
          r.payload,
          r.priority ?? 0,
          availableAt,
          r.attempts ?? 0,
          delayed ? availableAt : null,
        );
        if (!delayed) queues.add(r.queue);
      }
      return queues;
    });
    for (const queue of ready) this.wake(queue);
  }

  /** Claims up to `max` jobs across `queues` in strict order, waking due rows of each queue first. */
  async reserve(queues: string[], max: number, leaseSeconds: number): Promise<Reservation[]> {
    const limit = Math.floor(max);
    if (!(limit > 0) || queues.length === 0) return [];
    const { wake, claim } = this.handle.jobs;
    return this.handle.commit.run(() => {
      const now = Date.now();
      const leaseUntil = now + toMs(leaseSeconds);
      const tokenBase = newTokenBase();
      const reserved: Reservation[] = [];
      for (const queue of queues) {
        const room = limit - reserved.length;
        if (room <= 0) break;
        wake.run(queue, now);
        const rows = claim.all({ leaseUntil, tokenBase, queue, max: room }) as ClaimedRow[];
        // RETURNING gives rows in rowid order, not in claim order.
        if (rows.length > 1) rows.sort(claimOrder);
        for (const [seq, id, payload, attempts] of rows) {
          reserved.push({ id, queue, payload, attempts, token: tokenOf(tokenBase, seq), leaseUntil });
        }
      }
      return reserved;
    });
  }

  /** Deletes every reservation whose token is current. */
  async complete(reservations: Reservation[]): Promise<number> {
    if (reservations.length === 0) return 0;
    const { complete } = this.handle.jobs;
    return this.handle.commit.run(() => {
      let deleted = 0;
      for (const r of reservations) {
        const seq = seqOf(r.token);
        if (seq !== null) deleted += complete.run(seq, r.token).changes;
      }
      return deleted;
    });
  }

  /** Moves current leases to end `leaseSeconds` from now. */
  async extend(reservations: Reservation[], leaseSeconds: number): Promise<number> {
    if (reservations.length === 0) return 0;
    const { extend } = this.handle.jobs;
    return this.handle.commit.run(() => {
      const leaseUntil = Date.now() + toMs(leaseSeconds);
      let extended = 0;
      for (const r of reservations) {
        const seq = seqOf(r.token);
        if (seq !== null) extended += extend.run(leaseUntil, seq, r.token).changes;
      }
      return extended;
    });
  }

  /** Returns the job to its queue after `delaySeconds`, attempts kept (or one taken back with `refund`). */
  async release(reservation: Reservation, delaySeconds: number, options?: ReleaseOptions): Promise<boolean> {
    const seq = seqOf(reservation.token);
    if (seq === null) return false;
    const delay = toMs(delaySeconds);
    const refund = options?.refund === true ? 1 : 0;
    const queue = await this.handle.commit.run(() => {
      const availableAt = Date.now() + delay;
      const wakeAt = delay > 0 ? availableAt : null;
      return this.handle.jobs.release.get({ seq, token: reservation.token, availableAt, wakeAt, refund }) as
        | string
        | undefined;
    });
    if (queue === undefined) return false;
    if (delay === 0) this.wake(queue);
    return true;
  }

  /** Moves the job to the failed store, token-checked, atomically. */
  async fail(reservation: Reservation, failure: FailureInput): Promise<boolean> {
    const seq = seqOf(reservation.token);
    if (seq === null) return false;
    const { moveToFailed, deleteBySeq } = this.handle.jobs;
    return this.handle.commit.run(() => {
      const moved = moveToFailed.run({
        seq,
        token: reservation.token,
        connection: failure.connection,
        name: failure.error.name,
        message: failure.error.message,
        stack: failure.error.stack ?? null,
        failedAt: failure.failedAt ?? Date.now(),
      }).changes;
      if (moved === 0) return false;
      deleteBySeq.run(seq);
      return true;
    });
  }

  /** Removes every job of `queue`, whatever its state. */
  async clear(queue: string): Promise<void> {
    const { clearReady, clearWaiting } = this.handle.jobs;
    await this.handle.commit.run(() => {
      clearReady.run(queue);
      clearWaiting.run(queue);
    });
  }

  /** Removes every job of every queue. */
  async clearAll(): Promise<void> {
    await this.handle.commit.run(() => this.handle.jobs.clearAll.run());
  }
}
