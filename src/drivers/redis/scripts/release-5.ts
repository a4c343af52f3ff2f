/**
 * @module drivers/redis/scripts/release-5
 * Returns a reserved job to its queue, now or after a delay, attempts kept (or, with refund '1',
 * the attempt the reservation counted taken back, never below 0); token-checked.
 * Its new availableAt puts it behind the jobs already waiting at its priority.
 *
 * KEYS: ready:list, ready:zset, delayed, reserved, signal.
 * ARGV: jobKeyPrefix, id, tokenBase, delayMs, refund ('1' or '0').
 * Returns 1, or 0 when the token is stale.
 */
import { defineScript } from './lua-helpers.js';

/** The release script. */
export const releaseScript = defineScript(
  'release',
  5,
  `
local id = ARGV[2]
local jobKey = ARGV[1] .. id
if redis.call('HGET', jobKey, 't') ~= ARGV[3] then return 0 end
local f = redis.call('HMGET', jobKey, 'r', 'm', 'a')
if ARGV[5] == '1' then
  local attempts = tonumber(f[3]) or 0
  if attempts > 0 then redis.call('HSET', jobKey, 'a', attempts - 1) end
end
local delay = tonumber(ARGV[4])
local availableAt = nowMs() + delay
-- Keep the push-order part and the id; only availableAt changes.
local member = string.format('%012x', availableAt) .. string.sub(f[2], 13)
redis.call('HDEL', jobKey, 't')
redis.call('HSET', jobKey, 'm', member)
redis.call('ZREM', KEYS[4], id)
if delay > 0 then
  local earliest = redis.call('ZRANGE', KEYS[3], 0, 0, 'WITHSCORES')[2]
  redis.call('ZADD', KEYS[3], availableAt, id)
  if not earliest or availableAt < tonumber(earliest) then wake(KEYS[5], 'd') end
else
  pushReady(KEYS[1], KEYS[2], member, tonumber(f[1]) or 0)
  wake(KEYS[5], 'r')
end
return 1
`,
);
