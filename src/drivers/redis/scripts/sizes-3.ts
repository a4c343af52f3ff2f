/**
 * @module drivers/redis/scripts/sizes-3
 * Counts one queue's jobs by state at the server's now: a due delayed job and an expired lease
 * count as ready (the next reserve takes them).
 *
 * KEYS: ready, delayed, reserved. Returns `{ ready, delayed, reserved }`.
 */
import { defineScript } from './lua-helpers.js';

/** The sizes script. */
export const sizesScript = defineScript(
  'sizes',
  3,
  `
local now = nowMs()
local delayed = redis.call('ZCOUNT', KEYS[2], '(' .. now, '+inf')
local reserved = redis.call('ZCOUNT', KEYS[3], '(' .. now, '+inf')
local ready = redis.call('ZCARD', KEYS[1])
  + redis.call('ZCARD', KEYS[2]) - delayed
  + redis.call('ZCARD', KEYS[3]) - reserved
return { ready, delayed, reserved }
`,
);
