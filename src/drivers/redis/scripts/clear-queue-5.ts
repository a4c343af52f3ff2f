/**
 * @module drivers/redis/scripts/clear-queue-5
 * Deletes up to `limit` jobs of each state of one queue (not its failed store); the caller repeats
 * until it returns 0, so clearing a huge queue never blocks the server for long.
 *
 * KEYS: ready:list, ready:zset, delayed, reserved, signal. ARGV: jobKeyPrefix, limit.
 * Returns how many it deleted.
 */
import { defineScript } from './lua-helpers.js';

/** The clear script. */
export const clearQueueScript = defineScript(
  'clearQueue',
  5,
  `
local jobPrefix = ARGV[1]
local limit = tonumber(ARGV[2])
local removed = 0
local function drop(members, isMember)
  local keys = {}
  for i, m in ipairs(members) do
    keys[i] = jobPrefix .. (isMember and string.sub(m, MEMBER_ID_AT) or m)
  end
  delChunked(keys)
  removed = removed + #members
end
local listed = redis.call('LRANGE', KEYS[1], 0, limit - 1)
if #listed > 0 then
  drop(listed, true)
  redis.call('LTRIM', KEYS[1], #listed, -1)
end
for k = 2, 4 do
  local members = redis.call('ZRANGE', KEYS[k], 0, limit - 1)
  if #members > 0 then
    drop(members, k == 2)
    addChunked('ZREM', KEYS[k], members)
  end
end
if removed == 0 then redis.call('DEL', KEYS[5]) end
return removed
`,
);
