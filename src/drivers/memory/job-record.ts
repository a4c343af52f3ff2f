/**
 * @module drivers/memory/job-record
 * The memory driver's stored job.
 */
import type { QueueState } from './queue-state.js';

/** Where a record stands. `Removed` marks entries left behind in a queue as dead. */
export const JobState = { Ready: 0, Delayed: 1, Reserved: 2, Removed: 3 } as const;

/** One of the `JobState` values. */
export type JobState = (typeof JobState)[keyof typeof JobState];

/** One stored job. `at` is its `availableAt`; `seq` its push order. */
export interface JobRecord {
  id: string;
  queue: string;
  /** The state of `queue` this record was placed in. */
  home: QueueState;
  payload: string;
  at: number;
  priority: number;
  attempts: number;
  seq: number;
  state: JobState;
  /** The current reservation's token; `''` when not reserved. */
  token: string;
  /** The record's index in `LeaseSlots` while reserved; -1 otherwise. */
  slot: number;
  /** The number of its latest reservation (rising per store); 0 before the first. */
  leaseNo: number;
  /** When the current lease ends (epoch ms); 0 when not reserved. */
  leaseUntil: number;
}
