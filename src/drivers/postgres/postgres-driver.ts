/**
 * @module drivers/postgres/postgres-driver
 * The PostgreSQL driver (DESIGN §5): a `FOR UPDATE SKIP LOCKED` batch claim (committed
 * asynchronously), LISTEN/NOTIFY wake-ups with a poll fallback, batched token-safe completion,
 * bulk insert through `json_to_recordset`, versioned migrations under an advisory lock, pushes
 * inside a caller's transaction, and its own vacuum of the jobs table (table-upkeep.ts).
 *
 * Completed jobs are deleted (no history table; a pruned `keepCompleted` history may come later).
 * `availableAt` is the client's clock, as the contract has it; leases use the database clock.
 */
import { randomBytes } from 'node:crypto';
import type { QueryResult, QueryResultRow } from 'pg';
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
import { PostgresAtomicHelpers } from './atomic-helpers.js';
import { PostgresConnection } from './connection.js';
import { type EnqueueChunk, enqueueChunks } from './enqueue-chunks.js';
import { PostgresFailedStore } from './failed-store.js';
import type { PostgresDriverOptions, ResolvedPostgresOptions } from './options.js';
import { resolvePostgresOptions } from './options.js';
import type { RunStatement } from './run-statement.js';
import { buildStatements, type Statement, type Statements } from './statements.js';
import { TableUpkeep } from './table-upkeep.js';
import { type Tables, tablesFor } from './tables.js';
import { textSafe } from './text-safe.js';
import { WorkSignal } from './work-signal.js';

/** Anything that runs a query inside the caller's transaction: a `pg.PoolClient` or `pg.Client`. */
export interface PostgresQueryable {
  query<R extends QueryResultRow = QueryResultRow>(config: {
    text: string;
    values?: unknown[];
  }): Promise<QueryResult<R>>;
}

interface ReservedRow {
  id: string;
  payload: string;
  attempts: number;
  /** The claim's token prefix followed by the row's `seq`. */
  token: string;
  /** Where the claimed version of the row is, e.g. `(12,3)`. */
  ctid: string;
  /** Claim-order keys; `pg` returns bigint columns as strings. */
  priority: number;
  available_at: string;
  seq: string;
}

/** A claimed row with its claim-order keys as numbers. */
interface ClaimedRow {
  row: ReservedRow;
  priority: number;
  at: number;
  seq: number;
}

/** The PostgreSQL driver. Build it with `createPostgresDriver(url | options)`. */
export class PostgresDriver implements Driver {
  readonly kind = 'postgres';
  readonly capabilities: DriverCapabilities;
  readonly failed: PostgresFailedStore;
  readonly atomic: PostgresAtomicHelpers;
  /** The schema and table names this driver uses. */
  readonly tables: Tables;

  private readonly options: ResolvedPostgresOptions;
  private readonly statements: Statements;
  private readonly signal: WorkSignal;
  private readonly connection: PostgresConnection;
  private readonly run: RunStatement;
  private readonly upkeep: TableUpkeep;
  /**
   * The `ctid` each live reservation's claim returned, so completion finds the row without a
   * primary-key lookup (see sql/complete.ts). A hint only: a missing or stale one costs a lookup.
   */
  private readonly rows = new WeakMap<Reservation, string>();
  private closed = false;

  constructor(config: string | PostgresDriverOptions) {
    this.options = resolvePostgresOptions(config);
    this.tables = tablesFor(this.options.schema);
    this.statements = buildStatements(this.tables, this.options);
    this.capabilities = {
      delay: true,
      priority: true,
      leases: true,
      notifications: this.options.notify,
      crossProcess: true,
      transactions: true,
      durable: true,
    };
    this.signal = new WorkSignal(this.options.pollInterval, (queues) => this.hasWork(queues));
    this.connection = new PostgresConnection(this.options, this.tables, {
      onNotify: (queue) => this.signal.notify(queue),
      onReconnect: () => this.signal.notifyAll(),
    });
    this.run = this.connection.run;
    this.failed = new PostgresFailedStore(this.run, this.statements, (queue) => this.signal.notify(queue));
    this.atomic = new PostgresAtomicHelpers(this.run, this.statements);
    this.upkeep = new TableUpkeep(this.run, this.statements.vacuumJobs, this.options.vacuumEvery);
  }

