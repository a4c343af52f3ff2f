/**
 * @module drivers/redis/scripts/reserve-4
 * Claims up to N ready jobs of one queue: first promotes due delayed jobs and takes back expired
 * leases, then pops the best N, bumps their attempts and sets a token on each.
 *
 * KEYS: ready, delayed, reserved, signal.
 * ARGV: jobKeyPrefix, max, leaseMs, tokenBase (job j of the reply gets token `tokenBase .. j`).
 * Returns `{ leaseUntil, id1, payload1, attempts1, id2, ... }`.
 * When the batch filled up and jobs remain, it passes the wake-up on to the next blocked waiter.
 */
import { defineScript } from './lua-helpers.js';

/** The reserve script. */
export const reserveScript = defineScript(
  'reserve',
  4,
  `
local jobPrefix = ARGV[1]
local max = tonumber(ARGV[2])
local now = nowMs()
local function backToReady(ids, clearToken)
  local ready = {}
  for _, id in ipairs(ids) do
    local jobKey = jobPrefix .. id
    local f = redis.call('HMGET', jobKey, 'r', 'm')
    if f[2] then
      ready[#ready + 1] = -tonumber(f[1])
      ready[#ready + 1] = f[2]
      if clearToken then redis.call('HDEL', jobKey, 't') end
    end
  end
  addChunked('ZADD', KEYS[1], ready)
end
local due = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, 1000)
if #due > 0 then
  backToReady(due, false)
  addChunked('ZREM', KEYS[2], due)
end
local expired = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now, 'LIMIT', 0, 1000)
if #expired > 0 then
  backToReady(expired, true)
  addChunked('ZREM', KEYS[3], expired)
end
local popped = redis.call('ZPOPMIN', KEYS[1], max)
local leaseUntil = now + tonumber(ARGV[3])
local tokenBase = ARGV[4]
local out = { leaseUntil }
local leases = {}
local n = 0
for i = 1, #popped, 2 do
  local id = string.sub(popped[i], MEMBER_ID_AT)
  local jobKey = jobPrefix .. id
  local f = redis.call('HMGET', jobKey, 'p', 'a')
  if f[1] then
    n = n + 1
    local attempts = (tonumber(f[2]) or 0) + 1
    redis.call('HSET', jobKey, 'a', attempts, 't', tokenBase .. n)
    out[#out + 1] = id
    out[#out + 1] = f[1]
    out[#out + 1] = attempts
    leases[#leases + 1] = leaseUntil
    leases[#leases + 1] = id
  end
end
addChunked('ZADD', KEYS[3], leases)
if #popped == max * 2 and redis.call('ZCARD', KEYS[1]) > 0 then wake(KEYS[4]) end
return out
`,
);
