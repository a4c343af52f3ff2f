/**
 * @module drivers/memory
 * The `memory://` driver. `memory://` (or `{ driver: 'memory' }`) gets a private store;
 * `memory://name` (or `{ driver: 'memory', name }`) shares one store with every memory
 * driver of this process that uses the same name, which lets a manager and a worker in
 * one process see the same jobs. A named store lives until `dropMemoryStore(name)`.
 */
import { QueueError } from '../../core/errors/queue-error.js';
import type { Driver } from '../driver.js';
import { MemoryDriver } from './memory-driver.js';
import { memoryStore } from './store-registry.js';

export { MemoryDriver } from './memory-driver.js';
export { dropMemoryStore } from './store-registry.js';

/** The memory driver's config object. `name` defaults to none (a private store). */
export interface MemoryDriverConfig {
  driver?: 'memory';
  name?: string;
}

/** Builds a memory driver from `memory://[name]` or `{ driver: 'memory', name? }`. */
export function createMemoryDriver(config: string | Record<string, unknown>): Driver {
  const name = typeof config === 'string' ? nameFromUrl(config) : nameFromObject(config);
  return new MemoryDriver(memoryStore(name), name);
}

function nameFromUrl(url: string): string | undefined {
  const match = /^memory:(?:\/\/)?(.*)$/i.exec(url);
  if (!match) {
    throw new QueueError(
      'ERR_BAD_CONNECTION_URL',
      `'${url}' is not a memory URL: write memory:// or memory://name`,
    );
  }
  const name = decodeURIComponent((match[1] ?? '').replace(/\/+$/, ''));
  return name === '' ? undefined : name;
}

function nameFromObject(config: Record<string, unknown>): string | undefined {
  const { name } = config;
  if (name === undefined || name === null || name === '') return undefined;
  if (typeof name !== 'string') {
    throw new QueueError(
      'ERR_BAD_DRIVER_CONFIG',
      `The memory driver's 'name' must be a string, got ${typeof name}`,
    );
  }
  return name;
}
