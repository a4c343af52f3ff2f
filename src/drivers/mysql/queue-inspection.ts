/**
 * @module drivers/mysql/queue-inspection
 * Sizes, queue names and clearing.
 */
import type { QueueSizes } from '../driver.js';
import type { MysqlContext } from './mysql-context.js';

interface SizeRow {
  total: number;
  reserved: number | string;
  delayed_count: number | string;
}

/** Ready, delayed and reserved counts of one queue, as of now. */
export async function queueSizes(context: MysqlContext, queue: string): Promise<QueueSizes> {
  const now = Date.now();
  const [row] = await context.client.rows<SizeRow>(context.sql.inspect.QUEUE_SIZES, [now, now, now, queue]);
  // SUM() comes back as DECIMAL, which mysql2 hands over as a string.
  const total = Number(row?.total ?? 0);
  const reserved = Number(row?.reserved ?? 0);
  const delayed = Number(row?.delayed_count ?? 0);
  return { ready: total - reserved - delayed, delayed, reserved };
}

/** Names of queues holding jobs or failed jobs, sorted. */
export async function queueNames(context: MysqlContext): Promise<string[]> {
  const rows = await context.client.rows<{ queue: string }>(context.sql.inspect.QUEUE_NAMES);
  return rows.map((row) => row.queue).sort();
}

/** Deletes one queue's jobs. */
export async function clearQueue(context: MysqlContext, queue: string): Promise<void> {
  await context.client.exec(context.sql.inspect.CLEAR_QUEUE, [queue]);
}

/** Deletes every job (the failed store stays). */
export async function clearAllQueues(context: MysqlContext): Promise<void> {
  await context.client.exec(context.sql.inspect.CLEAR_ALL);
}

/** Whether one of `queues` has a reservable job now: one cheap indexed EXISTS per part. */
export async function hasWork(context: MysqlContext, queues: readonly string[]): Promise<boolean> {
  const now = Date.now();
  const names = [...new Set(queues)];
  const [row] = await context.client.rows<{ has_work: number }>(context.sql.inspect.HAS_WORK, [
    names,
    now,
    names,
    now,
  ]);
  return Number(row?.has_work ?? 0) === 1;
}
