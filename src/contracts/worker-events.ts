/**
 * @module contracts/worker-events
 * The worker's typed event map (DESIGN §4 rule 15).
 */
import type { IQueueable } from './queueable.js';

/** Facts about the job an event is about. */
export interface JobEventInfo {
  readonly id: string;
  readonly name: string;
  readonly queue: string;
  readonly connection: string;
  readonly attempts: number;
}

/** Handlers by event name. `job` is the revived job instance. */
export interface WorkerEventMap {
  processing: (job: IQueueable, info: JobEventInfo) => void;
  processed: (job: IQueueable, info: JobEventInfo) => void;
  exception: (job: IQueueable, error: Error, info: JobEventInfo) => void;
  released: (job: IQueueable, delay: number, info: JobEventInfo) => void;
  failed: (job: IQueueable, error: Error, info: JobEventInfo) => void;
  timeout: (job: IQueueable, error: Error, info: JobEventInfo) => void;
  progress: (job: IQueueable, value: unknown, info: JobEventInfo) => void;
  idle: () => void;
  stopping: () => void;
  stopped: () => void;
  error: (error: Error) => void;
}

/** A worker event name. */
export type WorkerEventName = keyof WorkerEventMap;
