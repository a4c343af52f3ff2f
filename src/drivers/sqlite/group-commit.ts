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

/** Operations per transaction at most, so one commit never holds the thread for long. */
const MAX_OPERATIONS = 256;

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
          op.value = this.one(op);
        } catch (error) {
          op.failed = true;
          op.error = error;
        }
      }
    });
  }

  /** Runs `write` (synchronous SQL only) in the next group transaction; settles after its commit. */
  run<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ run: write, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(this.flush);
      }
    });
  }

  /** Runs everything pending now, in as many transactions as it takes (before the connection closes). */
  drain(): void {
    while (this.pending.length > 0) this.flush();
  }

  /** Runs what is pending now, up to `MAX_OPERATIONS`. */
  readonly flush = (): void => {
    this.scheduled = false;
    if (this.pending.length === 0) return;
    const ops = this.pending.splice(0, MAX_OPERATIONS);
    if (this.pending.length > 0) {
      // The rest goes in the next transaction, after the event loop had a turn.
      this.scheduled = true;
      setImmediate(this.flush);
    }
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
