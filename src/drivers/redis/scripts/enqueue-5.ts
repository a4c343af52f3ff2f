/**
 * @module drivers/redis/scripts/enqueue-5
 * Stores a batch of jobs of one queue. An existing id is replaced (its old entries removed first).
 *
 * KEYS: ready, delayed, reserved, seq, signal.
 * ARGV: jobKeyPrefix, then per record: id, payload, availableAt, priority, attempts.
 * Wakes waiters when a job is ready now, or when a delayed job is due before every other one
 * (so a waiter sleeping until the previous earliest due time recomputes its deadline).
 */
import { defineScript } from './lua-helpers.js';

/** The enqueue script. */
export const enqueueScript = defineScript(
  'enqueue',
  5,
  `
local jobPrefix = ARGV[1]
local count = (#ARGV - 1) / 5
local now = nowMs()
local seq = redis.call('INCRBY', KEYS[4], count) - count
local ready, delayed = {}, {}
local wakeUp = false
local earliest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')[2]
earliest = earliest and tonumber(earliest) or math.huge
for i = 0, count - 1 do
  local b = 2 + i * 5
  local id = ARGV[b]
  local jobKey = jobPrefix .. id
  local old = redis.call('HGET', jobKey, 'm')
  if old then
    -- The old entry may still sit in the pending lists of this batch: flush them first.
    addChunked('ZADD', KEYS[1], ready)
    addChunked('ZADD', KEYS[2], delayed)
    ready, delayed = {}, {}
    redis.call('ZREM', KEYS[1], old)
    redis.call('ZREM', KEYS[2], id)
    redis.call('ZREM', KEYS[3], id)
    redis.call('DEL', jobKey)
  end
  seq = seq + 1
  local availableAt = tonumber(ARGV[b + 2])
  local priority = tonumber(ARGV[b + 3])
  local member = readyMember(availableAt, seq, id)
  redis.call('HSET', jobKey, 'p', ARGV[b + 1], 'a', ARGV[b + 4], 'r', ARGV[b + 3], 'm', member)
  if availableAt <= now then
    ready[#ready + 1] = -priority
    ready[#ready + 1] = member
    wakeUp = true
  else
    delayed[#delayed + 1] = availableAt
    delayed[#delayed + 1] = id
    if availableAt < earliest then
      earliest = availableAt
      wakeUp = true
    end
  end
end
addChunked('ZADD', KEYS[1], ready)
addChunked('ZADD', KEYS[2], delayed)
if wakeUp then wake(KEYS[5]) end
return count
`,
);
