/**
 * @module drivers/resolve-driver
 * Maps a connection URL (or `{ driver, ...config }` object) to a driver.
 * Driver modules load their client library lazily in `connect()`, so importing them here is cheap.
 */
import { QueueError } from '../core/errors/queue-error.js';
import type { Driver, DriverFactory } from './driver.js';
import { createMemoryDriver } from './memory/index.js';
import { createMysqlDriver } from './mysql/index.js';
import { createPostgresDriver } from './postgres/index.js';
import { createRedisDriver } from './redis/index.js';
import { createSqliteDriver } from './sqlite/index.js';

/** Driver factories by URL scheme (without the colon). */
const factories: Record<string, DriverFactory> = {
  memory: createMemoryDriver,
  mysql: createMysqlDriver,
  mariadb: createMysqlDriver,
  postgres: createPostgresDriver,
  postgresql: createPostgresDriver,
  redis: createRedisDriver,
  rediss: createRedisDriver,
  sqlite: createSqliteDriver,
};

/** A driver config object: `{ driver: 'redis', ...options }`. */
export interface DriverConfigObject {
  driver: string;
  [option: string]: unknown;
}

/** Builds the driver for `config`; throws a clear error for an unknown scheme. */
export function resolveDriver(config: string | DriverConfigObject | Driver): Driver {
  if (typeof config === 'object' && 'reserve' in config && typeof config.reserve === 'function') {
    return config as Driver;
  }
  const scheme =
    typeof config === 'string' ? schemeOf(config) : String((config as DriverConfigObject).driver);
  const factory = factories[scheme];
  if (!factory) {
    throw new QueueError(
      'ERR_UNKNOWN_DRIVER',
      `Unknown connection scheme '${scheme}': use one of ${Object.keys(factories)
        .map((s) => `${s}://`)
        .join(', ')}`,
    );
  }
  return factory(config as string | Record<string, unknown>);
}

function schemeOf(url: string): string {
  const index = url.indexOf(':');
  if (index <= 0) {
    throw new QueueError(
      'ERR_BAD_CONNECTION_URL',
      `'${url}' is not a connection URL: write e.g. sqlite://./queue.db`,
    );
  }
  return url.slice(0, index).toLowerCase();
}

/** Registers a driver factory for a URL scheme (for third-party drivers). */
export function registerDriver(scheme: string, factory: DriverFactory): void {
  factories[scheme.toLowerCase()] = factory;
}
