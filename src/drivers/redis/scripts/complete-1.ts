/**
 * @module drivers/redis/scripts/complete-1
 * Deletes completed jobs of one queue whose tokens are current.
 *
 * KEYS: reserved. ARGV: jobKeyPrefix, then id, tokenBase pairs. Returns how many it deleted.
 */
import { defineScript } from './lua-helpers.js';

/** The complete script. */
export const completeScript = defineScript(
  'complete',
  1,
  `
local jobPrefix = ARGV[1]
local done = {}
for i = 2, #ARGV, 2 do
  local jobKey = jobPrefix .. ARGV[i]
  if redis.call('HGET', jobKey, 't') == ARGV[i + 1] then
    redis.call('DEL', jobKey)
    done[#done + 1] = ARGV[i]
  end
end
addChunked('ZREM', KEYS[1], done)
return #done
`,
);
