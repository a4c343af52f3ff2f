/**
 * @module drivers/sqlite/wake-bus
 * In-process wake-ups: every driver instance on the same database file shares one emitter,
 * so a push through one wakes a `waitForWork` on any other at once, without polling.
 * Other processes are seen by polling (see `wait-for-work.ts`).
 */
import { EventEmitter } from 'node:events';

const buses = new Map<string, EventEmitter>();

/** The emitter for one database (its real path; a unique key for `:memory:`): event `wake` carries a queue name. */
export function wakeBus(key: string): EventEmitter {
  let bus = buses.get(key);
  if (!bus) {
    bus = new EventEmitter();
    // One listener per waiting worker; a busy process may hold many.
    bus.setMaxListeners(0);
    buses.set(key, bus);
  }
  return bus;
}
