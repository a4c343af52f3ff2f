/**
 * @module drivers/redis/scripts/release-lock-1
 * Deletes a lock only when `owner` holds it.
 *
 * KEYS: lock. ARGV: owner. Returns 1 when freed, else 0.
 */
import { defineScript } from './lua-helpers.js';

/** The lock release script. */
export const releaseLockScript = defineScript(
  'releaseLock',
  1,
  `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
`,
);