  connect(): Promise<void> {
    return this.connection.connect();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.signal.close();
    await this.atomic.settle();
    await this.upkeep.settle();
    await this.connection.close();
  }

  /** Applies pending migrations now (what `conveyor migrate` runs); returns the versions applied. */
  migrate(): Promise<number[]> {
    return this.connection.migrate();
  }

  async enqueue(records: EnqueueRecord[]): Promise<void> {
    if (records.length === 0) return;
    const now = Date.now();
    const chunks = enqueueChunks(records, this.options.notify, now);
    const [only] = chunks;
    if (chunks.length === 1 && only !== undefined) {
      await this.run(this.enqueueStatement(only), only.values);
    } else {
      await this.connection.transaction(async (client) => {
        for (const chunk of chunks) {
          const { name, text } = this.enqueueStatement(chunk);
          await client.query({ name, text, values: chunk.values });
        }
      });
    }
    this.wakeForRecords(records, now);
  }

  /**
   * Stores jobs through the caller's client, inside the caller's open transaction: they exist
   * (and NOTIFY fires) only if and when it commits. Runs migrations on the driver's own pool first.
   */
  async enqueueWith(transaction: unknown, records: EnqueueRecord[]): Promise<void> {
    if (!isQueryable(transaction)) {
      throw new QueueError(
        'ERR_BAD_TRANSACTION',
        'The postgres driver pushes inside a transaction through a pg client: pass the pg.PoolClient (or pg.Client) that ran BEGIN',
      );
    }
    if (records.length === 0) return;
    await this.connect();
    for (const chunk of enqueueChunks(records, this.options.notify, Date.now())) {
      // unnamed: the caller's connection may sit behind a pooler that cannot keep prepared statements
      await transaction.query({ text: this.enqueueStatement(chunk).text, values: chunk.values });
    }
  }

  /** The enqueue statement for a chunk's row encoding. */
  private enqueueStatement(chunk: EnqueueChunk): Statement {
    return chunk.form === 'split' ? this.statements.enqueue : this.statements.enqueueJson;
  }

  async reserve(queues: string[], max: number, leaseSeconds: number): Promise<Reservation[]> {
    const order = [...new Set(queues)];
    if (max <= 0 || order.length === 0) return [];
    this.signal.markReserve(order);
    const reserved: Reservation[] = [];
    // strict queue order: each queue's statement only asks for what the earlier ones left
    const leaseMs = Math.max(0, Math.round(leaseSeconds * 1000));
    for (const queue of order) {
      // the lease runs on the database clock; this client-side end is a conservative estimate of it
      const now = Date.now();
      const leaseUntil = now + leaseMs;
      // one random token prefix per statement; each row's token adds its seq
      const prefix = `${randomBytes(TOKEN_BYTES).toString('base64url')}.`;
      const result = await this.run<ReservedRow>(this.statements.reserve, [
        queue,
        now,
        max - reserved.length,
        leaseMs,
        prefix,
      ]);
      const rows = result.rows.map((row) => ({
        row,
        priority: row.priority,
        at: Number(row.available_at),
        seq: Number(row.seq),
      }));
      rows.sort(claimOrder);
      this.upkeep.claimed(rows.length);
      for (const { row } of rows) {
        const reservation: Reservation = {
          id: row.id,
          queue,
          payload: row.payload,
          attempts: row.attempts,
          token: row.token,
          leaseUntil,
        };
        this.rows.set(reservation, row.ctid);
        reserved.push(reservation);
      }
      if (reserved.length >= max) break;
    }
    if (reserved.length === 0) this.upkeep.drained();
    return reserved;
  }

  async complete(reservations: Reservation[]): Promise<number> {
    if (reservations.length === 0) return 0;
    // by the rows the claims returned first (no primary-key lookup), then by id what moved or is stale
    const byRow: Reservation[] = [];
    let byId: Reservation[] = [];
    const ctids: string[] = [];
    for (const reservation of reservations) {
      const ctid = this.rows.get(reservation);
      if (ctid === undefined) {
        byId.push(reservation);
      } else {
        this.rows.delete(reservation);
        byRow.push(reservation);
        ctids.push(ctid);
      }
    }
    let done = 0;
    if (byRow.length > 0) {
      const tokens = byRow.map((r) => r.token);
      done = (await this.run(this.statements.completeByRow, [ctids, tokens])).rowCount ?? 0;
      // the ones deleted just now are gone: sending them again by id deletes nothing twice
      if (done < byRow.length) byId = byId.concat(byRow);
    }
    if (byId.length > 0) {
      const [ids, tokens] = pairs(byId);
      done += (await this.run(this.statements.complete, [ids, tokens])).rowCount ?? 0;
    }
    return done;
  }

