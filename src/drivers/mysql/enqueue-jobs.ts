/**
 * @module drivers/mysql/enqueue-jobs
 * Bulk insert: multi-row statements, chunked to stay well under `max_allowed_packet`
 * (16 MiB by default on MariaDB), in one transaction when more than one chunk is needed.
 */
import type { EnqueueRecord } from '../driver.js';
import type { Queryable } from './mysql-client.js';
import { execute } from './mysql-client.js';
import type { MysqlContext } from './mysql-context.js';
import { notifyWork } from './wake-bus.js';

/** Rows per INSERT statement (1000). */
export const MAX_ROWS_PER_INSERT = 1000;
/** Payload bytes per INSERT statement before escaping, which can double JSON (4 MiB). */
export const MAX_BYTES_PER_INSERT = 4 * 1024 * 1024;

type Row = [string, string, string, number, number, number, number];

/** Stores `records` through the driver's own pool, atomically, and wakes local waiters. */
export async function enqueueJobs(context: MysqlContext, records: readonly EnqueueRecord[]): Promise<void> {
  if (records.length === 0) return;
  const now = Date.now();
  const chunks = toChunks(records, now);
  const insert = context.sql.enqueue.INSERT_JOBS;
  if (chunks.length === 1) {
    await context.client.exec(insert, [chunks[0]]);
  } else {
    await context.client.transaction(async (connection) => {
      for (const chunk of chunks) await execute(connection, insert, [chunk]);
    });
  }
  notifyWork(context.storage, readyQueues(records, now));
}

/**
 * Stores `records` through the caller's connection, so they commit or roll back with the
 * caller's transaction. Local waiters are woken at once; if that is before the commit, they find
 * nothing and the next poll picks the jobs up.
 */
export async function enqueueJobsOn(
  context: MysqlContext,
  connection: Queryable,
  records: readonly EnqueueRecord[],
): Promise<void> {
  if (records.length === 0) return;
  const now = Date.now();
  for (const chunk of toChunks(records, now))
    await execute(connection, context.sql.enqueue.INSERT_JOBS, [chunk]);
  notifyWork(context.storage, readyQueues(records, now));
}

function toChunks(records: readonly EnqueueRecord[], now: number): Row[][] {
  const chunks: Row[][] = [];
  let chunk: Row[] = [];
  let bytes = 0;
  for (const record of records) {
    const size = Buffer.byteLength(record.payload);
    if (chunk.length > 0 && (chunk.length >= MAX_ROWS_PER_INSERT || bytes + size > MAX_BYTES_PER_INSERT)) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push([
      record.id,
      record.queue,
      record.payload,
      Math.round(record.priority ?? 0),
      Math.round(record.availableAt),
      record.availableAt > now ? 1 : 0,
      record.attempts ?? 0,
    ]);
    bytes += size;
  }
  chunks.push(chunk);
  return chunks;
}

function readyQueues(records: readonly EnqueueRecord[], now: number): Set<string> {
  const queues = new Set<string>();
  for (const record of records) if (record.availableAt <= now) queues.add(record.queue);
  return queues;
}
