/**
 * @module drivers/redis
 * The Redis driver: `redis://` and `rediss://` URLs, or `{ driver: 'redis', ... }`.
 */
import type { Driver } from '../driver.js';
import type { RedisDriverConfig } from './redis-config.js';
import { RedisDriver } from './redis-driver.js';

export type { RedisDriverConfig } from './redis-config.js';
export { RedisDriver } from './redis-driver.js';

/** Builds a Redis driver from a URL (`redis://host:6379/0?prefix=conveyor`) or a config object. */
export function createRedisDriver(config: string | Record<string, unknown>): Driver {
  return new RedisDriver(config as string | RedisDriverConfig);
}
