/**
 * @module drivers/memory/memory-failed-store
 * The memory driver's failed store, over the store's `failed` map.
 */
import type { FailedJobRecord, FailedListOptions, FailedStore } from '../driver.js';
import type { MemoryStore } from './memory-store.js';

function copy(f: FailedJobRecord): FailedJobRecord {
  return { ...f, error: { ...f.error } };
}

/** Failed jobs kept in memory; `list` is newest first. */
export class MemoryFailedStore implements FailedStore {
  constructor(private readonly store: MemoryStore) {}

  async list(options: FailedListOptions = {}): Promise<FailedJobRecord[]> {
    const { queue, limit = 50, offset = 0 } = options;
    // The map is in failing order, so reversing first makes ties on failedAt newest-first too.
    const all = [...this.store.failed.values()].reverse();
    const matching = queue === undefined ? all : all.filter((f) => f.queue === queue);
    matching.sort((a, b) => b.failedAt - a.failedAt);
    return matching.slice(offset, offset + limit).map(copy);
  }

  async count(queue?: string): Promise<number> {
    if (queue === undefined) return this.store.failed.size;
    let n = 0;
    for (const f of this.store.failed.values()) if (f.queue === queue) n++;
    return n;
  }

  async get(id: string): Promise<FailedJobRecord | null> {
    const f = this.store.failed.get(id);
    return f === undefined ? null : copy(f);
  }

  async retry(id: string): Promise<boolean> {
    const f = this.store.failed.get(id);
    if (f === undefined) return false;
    this.store.failed.delete(id);
    this.store.enqueue([
      { id: f.id, queue: f.queue, payload: f.payload, availableAt: Date.now(), priority: 0 },
    ]);
    return true;
  }

  async add(record: FailedJobRecord): Promise<void> {
    this.store.failed.delete(record.id);
    this.store.failed.set(record.id, copy(record));
  }

  async forget(id: string): Promise<boolean> {
    return this.store.failed.delete(id);
  }

  async flush(queue?: string): Promise<number> {
    return this.removeWhere((f) => queue === undefined || f.queue === queue);
  }

  async prune(olderThanSeconds: number): Promise<number> {
    const cutoff = Date.now() - olderThanSeconds * 1000;
    return this.removeWhere((f) => f.failedAt < cutoff);
  }

  private removeWhere(match: (f: FailedJobRecord) => boolean): number {
    let removed = 0;
    for (const [id, f] of this.store.failed) {
      if (!match(f)) continue;
      this.store.failed.delete(id);
      removed++;
    }
    return removed;
  }
}
