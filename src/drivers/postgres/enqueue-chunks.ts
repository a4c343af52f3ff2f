/**
 * @module drivers/postgres/enqueue-chunks
 * Turns records into the enqueue statement's values: one JSON text per chunk (see sql/enqueue.ts).
 */
import type { EnqueueRecord } from '../driver.js';

/**
 * Rows per enqueue statement. One huge JSON text costs more to build and collect than several
 * (measured: chunks of 5–10k beat one statement of 50k), so big batches go as several statements
 * in one transaction, still all or nothing.
 */
export const ENQUEUE_CHUNK = 5000;

/** The values of each enqueue statement; the last record of a repeated id wins. */
export function enqueueChunks(records: EnqueueRecord[], notify: boolean, now: number): unknown[][] {
  // one statement cannot upsert the same id twice
  const unique = new Map<string, EnqueueRecord>();
  for (const record of records) unique.set(record.id, record);
  const rows = [...unique.values()];
  const chunks: unknown[][] = [];
  for (let start = 0; start < rows.length; start += ENQUEUE_CHUNK) {
    const json = JSON.stringify(
      rows.slice(start, start + ENQUEUE_CHUNK).map((r) => ({
        i: r.id,
        q: r.queue,
        p: r.payload,
        a: Math.round(r.availableAt),
        r: r.priority ?? 0,
        t: r.attempts ?? 0,
      })),
    );
    chunks.push(notify ? [json, now] : [json]);
  }
  return chunks;
}
