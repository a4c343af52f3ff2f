/**
 * @module drivers/postgres/statements
 * Every statement of one driver, built once from its schema. Each gets a stable name so `pg`
 * prepares it once per connection (parse and plan once); the name carries a hash of the text
 * so two drivers on different schemas can share a pool.
 */
import { createHash } from 'node:crypto';
import { acquireLockSql, counterSql, incrementSql, pruneAtomicSql, releaseLockSql } from './sql/atomic.js';
import { completeByRowSql, completeSql } from './sql/complete.js';
import { enqueueJsonNotifySql, enqueueJsonSql, enqueueNotifySql, enqueueSql } from './sql/enqueue.js';
import { extendSql } from './sql/extend.js';
import { failSql } from './sql/fail.js';
import {
  failedAddSql,
  failedCountSql,
  failedFlushSql,
  failedForgetSql,
  failedGetSql,
  failedListSql,
  failedPruneSql,
  failedRetrySql,
} from './sql/failed-store.js';
import { clearAllSql, clearSql, hasWorkSql, queuesSql, sizesSql, vacuumJobsSql } from './sql/queue-info.js';
import { releaseNotifySql, releaseSql } from './sql/release.js';
import { reserveSql } from './sql/reserve.js';
import type { Tables } from './tables.js';

/** A statement ready for `pg`: `name` undefined means unprepared (for poolers that cannot keep them). */
export interface Statement {
  name: string | undefined;
  text: string;
}

/** Builds every statement for `tables`; `notify` picks the notifying forms, `asyncClaims` the claim's commit. */
export function buildStatements(
  tables: Tables,
  options: { notify: boolean; prepare: boolean; asyncClaims: boolean },
) {
  const make = (key: string, text: string): Statement => ({
    name: options.prepare
      ? `conveyor_${key}_${createHash('sha1').update(text).digest('hex').slice(0, 10)}`
      : undefined,
    text,
  });
  return {
    enqueue: make('enqueue', options.notify ? enqueueNotifySql(tables) : enqueueSql(tables)),
    enqueueJson: make('enqueue_json', options.notify ? enqueueJsonNotifySql(tables) : enqueueJsonSql(tables)),
    reserve: make('reserve', reserveSql(tables, options.asyncClaims)),
    complete: make('complete', completeSql(tables)),
    completeByRow: make('complete_by_row', completeByRowSql(tables)),
    extend: make('extend', extendSql(tables, options.asyncClaims)),
    releaseNow: make('release_now', options.notify ? releaseNotifySql(tables) : releaseSql(tables)),
    releaseLater: make('release_later', releaseSql(tables)),
    fail: make('fail', failSql(tables)),
    sizes: make('sizes', sizesSql(tables)),
    queues: make('queues', queuesSql(tables)),
    hasWork: make('has_work', hasWorkSql(tables)),
    clear: make('clear', clearSql(tables)),
    clearAll: make('clear_all', clearAllSql(tables)),
    // a utility statement: never prepared, sent without parameters (simple protocol)
    vacuumJobs: { name: undefined, text: vacuumJobsSql(tables) },
    failedList: make('failed_list', failedListSql(tables)),
    failedCount: make('failed_count', failedCountSql(tables)),
    failedGet: make('failed_get', failedGetSql(tables)),
    failedRetry: make('failed_retry', failedRetrySql(tables, options.notify)),
    failedAdd: make('failed_add', failedAddSql(tables)),
    failedForget: make('failed_forget', failedForgetSql(tables)),
    failedFlush: make('failed_flush', failedFlushSql(tables)),
    failedPrune: make('failed_prune', failedPruneSql(tables)),
    increment: make('increment', incrementSql(tables)),
    counter: make('counter', counterSql(tables)),
    acquireLock: make('acquire_lock', acquireLockSql(tables)),
    releaseLock: make('release_lock', releaseLockSql(tables)),
    pruneAtomic: make('prune_atomic', pruneAtomicSql(tables)),
  };
}

/** The statements of one driver. */
export type Statements = ReturnType<typeof buildStatements>;
