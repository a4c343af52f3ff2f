/**
 * @module drivers/sqlite/work-waiter
 * `waitForWork` for SQLite, which has no server to push notifications:
 * - in-process, a push, release or retry through any driver on the same file emits on the
 *   shared wake bus and the waiter returns at once;
 * - across processes, the waiter asks the database every `pollInterval` ms whether one of
 *   its queues holds a ready job, a due delayed job or an expired lease (two index probes
 *   per queue, microseconds), so another process's work is seen within one interval. The
 *   same probe notices delayed jobs becoming due, which no push would announce.
 */
import type { EventEmitter } from 'node:events';

/** Tracks the pending waits of one driver so `close()` can end them. */
export class WorkWaiter {
  private readonly pending = new Set<() => void>();

  constructor(
    private readonly bus: EventEmitter,
    private readonly pollIntervalMs: number,
  ) {}

  /**
   * Resolves `true` when `hasWork` says so (checked first, then every poll) or a wake-up for
   * one of `queues` arrives; `false` at the timeout, on abort or on `cancelAll`.
   * A failing probe resolves `true`, so the caller's next `reserve` surfaces the error.
   */
  wait(
    queues: string[],
    timeoutSeconds: number,
    signal: AbortSignal | undefined,
    hasWork: () => boolean,
  ): Promise<boolean> {
    if (signal?.aborted) return Promise.resolve(false);
    if (probe(hasWork)) return Promise.resolve(true);
    const timeoutMs = Number.isFinite(timeoutSeconds) ? Math.max(0, timeoutSeconds * 1000) : 2_147_483_647;
    if (timeoutMs === 0) return Promise.resolve(false);

    return new Promise<boolean>((resolve) => {
      const wanted = new Set(queues);
      const onWake = (queue: string) => {
        if (wanted.has(queue)) finish(true);
      };
      const onAbort = () => finish(false);
      const cancel = () => finish(false);
      const timer = setTimeout(() => finish(false), Math.min(timeoutMs, 2_147_483_647));
      const poll = setInterval(() => {
        if (probe(hasWork)) finish(true);
      }, this.pollIntervalMs);
      const finish = (woken: boolean) => {
        clearTimeout(timer);
        clearInterval(poll);
        this.bus.off('wake', onWake);
        signal?.removeEventListener('abort', onAbort);
        this.pending.delete(cancel);
        resolve(woken);
      };
      this.bus.on('wake', onWake);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.add(cancel);
    });
  }

  /** Ends every pending wait with `false`. */
  cancelAll(): void {
    for (const cancel of [...this.pending]) cancel();
  }
}

function probe(hasWork: () => boolean): boolean {
  try {
    return hasWork();
  } catch {
    return true;
  }
}
