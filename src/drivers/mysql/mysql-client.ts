/**
 * @module drivers/mysql/mysql-client
 * A thin layer over a mysql2 promise pool: typed queries, and transactions at READ COMMITTED
 * that are retried on deadlock.
 *
 * READ COMMITTED matters for the reserve: at REPEATABLE READ a `FOR UPDATE` scan keeps locks on
 * every row it passed and on the gaps between them, which would block concurrent enqueues.
 */
import type { Pool, PoolConnection, QueryValues, ResultSetHeader } from 'mysql2/promise';
import { QueueError } from '../../core/errors/queue-error.js';

/** Something that runs SQL: the pool, or a connection inside a transaction. */
export type Queryable = Pick<Pool, 'query'> | Pick<PoolConnection, 'query'>;

const DEADLOCK = 1213;
const NO_SUCH_TABLE = 1146;
const MAX_TRIES = 5;

/** Thrown inside `transaction()` to roll back and return `value`. */
class Rollback<T> {
  constructor(readonly value: T) {}
}

/** Rolls back the current transaction; `transaction()` then resolves to `value`. */
export function rollback<T>(value: T): never {
  throw new Rollback(value);
}

/** Rows of a SELECT. */
export async function selectRows<T>(db: Queryable, sql: string, values?: QueryValues): Promise<T[]> {
  const [rows] = await db.query(sql, values);
  return rows as unknown as T[];
}

/** Runs a write and returns its header (`affectedRows` counts matched rows: mysql2 sets FOUND_ROWS). */
export async function execute(db: Queryable, sql: string, values?: QueryValues): Promise<ResultSetHeader> {
  const [header] = await db.query(sql, values);
  return header as ResultSetHeader;
}

/** One statement and its values, for `send`. */
export type Statement = readonly [sql: string, values?: QueryValues];

/** The driver's view of its pool. */
export class MysqlClient {
  /** Core connections already switched to READ COMMITTED for their whole session. */
  private readonly prepared = new WeakSet<object>();

  /**
   * @param pool the pool to use
   * @param ownsPool `true` when the driver created the pool (with `multipleStatements`): then it
   *   sets session variables, sends several statements per round trip, and ends the pool on
   *   close. A caller's pool gets per-transaction settings and one statement per round trip.
   */
  constructor(
    readonly pool: Pool,
    readonly ownsPool: boolean,
  ) {}

  /** Rows of a SELECT on the pool. */
  rows<T>(sql: string, values?: QueryValues): Promise<T[]> {
    return retryDeadlock(() => selectRows<T>(this.pool, sql, values));
  }

  /** A single autocommitted write on the pool, retried on deadlock (it was rolled back whole). */
  exec(sql: string, values?: QueryValues): Promise<ResultSetHeader> {
    return retryDeadlock(() => execute(this.pool, sql, values));
  }

  /** Runs `work` in a READ COMMITTED transaction; retries the whole of it on deadlock. */
  transaction<T>(work: (connection: PoolConnection) => Promise<T>): Promise<T> {
    return this.withConnection(async (connection) => {
      await this.begin(connection);
      const result = await work(connection);
      await connection.query('COMMIT');
      return result;
    });
  }

  /**
   * Runs `work` on one pooled connection that it may leave inside a transaction it opened with
   * `begin`: a throw rolls back (a `rollback(value)` resolves to `value`), a deadlock retries.
   */
  withConnection<T>(work: (connection: PoolConnection) => Promise<T>): Promise<T> {
    return retryDeadlock(async () => {
      const connection = await this.pool.getConnection();
      try {
        await this.prepareSession(connection);
        return await work(connection);
      } catch (error) {
        await connection.query('ROLLBACK').catch(() => undefined);
        if (error instanceof Rollback) return error.value as T;
        throw error;
      } finally {
        connection.release();
      }
    });
  }

  /**
   * Sends `before` (autocommitted), opens a READ COMMITTED transaction, then sends `first` inside
   * it, in one round trip on an owned pool; returns the results of `first`.
   */
  begin(connection: PoolConnection, before: Statement[] = [], first: Statement[] = []): Promise<unknown[]> {
    return this.send(connection, [...before, ...this.beginStatements(), ...first], first.length);
  }

  /** Sends `last` and COMMIT, in one round trip on an owned pool; returns the results of `last`. */
  async commit(connection: PoolConnection, last: Statement[] = []): Promise<unknown[]> {
    const results = await this.send(connection, [...last, ['COMMIT']], last.length + 1);
    return results.slice(0, last.length);
  }

  /** What opens a READ COMMITTED transaction on this pool (its sessions are already set when owned). */
  beginStatements(): Statement[] {
    return this.ownsPool
      ? [['START TRANSACTION']]
      : [['SET TRANSACTION ISOLATION LEVEL READ COMMITTED'], ['START TRANSACTION']];
  }

  /**
   * Runs statements in order, joined into one round trip on an owned pool (one per round trip on
   * a caller's pool); returns the results of the last `keep`. The server stops at the first error.
   */
  async send(connection: PoolConnection, statements: Statement[], keep: number): Promise<unknown[]> {
    if (this.ownsPool && statements.length > 1) {
      const [results] = await connection.query(
        statements.map(([sql, values]) => connection.format(sql, values)).join(';\n'),
      );
      return (results as unknown as unknown[]).slice(statements.length - keep);
    }
    const results: unknown[] = [];
    for (const [sql, values] of statements) results.push((await connection.query(sql, values))[0]);
    return results.slice(statements.length - keep);
  }

  /** Ends the pool if the driver owns it. */
  async end(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }

  private async prepareSession(connection: PoolConnection): Promise<void> {
    if (!this.ownsPool) return;
    const core = connection.connection as object;
    if (this.prepared.has(core)) return;
    await connection.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
    this.prepared.add(core);
  }
}

async function retryDeadlock<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const errno = (error as { errno?: number }).errno;
      if (errno === NO_SUCH_TABLE) throw schemaMissing(error);
      if (errno !== DEADLOCK || attempt >= MAX_TRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
  }
}

function schemaMissing(error: unknown): QueueError {
  return new QueueError(
    'ERR_SCHEMA_MISSING',
    `${(error as Error).message}: run \`conveyor migrate\` (or build the driver with migrate: true)`,
    { cause: error },
  );
}
