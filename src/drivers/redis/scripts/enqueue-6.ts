/**
 * @module drivers/redis/scripts/enqueue-6
 * Stores a batch of jobs of one queue. An existing id is replaced (its old entries removed first).
 *
 * KEYS: ready:list, ready:zset, delayed, reserved, seq, signal.
 * ARGV: jobKeyPrefix, then per record: id, payload, meta. `meta` is `hex12(availableAt)` in the
 * common case (ready now, priority 0, attempts 0), else `hex12(availableAt)|priority|attempts|delayedAt`
 * with delayedAt '' when the job is ready now. Three arguments a job, as few as the data allows:
 * each one costs parsing on both sides.
 * One EXISTS over the batch's job keys finds replacements: in the common case (all new) no job
 * costs a call of its own but its HSET.
 * Wakes waiters when a job is ready now, or when a delayed job is due before every other one
 * (so a waiter sleeping until the previous earliest due time recomputes its deadline).
 */
import { defineScript } from './lua-helpers.js';

/** The enqueue script. */
export const enqueueScript = defineScript(
  'enqueue',
  6,
  `
local jobPrefix = ARGV[1]
local count = (#ARGV - 1) / 3
local jobKeys = {}
for i = 1, count do jobKeys[i] = jobPrefix .. ARGV[3 * i - 1] end
local existing = 0
for i = 1, count, 1000 do
  existing = existing + redis.call('EXISTS', unpack(jobKeys, i, math.min(i + 999, count)))
end
local seen = {}
local list, zset, delayed = {}, {}, {}
local tail = redis.call('LINDEX', KEYS[1], -1)
local seq
local function nextSeq()
  if not seq then seq = redis.call('INCRBY', KEYS[5], count) - count end
  seq = seq + 1
  return seq
end
local function flush()
  addChunked('RPUSH', KEYS[1], list)
  addChunked('ZADD', KEYS[2], zset)
  addChunked('ZADD', KEYS[3], delayed)
  list, zset, delayed = {}, {}, {}
end
local readyAdded, earliest = false, nil
for i = 1, count do
  local b = 3 * i - 1
  local id = ARGV[b]
  local jobKey = jobKeys[i]
  if existing > 0 or seen[id] then
    local old = redis.call('HGET', jobKey, 'm')
    if old then
      flush()
      if redis.call('ZREM', KEYS[3], id) == 0 and redis.call('ZREM', KEYS[4], id) == 0 then
        removeReady(KEYS[1], KEYS[2], old)
      end
      redis.call('DEL', jobKey)
      tail = redis.call('LINDEX', KEYS[1], -1)
    end
  end
  seen[id] = true
  local meta = ARGV[b + 2]
  local plain = #meta == 12
  local member, priority, attempts, at
  if plain then
    member = meta .. '0000000000' .. id
    priority, attempts, at = '0', '0', ''
  else
    member = string.sub(meta, 1, 12) .. '0000000000' .. id
    priority, attempts, at = string.match(meta, '^[^|]*|([^|]*)|([^|]*)|(.*)$')
  end
  if at ~= '' then
    member = withSeq(member, nextSeq())
    delayed[#delayed + 1] = at
    delayed[#delayed + 1] = id
    local due = tonumber(at)
    if not earliest or due < earliest then earliest = due end
  elseif priority == '0' and (not tail or member >= tail) then
    list[#list + 1] = member
    tail = member
    readyAdded = true
  else
    member = withSeq(member, nextSeq())
    zset[#zset + 1] = -tonumber(priority)
    zset[#zset + 1] = member
    readyAdded = true
  end
  if plain or (priority == '0' and attempts == '0') then
    redis.call('HSET', jobKey, 'p', ARGV[b + 1], 'm', member)
  else
    redis.call('HSET', jobKey, 'p', ARGV[b + 1], 'm', member, 'r', priority, 'a', attempts)
  end
end
flush()
if readyAdded then
  wake(KEYS[6], 'r')
elseif earliest then
  local first = redis.call('ZRANGE', KEYS[3], 0, 0, 'WITHSCORES')[2]
  if first and tonumber(first) >= earliest then wake(KEYS[6], 'd') end
end
return count
`,
);
