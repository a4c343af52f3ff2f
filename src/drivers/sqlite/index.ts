/**
 * @module drivers/sqlite
 * The SQLite driver, Conveyor's embedded default: `sqlite://./.conveyor/queue.db`.
 */
import type { DriverFactory } from '../driver.js';
import { SqliteDriver } from './sqlite-driver.js';
import { parseSqliteOptions } from './sqlite-options.js';

export { SqliteDriver } from './sqlite-driver.js';
export type { SqliteDriverConfig, SqliteSynchronous } from './sqlite-options.js';
export { DEFAULT_SQLITE_PATH } from './sqlite-options.js';

/** Builds a SQLite driver from `sqlite://PATH` or `{ driver: 'sqlite', path, synchronous, busyTimeoutMs, pollInterval }`. */
export const createSqliteDriver: DriverFactory = (config) => new SqliteDriver(parseSqliteOptions(config));