  async release(reservation: Reservation, delaySeconds: number, options?: ReleaseOptions): Promise<boolean> {
    const now = Date.now();
    const availableAt = now + Math.max(0, Math.round(delaySeconds * 1000));
    const statement = availableAt <= now ? this.statements.releaseNow : this.statements.releaseLater;
    const refund = options?.refund === true ? 1 : 0;
    const result = await this.run(statement, [reservation.id, reservation.token, availableAt, refund]);
    const released = (result.rowCount ?? 0) > 0;
    if (released) this.signal.notifyAt(reservation.queue, availableAt);
    return released;
  }

  async fail(reservation: Reservation, failure: FailureInput): Promise<boolean> {
    const result = await this.run(this.statements.fail, [
      reservation.id,
      reservation.token,
      failure.connection,
      textSafe(failure.error.name),
      textSafe(failure.error.message),
      failure.error.stack === undefined ? null : textSafe(failure.error.stack),
      failure.failedAt ?? Date.now(),
    ]);
    return (result.rowCount ?? 0) > 0;
  }

  async extend(reservations: Reservation[], leaseSeconds: number): Promise<number> {
    if (reservations.length === 0) return 0;
    // an extended lease is a new version of the row, elsewhere: completion finds it by id
    for (const reservation of reservations) this.rows.delete(reservation);
    const [ids, tokens] = pairs(reservations);
    const result = await this.run(this.statements.extend, [
      ids,
      tokens,
      Math.max(0, Math.round(leaseSeconds * 1000)),
    ]);
    return result.rowCount ?? 0;
  }

  async waitForWork(queues: string[], timeoutSeconds: number, signal?: AbortSignal): Promise<boolean> {
    if (this.closed) return false;
    // the listener must be up before the wait, or a push right now could go unheard
    if (this.options.notify) await this.connect().catch(() => undefined);
    return this.signal.wait(queues, timeoutSeconds, signal);
  }

  async sizes(queue: string): Promise<QueueSizes> {
    const result = await this.run<QueueSizes>(this.statements.sizes, [queue, Date.now()]);
    return result.rows[0] ?? { ready: 0, delayed: 0, reserved: 0 };
  }

  async queues(): Promise<string[]> {
    const result = await this.run<{ queue: string }>(this.statements.queues, []);
    return result.rows.map((row) => row.queue);
  }

  async clear(queue: string): Promise<void> {
    await this.run(this.statements.clear, [queue]);
  }

  async clearAll(): Promise<void> {
    await this.run(this.statements.clearAll, []);
  }

  private async hasWork(queues: string[]): Promise<boolean> {
    const result = await this.run<{ has_work: boolean }>(this.statements.hasWork, [queues, Date.now()]);
    return result.rows[0]?.has_work === true;
  }

  private wakeForRecords(records: EnqueueRecord[], now: number): void {
    const due = new Map<string, number>();
    for (const record of records) {
      const at = due.get(record.queue);
      if (at === undefined || record.availableAt < at) due.set(record.queue, record.availableAt);
    }
    for (const [queue, at] of due) {
      if (at <= now) this.signal.notify(queue);
      else this.signal.notifyAt(queue, at);
    }
  }
}

/** Random bytes of a claim's token prefix (128 bits: tokens never repeat). */
const TOKEN_BYTES = 16;

/** Claim order: higher priority, then earlier availableAt, then push order. */
function claimOrder(a: ClaimedRow, b: ClaimedRow): number {
  return b.priority - a.priority || a.at - b.at || a.seq - b.seq;
}

/** Ids and tokens as two parallel arrays, sorted by id so concurrent batches lock rows in one order. */
function pairs(reservations: Reservation[]): [string[], string[]] {
  const sorted = [...reservations].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return [sorted.map((r) => r.id), sorted.map((r) => r.token)];
}

function isQueryable(value: unknown): value is PostgresQueryable {
  return (
    typeof value === 'object' && value !== null && typeof (value as PostgresQueryable).query === 'function'
  );
}
