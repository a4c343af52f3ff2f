/**
 * @module drivers/redis/scripts/lua-helpers
 * Lua shared by the scripts, prepended to each script's body, and the script descriptor type.
 *
 * Data model of one queue (every key under the hash tag `{prefix:queue}`, so Redis Cluster keeps
 * a queue on one slot and every script touches a single slot):
 * - A ready job's **member** is `hex12(availableAt) .. hex10(seq) .. id`; members sort bytewise as
 *   (availableAt, push order), and within a priority that is the reservation order.
 * - `ready:list` LIST of members of priority-0 jobs that arrived in order (member >= the list's
 *   tail), with seq `0000000000`: arrival order is push order. The common case costs one RPUSH per
 *   batch and one LPOP-with-count per reserve.
 * - `ready:zset` ZSET, score `-priority`, for every other ready job (a priority, an earlier
 *   availableAt than the list's tail, promoted delayed jobs, expired leases); these get a real
 *   seq from `seq`. Reserve merges the two: lowest score first, then the smaller member, the list
 *   first on a tie.
 * - `delayed` ZSET, score availableAt, member id. `reserved` ZSET, score lease deadline, member id.
 * - `seq` push-order counter. `signal` LIST that wakes blocked waiters (BLPOP): `r` when a job is
 *   ready, `d` when the earliest due time moved earlier.
 * - `j:<id>` HASH of one job: `p` payload, `m` its ready member, `a` attempts and `r` priority
 *   (absent means 0), `t` the token base of its current reservation (absent when not reserved).
 *   A reservation's token is `tokenBase .. id`; scripts receive the base.
 * - `failed` ZSET, score failedAt, member id; `f:<id>` HASH: `p`, `a`, `r`, `e` (error JSON),
 *   `c` connection, `at` failedAt.
 * Job and failed-record keys are derived inside the scripts from a prefix argument; they share the
 * queue's hash tag, so they live on the same slot as the declared keys.
 * Scripts avoid number-to-string conversions in per-job paths (each costs about as much as a
 * redis.call); lease deadlines and clock readings come from the server's TIME.
 */

/** A Lua script with a fixed number of KEYS, registered once with `defineCommand` and run by SHA. */
export interface RedisScript {
  /** Command name suffix (`conveyor` + name), e.g. `reserve`. */
  readonly name: string;
  /** How many leading arguments are KEYS. */
  readonly numberOfKeys: number;
  /** The full script source. */
  readonly lua: string;
}

/** The helper functions every script can call. */
export const LUA_HELPERS = `
if redis.replicate_commands then redis.replicate_commands() end
local function nowMs()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local MEMBER_ID_AT = 23
local function withSeq(member, seq)
  return string.sub(member, 1, 12) .. string.format('%010x', seq) .. string.sub(member, MEMBER_ID_AT)
end
local function addChunked(cmd, key, args)
  for i = 1, #args, 1000 do
    redis.call(cmd, key, unpack(args, i, math.min(i + 999, #args)))
  end
end
local function delChunked(keys)
  for i = 1, #keys, 1000 do
    redis.call('DEL', unpack(keys, i, math.min(i + 999, #keys)))
  end
end
-- One pending signal at most: 'r' (a job is ready: the woken waiter returns at once) or 'd' (a
-- due time moved earlier: the woken waiter recomputes its deadline). 'r' wins over 'd'.
local function wake(signalKey, kind)
  if redis.call('LLEN', signalKey) == 0 then
    redis.call('LPUSH', signalKey, kind)
  elseif kind == 'r' and redis.call('LINDEX', signalKey, 0) ~= 'r' then
    redis.call('LSET', signalKey, 0, 'r')
  end
end
-- One ready entry: onto the list when it keeps the list sorted, else into the zset.
local function pushReady(listKey, zsetKey, member, priority)
  if priority == 0 then
    local tail = redis.call('LINDEX', listKey, -1)
    if not tail or member >= tail then
      redis.call('RPUSH', listKey, member)
      return
    end
  end
  redis.call('ZADD', zsetKey, -priority, member)
end
-- Removes a job's ready entry, wherever it is; 'false' when it was not ready.
local function removeReady(listKey, zsetKey, member)
  if redis.call('ZREM', zsetKey, member) == 1 then return true end
  return redis.call('LREM', listKey, 1, member) == 1
end
`;

/** Builds a script descriptor with the helpers in front of `body`. */
export function defineScript(name: string, numberOfKeys: number, body: string): RedisScript {
  return { name, numberOfKeys, lua: `${LUA_HELPERS}\n${body}` };
}
