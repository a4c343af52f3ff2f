/**
 * @module drivers/memory/lease-book
 * When the leases of one queue end, so expired ones can be taken back lazily.
 *
 * One entry per reserved batch, not per job: a batch shares its lease end, and its records'
 * reservation numbers (`leaseNo`) fall in `[first, last]`. A record whose number left that range
 * was re-reserved since, and one that is no longer reserved was finished: both are skipped.
 * Extended leases are found when their entry comes due and are filed again at their new end.
 */
import { type JobRecord, JobState } from './job-record.js';
import { OrderedQueue } from './ordered-queue.js';

/** Sweep finished records out of the book once they outnumber live leases by this much. */
const SLACK = 1024;

interface LeaseBatch {
  /** When to check this batch (epoch ms): the earliest lease end among its records when filed. */
  at: number;
  seq: number;
  recs: JobRecord[];
  first: number;
  last: number;
}

function holds(batch: LeaseBatch, rec: JobRecord): boolean {
  return rec.state === JobState.Reserved && rec.leaseNo >= batch.first && rec.leaseNo <= batch.last;
}

/** The lease schedule of one queue. */
export class LeaseBook {
  private readonly batches = new OrderedQueue<LeaseBatch>();
  /** Records filed across all batches, live or not. */
  private filed = 0;
  private seq = 0;

  /** Files `recs` (reserved together, `leaseNo` ascending) to be checked at `at`. */
  file(recs: JobRecord[], at: number): void {
    const first = (recs[0] as JobRecord).leaseNo;
    const last = (recs[recs.length - 1] as JobRecord).leaseNo;
    this.batches.push({ at, seq: ++this.seq, recs, first, last });
    this.filed += recs.length;
  }

  /** Calls `expire` for every record whose lease ended by `now`. */
  expire(now: number, expire: (rec: JobRecord) => void): void {
    let batch = this.batches.peek();
    while (batch !== undefined && batch.at <= now) {
      this.batches.shift();
      this.filed -= batch.recs.length;
      let later: JobRecord[] | undefined;
      let laterAt = Number.POSITIVE_INFINITY;
      for (const rec of batch.recs) {
        if (!holds(batch, rec)) continue;
        if (rec.leaseUntil <= now) {
          expire(rec);
          continue;
        }
        // Extended since filed: check again at its new end.
        later ??= [];
        later.push(rec);
        if (rec.leaseUntil < laterAt) laterAt = rec.leaseUntil;
      }
      if (later !== undefined) {
        later.sort((a, b) => a.leaseNo - b.leaseNo);
        this.file(later, laterAt);
      }
      batch = this.batches.peek();
    }
  }

  /** Drops finished records when they pile up (`reserved` is the live count). */
  sweep(reserved: number): void {
    if (this.filed <= 2 * reserved + SLACK) return;
    this.filed = 0;
    this.batches.retain((batch) => {
      batch.recs = batch.recs.filter((rec) => holds(batch, rec));
      this.filed += batch.recs.length;
      return batch.recs.length > 0;
    });
  }

  /** The earliest check due, or `Infinity`. */
  nextDue(): number {
    return this.batches.peek()?.at ?? Number.POSITIVE_INFINITY;
  }

  /** Visits every record that still holds a lease filed here (once each). */
  forEachLive(fn: (rec: JobRecord) => void): void {
    const seen = new Set<JobRecord>();
    this.batches.forEach((batch) => {
      for (const rec of batch.recs) {
        if (!holds(batch, rec) || seen.has(rec)) continue;
        seen.add(rec);
        fn(rec);
      }
    });
  }
}
