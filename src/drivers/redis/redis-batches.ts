/**
 * @module drivers/redis/redis-batches
 * Small helpers for batched calls: grouping by queue, token bases, summing replies.
 */
import type { Reservation } from '../driver.js';

/**
 * The token base a script compares: a reservation's token is `tokenBase + id`. A token that does
 * not end with its id is forged or foreign and is sent whole, so it never matches.
 */
export function tokenBaseOf(r: Reservation): string {
  return r.token.endsWith(r.id) ? r.token.slice(0, r.token.length - r.id.length) : r.token;
}

/** Items grouped by their queue, in first-seen order. */
export function groupByQueue<T extends { queue: string }>(items: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(item.queue);
    if (list) list.push(item);
    else groups.set(item.queue, [item]);
  }
  return groups;
}

/** The sum of numeric replies. */
export function sum(values: unknown[]): number {
  let total = 0;
  for (const v of values) total += Number(v);
  return total;
}
