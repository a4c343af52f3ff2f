/**
 * @module drivers/memory/memory-reservation
 * The memory driver's reservation: the contract's plain fields, plus a private link to the
 * stored record so complete/release/fail/extend skip the id lookup (the hot path of a worker).
 * The link is only a shortcut: the token is still checked, and a copied or rebuilt reservation
 * (no link) is looked up by id.
 */
import type { Reservation } from '../driver.js';
import type { JobRecord } from './job-record.js';

/** A reservation made by the memory driver. */
export class MemoryReservation implements Reservation {
  readonly #record: JobRecord;
  id: string;
  queue: string;
  payload: string;
  attempts: number;
  token: string;
  leaseUntil: number;

  constructor(record: JobRecord) {
    this.#record = record;
    this.id = record.id;
    this.queue = record.queue;
    this.payload = record.payload;
    this.attempts = record.attempts;
    this.token = record.token;
    this.leaseUntil = record.leaseUntil;
  }

  /** The record `r` was made from, when `r` is a `MemoryReservation`. */
  static recordOf(r: Reservation): JobRecord | undefined {
    return #record in r ? (r as MemoryReservation).#record : undefined;
  }
}
