/**
 * @module drivers/mysql/mysql-driver
 * The MySQL / MariaDB driver (mysql2). Needs `FOR UPDATE SKIP LOCKED`, `JSON_ARRAYAGG` and
 * `JSON_TABLE`: MySQL 8.0.14+ or MariaDB 10.6+ (10.8+ for the descending index that keeps the
 * reserve from sorting).
 *
 * Times are epoch milliseconds from the client's clock (`Date.now()`), like every other driver
 * and like `EnqueueRecord.availableAt`, which the client computes anyway. Keep the clocks of
 * workers and producers in sync (NTP): a lease or delay is only as exact as they are.
 */
import type { Pool } from 'mysql2/promise';
import { MissingPackageError } from '../../core/errors/missing-package-error.js';
import { QueueError } from '../../core/errors/queue-error.js';
import type {
  Driver,
  DriverCapabilities,
  EnqueueRecord,
  FailureInput,
  QueueSizes,
  ReleaseOptions,
  Reservation,
} from '../driver.js';
import { loadOptional } from '../load-optional.js';
import { completeJobs, extendJobs, failJob, releaseJob } from './ack-jobs.js';
import { callerConnection } from './caller-connection.js';
import { enqueueJobs, enqueueJobsOn } from './enqueue-jobs.js';
import { runMigrations } from './migrator.js';
import { MysqlAtomicHelpers } from './mysql-atomic-helpers.js';
import { MysqlClient, selectRows } from './mysql-client.js';
import type { MysqlDriverConfig, ResolvedMysqlConfig } from './mysql-config.js';
import { parseMysqlConfig } from './mysql-config.js';
import type { MysqlContext } from './mysql-context.js';
import { MysqlFailedStore } from './mysql-failed-store.js';
import { clearAllQueues, clearQueue, queueNames, queueSizes } from './queue-inspection.js';
import { reserveJobs } from './reserve-jobs.js';
import type { Statements } from './statements.js';
import { buildStatements } from './statements.js';
import { waitForWork } from './wait-for-work.js';

type Mysql2 = typeof import('mysql2/promise');

/** What the MySQL driver supports: no push notifications (it polls), transactions via `enqueueWith`. */
export const MYSQL_CAPABILITIES: DriverCapabilities = Object.freeze({
  delay: true,
  priority: true,
  leases: true,
  notifications: false,
  crossProcess: true,
  transactions: true,
  durable: true,
});

/** `Driver` over MySQL 8.0.14+ / MariaDB 10.6+. */
export class MysqlDriver implements Driver {
  readonly kind = 'mysql';
  readonly capabilities = MYSQL_CAPABILITIES;
  readonly failed: MysqlFailedStore;
  readonly atomic: MysqlAtomicHelpers;
  /** The settings after defaults. */
  readonly config: ResolvedMysqlConfig;

  private readonly sql: Statements;
  private readonly closing = new AbortController();
  private connecting: Promise<MysqlContext> | undefined;

  constructor(config: string | MysqlDriverConfig) {
    this.config = parseMysqlConfig(config as string | Record<string, unknown>);
    this.sql = buildStatements(this.config.tablePrefix);
    this.failed = new MysqlFailedStore(() => this.context());
    this.atomic = new MysqlAtomicHelpers(() => this.context());
  }

  async connect(): Promise<void> {
    await this.context();
  }

