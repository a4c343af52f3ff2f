/**
 * @module drivers/memory/memory-store
 * The memory driver's storage and its synchronous, atomic operations.
 * Every driver created with the same name shares one store, so siblings see the same jobs.
 */
import { randomBytes } from 'node:crypto';
import type { EnqueueRecord, FailedJobRecord, FailureInput, QueueSizes, Reservation } from '../driver.js';
import { type JobRecord, JobState } from './job-record.js';
import { MemoryAtomic } from './memory-atomic.js';
import { QueueState } from './queue-state.js';
import { WaiterRegistry } from './waiter.js';

/** All state behind one (named or private) memory connection. */
export class MemoryStore {
  readonly queues = new Map<string, QueueState>();
  /** Live jobs by id, in any state. */
  readonly jobs = new Map<string, JobRecord>();
  /** Failed jobs by id, in the order they failed. */
  readonly failed = new Map<string, FailedJobRecord>();
  readonly waiters = new WaiterRegistry();
  /** Counters and locks, shared like the jobs. */
  readonly atomic = new MemoryAtomic();
  private seq = 0;
  private tokenSeq = 0;
  // A counter is enough for uniqueness in one process; the prefix keeps tokens of two stores apart.
  private readonly tokenPrefix = `${randomBytes(6).toString('base64url')}.`;

  enqueue(records: readonly EnqueueRecord[]): void {
    const now = Date.now();
    const notify = this.waiters.size > 0;
    let home: QueueState | undefined;
    for (const r of records) {
      if (home === undefined || home.name !== r.queue) home = this.queueState(r.queue);
      const rec: JobRecord = {
        id: r.id,
        queue: r.queue,
        home,
        payload: r.payload,
        at: r.availableAt,
        priority: r.priority ?? 0,
        attempts: r.attempts ?? 0,
        seq: ++this.seq,
        state: JobState.Ready,
        token: '',
        leaseUntil: 0,
      };
      this.insert(rec, now);
      if (notify) this.announce(rec);
    }
  }

  reserve(queues: readonly string[], max: number, leaseSeconds: number): Reservation[] {
    const out: JobRecord[] = [];
    if (max <= 0) return [];
    const now = Date.now();
    const leaseUntil = now + leaseSeconds * 1000;
    for (const name of queues) {
      const qs = this.queues.get(name);
      if (qs === undefined) continue;
      qs.maintain(now);
      const from = out.length;
      qs.take(out, max);
      if (out.length === from) continue;
      for (let i = from; i < out.length; i++) {
        const rec = out[i] as JobRecord;
        rec.attempts++;
        rec.token = this.tokenPrefix + (++this.tokenSeq).toString(36);
        rec.leaseUntil = leaseUntil;
        qs.addLease(rec, leaseUntil, ++this.seq);
      }
      // Waiters on this queue should look again when these leases could expire.
      if (this.waiters.size > 0) this.waiters.dueBy(name, leaseUntil);
      if (out.length >= max) break;
    }
    const reservations: Reservation[] = new Array(out.length);
    for (let i = 0; i < out.length; i++) {
      const rec = out[i] as JobRecord;
      reservations[i] = {
        id: rec.id,
        queue: rec.queue,
        payload: rec.payload,
        attempts: rec.attempts,
        token: rec.token,
        leaseUntil: rec.leaseUntil,
      };
    }
    return reservations;
  }

  complete(reservations: readonly Reservation[]): number {
    let done = 0;
    for (const r of reservations) {
      const rec = this.current(r);
      if (rec === undefined) continue;
      this.remove(rec);
      done++;
    }
    return done;
  }

  release(reservation: Reservation, delaySeconds: number): boolean {
    const rec = this.current(reservation);
    if (rec === undefined) return false;
    const now = Date.now();
    const qs = rec.home;
    qs.unlist(rec);
    rec.token = '';
    rec.leaseUntil = 0;
    rec.at = now + Math.max(0, delaySeconds) * 1000;
    rec.seq = ++this.seq;
    qs.place(rec, now);
    if (this.waiters.size > 0) this.announce(rec);
    return true;
  }

  fail(reservation: Reservation, failure: FailureInput): boolean {
    const rec = this.current(reservation);
    if (rec === undefined) return false;
    this.remove(rec);
    const { name, message, stack } = failure.error;
    this.failed.delete(rec.id);
    this.failed.set(rec.id, {
      id: rec.id,
      connection: failure.connection,
      queue: rec.queue,
      payload: rec.payload,
      error: stack === undefined ? { name, message } : { name, message, stack },
      failedAt: failure.failedAt ?? Date.now(),
      attempts: rec.attempts,
    });
    return true;
  }

  extend(reservations: readonly Reservation[], leaseSeconds: number): number {
    const leaseUntil = Date.now() + leaseSeconds * 1000;
    let extended = 0;
    for (const r of reservations) {
      const rec = this.current(r);
      if (rec === undefined) continue;
      if (leaseUntil < rec.leaseUntil) {
        // A shorter lease needs an earlier check than the entry already queued.
        rec.home.addLease(rec, leaseUntil, ++this.seq);
      }
      rec.leaseUntil = leaseUntil;
      extended++;
    }
    return extended;
  }

  sizes(queue: string): QueueSizes {
    const qs = this.queues.get(queue);
    if (qs === undefined) return { ready: 0, delayed: 0, reserved: 0 };
    qs.maintain(Date.now());
    return { ready: qs.ready, delayed: qs.delayedCount, reserved: qs.reserved };
  }

  queueNames(): string[] {
    const names = new Set<string>();
    for (const qs of this.queues.values()) if (qs.total > 0) names.add(qs.name);
    for (const f of this.failed.values()) names.add(f.queue);
    return [...names].sort();
  }

  clear(queue: string): void {
    const qs = this.queues.get(queue);
    if (qs === undefined) return;
    qs.forEachRecord((rec) => {
      rec.state = JobState.Removed;
      if (this.jobs.get(rec.id) === rec) this.jobs.delete(rec.id);
    });
    this.queues.delete(queue);
  }

  clearAll(): void {
    for (const rec of this.jobs.values()) rec.state = JobState.Removed;
    this.jobs.clear();
    this.queues.clear();
  }

  /** Stores a record in its `home`, replacing any job with the same id. */
  private insert(rec: JobRecord, now: number): void {
    const existing = this.jobs.get(rec.id);
    if (existing !== undefined) this.remove(existing);
    this.jobs.set(rec.id, rec);
    rec.home.place(rec, now);
  }

  /** The state of queue `name`, created on first use. */
  private queueState(name: string): QueueState {
    let qs = this.queues.get(name);
    if (qs === undefined) {
      qs = new QueueState(name);
      this.queues.set(name, qs);
    }
    return qs;
  }

  /** Wakes waiters for a ready record, or schedules them for a delayed one. */
  announce(rec: JobRecord): void {
    if (rec.state === JobState.Ready) this.waiters.wake(rec.queue);
    else this.waiters.dueBy(rec.queue, rec.at);
  }

  /** The record `r` still holds, or `undefined` when its token is stale. */
  private current(r: Reservation): JobRecord | undefined {
    const rec = this.jobs.get(r.id);
    if (rec === undefined || rec.state !== JobState.Reserved || rec.token !== r.token) return undefined;
    return rec;
  }

  private remove(rec: JobRecord): void {
    rec.home.unlist(rec);
    rec.state = JobState.Removed;
    this.jobs.delete(rec.id);
  }
}
