/**
 * @module drivers/mysql/wait-for-work
 * MySQL cannot push a notification, so a waiter polls a cheap EXISTS every `pollInterval`
 * until its timeout, and wakes at once for enqueues made in this process (the wake bus).
 */
import type { MysqlContext } from './mysql-context.js';
import { hasWork } from './queue-inspection.js';
import { onWork } from './wake-bus.js';

/** How one wait is bounded. */
export interface WaitOptions {
  queues: readonly string[];
  timeoutMs: number;
  pollIntervalMs: number;
  /** The caller's signal. */
  signal: AbortSignal | undefined;
  /** Aborted when the driver closes. */
  closing: AbortSignal;
}

/** `true` when work may be there, `false` at the timeout, on abort or on close. */
export function waitForWork(context: MysqlContext, options: WaitOptions): Promise<boolean> {
  const { queues, signal, closing } = options;
  if (queues.length === 0 || signal?.aborted || closing.aborted) return Promise.resolve(false);
  const deadline = Date.now() + Math.max(0, options.timeoutMs);
  return new Promise<boolean>((resolve, reject) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (result: boolean, error?: unknown): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      unsubscribe();
      signal?.removeEventListener('abort', onAbort);
      closing.removeEventListener('abort', onAbort);
      if (error === undefined) resolve(result);
      else reject(error);
    };
    const onAbort = (): void => finish(false);
    const unsubscribe = onWork(context.storage, queues, () => finish(true));
    signal?.addEventListener('abort', onAbort, { once: true });
    closing.addEventListener('abort', onAbort, { once: true });

    const poll = async (): Promise<void> => {
      try {
        if (await hasWork(context, queues)) return finish(true);
      } catch (error) {
        // A close racing the poll ends the pool under it: that is a plain `false`.
        return closing.aborted ? finish(false) : finish(false, error);
      }
      if (settled) return;
      const left = deadline - Date.now();
      if (left <= 0) return finish(false);
      timer = setTimeout(() => void poll(), Math.min(options.pollIntervalMs, left));
    };
    void poll();
  });
}
