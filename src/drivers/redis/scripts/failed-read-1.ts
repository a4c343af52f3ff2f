/**
 * @module drivers/redis/scripts/failed-read-1
 * Reads failed records of one queue, newest first by index range, or by ids.
 *
 * KEYS: failed. ARGV: failedKeyPrefix, mode (`range` | `ids`), then start, stop or the ids.
 * Returns `{ id, payload, attempts, errorJson, connection, failedAt, ... }` for records that exist.
 */
import { defineScript } from './lua-helpers.js';

/** The failed-store read script. */
export const failedReadScript = defineScript(
  'failedRead',
  1,
  `
local ids
if ARGV[2] == 'range' then
  ids = redis.call('ZREVRANGE', KEYS[1], tonumber(ARGV[3]), tonumber(ARGV[4]))
else
  ids = { unpack(ARGV, 3) }
end
local out = {}
for _, id in ipairs(ids) do
  local f = redis.call('HMGET', ARGV[1] .. id, 'p', 'a', 'e', 'c', 'at')
  if f[1] then
    out[#out + 1] = id
    for k = 1, 5 do out[#out + 1] = f[k] or '' end
  end
end
return out
`,
);
