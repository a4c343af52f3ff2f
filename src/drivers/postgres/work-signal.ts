/**
 * @module drivers/postgres/work-signal
 * `waitForWork` for one driver: waiters woken by notifications (from the listener, or at once
 * by this process's own pushes), with a poll fallback for what sends no notification (delayed
 * jobs coming due, expired leases) or when notifications are off or the listener is down.
 *
 * A notification that lands between a caller's empty reserve and its wait would be lost, so
 * each queue remembers the order of its last notification and its last reserve: a wait that
 * starts after a notification that no reserve has seen yet returns `true` at once.
 */

interface Waiter {
  queues: ReadonlySet<string>;
  resolve(value: boolean): void;
}

/** Waiters and the per-queue "notified since last reserve" marks. */
export class WorkSignal {
  private readonly waiters = new Set<Waiter>();
  private readonly notifiedAt = new Map<string, number>();
  private readonly reservedAt = new Map<string, number>();
  private readonly dueTimers = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  private clock = 0;
  private closed = false;

  /**
   * @param pollIntervalMs how often a waiter asks the database (default set by the driver: 1000)
   * @param hasWork the poll: whether any of the queues has a job to take now
   */
  constructor(
    private readonly pollIntervalMs: number,
    private readonly hasWork: (queues: string[]) => Promise<boolean>,
  ) {}

  /** Work may have arrived in `queue`. */
  notify(queue: string): void {
    this.notifiedAt.set(queue, ++this.clock);
    for (const waiter of this.waiters) {
      if (waiter.queues.has(queue)) waiter.resolve(true);
    }
  }

  /**
   * Work in `queue` comes due at `at` (epoch ms): this process's own delayed pushes and
   * releases wake its waiters on time; other processes' are found by the poll.
   */
  notifyAt(queue: string, at: number): void {
    if (at <= Date.now()) {
      this.notify(queue);
      return;
    }
    const current = this.dueTimers.get(queue);
    if (this.closed || (current && current.at <= at)) return;
    if (current) clearTimeout(current.timer);
    const timer = setTimeout(
      () => {
        this.dueTimers.delete(queue);
        this.notify(queue);
      },
      // Node's timers may fire up to 1 ms before Date.now() reaches `at`; a waiter woken then
      // would find the job not yet due.
      Math.max(0, at - Date.now()) + 1,
    );
    timer.unref();
    this.dueTimers.set(queue, { at, timer });
  }

  /** Anything may have arrived anywhere (the listener was down). */
  notifyAll(): void {
    for (const waiter of this.waiters) waiter.resolve(true);
  }

  /** A reserve of `queues` is starting: it sees every notification so far. */
  markReserve(queues: readonly string[]): void {
    const now = ++this.clock;
    for (const queue of queues) this.reservedAt.set(queue, now);
  }

  /** Wakes every waiter with `false`; later waits return `false` at once. */
  close(): void {
    this.closed = true;
    for (const { timer } of this.dueTimers.values()) clearTimeout(timer);
    this.dueTimers.clear();
    for (const waiter of this.waiters) waiter.resolve(false);
  }

  /** Resolves `true` when work may be there, `false` at the timeout, on abort or on close. */
  wait(queues: string[], timeoutSeconds: number, signal?: AbortSignal): Promise<boolean> {
    if (this.closed || signal?.aborted) return Promise.resolve(false);
    if (queues.some((queue) => (this.notifiedAt.get(queue) ?? 0) > (this.reservedAt.get(queue) ?? 0))) {
      return Promise.resolve(true);
    }
    return new Promise<boolean>((resolve) => {
      let poll: NodeJS.Timeout | undefined;
      const waiter: Waiter = { queues: new Set(queues), resolve: (value) => finish(value) };
      const onAbort = (): void => finish(false);
      const deadline = setTimeout(() => finish(false), Math.max(0, timeoutSeconds * 1000));
      const finish = (value: boolean): void => {
        if (!this.waiters.delete(waiter)) return;
        clearTimeout(deadline);
        if (poll) clearTimeout(poll);
        signal?.removeEventListener('abort', onAbort);
        resolve(value);
      };
      const schedulePoll = (): void => {
        if (!this.waiters.has(waiter)) return;
        poll = setTimeout(() => {
          this.hasWork(queues).then(
            (found) => (found ? finish(true) : schedulePoll()),
            // the database is away: keep waiting; the listener's reconnect or the deadline ends it
            () => schedulePoll(),
          );
        }, this.pollIntervalMs);
      };
      this.waiters.add(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
      schedulePoll();
    });
  }
}
