/**
 * @module drivers/redis/scripts/failed-retry-7
 * Moves a failed job back to its queue: same id, attempts 0, ready now, at the back of its priority.
 *
 * KEYS: failed, ready:list, ready:zset, delayed, reserved, seq, signal.
 * ARGV: jobKeyPrefix, failedKeyPrefix, id.
 * Returns 1, or 0 when this queue has no failed job with that id.
 */
import { defineScript } from './lua-helpers.js';

/** The failed-store retry script. */
export const failedRetryScript = defineScript(
  'failedRetry',
  7,
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
  if redis.call('ZREM', KEYS[4], id) == 0 and redis.call('ZREM', KEYS[5], id) == 0 then
    removeReady(KEYS[2], KEYS[3], old)
  end
  redis.call('DEL', jobKey)
end
local priority = tonumber(f[2]) or 0
local member = string.format('%012x%010x', nowMs(), redis.call('INCR', KEYS[6])) .. id
redis.call('HSET', jobKey, 'p', f[1], 'm', member, 'r', priority)
pushReady(KEYS[2], KEYS[3], member, priority)
wake(KEYS[7], 'r')
return 1
`,
);
