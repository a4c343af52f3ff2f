/**
 * @module drivers/redis/scripts/release-4
 * Returns a reserved job to its queue, now or after a delay, attempts kept; token-checked.
 * Its new availableAt puts it behind the jobs already waiting at its priority.
 *
 * KEYS: ready, delayed, reserved, signal. ARGV: jobKeyPrefix, id, token, delayMs.
 * Returns 1, or 0 when the token is stale.
 */
import { defineScript } from './lua-helpers.js';

/** The release script. */
export const releaseScript = defineScript(
  'release',
  4,
  `
local id = ARGV[2]
local jobKey = ARGV[1] .. id
if redis.call('HGET', jobKey, 't') ~= ARGV[3] then return 0 end
local f = redis.call('HMGET', jobKey, 'r', 'm')
local delay = tonumber(ARGV[4])
local availableAt = nowMs() + delay
-- Keep the push-order part and the id; only availableAt changes.
local member = string.format('%012x', availableAt) .. string.sub(f[2], 13)
redis.call('HDEL', jobKey, 't')
redis.call('HSET', jobKey, 'm', member)
redis.call('ZREM', KEYS[3], id)
if delay > 0 then
  local earliest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')[2]
  redis.call('ZADD', KEYS[2], availableAt, id)
  if not earliest or availableAt < tonumber(earliest) then wake(KEYS[4]) end
else
  redis.call('ZADD', KEYS[1], -tonumber(f[1]), member)
  wake(KEYS[4])
end
return 1
`,
);
