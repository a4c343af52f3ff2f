/**
 * @module drivers/redis/scripts/acquire-lock-1
 * Takes a free lock, or refreshes the TTL of the owner's own lock.
 *
 * KEYS: lock. ARGV: owner, ttlMs. Returns 1 when `owner` now holds it, else 0.
 */
import { defineScript } from './lua-helpers.js';

/** The lock acquire script. */
export const acquireLockScript = defineScript(
  'acquireLock',
  1,
  `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if holder then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`,
);
