/**
 * @module drivers/postgres/connection
 * The driver's connections: the pool (its own, or the caller's), migrations on first use, the
 * LISTEN connection, and `run`, the one way statements are sent (connected, retried).
 */
import type PG from 'pg';
import type { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';
import { QueueError } from '../../core/errors/queue-error.js';
import { loadOptional } from '../load-optional.js';
import { NotificationListener } from './listener.js';
import { runMigrations } from './migrator.js';
import type { ResolvedPostgresOptions } from './options.js';
import { withRetry } from './retry.js';
import type { Statement } from './statements.js';
import type { Tables } from './tables.js';

/** What the connection tells the driver about notifications. */
export interface ConnectionHooks {
  onNotify(queue: string): void;
  onReconnect(): void;
}

/** Pool, listener and migrations of one driver; connects lazily and once. */
export class PostgresConnection {
  private pg: typeof PG | undefined;
  private pool: Pool | undefined;
  private listener: NotificationListener | undefined;
  private connecting: Promise<void> | undefined;
  private connected = false;
  private closed = false;

  constructor(
    private readonly options: ResolvedPostgresOptions,
    private readonly tables: Tables,
    private readonly hooks: ConnectionHooks,
  ) {}

  /** Opens the pool, migrates (unless `migrate: false`) and starts listening; idempotent. */
  connect(): Promise<void> {
    if (this.closed) return Promise.reject(closedError());
    this.connecting ??= this.open().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    return this.connecting;
  }

  /** Stops listening and ends the pool if the driver made it. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.connecting?.catch(() => undefined);
    await this.listener?.close();
    // a caller's pool is theirs to end
    if (this.pool && !this.options.pool) await this.pool.end().catch(() => undefined);
  }

  /** Applies pending migrations now; returns the versions applied. */
  async migrate(): Promise<number[]> {
    return runMigrations(await this.ensurePool(), this.tables);
  }

  /** Sends one of the driver's statements through the pool, connecting first, retrying transient failures. */
  readonly run = <R extends QueryResultRow = QueryResultRow>(
    statement: Statement,
    values: unknown[],
  ): Promise<QueryResult<R>> =>
    withRetry(
      async () => {
        if (!this.connected) await this.connect();
        return (this.pool as Pool).query<R>({ name: statement.name, text: statement.text, values });
      },
      () => this.closed,
    );

  /**
   * Runs `work` in a transaction on one pooled client, retried as a whole on transient failures
   * (so `work` must be safe to repeat).
   */
  transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    return withRetry(
      async () => {
        if (!this.connected) await this.connect();
        const client = await (this.pool as Pool).connect();
        let broken: Error | undefined;
        try {
          await client.query('BEGIN');
          const result = await work(client);
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch((rollbackError: Error) => {
            broken = rollbackError;
          });
          throw error;
        } finally {
          // a connection that could not even roll back is discarded, not returned to the pool
          client.release(broken);
        }
      },
      () => this.closed,
    );
  }

  private async ensurePool(): Promise<Pool> {
    if (this.closed) throw closedError();
    this.pg ??= (await loadOptional<{ default: typeof PG }>('pg', 'postgres')).default;
    if (!this.pool) {
      this.pool =
        this.options.pool ??
        new this.pg.Pool({
          connectionString: this.options.connectionString,
          max: this.options.poolSize,
          keepAlive: true,
        });
      // an idle client dropped by the server must not crash the process; the pool replaces it
      if (!this.options.pool) this.pool.on('error', () => undefined);
    }
    return this.pool;
  }

  private async open(): Promise<void> {
    const pool = await this.ensurePool();
    if (this.options.migrate) await runMigrations(pool, this.tables);
    if (this.options.notify && !this.listener) {
      const pg = this.pg as typeof PG;
      const listener = new NotificationListener({
        // a dedicated client with the pool's settings: a pooled one would lose its LISTEN on release
        createClient: () => new pg.Client({ ...pool.options, keepAlive: true }),
        channel: this.tables.channel,
        onNotify: (queue) => this.hooks.onNotify(queue),
        onReconnect: () => this.hooks.onReconnect(),
      });
      await listener.start();
      this.listener = listener;
      if (this.closed) await listener.close();
    }
    this.connected = true;
  }
}

function closedError(): QueueError {
  return new QueueError('ERR_DRIVER_CLOSED', 'The postgres driver was closed: create a new one to go on');
}
