/**
 * @module core/isolation/thread-protocol
 * Messages between the worker and a job thread.
 */
import type { ErrorInfo } from '../../drivers/driver.js';

/** Worker → thread: run one job. */
export interface RunMessage {
  type: 'run';
  payload: string;
  id: string;
  queue: string;
  attempts: number;
  connection: string;
}

/** Thread → worker. */
export type ThreadMessage =
  | { type: 'ready' }
  | { type: 'progress'; value: unknown }
  | { type: 'release'; delay: number }
  | { type: 'fail'; error: ErrorInfo | string | undefined }
  | { type: 'done' }
  | { type: 'error'; error: ErrorInfo };

/** What the thread is started with. */
export interface ThreadData {
  jobsModule: string;
  codecOptions: unknown;
}
