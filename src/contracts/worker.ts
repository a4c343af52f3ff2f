/**
 * @module contracts/worker
 * The seed's `IWorker`, with `on()` typed by the event map.
 */
import type { WorkerEventMap } from './worker-events.js';

/** Processes jobs from one connection's queues. */
export interface IWorker {
  /** Resolves once the worker is running. */
  start(): Promise<void>;
  /** Stops reserving, drains running jobs up to the grace period, releases the rest. */
  stop(): Promise<void>;
  /** Reserves and runs one job; `true` if one ran. */
  processNext(queue?: string): Promise<boolean>;
  /** `'idle' | 'starting' | 'running' | 'stopping' | 'stopped'`. */
  getStatus(): string;
  /** Attempt limit for jobs that set none (default 1; 0 = unlimited). */
  setMaxAttempts(maxAttempts: number): void;
  /** Seconds per attempt for jobs that set none (default 60). */
  setTimeout(timeout: number): void;
  /** Seconds to wait between polls when the driver cannot wake the worker (default 3). */
  setSleep(sleep: number): void;
  getId(): string;
  getProcessedCount(): number;
  getFailedCount(): number;
  on<E extends keyof WorkerEventMap>(event: E, handler: WorkerEventMap[E]): () => void;
  on(event: string, handler: Function): () => void;
}
