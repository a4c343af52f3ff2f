/**
 * @module contracts/queue-manager
 * The seed's `IQueueManager`: named connections and job routing.
 */
import type { IQueueConnection } from './queue-connection.js';
import type { IQueueable } from './queueable.js';

/** Manages queue connections and dispatches jobs. */
export interface IQueueManager {
  addConnection(name: string, connection: IQueueConnection): void;
  connection(name?: string): IQueueConnection;
  setDefaultConnection(name: string): void;
  push(job: IQueueable, data: any, connectionName?: string | null, queue?: string | null): Promise<void>;
  later(
    delay: number,
    job: IQueueable,
    data: any,
    connectionName?: string | null,
    queue?: string | null,
  ): Promise<void>;
  bulk(jobs: IQueueable[], data: any, connectionName?: string | null, queue?: string | null): Promise<void>;
  release(
    job: IQueueable,
    data: any,
    delay?: number,
    connectionName?: string | null,
    queue?: string | null,
  ): Promise<void>;
  failed(job: IQueueable, data: any, error: Error, connectionName?: string | null): Promise<void>;
  getDefaultConnection(): string;
  getConnections(): Record<string, IQueueConnection>;
}
