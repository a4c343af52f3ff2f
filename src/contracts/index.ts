/**
 * @module contracts
 * The seed's seven interfaces under their seed names, and their documented supersets.
 */
export type { JobContext } from './job-context.js';
export type { IJobOptions } from './job-options.js';
export type { IJobRegistry } from './job-registry.js';
export type { JobMiddleware, JobMiddlewareObject, MiddlewareEntry, NextFunction } from './middleware.js';
export type { IQueueConnection } from './queue-connection.js';
export type { IQueueManager } from './queue-manager.js';
export type { IQueueable, JobClass } from './queueable.js';
export type { IShouldQueue } from './should-queue.js';
export type { IWorker } from './worker.js';
export type { JobEventInfo, WorkerEventMap, WorkerEventName } from './worker-events.js';
