/**
 * @module drivers/redis/scripts/extend-1
 * Moves the lease deadline of current reservations of one queue to now + leaseMs.
 *
 * KEYS: reserved. ARGV: jobKeyPrefix, leaseMs, then id, tokenBase pairs. Returns how many it extended.
 */
import { defineScript } from './lua-helpers.js';

/** The extend script. */
export const extendScript = defineScript(
  'extend',
  1,
  `
local jobPrefix = ARGV[1]
local leaseUntil = nowMs() + tonumber(ARGV[2])
local leases = {}
for i = 3, #ARGV, 2 do
  if redis.call('HGET', jobPrefix .. ARGV[i], 't') == ARGV[i + 1] then
    leases[#leases + 1] = leaseUntil
    leases[#leases + 1] = ARGV[i]
  end
end
for i = 1, #leases, 1000 do
  redis.call('ZADD', KEYS[1], 'XX', unpack(leases, i, math.min(i + 999, #leases)))
end
return #leases / 2
`,
);
