/**
 * @module drivers/redis/redis-config
 * The Redis driver's options, from a URL (`redis://[user:pass@]host:port/db?prefix=conveyor`,
 * `rediss://` for TLS) or a config object.
 */
import type { ConnectionOptions } from 'node:tls';
import type { Cluster, Redis } from 'ioredis';
import { QueueError } from '../../core/errors/queue-error.js';

/** Options of the Redis driver. */
export interface RedisDriverConfig {
  /** `'redis'` when given to `resolveDriver` as a config object. */
  driver?: 'redis' | 'rediss';
  /** A `redis://` or `rediss://` URL; the other fields override what it says. */
  url?: string;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default 6379. */
  port?: number;
  /** Database index, default 0. */
  db?: number;
  /** ACL user (Redis 6+), default none. */
  username?: string;
  /** Default none. */
  password?: string;
  /** `true` (or TLS options) to connect over TLS; default `false`, `true` for `rediss://`. */
  tls?: boolean | ConnectionOptions;
  /** Prefix of every key, default `'conveyor'`. Drivers sharing a prefix share their queues. */
  prefix?: string;
  /**
   * An existing ioredis client (a `Redis` or a `Cluster`) to use instead of opening one. The driver
   * registers its scripts on it, duplicates it for blocking waits, and never closes it. Default none.
   */
  client?: Redis | Cluster;
  /** Connection name shown by CLIENT LIST, default `'conveyor'`. */
  connectionName?: string;
  /** Called with warnings (e.g. an eviction policy that can drop jobs); default `console.warn`. */
  onWarning?: (message: string) => void;
  /** Called with connection errors ioredis reports while it reconnects; default: ignored. */
  onError?: (error: Error) => void;
}

/** The options after defaults, as the driver uses them. */
export interface ResolvedRedisConfig {
  host: string;
  port: number;
  db: number;
  username: string | undefined;
  password: string | undefined;
  tls: ConnectionOptions | undefined;
  prefix: string;
  client: Redis | Cluster | undefined;
  connectionName: string;
  onWarning: (message: string) => void;
  onError: ((error: Error) => void) | undefined;
}

/** Parses a URL or config object into resolved options. */
export function parseRedisConfig(config: string | RedisDriverConfig): ResolvedRedisConfig {
  const options: RedisDriverConfig = typeof config === 'string' ? { url: config } : config;
  const fromUrl = options.url ? parseUrl(options.url) : {};
  const merged: RedisDriverConfig = { ...fromUrl, ...withoutUndefined(options) };
  const tls = merged.tls === true ? {} : merged.tls === false ? undefined : merged.tls;
  return {
    host: merged.host ?? '127.0.0.1',
    port: merged.port ?? 6379,
    db: merged.db ?? 0,
    username: merged.username,
    password: merged.password,
    tls,
    prefix: merged.prefix ?? 'conveyor',
    client: merged.client,
    connectionName: merged.connectionName ?? 'conveyor',
    onWarning: merged.onWarning ?? ((message) => console.warn(message)),
    onError: merged.onError,
  };
}

function parseUrl(url: string): RedisDriverConfig {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw badUrl(url, error);
  }
  const scheme = parsed.protocol.slice(0, -1).toLowerCase();
  if (scheme !== 'redis' && scheme !== 'rediss') throw badUrl(url);
  const out: RedisDriverConfig = {};
  if (parsed.hostname) out.host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (parsed.port) out.port = Number(parsed.port);
  if (parsed.username) out.username = decodeURIComponent(parsed.username);
  if (parsed.password) out.password = decodeURIComponent(parsed.password);
  const db = parsed.pathname.replace(/^\//, '');
  if (db) {
    if (!/^\d+$/.test(db)) throw badUrl(url);
    out.db = Number(db);
  }
  const prefix = parsed.searchParams.get('prefix');
  if (prefix) out.prefix = prefix;
  if (scheme === 'rediss') out.tls = true;
  return out;
}

function badUrl(url: string, cause?: unknown): QueueError {
  const shown = url.replace(/\/\/[^@/]*@/, '//***@');
  return new QueueError(
    'ERR_BAD_CONNECTION_URL',
    `'${shown}' is not a Redis URL: write redis://[user:password@]host:port/db?prefix=conveyor (rediss:// for TLS)`,
    { cause },
  );
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
