/**
 * @module drivers/redis/redis-connection
 * Opens (or adopts) the ioredis client, registers the scripts on it, runs them, and makes the
 * extra connections blocking waits need. ioredis is loaded here, lazily, on first use.
 */
import type { Cluster, Redis, RedisOptions } from 'ioredis';
import { QueueError } from '../../core/errors/queue-error.js';
import { loadOptional } from '../load-optional.js';
import { checkEvictionPolicy } from './eviction-policy-check.js';
import type { ResolvedRedisConfig } from './redis-config.js';
import { RedisKeys } from './redis-keys.js';
import { type RedisScriptName, redisScripts } from './scripts/index.js';

/** A standalone/Sentinel client or a Cluster client. */
export type RedisClient = Redis | Cluster;

type IoRedisModule = typeof import('ioredis');
type ScriptInvoker = Record<string, (...args: Array<string | number>) => Promise<unknown>>;

/** The ioredis command name of a script. */
function commandName(name: RedisScriptName): string {
  return `conveyor${name[0]?.toUpperCase()}${name.slice(1)}`;
}

/** Registers every script on `client` (idempotent). */
function defineScripts(client: RedisClient): void {
  for (const [name, script] of Object.entries(redisScripts)) {
    client.defineCommand(commandName(name as RedisScriptName), {
      lua: script.lua,
      numberOfKeys: script.numberOfKeys,
    });
  }
}

/** One open client with the driver's scripts and key names. */
export class RedisConnection {
  /** Key names; `keyPrefix` of an adopted client is taken into account. */
  readonly keys: RedisKeys;
  /**
   * Queues known to be in the registry. Forgotten on every (re)connect, so a server that came
   * back empty (no persistence) gets its registry rebuilt by the next pushes.
   */
  private readonly registered = new Set<string>();

  private constructor(
    readonly client: RedisClient,
    private readonly owned: boolean,
    private readonly config: ResolvedRedisConfig,
  ) {
    const keyPrefix = (client.options as { keyPrefix?: string }).keyPrefix ?? '';
    this.keys = new RedisKeys(config.prefix, keyPrefix);
    client.on('ready', this.onReady);
  }

  /** Opens a client from `config` (or adopts `config.client`), waits until it is ready. */
  static async open(config: ResolvedRedisConfig): Promise<RedisConnection> {
    const ioredis = await loadOptional<IoRedisModule>('ioredis', 'redis');
    let client: RedisClient;
    let owned = false;
    if (config.client) {
      client = config.client;
    } else {
      const RedisClass = ioredis.Redis ?? ioredis.default;
      const options: RedisOptions = {
        host: config.host,
        port: config.port,
        db: config.db,
        username: config.username,
        password: config.password,
        tls: config.tls,
        connectionName: config.connectionName,
        // Off: each call is written at once. Auto-pipelining holds calls while a pipeline is in
        // flight, which would undo the enqueue overlap; coalescing calls per tick measured no faster.
        enableAutoPipelining: false,
        lazyConnect: true,
      };
      client = new RedisClass(options);
      owned = true;
      let lastError: Error | undefined;
      client.on('error', (error: Error) => {
        lastError = error;
        config.onError?.(error);
      });
      try {
        await client.connect();
      } catch (error) {
        client.disconnect();
        const reason = lastError?.message ?? (error instanceof Error ? error.message : String(error));
        throw new QueueError(
          'ERR_REDIS_CONNECT',
          `Cannot connect to Redis at ${config.host}:${config.port}/${config.db}: ${reason}. ` +
            'Check the URL (redis://user:password@host:port/db), that the server runs, and its credentials.',
          { cause: lastError ?? error },
        );
      }
    }
    defineScripts(client);
    const connection = new RedisConnection(client, owned, config);
    await checkEvictionPolicy(client, serverName(client), config.onWarning);
    return connection;
  }

  /** Of `queues`, those this connection has not added to the queue registry yet. */
  unregistered(queues: Iterable<string>): string[] {
    const out: string[] = [];
    for (const queue of queues) if (!this.registered.has(queue)) out.push(queue);
    return out;
  }

  /** Adds queues to the registry (the SET `queues()` and the failed store read). */
  async register(queues: string[]): Promise<void> {
    await this.client.sadd(this.keys.registry, ...queues);
    for (const queue of queues) this.registered.add(queue);
  }

  private readonly onReady = () => this.registered.clear();

  /** Runs a script; its KEYS first, then its ARGV. */
  run(
    name: RedisScriptName,
    keys: readonly string[],
    args: ReadonlyArray<string | number>,
  ): Promise<unknown> {
    const invoker = this.client as unknown as ScriptInvoker;
    return invoker[commandName(name)]!(...keys, ...args);
  }

  /** A new connection for blocking commands (BLPOP), with the same server, auth and db. */
  openBlocking(): RedisClient {
    const name = `${this.config.connectionName}:wait`;
    let blocking: RedisClient;
    if (isCluster(this.client)) {
      blocking = this.client.duplicate([], { redisOptions: { connectionName: name } });
    } else {
      // Commands wait for a reconnect without a retry limit: the waiter's own timer bounds the wait.
      blocking = this.client.duplicate({
        connectionName: name,
        enableAutoPipelining: false,
        maxRetriesPerRequest: null,
        lazyConnect: false,
      });
    }
    blocking.on('error', (error: Error) => this.config.onError?.(error));
    return blocking;
  }

  /** Closes the client if the driver opened it; an adopted client stays open. */
  async close(): Promise<void> {
    this.client.off('ready', this.onReady);
    if (!this.owned) return;
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }
}

/** `host:port/db` of a client, for messages. */
function serverName(client: RedisClient): string {
  if (isCluster(client)) return 'cluster';
  const { host, port, db } = client.options;
  return `${host ?? '127.0.0.1'}:${port ?? 6379}/${db ?? 0}`;
}

/** Whether `client` is an ioredis Cluster. */
export function isCluster(client: RedisClient): client is Cluster {
  return (client as { isCluster?: boolean }).isCluster === true;
}
