/**
 * @module drivers/redis/scripts/sizes-4
 * Counts one queue's jobs by state at the server's now: a due delayed job and an expired lease
 * count as ready (the next reserve takes them).
 *
 * KEYS: ready:list, ready:zset, delayed, reserved. Returns `{ ready, delayed, reserved }`.
 */
import { defineScript } from './lua-helpers.js';

/** The sizes script. */
export const sizesScript = defineScript(
  'sizes',
  4,
  `
local now = nowMs()
local delayed = redis.call('ZCOUNT', KEYS[3], '(' .. now, '+inf')
local reserved = redis.call('ZCOUNT', KEYS[4], '(' .. now, '+inf')
local ready = redis.call('LLEN', KEYS[1]) + redis.call('ZCARD', KEYS[2])
  + redis.call('ZCARD', KEYS[3]) - delayed
  + redis.call('ZCARD', KEYS[4]) - reserved
return { ready, delayed, reserved }
`,
);
