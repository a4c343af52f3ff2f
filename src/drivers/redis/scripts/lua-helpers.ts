/**
 * @module drivers/redis/scripts/lua-helpers
 * Lua shared by the scripts, prepended to each script's body, and the script descriptor type.
 *
 * Data model of one queue (every key under the hash tag `{prefix:queue}`, so Redis Cluster keeps
 * a queue on one slot and every script touches a single slot):
 * - `ready`    ZSET, score `-priority`, member `hex12(availableAt) .. hex10(seq) .. id`: ZPOPMIN gives
 *              higher priority first, then earlier availableAt, then push order (members of equal
 *              score sort bytewise, and the fixed-width hex prefix sorts like the numbers).
 * - `delayed`  ZSET, score availableAt, member id.
 * - `reserved` ZSET, score lease deadline, member id.
 * - `seq`      push-order counter. `signal` LIST that wakes blocked waiters (BLPOP).
 * - `j:<id>`   HASH of one job: `p` payload, `a` attempts, `r` priority, `m` its ready member,
 *              `t` the current reservation's token (absent when not reserved).
 * - `failed`   ZSET, score failedAt, member id; `f:<id>` HASH: `p`, `a`, `r`, `e` (error JSON),
 *              `c` connection, `at` failedAt.
 * Job and failed-record keys are derived inside the scripts from a prefix argument; they share the
 * queue's hash tag, so they live on the same slot as the declared keys.
 * Times come from the server clock (TIME), so leases do not depend on the clients' clocks.
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
local function readyMember(availableAt, seq, id)
  if availableAt < 0 then availableAt = 0 end
  return string.format('%012x%010x', availableAt, seq) .. id
end
local MEMBER_ID_AT = 23
local function addChunked(cmd, key, args)
  for i = 1, #args, 1000 do
    redis.call(cmd, key, unpack(args, i, math.min(i + 999, #args)))
  end
end
local function wake(signalKey)
  if redis.call('LLEN', signalKey) == 0 then redis.call('LPUSH', signalKey, '1') end
end
`;

/** Builds a script descriptor with the helpers in front of `body`. */
export function defineScript(name: string, numberOfKeys: number, body: string): RedisScript {
  return { name, numberOfKeys, lua: `${LUA_HELPERS}\n${body}` };
}
