/**
 * @module drivers/redis/scripts/fail-2
 * Atomically moves a reserved job into its queue's failed store; token-checked.
 * The failed store lives under the queue's hash tag so this stays one atomic, single-slot step.
 *
 * KEYS: reserved, failed. ARGV: jobKeyPrefix, failedKeyPrefix, id, tokenBase, connection, errorJson, failedAt.
 * Returns 1, or 0 when the token is stale.
 */
import { defineScript } from './lua-helpers.js';

/** The fail script. */
export const failScript = defineScript(
  'fail',
  2,
  `
local id = ARGV[3]
local jobKey = ARGV[1] .. id
if redis.call('HGET', jobKey, 't') ~= ARGV[4] then return 0 end
local f = redis.call('HMGET', jobKey, 'p', 'a', 'r')
redis.call('DEL', jobKey)
redis.call('ZREM', KEYS[1], id)
local failedKey = ARGV[2] .. id
redis.call('DEL', failedKey)
redis.call('HSET', failedKey, 'p', f[1], 'a', f[2] or 0, 'r', f[3] or 0, 'c', ARGV[5], 'e', ARGV[6], 'at', ARGV[7])
redis.call('ZADD', KEYS[2], ARGV[7], id)
return 1
`,
);
