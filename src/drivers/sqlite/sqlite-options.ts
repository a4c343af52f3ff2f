/**
 * @module drivers/sqlite/sqlite-options
 * Turns `sqlite://PATH` URLs and `{ driver: 'sqlite', path, ... }` objects into resolved options.
 *
 * URL forms: `sqlite://./rel/queue.db` and `sqlite://rel.db` (relative to the cwd),
 * `sqlite:///abs/queue.db`, `sqlite://:memory:`. Options may ride in the query string:
 * `sqlite://./q.db?synchronous=FULL&busyTimeoutMs=10000&pollInterval=50`.
 */
import { resolve } from 'node:path';
import { QueueError } from '../../core/errors/queue-error.js';

/** The `synchronous` pragma values we allow: NORMAL is safe in WAL (a power cut may lose the last commits), FULL also survives that. */
export type SqliteSynchronous = 'NORMAL' | 'FULL';

/** The SQLite driver's config object, also accepted by `createConnection`. */
export interface SqliteDriverConfig {
  driver?: 'sqlite';
  /** Database file, relative to the cwd, or `:memory:`. Default `./.conveyor/queue.db`. */
  path?: string;
  /** Default `'NORMAL'`. */
  synchronous?: SqliteSynchronous;
  /** How long a write waits for another connection's write lock, in ms. Default 5000. */
  busyTimeoutMs?: number;
  /** How often `waitForWork` looks for work written by other processes, in ms. Default 100. */
  pollInterval?: number;
}

/** Options after defaults; `filename` is absolute or `:memory:`. */
export interface ResolvedSqliteOptions {
  filename: string;
  memory: boolean;
  synchronous: SqliteSynchronous;
  busyTimeoutMs: number;
  pollInterval: number;
}

/** The embedded default database file. */
export const DEFAULT_SQLITE_PATH = './.conveyor/queue.db';

/** Parses a URL or config object; throws `ERR_BAD_CONNECTION_URL` on nonsense. */
export function parseSqliteOptions(config: string | Record<string, unknown>): ResolvedSqliteOptions {
  const raw = typeof config === 'string' ? fromUrl(config) : (config as SqliteDriverConfig);
  const path = raw.path ?? DEFAULT_SQLITE_PATH;
  if (typeof path !== 'string' || path === '') {
    throw bad(
      `SQLite path must be a non-empty string, got ${JSON.stringify(path)}: write sqlite://./queue.db`,
    );
  }
  const memory = path === ':memory:';
  return {
    filename: memory ? path : resolve(process.cwd(), path),
    memory,
    synchronous: synchronousOf(raw.synchronous ?? 'NORMAL'),
    busyTimeoutMs: positive('busyTimeoutMs', raw.busyTimeoutMs ?? 5000),
    pollInterval: positive('pollInterval', raw.pollInterval ?? 100),
  };
}

function fromUrl(url: string): SqliteDriverConfig {
  const match = /^sqlite:(?:\/\/)?([^?]*)(?:\?(.*))?$/i.exec(url);
  if (!match) {
    throw bad(
      `'${url}' is not a SQLite URL: write sqlite://./queue.db, sqlite:///abs/queue.db or sqlite://:memory:`,
    );
  }
  const config: SqliteDriverConfig = { path: decodeURIComponent(match[1] ?? '') };
  const query = new URLSearchParams(match[2] ?? '');
  const synchronous = query.get('synchronous');
  if (synchronous !== null) config.synchronous = synchronous as SqliteSynchronous;
  for (const key of ['busyTimeoutMs', 'pollInterval'] as const) {
    const value = query.get(key);
    if (value !== null) config[key] = Number(value);
  }
  return config;
}

function synchronousOf(value: unknown): SqliteSynchronous {
  const upper = String(value).toUpperCase();
  if (upper === 'NORMAL' || upper === 'FULL') return upper;
  throw bad(`SQLite synchronous must be 'NORMAL' or 'FULL', got '${String(value)}'`);
}

function positive(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw bad(`SQLite option ${name} must be a positive number of milliseconds, got ${String(value)}`);
  }
  return value;
}

function bad(message: string): QueueError {
  return new QueueError('ERR_BAD_CONNECTION_URL', message);
}
