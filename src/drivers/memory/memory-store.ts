/**
 * @module drivers/memory/memory-store
 * The memory driver's storage and its synchronous, atomic operations.
 * Every driver created with the same name shares one store, so siblings see the same jobs.
 */
import type {
  EnqueueRecord,
  FailedJobRecord,
  FailureInput,
  QueueSizes,
  ReleaseOptions,
  Reservation,
} from '../driver.js';
import { type JobRecord, JobState } from './job-record.js';
import { LeaseSlots } from './lease-slots.js';
import { MemoryAtomic } from './memory-atomic.js';
import { QueueState } from './queue-state.js';
import { WaiterRegistry } from './waiter.js';

/** All state behind one (named or private) memory connection. */
export class MemoryStore {
  readonly queues = new Map<string, QueueState>();
  /**
   * Jobs by id. Finished jobs stay as `Removed` entries until they outnumber the live ones
   * threefold, then the map is rebuilt: deleting from a large Map one key at a time costs
   * more than the rest of `complete` put together.
   */
  private jobs = new Map<string, JobRecord>();
  /** `Removed` entries in `jobs`. */
  private dead = 0;
  /** Failed jobs by id, in the order they failed. */
  readonly failed = new Map<string, FailedJobRecord>();
  readonly waiters = new WaiterRegistry();
  /** Counters and locks, shared like the jobs. */
  readonly atomic = new MemoryAtomic();
  private readonly slots = new LeaseSlots();
  private seq = 0;

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
        slot: -1,
        leaseNo: 0,
        leaseUntil: 0,
      };
      this.insert(rec, now);
      if (notify) this.announce(rec);
    }
  }

  reserve(queues: readonly string[], max: number, leaseSeconds: number): Reservation[] {
    if (!(max > 0)) return [];
    const out: JobRecord[] = [];
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
        this.slots.assign(rec);
        rec.leaseUntil = leaseUntil;
      }
      qs.fileLeases(from === 0 && out.length >= max ? out : out.slice(from), leaseUntil);
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

  release(reservation: Reservation, delaySeconds: number, options?: ReleaseOptions): boolean {
    const rec = this.current(reservation);
    if (rec === undefined) return false;
    const now = Date.now();
    const qs = rec.home;
    qs.unlist(rec);
    if (options?.refund === true && rec.attempts > 0) rec.attempts--;
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
        rec.home.fileLeases([rec], leaseUntil);
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
      if (rec.state === JobState.Reserved) this.slots.vacate(rec);
      rec.state = JobState.Removed;
      this.dead++;
    });
    this.queues.delete(queue);
    this.rebuildJobs();
  }

  clearAll(): void {
    for (const rec of this.jobs.values()) rec.state = JobState.Removed;
    this.jobs = new Map();
    this.dead = 0;
    this.slots.reset();
    this.queues.clear();
  }

  /** Stores a record in its `home`, replacing any job with the same id. */
  private insert(rec: JobRecord, now: number): void {
    const existing = this.jobs.get(rec.id);
    if (existing !== undefined) {
      if (existing.state === JobState.Removed) {
        this.dead--;
      } else {
        // Replaced: its entry is reused below, so it is not counted as dead.
        existing.home.unlist(existing);
        existing.state = JobState.Removed;
      }
    }
    this.jobs.set(rec.id, rec);
    rec.home.place(rec, now);
  }

  /** The state of queue `name`, created on first use. */
  private queueState(name: string): QueueState {
    let qs = this.queues.get(name);
    if (qs === undefined) {
      qs = new QueueState(name, this.slots);
      this.queues.set(name, qs);
    }
    return qs;
  }

  /** Wakes waiters for a ready record, or schedules them for a delayed one. */
  private announce(rec: JobRecord): void {
    if (rec.state === JobState.Ready) this.waiters.wake(rec.queue);
    else this.waiters.dueBy(rec.queue, rec.at);
  }

  /** The record `r` still holds, or `undefined` when its token is stale. */
  private current(r: Reservation): JobRecord | undefined {
    const rec = this.slots.find(r.token);
    if (rec === undefined || rec.state !== JobState.Reserved || rec.id !== r.id) return undefined;
    return rec;
  }

  private remove(rec: JobRecord): void {
    rec.home.unlist(rec);
    rec.state = JobState.Removed;
    this.dead++;
    if (this.dead > 1024 && this.dead > 3 * (this.jobs.size - this.dead)) this.rebuildJobs();
  }

  /** Drops the `Removed` entries from `jobs`. */
  private rebuildJobs(): void {
    const live = new Map<string, JobRecord>();
    for (const [id, rec] of this.jobs) if (rec.state !== JobState.Removed) live.set(id, rec);
    this.jobs = live;
    this.dead = 0;
  }
}
