/**
 * @module drivers/redis/scripts/reserve-5
 * Claims up to N ready jobs of one queue: first promotes due delayed jobs and takes back expired
 * leases, then takes the best N (merging the in-order list with the sorted set), bumps their
 * attempts and stores the reservation's token base on each.
 *
 * KEYS: ready:list, ready:zset, delayed, reserved, signal.
 * ARGV: jobKeyPrefix, max, leaseMs, tokenBase.
 * Returns `{ leaseUntil, id1, payload1, attempts1, id2, ... }`.
 * When the batch filled up and jobs remain, it passes the wake-up on to the next blocked waiter.
 */
import { defineScript } from './lua-helpers.js';

/** The reserve script. */
export const reserveScript = defineScript(
  'reserve',
  5,
  `
local jobPrefix = ARGV[1]
local max = tonumber(ARGV[2])
local now = nowMs()
local function backToReady(ids, clearToken)
  for _, id in ipairs(ids) do
    local jobKey = jobPrefix .. id
    local f = redis.call('HMGET', jobKey, 'r', 'm')
    if f[2] then
      pushReady(KEYS[1], KEYS[2], f[2], tonumber(f[1]) or 0)
      if clearToken then redis.call('HDEL', jobKey, 't') end
    end
  end
end
local due = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now, 'LIMIT', 0, 1000)
if #due > 0 then
  redis.call('ZREM', KEYS[3], unpack(due))
  backToReady(due, false)
end
local expired = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', now, 'LIMIT', 0, 1000)
if #expired > 0 then
  redis.call('ZREM', KEYS[4], unpack(expired))
  backToReady(expired, true)
end

local members
if redis.call('ZCARD', KEYS[2]) == 0 then
  members = redis.call('LPOP', KEYS[1], max) or {}
else
  local z = redis.call('ZRANGE', KEYS[2], 0, max - 1, 'WITHSCORES')
  local l = redis.call('LRANGE', KEYS[1], 0, max - 1)
  members = {}
  local zi, li = 1, 1
  for n = 1, max do
    local zm, lm = z[zi], l[li]
    if not zm and not lm then break end
    local fromZ = not lm
    if zm and lm then
      local score = tonumber(z[zi + 1])
      fromZ = score < 0 or (score == 0 and zm < lm)
    end
    if fromZ then
      members[n] = zm
      zi = zi + 2
    else
      members[n] = lm
      li = li + 1
    end
  end
  if zi > 1 then redis.call('ZREMRANGEBYRANK', KEYS[2], 0, (zi - 1) / 2 - 1) end
  if li > 1 then redis.call('LTRIM', KEYS[1], li - 1, -1) end
end

local leaseUntil = now + tonumber(ARGV[3])
local lease = string.format('%d', leaseUntil)
local tokenBase = ARGV[4]
local out, o = { leaseUntil }, 1
local leases, n = {}, 0
for i = 1, #members do
  local id = string.sub(members[i], MEMBER_ID_AT)
  local jobKey = jobPrefix .. id
  local payload = redis.call('HGET', jobKey, 'p')
  if payload then
    out[o + 1] = id
    out[o + 2] = payload
    out[o + 3] = redis.call('HINCRBY', jobKey, 'a', 1)
    o = o + 3
    redis.call('HSET', jobKey, 't', tokenBase)
    leases[n + 1] = lease
    leases[n + 2] = id
    n = n + 2
  end
end
addChunked('ZADD', KEYS[4], leases)
if #members == max and (redis.call('LLEN', KEYS[1]) > 0 or redis.call('ZCARD', KEYS[2]) > 0) then
  wake(KEYS[5], 'r')
end
return out
`,
);
