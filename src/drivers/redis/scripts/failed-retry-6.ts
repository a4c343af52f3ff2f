/**
 * @module drivers/redis/scripts/failed-retry-6
 * Moves a failed job back to its queue: same id, attempts 0, ready now, at the back of its priority.
 *
 * KEYS: failed, ready, delayed, reserved, seq, signal. ARGV: jobKeyPrefix, failedKeyPrefix, id.
 * Returns 1, or 0 when this queue has no failed job with that id.
 */
import { defineScript } from './lua-helpers.js';

/** The failed-store retry script. */
export const failedRetryScript = defineScript(
  'failedRetry',
  6,
  `
local id = ARGV[3]
local failedKey = ARGV[2] .. id
local f = redis.call('HMGET', failedKey, 'p', 'r')
if not f[1] then return 0 end
redis.call('DEL', failedKey)
redis.call('ZREM', KEYS[1], id)
local jobKey = ARGV[1] .. id
local old = redis.call('HGET', jobKey, 'm')
if old then
  redis.call('ZREM', KEYS[2], old)
  redis.call('ZREM', KEYS[3], id)
  redis.call('ZREM', KEYS[4], id)
  redis.call('DEL', jobKey)
end
local priority = tonumber(f[2]) or 0
local member = readyMember(nowMs(), redis.call('INCR', KEYS[5]), id)
redis.call('HSET', jobKey, 'p', f[1], 'a', 0, 'r', priority, 'm', member)
redis.call('ZADD', KEYS[2], -priority, member)
wake(KEYS[6])
return 1
`,
);
