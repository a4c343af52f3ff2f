/**
 * @module drivers/redis/scripts
 * Every Lua script of the Redis driver, registered once per client with `defineCommand`
 * (ioredis then runs them by SHA and reloads a script after NOSCRIPT, e.g. after a server restart).
 * The sources are TypeScript strings, so the build (plain `tsc`) ships them without a copy step.
 */
import { acquireLockScript } from './acquire-lock-1.js';
import { clearQueueScript } from './clear-queue-5.js';
import { completeScript } from './complete-1.js';
import { enqueueScript } from './enqueue-6.js';
import { extendScript } from './extend-1.js';
import { failScript } from './fail-2.js';
import { failedAddScript } from './failed-add-1.js';
import { failedReadScript } from './failed-read-1.js';
import { failedRemoveScript } from './failed-remove-1.js';
import { failedRetryScript } from './failed-retry-7.js';
import { incrementScript } from './increment-1.js';
import type { RedisScript } from './lua-helpers.js';
import { nextDueScript } from './next-due-4.js';
import { releaseScript } from './release-5.js';
import { releaseLockScript } from './release-lock-1.js';
import { reserveScript } from './reserve-5.js';
import { sizesScript } from './sizes-4.js';

/** All scripts by name. */
export const redisScripts = {
  enqueue: enqueueScript,
  reserve: reserveScript,
  complete: completeScript,
  extend: extendScript,
  release: releaseScript,
  fail: failScript,
  failedAdd: failedAddScript,
  failedRetry: failedRetryScript,
  failedRemove: failedRemoveScript,
  failedRead: failedReadScript,
  sizes: sizesScript,
  nextDue: nextDueScript,
  clearQueue: clearQueueScript,
  increment: incrementScript,
  acquireLock: acquireLockScript,
  releaseLock: releaseLockScript,
} satisfies Record<string, RedisScript>;

/** A script's name. */
export type RedisScriptName = keyof typeof redisScripts;

export type { RedisScript } from './lua-helpers.js';
