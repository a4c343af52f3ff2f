/**
 * @module drivers/memory/lease-slots
 * Reserved records by slot, with tokens that name their slot, so complete/release/fail/extend
 * find a reservation's record with an array index instead of a lookup in a large Map
 * (the lookup's cache misses were half the cost of `complete`).
 *
 * A token is `<store prefix><slot>.<counter>`: the counter makes it unique, the slot makes it
 * cheap to resolve, and a token is current only while it equals the record's own token.
 */
import { randomBytes } from 'node:crypto';
import type { JobRecord } from './job-record.js';

/** The slot table of one store. */
export class LeaseSlots {
  private slots: (JobRecord | undefined)[] = [];
  private free: number[] = [];
  /** `<prefix><slot>.` per slot: formatting the slot number anew costs more than the rest of `assign`. */
  private heads: string[] = [];
  private counter = 0;
  // Random per store, so a token from another store never resolves here by accident.
  private readonly prefix = randomBytes(6).toString('base64url');

  /** Gives `rec` a slot and a fresh token. */
  assign(rec: JobRecord): void {
    const slot = this.free.length > 0 ? (this.free.pop() as number) : this.slots.length;
    this.slots[slot] = rec;
    rec.slot = slot;
    let head = this.heads[slot];
    if (head === undefined) {
      head = `${this.prefix}${slot}.`;
      this.heads[slot] = head;
    }
    rec.leaseNo = ++this.counter;
    rec.token = head + rec.leaseNo.toString(36);
  }

  /** Frees `rec`'s slot and clears its token. */
  vacate(rec: JobRecord): void {
    if (rec.slot >= 0) {
      this.slots[rec.slot] = undefined;
      this.free.push(rec.slot);
      rec.slot = -1;
    }
    rec.token = '';
  }

  /** The record whose current token is `token`, if any. */
  find(token: string): JobRecord | undefined {
    const start = this.prefix.length;
    let slot = 0;
    let i = start;
    for (; i < token.length; i++) {
      const digit = token.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) break;
      slot = slot * 10 + digit;
    }
    if (i === start || i - start > 15) return undefined;
    const rec = this.slots[slot];
    return rec !== undefined && rec.token === token ? rec : undefined;
  }

  /** Forgets every slot (the records are gone). */
  reset(): void {
    this.slots = [];
    this.free = [];
  }
}
