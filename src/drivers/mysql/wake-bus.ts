/**
 * @module drivers/mysql/wake-bus
 * In-process wake-up: MySQL has no notifications, so enqueues from this process wake this
 * process's waiters at once, and enqueues from other processes are seen by polling.
 * Keyed by storage (database + table prefix), so sibling drivers on the same tables wake each other.
 */
import { EventEmitter } from 'node:events';

const bus = new EventEmitter();
bus.setMaxListeners(0);

/** Tells waiters on `storage` that `queues` may have work. */
export function notifyWork(storage: string, queues: Iterable<string>): void {
  for (const queue of queues) bus.emit(`${storage}\u0000${queue}`);
}

/** Calls `listener` when one of `queues` on `storage` may have work; returns the unsubscribe. */
export function onWork(storage: string, queues: readonly string[], listener: () => void): () => void {
  const events = queues.map((queue) => `${storage}\u0000${queue}`);
  for (const event of events) bus.on(event, listener);
  return () => {
    for (const event of events) bus.off(event, listener);
  };
}
