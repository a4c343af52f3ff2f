/**
 * @module core/completion-batcher
 * Acknowledges finished jobs in batches (§4b), so a driver deletes many jobs in one round trip.
 *
 * A batch is sent on the next turn of the event loop (after `delayMs` when set), or at once
 * when `maxBatch` are waiting. While one batch is in flight the next one gathers and is sent
 * when the first returns (group commit): an idle worker acknowledges at once, a busy one sends
 * fewer, larger batches, as many as the driver's round trip lets through. `processed` is
 * emitted once the driver has deleted them.
 */
import type { Driver, Reservation } from '../drivers/driver.js';
import type { RunResult } from './job-runner.js';

/** Batches `complete` calls for one worker. */
export class CompletionBatcher {
  private reservations: Reservation[] = [];
  private results: RunResult[] = [];
  private scheduled = false;
  /** A batch is due but waits for the one in flight. */
  private waiting = false;
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
      this.send();
    } else if (!this.scheduled && !this.waiting) {
      this.scheduled = true;
      if (this.delayMs > 0) setTimeout(() => this.due(), this.delayMs);
      else setImmediate(() => this.due());
    }
  }

  /** Jobs waiting for a flush. */
  get pending(): number {
    return this.reservations.length;
  }

  /** Sends what is waiting now; resolves when every batch so far has been acknowledged. */
  async flush(): Promise<void> {
    this.send();
    await Promise.all([...this.inFlight]);
  }

  private due(): void {
    this.scheduled = false;
    if (this.inFlight.size > 0) this.waiting = true;
    else this.send();
  }

  private send(): void {
    this.waiting = false;
    if (this.reservations.length === 0) return;
    const reservations = this.reservations;
    const results = this.results;
    this.reservations = [];
    this.results = [];
    const sent = this.driver.complete(reservations).then(
      () => this.onCompleted(results),
      (error: unknown) => this.onError(error),
    );
    this.inFlight.add(sent);
    void sent.finally(() => {
      this.inFlight.delete(sent);
      if (this.waiting && this.inFlight.size === 0) this.send();
    });
  }
}
