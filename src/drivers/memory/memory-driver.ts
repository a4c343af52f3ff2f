/**
 * @module drivers/memory/memory-driver
 * The in-process driver: fast, not durable, not shared across processes.
 * Each method runs its whole change synchronously, so every operation is atomic.
 */
import type {
  AtomicHelpers,
  Driver,
  DriverCapabilities,
  EnqueueRecord,
  FailedStore,
  FailureInput,
  QueueSizes,
  ReleaseOptions,
  Reservation,
} from '../driver.js';
import { MemoryFailedStore } from './memory-failed-store.js';
import type { MemoryStore } from './memory-store.js';
import { Waiter } from './waiter.js';

const CAPABILITIES: DriverCapabilities = Object.freeze({
  delay: true,
  priority: true,
  leases: true,
  notifications: true,
  crossProcess: false,
  transactions: false,
  durable: false,
});

/** A driver over one `MemoryStore`. */
export class MemoryDriver implements Driver {
  readonly kind = 'memory';
  readonly capabilities = CAPABILITIES;
  readonly failed: FailedStore;
  readonly atomic: AtomicHelpers;
  /** This driver's pending waits, settled `false` by `close()`. */
  private readonly waiting = new Set<Waiter>();

  constructor(
    private readonly store: MemoryStore,
    /** The store's name; `undefined` for a private store. */
    readonly storeName: string | undefined,
  ) {
    this.failed = new MemoryFailedStore(store);
    this.atomic = store.atomic;
  }

  async connect(): Promise<void> {}

  async close(): Promise<void> {
    for (const waiter of [...this.waiting]) waiter.settle(false);
  }

  async enqueue(records: EnqueueRecord[]): Promise<void> {
    this.store.enqueue(records);
  }

  async reserve(queues: string[], max: number, leaseSeconds: number): Promise<Reservation[]> {
    return this.store.reserve(queues, max, leaseSeconds);
  }

  async complete(reservations: Reservation[]): Promise<number> {
    return this.store.complete(reservations);
  }

  async release(reservation: Reservation, delaySeconds: number, options?: ReleaseOptions): Promise<boolean> {
    return this.store.release(reservation, delaySeconds, options);
  }

  async fail(reservation: Reservation, failure: FailureInput): Promise<boolean> {
    return this.store.fail(reservation, failure);
  }

  async extend(reservations: Reservation[], leaseSeconds: number): Promise<number> {
    return this.store.extend(reservations, leaseSeconds);
  }

  waitForWork(queues: string[], timeoutSeconds: number, signal?: AbortSignal): Promise<boolean> {
    if (signal?.aborted) return Promise.resolve(false);
    const now = Date.now();
    let due = Number.POSITIVE_INFINITY;
    for (const name of queues) {
      const qs = this.store.queues.get(name);
      if (qs === undefined) continue;
      qs.maintain(now);
      // Work that is already there counts: the caller may have missed the wake-up for it.
      if (qs.ready > 0) return Promise.resolve(true);
      due = Math.min(due, qs.nextDue());
    }
    if (!(timeoutSeconds > 0)) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const waiter = new Waiter(
        queues,
        timeoutSeconds * 1000,
        signal,
        (w) => {
          this.waiting.delete(w);
          this.store.waiters.remove(w);
        },
        resolve,
      );
      this.waiting.add(waiter);
      this.store.waiters.add(waiter);
      if (due !== Number.POSITIVE_INFINITY) waiter.dueBy(due);
    });
  }

  async sizes(queue: string): Promise<QueueSizes> {
    return this.store.sizes(queue);
  }

  async queues(): Promise<string[]> {
    return this.store.queueNames();
  }

  async clear(queue: string): Promise<void> {
    this.store.clear(queue);
  }

  async clearAll(): Promise<void> {
    this.store.clearAll();
  }
}
