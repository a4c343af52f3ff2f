/**
 * @module testing/conformance/helpers
 * Small tools the conformance tests share: records, sleeping, polling, draining.
 */
import { randomBytes } from 'node:crypto';
import type { Driver, EnqueueRecord, Reservation } from '../../drivers/driver.js';

let idCounter = 0;
const idPrefix = randomBytes(4).toString('hex');

/** A sortable unique id, as the core makes them (time first, then a counter). */
export function newId(): string {
  idCounter += 1;
  return `${Date.now().toString(36).padStart(9, '0')}-${idCounter.toString(36).padStart(6, '0')}-${idPrefix}`;
}

/** A record ready now with priority 0; `overrides` win. The payload is JSON naming its id. */
export function makeRecord(queue: string, overrides: Partial<EnqueueRecord> = {}): EnqueueRecord {
  const id = overrides.id ?? newId();
  return { id, queue, payload: JSON.stringify({ id }), availableAt: Date.now(), priority: 0, ...overrides };
}

/** `count` records for `queue`, all with the same `availableAt` so push order decides. */
export function makeRecords(
  queue: string,
  count: number,
  overrides: Partial<EnqueueRecord> = {},
): EnqueueRecord[] {
  const availableAt = Date.now();
  return Array.from({ length: count }, () => makeRecord(queue, { availableAt, ...overrides }));
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Calls `reserve` until it returns something or `timeoutMs` passes; returns the last answer. */
export async function reserveWithin(
  driver: Driver,
  queues: string[],
  max: number,
  leaseSeconds: number,
  timeoutMs: number,
): Promise<Reservation[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await driver.reserve(queues, max, leaseSeconds);
    if (got.length > 0 || Date.now() >= deadline) return got;
    await sleep(20);
  }
}

/** Reserves in batches of `batch` until a reserve comes back empty; returns everything, in order. */
export async function drain(
  driver: Driver,
  queues: string[],
  batch = 100,
  leaseSeconds = 30,
): Promise<Reservation[]> {
  const all: Reservation[] = [];
  for (;;) {
    const got = await driver.reserve(queues, batch, leaseSeconds);
    if (got.length === 0) return all;
    all.push(...got);
  }
}

/** Polls `check` until it returns true or `timeoutMs` passes; returns whether it did. */
export async function eventually(
  check: () => Promise<boolean>,
  timeoutMs: number,
  everyMs = 25,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(everyMs);
  }
}
