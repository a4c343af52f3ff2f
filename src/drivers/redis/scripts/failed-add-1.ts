/**
 * @module drivers/redis/scripts/failed-add-1
 * Stores a failed record as given (a job failed from outside a worker), replacing one with the
 * same id in this queue.
 *
 * KEYS: failed. ARGV: failedKeyPrefix, id, payload, attempts, priority, connection, errorJson, failedAt.
 * Returns 1.
 */
import { defineScript } from './lua-helpers.js';

/** The failed-store add script. */
export const failedAddScript = defineScript(
  'failedAdd',
  1,
  `
local id = ARGV[2]
local failedKey = ARGV[1] .. id
redis.call('DEL', failedKey)
redis.call('HSET', failedKey, 'p', ARGV[3], 'a', ARGV[4], 'r', ARGV[5], 'c', ARGV[6], 'e', ARGV[7], 'at', ARGV[8])
redis.call('ZADD', KEYS[1], ARGV[8], id)
return 1
`,
);