  async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    this.closing.abort();
    const pending = this.connecting;
    this.connecting = undefined;
    const context = await pending?.catch(() => undefined);
    await context?.client.end();
  }

  /**
   * Applies pending schema migrations now, even with `migrate: false`; returns the versions applied.
   * Used by `conveyor migrate`; safe to run from many processes at once (GET_LOCK).
   */
  async migrate(): Promise<number[]> {
    const context = await this.context(false);
    return runMigrations(context.client, this.sql);
  }

  async enqueue(records: EnqueueRecord[]): Promise<void> {
    await enqueueJobs(await this.context(), records);
  }

  /**
   * Stores jobs through the caller's mysql2 connection (promise or callback API), so they commit
   * or roll back with the caller's transaction: `await conn.beginTransaction(); …;
   * await driver.enqueueWith(conn, records); await conn.commit()`. The connection must reach the
   * driver's database; the driver's own pool runs the migrations first.
   */
  async enqueueWith(transaction: unknown, records: EnqueueRecord[]): Promise<void> {
    const connection = callerConnection(transaction);
    if (records.length === 0) return;
    await enqueueJobsOn(await this.context(), connection, records);
  }

  async reserve(queues: string[], max: number, leaseSeconds: number): Promise<Reservation[]> {
    return reserveJobs(await this.context(), queues, max, leaseSeconds);
  }

  async complete(reservations: Reservation[]): Promise<number> {
    if (reservations.length === 0) return 0;
    return completeJobs(await this.context(), reservations);
  }

  async release(reservation: Reservation, delaySeconds: number, options?: ReleaseOptions): Promise<boolean> {
    return releaseJob(await this.context(), reservation, delaySeconds, options);
  }

  async fail(reservation: Reservation, failure: FailureInput): Promise<boolean> {
    return failJob(await this.context(), reservation, failure);
  }

  async extend(reservations: Reservation[], leaseSeconds: number): Promise<number> {
    if (reservations.length === 0) return 0;
    return extendJobs(await this.context(), reservations, leaseSeconds);
  }

  async waitForWork(queues: string[], timeoutSeconds: number, signal?: AbortSignal): Promise<boolean> {
    if (this.closing.signal.aborted || signal?.aborted) return false;
    return waitForWork(await this.context(), {
      queues,
      timeoutMs: timeoutSeconds * 1000,
      pollIntervalMs: this.config.pollInterval,
      signal,
      closing: this.closing.signal,
    });
  }

  async sizes(queue: string): Promise<QueueSizes> {
    return queueSizes(await this.context(), queue);
  }

  async queues(): Promise<string[]> {
    return queueNames(await this.context());
  }

  async clear(queue: string): Promise<void> {
    await clearQueue(await this.context(), queue);
  }

  async clearAll(): Promise<void> {
    await clearAllQueues(await this.context());
  }

  /** The connected context; connects (and migrates unless disabled) on first call. */
  private context(migrate = this.config.migrate): Promise<MysqlContext> {
    if (this.closing.signal.aborted) {
      return Promise.reject(
        new QueueError('ERR_DRIVER_CLOSED', 'The mysql driver is closed: create a new one'),
      );
    }
    if (!this.connecting) {
      this.connecting = this.open(migrate);
      // A failed connect is not cached: the next call tries again.
      this.connecting.catch(() => {
        this.connecting = undefined;
      });
    }
    return this.connecting;
  }

  private async open(migrate: boolean): Promise<MysqlContext> {
    const client = await this.createClient();
    try {
      const [row] = await selectRows<{ db: string | null }>(client.pool, this.sql.migrate.CURRENT_DATABASE);
      if (migrate) await runMigrations(client, this.sql);
      return { client, sql: this.sql, storage: `${row?.db ?? ''}.${this.config.tablePrefix}` };
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  private async createClient(): Promise<MysqlClient> {
    if (this.config.pool) return new MysqlClient(this.config.pool, false);
    const mysql = await loadOptional<Mysql2 & { default?: Mysql2 }>('mysql2/promise', 'mysql').catch(
      (error) => {
        // The subpath is what we import; the package to install is mysql2.
        throw error instanceof MissingPackageError
          ? new MissingPackageError('mysql2', 'mysql', error.cause)
          : error;
      },
    );
    const createPool = (mysql.default ?? mysql).createPool;
    const pool: Pool = createPool({
      uri: this.config.uri,
      connectionLimit: this.config.poolSize,
      enableKeepAlive: true,
      // Lets a reserve send promote + begin + select (and lease + commit) in one round trip.
      // Safe here: every value goes through mysql2's escaping, table names are validated.
      multipleStatements: true,
    });
    return new MysqlClient(pool, true);
  }
}
