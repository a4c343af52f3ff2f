/**
 * @module drivers/mysql/mysql-client
 * A thin layer over a mysql2 promise pool: typed queries, and transactions at READ COMMITTED
 * that are retried on deadlock.
 *
 * READ COMMITTED matters for the reserve: at REPEATABLE READ a `FOR UPDATE` scan keeps locks on
 * every row it passed and on the gaps between them, which would block concurrent enqueues.
 */
import type { Pool, PoolConnection, QueryValues, ResultSetHeader } from 'mysql2/promise';

/** Something that runs SQL: the pool, or a connection inside a transaction. */
export type Queryable = Pick<Pool, 'query'> | Pick<PoolConnection, 'query'>;

const DEADLOCK = 1213;
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

/** The driver's view of its pool. */
export class MysqlClient {
  /** Core connections already switched to READ COMMITTED for their whole session. */
  private readonly prepared = new WeakSet<object>();

  /**
   * @param pool the pool to use
   * @param ownsPool `true` when the driver created the pool: then it may set session variables
   *   and ends the pool on close; a caller's pool gets per-transaction settings only.
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
    return retryDeadlock(async () => {
      const connection = await this.pool.getConnection();
      try {
        await this.readCommitted(connection);
        await connection.beginTransaction();
        try {
          const result = await work(connection);
          await connection.commit();
          return result;
        } catch (error) {
          await connection.rollback().catch(() => undefined);
          if (error instanceof Rollback) return error.value as T;
          throw error;
        }
      } finally {
        connection.release();
      }
    });
  }

  /** Ends the pool if the driver owns it. */
  async end(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }

  private async readCommitted(connection: PoolConnection): Promise<void> {
    if (!this.ownsPool) {
      await connection.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
      return;
    }
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
      if ((error as { errno?: number }).errno !== DEADLOCK || attempt >= MAX_TRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
  }
}
