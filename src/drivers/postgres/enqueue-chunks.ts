/**
 * @module drivers/postgres/enqueue-chunks
 * Turns records into the enqueue statement's values, one set per chunk, in the split form where
 * every text can travel in it, else in the JSON form (see sql/enqueue.ts).
 */
import type { EnqueueRecord } from '../driver.js';
import { FIELD_SEPARATOR } from './sql/enqueue.js';

/**
 * Rows per enqueue statement. One huge statement costs more to build and collect than several
 * (measured: chunks of 5–10k beat one statement of 50k), so big batches go as several statements
 * in one transaction, still all or nothing.
 */
export const ENQUEUE_CHUNK = 5000;

/** One statement's values, and which form they are in. */
export interface EnqueueChunk {
  form: 'split' | 'json';
  values: unknown[];
}

/** The values of each enqueue statement; the last record of a repeated id wins. */
export function enqueueChunks(records: EnqueueRecord[], notify: boolean, now: number): EnqueueChunk[] {
  // one statement cannot upsert the same id twice
  const unique = new Map<string, EnqueueRecord>();
  for (const record of records) unique.set(record.id, record);
  const rows = [...unique.values()];
  const chunks: EnqueueChunk[] = [];
  for (let start = 0; start < rows.length; start += ENQUEUE_CHUNK) {
    const chunk = rows.slice(start, start + ENQUEUE_CHUNK);
    const split = chunk.every((r) => splittable(r.id) && splittable(r.queue) && splittable(r.payload));
    const values = split ? splitValues(chunk) : [jsonValue(chunk)];
    if (notify) values.push(now);
    chunks.push({ form: split ? 'split' : 'json', values });
  }
  return chunks;
}

/** A text the split form carries unchanged: not empty, no separator in it. */
function splittable(text: string): boolean {
  return text.length > 0 && !text.includes(FIELD_SEPARATOR);
}

function splitValues(rows: EnqueueRecord[]): unknown[] {
  const ids = new Array<string>(rows.length);
  const queues = new Array<string>(rows.length);
  const payloads = new Array<string>(rows.length);
  const availableAt = new Array<number>(rows.length);
  const priorities = new Array<number>(rows.length);
  const attempts = new Array<number>(rows.length);
  rows.forEach((r, n) => {
    ids[n] = r.id;
    queues[n] = r.queue;
    payloads[n] = r.payload;
    availableAt[n] = Math.round(r.availableAt);
    priorities[n] = Math.trunc(r.priority ?? 0);
    attempts[n] = Math.trunc(r.attempts ?? 0);
  });
  return [
    ids.join(FIELD_SEPARATOR),
    queues.join(FIELD_SEPARATOR),
    payloads.join(FIELD_SEPARATOR),
    availableAt.join(','),
    priorities.join(','),
    attempts.join(','),
  ];
}

function jsonValue(rows: EnqueueRecord[]): string {
  return JSON.stringify(
    rows.map((r) => ({
      i: r.id,
      q: r.queue,
      p: r.payload,
      a: Math.round(r.availableAt),
      r: r.priority ?? 0,
      t: r.attempts ?? 0,
    })),
  );
}
