/**
 * @module drivers/memory/store-registry
 * Named memory stores, shared by every memory driver of this process that uses the name.
 */
import { MemoryStore } from './memory-store.js';

const named = new Map<string, MemoryStore>();

/** The store for `name` (created on first use), or a new private store when `name` is empty. */
export function memoryStore(name: string | undefined): MemoryStore {
  if (!name) return new MemoryStore();
  let store = named.get(name);
  if (store === undefined) {
    store = new MemoryStore();
    named.set(name, store);
  }
  return store;
}

/** Forgets the named store, so the next driver with that name starts empty. `false` if unknown. */
export function dropMemoryStore(name: string): boolean {
  return named.delete(name);
}
