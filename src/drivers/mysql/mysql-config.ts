/**
 * @module drivers/mysql/mysql-config
 * Reads a `mysql://` / `mariadb://` URL or a config object into the driver's settings.
 *
 * URL form: `mysql://user:pass@host:3306/db?tablePrefix=conveyor_&poolSize=10&migrate=true&pollInterval=1000`.
 * Query parameters other than Conveyor's own are handed to mysql2 unchanged (e.g. `ssl`, `charset`).
 */
import type { Pool } from 'mysql2/promise';
import { QueueError } from '../../core/errors/queue-error.js';

/** The config object form: `{ driver: 'mysql', uri, ... }`. Either `uri` or `pool` is required. */
export interface MysqlDriverConfig {
  /** `'mysql'` or `'mariadb'` when resolved through `resolveDriver`. */
  driver?: string;
  /** Connection URL (`mysql://` or `mariadb://`); its query parameters are read like the URL form's. */
  uri?: string;
  /** An existing `mysql2/promise` pool; the driver uses it and never ends it. Default: a pool it owns. */
  pool?: Pool;
  /** Prefix of every table name, `[A-Za-z0-9_]` only. Default `'conveyor_'`. */
  tablePrefix?: string;
  /** Run pending migrations on first use. Default `true`; with `false`, run `migrate()` yourself. */
  migrate?: boolean;
  /** Milliseconds between polls in `waitForWork` (MySQL has no notifications). Default `1000`. */
  pollInterval?: number;
  /** Connections in the pool the driver owns (ignored with `pool`). Default `10`. */
  poolSize?: number;
}

/** Settings after defaults. */
export interface ResolvedMysqlConfig {
  /** mysql2 URL without Conveyor's parameters, when the driver owns its pool. */
  uri: string | undefined;
  pool: Pool | undefined;
  tablePrefix: string;
  migrate: boolean;
  pollInterval: number;
  poolSize: number;
}

/** Default table prefix (`conveyor_`). */
export const DEFAULT_TABLE_PREFIX = 'conveyor_';
/** Default poll interval of `waitForWork` (1000 ms). */
export const DEFAULT_POLL_INTERVAL = 1000;
/** Default size of an owned pool (10). */
export const DEFAULT_POOL_SIZE = 10;

const OWN_PARAMS = ['tablePrefix', 'poolSize', 'migrate', 'pollInterval'] as const;
const PREFIX_PATTERN = /^[A-Za-z0-9_]{0,48}$/;

/** Parses a URL or config object; throws `ERR_BAD_CONNECTION_URL` with a fix. */
export function parseMysqlConfig(config: string | Record<string, unknown>): ResolvedMysqlConfig {
  const object: MysqlDriverConfig =
    typeof config === 'string' ? { uri: config } : (config as MysqlDriverConfig);
  const fromUrl = object.uri === undefined ? { uri: undefined, params: {} } : splitUrl(object.uri);
  const params: Record<string, unknown> = { ...fromUrl.params, ...definedOnly(object) };
  if (fromUrl.uri === undefined && object.pool === undefined) {
    throw new QueueError(
      'ERR_BAD_CONNECTION_URL',
      "The mysql driver needs a connection: pass a URL such as 'mysql://root@127.0.0.1:3306/app' or { pool }",
    );
  }
  const tablePrefix = String(params.tablePrefix ?? DEFAULT_TABLE_PREFIX);
  if (!PREFIX_PATTERN.test(tablePrefix)) {
    throw new QueueError(
      'ERR_BAD_CONNECTION_URL',
      `Table prefix '${tablePrefix}' is not allowed: use up to 48 letters, digits or underscores`,
    );
  }
  return {
    uri: fromUrl.uri,
    pool: object.pool,
    tablePrefix,
    migrate: toBoolean(params.migrate, true),
    pollInterval: toPositive(params.pollInterval, DEFAULT_POLL_INTERVAL, 'pollInterval'),
    poolSize: toPositive(params.poolSize, DEFAULT_POOL_SIZE, 'poolSize'),
  };
}

function splitUrl(uri: string): { uri: string; params: Record<string, string> } {
  let url: URL;
  try {
    url = new URL(uri);
  } catch (error) {
    throw new QueueError(
      'ERR_BAD_CONNECTION_URL',
      'The MySQL connection string is not a URL: write mysql://user@host:3306/db',
      {
        cause: error,
      },
    );
  }
  if (url.protocol !== 'mysql:' && url.protocol !== 'mariadb:') {
    throw new QueueError(
      'ERR_BAD_CONNECTION_URL',
      `'${url.protocol}//' is not a MySQL URL: use mysql:// or mariadb://`,
    );
  }
  if (url.pathname.length <= 1) {
    throw new QueueError('ERR_BAD_CONNECTION_URL', `'${redact(url)}' names no database: append /dbname`);
  }
  const params: Record<string, string> = {};
  for (const name of OWN_PARAMS) {
    const value = url.searchParams.get(name);
    if (value !== null) params[name] = value;
    url.searchParams.delete(name);
  }
  // mysql2 parses any scheme the same way; keep one spelling for it.
  return { uri: `mysql:${url.href.slice(url.protocol.length)}`, params };
}

function definedOnly(object: MysqlDriverConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of OWN_PARAMS) {
    if (object[name] !== undefined) out[name] = object[name];
  }
  return out;
}

function toBoolean(value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  const text = String(value).toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(text)) return true;
  if (['0', 'false', 'no', 'off'].includes(text)) return false;
  throw new QueueError(
    'ERR_BAD_CONNECTION_URL',
    `migrate=${String(value)} is not a boolean: use true or false`,
  );
}

function toPositive(value: unknown, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) {
    throw new QueueError('ERR_BAD_CONNECTION_URL', `${name}=${String(value)} is not a positive number`);
  }
  return number;
}

function redact(url: URL): string {
  const copy = new URL(url.href);
  if (copy.password) copy.password = '***';
  return copy.href;
}
