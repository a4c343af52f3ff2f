/**
 * @module drivers/sqlite/group-commit
 * Group commit: write operations issued during one turn of the event loop run together in
 * ONE `BEGIN IMMEDIATE` transaction at the next `setImmediate`, each inside its own savepoint.
 *
 * Why: a commit costs about as much as the claim or delete of a whole batch (WAL frames,
 * lock handshakes). A worker completes a batch and reserves the next in the same turn, and
 * many producers push in the same turn, so folding them into one commit brings
 * reserve+complete close to the raw "claim and delete in one transaction" figure without
 * changing the driver contract.
 *
 * Semantics stay those of running the operations one by one in issue order: each sees the
 * writes of the ones before it, and an operation that throws is rolled back to its savepoint
 * alone and rejects alone. If the transaction itself fails (busy timeout, disk full), every
 * operation in it rejects with that error, because none of them was committed.
 */
import type BetterSqlite3 from 'better-sqlite3';

interface Operation {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  value?: unknown;
  error?: unknown;
  failed?: boolean;
}

/** Batches the write operations of one connection into shared transactions. */
export class GroupCommit {
  private pending: Operation[] = [];
  private scheduled = false;
  /** Outside a transaction `.immediate()` begins one; inside one, a plain call is a savepoint. */
  private readonly one: BetterSqlite3.Transaction<(op: Operation) => unknown>;
  private readonly all: BetterSqlite3.Transaction<(ops: Operation[]) => void>;

  constructor(db: BetterSqlite3.Database) {
    this.one = db.transaction((op: Operation) => op.run());
    this.all = db.transaction((ops: Operation[]) => {
      for (const op of ops) {
        try {
          op.value = process.env.GC_NOSAVE ? op.run() : this.one(op);
        } catch (error) {
          op.failed = true;
          op.error = error;
        }
      }
    });
  }

  /** Runs `write` (synchronous SQL only) in the next group transaction; settles after its commit. */
  run<T>(write: () => T): Promise<T> {
    if (process.env.NO_GROUP) {
      try { return Promise.resolve(this.one.immediate({ run: write } as Operation) as T); } catch (e) { return Promise.reject(e); }
    }
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ run: write, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(this.flush);
      }
    });
  }

  /** Runs everything pending now (also called before the connection closes). */
  readonly flush = (): void => {
    this.scheduled = false;
    const ops = this.pending;
    if (ops.length === 0) return;
    this.pending = [];
    const [first] = ops;
    if (ops.length === 1 && first) {
      // Alone: its own transaction, no savepoint needed.
      try {
        first.resolve(this.one.immediate(first));
      } catch (error) {
        first.reject(error);
      }
      return;
    }
    try {
      this.all.immediate(ops);
    } catch (error) {
      for (const op of ops) op.reject(error);
      return;
    }
    for (const op of ops) {
      if (op.failed) op.reject(op.error);
      else op.resolve(op.value);
    }
  };
}
