/**
 * @module drivers/redis/scripts/increment-1
 * Adds to a counter; PEXPIRE only when the key has no TTL yet (a fresh counter), atomically.
 *
 * KEYS: counter. ARGV: by, ttlMs (0 = no expiry). Returns the new value.
 */
import { defineScript } from './lua-helpers.js';

/** The counter increment script. */
export const incrementScript = defineScript(
  'increment',
  1,
  `
local value = redis.call('INCRBY', KEYS[1], ARGV[1])
if tonumber(ARGV[2]) > 0 and redis.call('PTTL', KEYS[1]) == -1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return value
`,
);
