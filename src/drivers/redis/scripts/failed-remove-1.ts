/**
 * @module drivers/redis/scripts/failed-remove-1
 * Removes failed jobs of one queue: one id (forget), everything (flush) or those failed before a
 * cutoff (prune), at most `limit` per call so a big store never blocks the server for long.
 *
 * KEYS: failed. ARGV: failedKeyPrefix, mode (`id` | `all` | `before`), id or cutoff, limit.
 * Returns how many it removed; the caller repeats while that equals `limit`.
 */
import { defineScript } from './lua-helpers.js';

/** The failed-store removal script (forget, flush, prune). */
export const failedRemoveScript = defineScript(
  'failedRemove',
  1,
  `
local mode = ARGV[2]
local limit = tonumber(ARGV[4])
local ids
if mode == 'id' then
  ids = { ARGV[3] }
  if not redis.call('ZSCORE', KEYS[1], ARGV[3]) then return 0 end
elseif mode == 'all' then
  ids = redis.call('ZRANGE', KEYS[1], 0, limit - 1)
else
  ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[3], 'LIMIT', 0, limit)
end
if #ids == 0 then return 0 end
local keys = {}
for i, id in ipairs(ids) do keys[i] = ARGV[1] .. id end
delChunked(keys)
addChunked('ZREM', KEYS[1], ids)
return #ids
`,
);
