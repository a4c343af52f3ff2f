/**
 * @module core/lease-keeper
 * Extends the leases of every held reservation with one driver call per beat (§4b),
 * instead of a timer per job.
 */
import type { Driver, Reservation } from '../drivers/driver.js';

/** Keeps held reservations leased until they are let go. */
export class LeaseKeeper {
  private readonly held = new Set<Reservation>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly driver: Driver,
    /** Lease length in seconds; the beat runs at a third of it. */
    private readonly leaseSeconds: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  hold(reservation: Reservation): void {
    this.held.add(reservation);
    if (this.timer === undefined) {
      this.timer = setInterval(() => void this.beat(), (this.leaseSeconds * 1000) / 3);
      this.timer.unref();
    }
  }

  letGo(reservation: Reservation): void {
    this.held.delete(reservation);
  }

  /** The reservations held now. */
  get size(): number {
    return this.held.size;
  }

  /** Extends all held leases now. */
  async beat(): Promise<void> {
    if (this.held.size === 0) return;
    try {
      await this.driver.extend([...this.held], this.leaseSeconds);
    } catch (error) {
      this.onError(error);
    }
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
