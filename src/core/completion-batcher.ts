/**
 * @module core/completion-batcher
 * Acknowledges finished jobs in batches (§4b): a flush when `maxBatch` are waiting, or on the
 * next turn of the event loop (after `delayMs` when set), so a driver deletes many jobs in
 * one round-trip. `processed` is emitted once the driver has deleted them.
 */
import type { Driver, Reservation } from '../drivers/driver.js';
import type { RunResult } from './job-runner.js';

/** Batches `complete` calls for one worker. */
export class CompletionBatcher {
  private reservations: Reservation[] = [];
  private results: RunResult[] = [];
  private scheduled = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly driver: Driver,
    private readonly maxBatch: number,
    private readonly delayMs: number,
    private readonly onCompleted: (results: RunResult[]) => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  add(reservation: Reservation, result: RunResult): void {
    this.reservations.push(reservation);
    this.results.push(result);
    if (this.reservations.length >= this.maxBatch) {
      void this.flush();
    } else if (!this.scheduled) {
      this.scheduled = true;
      if (this.delayMs > 0) setTimeout(() => void this.flush(), this.delayMs);
      else setImmediate(() => void this.flush());
    }
  }

  /** Jobs waiting for a flush. */
  get pending(): number {
    return this.reservations.length;
  }

  /** Sends what is waiting now; resolves when every flush so far has finished. */
  async flush(): Promise<void> {
    this.scheduled = false;
    if (this.reservations.length > 0) {
      const reservations = this.reservations;
      const results = this.results;
      this.reservations = [];
      this.results = [];
      const sent = this.driver.complete(reservations).then(
        () => this.onCompleted(results),
        (error: unknown) => this.onError(error),
      );
      this.inFlight.add(sent);
      void sent.finally(() => this.inFlight.delete(sent));
    }
    await Promise.all([...this.inFlight]);
  }
}
