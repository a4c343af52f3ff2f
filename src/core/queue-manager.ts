/**
 * @module core/queue-manager
 * The seed's `IQueueManager`: named connections, routing a job to connection + queue.
 */
import type { IJobOptions } from '../contracts/job-options.js';
import type { IQueueConnection } from '../contracts/queue-connection.js';
import type { IQueueManager } from '../contracts/queue-manager.js';
import type { IQueueable } from '../contracts/queueable.js';
import type { MiddlewareRegistry } from '../middleware/middleware-registry.js';
import { type ConnectionRuntime, createRuntime, type RuntimeOptions } from './connection-runtime.js';
import { type ConnectionConfig, createConnection } from './create-connection.js';
import { ConnectionNotFoundError } from './errors/connection-not-found-error.js';
import type { JobRegistry } from './job-registry.js';
import { type DispatchOptions, QueueConnection } from './queue-connection.js';

/** The embedded default: a SQLite file under `./.conveyor/`. */
export const DEFAULT_CONNECTION_URL = 'sqlite://./.conveyor/queue.db';

/** Manager options; all optional. */
export interface QueueManagerOptions extends RuntimeOptions {
  /** The default connection's name (default: `'default'` if configured, else the first connection). */
  default?: string | undefined;
  /** Connections by name: URLs, driver configs or connections (default: `{ default: DEFAULT_CONNECTION_URL }`). */
  connections?: Record<string, ConnectionConfig | IQueueConnection> | undefined;
}

/** Routes jobs to named connections. */
export class QueueManager implements IQueueManager {
  /** Job classes by name, shared by every connection of this manager. */
  readonly registry: JobRegistry;
  /** Named middleware, shared by every connection of this manager. */
  readonly middleware: MiddlewareRegistry;
  private readonly runtime: ConnectionRuntime;
  private readonly connections = new Map<string, IQueueConnection>();
  private defaultName: string;

  constructor(options: QueueManagerOptions = {}) {
    this.runtime = createRuntime(options);
    this.registry = this.runtime.registry;
    this.middleware = this.runtime.middleware;
    const connections = options.connections ?? { default: DEFAULT_CONNECTION_URL };
    for (const [name, config] of Object.entries(connections)) {
      this.addConnection(name, isConnection(config) ? config : createConnection(config));
    }
    const names = Object.keys(connections);
    this.defaultName = options.default ?? (names.includes('default') ? 'default' : (names[0] ?? 'default'));
  }

  addConnection(name: string, connection: IQueueConnection): void {
    if (connection instanceof QueueConnection) connection.attach(name, this.runtime);
    this.connections.set(name, connection);
  }

  connection(name?: string): IQueueConnection {
    const key = name ?? this.defaultName;
    const connection = this.connections.get(key);
    if (connection === undefined) throw new ConnectionNotFoundError(key, [...this.connections.keys()]);
    return connection;
  }

  setDefaultConnection(name: string): void {
    this.defaultName = name;
  }

  getDefaultConnection(): string {
    return this.defaultName;
  }

  getConnections(): Record<string, IQueueConnection> {
    return Object.fromEntries(this.connections);
  }

  push(job: IQueueable, data: any, connectionName?: string | null, queue?: string | null): Promise<void> {
    return this.route(job, connectionName).push(job, data, queue ?? undefined);
  }

  later(
    delay: number,
    job: IQueueable,
    data: any,
    connectionName?: string | null,
    queue?: string | null,
  ): Promise<void> {
    return this.route(job, connectionName).later(delay, job, data, queue ?? undefined);
  }

  /** Pushes many jobs; jobs bound for different connections go in one call per connection. */
  async bulk(
    jobs: IQueueable[],
    data: any,
    connectionName?: string | null,
    queue?: string | null,
  ): Promise<void> {
    const groups = new Map<IQueueConnection, IQueueable[]>();
    for (const job of jobs) {
      const connection = this.route(job, connectionName);
      const group = groups.get(connection);
      if (group) group.push(job);
      else groups.set(connection, [job]);
    }
    for (const [connection, group] of groups) await connection.bulk(group, data, queue ?? undefined);
  }

  release(
    job: IQueueable,
    data: any,
    delay?: number,
    connectionName?: string | null,
    queue?: string | null,
  ): Promise<void> {
    return this.route(job, connectionName).release(job, data, delay, queue ?? undefined);
  }

  failed(job: IQueueable, data: any, error: Error, connectionName?: string | null): Promise<void> {
    return this.route(job, connectionName).failed(job, data, error);
  }

  /** The rich form of `push`: per-job `IJobOptions` (the job's own methods still win). */
  dispatch(job: IQueueable, data: any, options: DispatchOptions & IJobOptions = {}): Promise<void> {
    const connection = this.route(job, null, options.connection);
    if (connection instanceof QueueConnection) return connection.dispatch(job, data, options);
    return options.delay
      ? connection.later(options.delay, job, data, options.queue)
      : connection.push(job, data, options.queue);
  }

  /** Closes every connection. */
  async close(): Promise<void> {
    for (const connection of this.connections.values()) {
      if (connection instanceof QueueConnection) await connection.close();
    }
  }

  /** Explicit argument > the job's `connection()` > dispatch option > default. */
  private route(job: IQueueable, explicit: string | null | undefined, option?: string): IQueueConnection {
    return this.connection(explicit || job.connection?.() || option || undefined);
  }
}

function isConnection(value: unknown): value is IQueueConnection {
  return typeof value === 'object' && value !== null && 'push' in value && 'getName' in value;
}
