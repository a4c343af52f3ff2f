/**
 * @module drivers/memory/waiter
 * One pending `waitForWork` call and the registry that wakes waiters by queue.
 */

/** setTimeout fires at once for delays beyond this (2^31 - 1 ms), so longer waits are capped. */
const MAX_TIMER_MS = 2_147_483_647;

/** A pending `waitForWork`: settles once, `true` for work, `false` for timeout, abort or close. */
export class Waiter {
  private done = false;
  private readonly timer: ReturnType<typeof setTimeout>;
  private dueTimer: ReturnType<typeof setTimeout> | undefined;
  private dueAt = Number.POSITIVE_INFINITY;
  private readonly onAbort = () => this.settle(false);

  constructor(
    readonly queues: readonly string[],
    timeoutMs: number,
    private readonly signal: AbortSignal | undefined,
    private readonly onSettle: (waiter: Waiter) => void,
    private readonly resolve: (value: boolean) => void,
  ) {
    this.timer = setTimeout(() => this.settle(false), Math.min(timeoutMs, MAX_TIMER_MS));
    signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Wakes this waiter at `at` (epoch ms) unless it is already due earlier. */
  dueBy(at: number): void {
    if (this.done || at >= this.dueAt) return;
    this.dueAt = at;
    if (this.dueTimer !== undefined) clearTimeout(this.dueTimer);
    // +1 ms: timers may fire a little before Date.now() reaches the target.
    const delay = Math.max(0, at - Date.now()) + 1;
    if (delay > MAX_TIMER_MS) return;
    this.dueTimer = setTimeout(() => this.settle(true), delay);
  }

  settle(value: boolean): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.timer);
    if (this.dueTimer !== undefined) clearTimeout(this.dueTimer);
    this.signal?.removeEventListener('abort', this.onAbort);
    this.onSettle(this);
    this.resolve(value);
  }
}

/** Waiters by queue, shared by every driver on one store. */
export class WaiterRegistry {
  private readonly byQueue = new Map<string, Set<Waiter>>();
  /** How many waiters are pending; enqueue skips all bookkeeping when 0. */
  size = 0;

  add(waiter: Waiter): void {
    this.size++;
    for (const queue of waiter.queues) {
      let set = this.byQueue.get(queue);
      if (set === undefined) {
        set = new Set();
        this.byQueue.set(queue, set);
      }
      set.add(waiter);
    }
  }

  remove(waiter: Waiter): void {
    this.size--;
    for (const queue of waiter.queues) {
      const set = this.byQueue.get(queue);
      if (set === undefined) continue;
      set.delete(waiter);
      if (set.size === 0) this.byQueue.delete(queue);
    }
  }

  /** Settles every waiter on `queue` with `true`. */
  wake(queue: string): void {
    const set = this.byQueue.get(queue);
    if (set === undefined) return;
    for (const waiter of [...set]) waiter.settle(true);
  }

  /** Tells the waiters on `queue` that work becomes due at `at`. */
  dueBy(queue: string, at: number): void {
    const set = this.byQueue.get(queue);
    if (set === undefined) return;
    for (const waiter of set) waiter.dueBy(at);
  }
}
