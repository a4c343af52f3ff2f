/**
 * @module bench/postgres/conveyor
 * Conveyor on its PostgreSQL driver as a side-by-side `Contender` (bench/lib/conveyor-contender):
 * the schema it is given goes into the URL; the push from the second manager wakes an idle worker
 * by LISTEN/NOTIFY, not by an in-process shortcut.
 */

import type { Contender } from '../lib/contender.js';
import { conveyorContender } from '../lib/conveyor-contender.js';

/**
 * Worker options of the tuned run, as graphile-worker is tuned (its `localQueue.size` 500): up to
 * 500 jobs claimed ahead into the worker's local buffer (`prefetch`; by default a worker claims
 * only for its free slots). CONVEYOR_WORKER (JSON) adds to them.
 */
const TUNED: Record<string, number> = {
  sleep: 1,
  prefetch: 500,
  ...(JSON.parse(process.env.CONVEYOR_WORKER ?? '{}') as Record<string, number>),
};

/** The defaults run: only the idle sleep set, as in every run. */
const DEFAULTS: Record<string, number> = { sleep: 1 };

/** Conveyor on PostgreSQL with the given worker options. */
function contender(name: string, options: Record<string, number>): Contender {
  return conveyorContender(name, options, (url, schema) => {
    const separator = url.includes('?') ? '&' : '?';
    return `${url}${separator}schema=${schema}`;
  });
}

/** Conveyor with prefetch tuned (the figure compared). */
export const conveyor: Contender = contender('conveyor', TUNED);

/** Conveyor with every worker option at its default. */
export const conveyorDefaults: Contender = contender('conveyor-defaults', DEFAULTS);
