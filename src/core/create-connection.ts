/**
 * @module core/create-connection
 * `createConnection(url, options)`: the seed's `IQueueConnection` for a URL or driver config.
 */
import type { Driver } from '../drivers/driver.js';
import { type DriverConfigObject, resolveDriver } from '../drivers/resolve-driver.js';
import { type ConnectionOptions, QueueConnection } from './queue-connection.js';
import { SyncConnection } from './sync-connection.js';

/** A URL (`sqlite://./queue.db`, `redis://…`, `sync://`…), a `{ driver, ...config }` object, or a Driver. */
export type ConnectionConfig = string | DriverConfigObject | Driver;

/** Builds a connection. Nothing connects until first use. */
export function createConnection(config: ConnectionConfig, options: ConnectionOptions = {}): QueueConnection {
  const isSync =
    (typeof config === 'string' && config.toLowerCase().startsWith('sync:')) ||
    (typeof config === 'object' && (config as DriverConfigObject).driver === 'sync');
  if (isSync) return new SyncConnection(options);
  return new QueueConnection(resolveDriver(config), options);
}
