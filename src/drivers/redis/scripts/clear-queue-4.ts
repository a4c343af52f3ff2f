/**
 * @module drivers/redis/scripts/clear-queue-4
 * Deletes up to `limit` jobs of each state of one queue (not its failed store); the caller repeats
 * until it returns 0, so clearing a huge queue never blocks the server for long.
 *
 * KEYS: ready, delayed, reserved, signal. ARGV: jobKeyPrefix, limit. Returns how many it deleted.
 */
import { defineScript } from './lua-helpers.js';

/** The clear script. */
export const clearQueueScript = defineScript(
  'clearQueue',
  4,
  `
local jobPrefix = ARGV[1]
local limit = tonumber(ARGV[2])
local removed = 0
for k = 1, 3 do
  local members = redis.call('ZRANGE', KEYS[k], 0, limit - 1)
  if #members > 0 then
    local keys = {}
    for i, member in ipairs(members) do
      keys[i] = jobPrefix .. (k == 1 and string.sub(member, MEMBER_ID_AT) or member)
    end
    for i = 1, #keys, 1000 do redis.call('DEL', unpack(keys, i, math.min(i + 999, #keys))) end
    addChunked('ZREM', KEYS[k], members)
    removed = removed + #members
  end
end
if removed == 0 then redis.call('DEL', KEYS[4]) end
return removed
`,
);
