/**
 * @module drivers/redis/scripts/next-due-4
 * How long until one queue may have work, by the server's clock: 0 when a job is ready (or a
 * delayed job is due, or a lease has expired), else milliseconds until the earliest of those, or
 * -1 when the queue holds nothing that will become ready by itself.
 *
 * KEYS: ready:list, ready:zset, delayed, reserved.
 */
import { defineScript } from './lua-helpers.js';

/** The next-due script. */
export const nextDueScript = defineScript(
  'nextDue',
  4,
  `
if redis.call('LLEN', KEYS[1]) > 0 or redis.call('ZCARD', KEYS[2]) > 0 then return 0 end
local due = -1
for k = 3, 4 do
  local first = redis.call('ZRANGE', KEYS[k], 0, 0, 'WITHSCORES')[2]
  if first then
    local at = tonumber(first)
    if due < 0 or at < due then due = at end
  end
end
if due < 0 then return -1 end
local wait = due - nowMs()
if wait < 0 then return 0 end
return wait
`,
);
