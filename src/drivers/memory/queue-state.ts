/**
 * @module drivers/memory/queue-state
 * One queue of the memory driver: ready jobs per priority, delayed jobs, and leases.
 *
 * Counts are kept exactly; entries of jobs that left (finished, replaced) stay in the
 * structures as dead weight and are skipped when reached, or swept when they pile up.
 */
import { type JobRecord, JobState } from './job-record.js';
import { LeaseBook } from './lease-book.js';
import type { LeaseSlots } from './lease-slots.js';
import { OrderedQueue } from './ordered-queue.js';

/** The state of one queue. */
export class QueueState {
  /** Ready jobs by priority; `priorities` lists the keys, highest first. */
  private readonly buckets = new Map<number, OrderedQueue<JobRecord>>();
  private priorities: number[] = [];
  /** Most jobs share one priority: skip the map lookup for a repeat. */
  private lastBucket: OrderedQueue<JobRecord> | undefined;
  private lastPriority = 0;
  private readonly delayed = new OrderedQueue<JobRecord>();
  private readonly leases = new LeaseBook();
  ready = 0;
  delayedCount = 0;
  reserved = 0;

  constructor(
    readonly name: string,
    private readonly slots: LeaseSlots,
  ) {}

  /** Jobs held in any state. */
  get total(): number {
    return this.ready + this.delayedCount + this.reserved;
  }

  /** Places a record that is ready or delayed at `now`. */
  place(rec: JobRecord, now: number): void {
    if (rec.at > now) {
      rec.state = JobState.Delayed;
      this.delayedCount++;
      this.delayed.push(rec);
    } else {
      rec.state = JobState.Ready;
      this.ready++;
      this.bucket(rec.priority).push(rec);
    }
  }

  /** Promotes due delayed jobs and takes back expired leases. */
  maintain(now: number): void {
    let next = this.delayed.peek();
    while (next !== undefined && next.at <= now) {
      this.delayed.shift();
      if (next.state === JobState.Delayed) {
        this.delayedCount--;
        next.state = JobState.Ready;
        this.ready++;
        this.bucket(next.priority).push(next);
      }
      next = this.delayed.peek();
    }
    if (this.leases.nextDue() <= now) this.leases.expire(now, this.reclaim);
  }

  /** Moves up to `max - out.length` ready jobs into `out`, best first, marking them reserved. */
  take(out: JobRecord[], max: number): void {
    if (this.ready === 0) return;
    for (const priority of this.priorities) {
      const bucket = this.buckets.get(priority) as OrderedQueue<JobRecord>;
      while (out.length < max) {
        const rec = bucket.shift();
        if (rec === undefined) break;
        if (rec.state !== JobState.Ready) continue;
        rec.state = JobState.Reserved;
        out.push(rec);
        this.ready--;
        this.reserved++;
      }
      if (out.length >= max) return;
    }
  }

  /** Files leases (records reserved together, `leaseNo` ascending) to be checked at `at`. */
  fileLeases(recs: JobRecord[], at: number): void {
    this.leases.file(recs, at);
  }

  /** Takes a record out of its state's count (the caller marks it and moves it). */
  unlist(rec: JobRecord): void {
    if (rec.state === JobState.Ready) this.ready--;
    else if (rec.state === JobState.Delayed) this.delayedCount--;
    else if (rec.state === JobState.Reserved) {
      this.slots.vacate(rec);
      this.reserved--;
      this.leases.sweep(this.reserved);
    }
  }

  /** The earliest time a delayed job or a lease is due, or `Infinity`. */
  nextDue(): number {
    const d = this.delayed.peek();
    return Math.min(d === undefined ? Number.POSITIVE_INFINITY : d.at, this.leases.nextDue());
  }

  /** Visits every live record. */
  forEachRecord(fn: (rec: JobRecord) => void): void {
    for (const bucket of this.buckets.values()) {
      bucket.forEach((rec) => {
        if (rec.state === JobState.Ready) fn(rec);
      });
    }
    this.delayed.forEach((rec) => {
      if (rec.state === JobState.Delayed) fn(rec);
    });
    this.leases.forEachLive(fn);
  }

  /** A lease ended: the job is ready again, attempts kept, at its old place in line. */
  private readonly reclaim = (rec: JobRecord): void => {
    rec.state = JobState.Ready;
    this.slots.vacate(rec);
    rec.leaseUntil = 0;
    this.reserved--;
    this.ready++;
    this.bucket(rec.priority).push(rec);
  };

  private bucket(priority: number): OrderedQueue<JobRecord> {
    if (this.lastBucket !== undefined && priority === this.lastPriority) return this.lastBucket;
    let bucket = this.buckets.get(priority);
    if (bucket === undefined) {
      bucket = new OrderedQueue<JobRecord>();
      this.buckets.set(priority, bucket);
      this.priorities = [...this.buckets.keys()].sort((a, b) => b - a);
    }
    this.lastBucket = bucket;
    this.lastPriority = priority;
    return bucket;
  }
}
