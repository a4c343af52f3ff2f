/**
 * The Redis driver against the shared conformance suite, on the local server (127.0.0.1:6379),
 * each test on its own key prefix, deleted afterwards.
 */
import { describe, it } from 'vitest';
import type { Driver } from '../../src/drivers/driver.js';
import { RedisDriver } from '../../src/drivers/redis/index.js';
import { runDriverConformance } from '../../src/testing/conformance/index.js';
import { deletePrefix, LOCAL_REDIS, uniquePrefix } from './redis-helpers.js';

const prefixOf = (driver: Driver) => (driver as RedisDriver).prefix;

runDriverConformance(
  {
    name: 'redis',
    create: async () => new RedisDriver({ url: LOCAL_REDIS, prefix: uniquePrefix('cf') }),
    sibling: async (driver) => new RedisDriver({ url: LOCAL_REDIS, prefix: prefixOf(driver) }),
    cleanup: async (driver) => {
      await deletePrefix(prefixOf(driver));
    },
  },
  { describe, it },
);
