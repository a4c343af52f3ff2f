/**
 * @module drivers/driver
 * The one contract every storage backend implements (DESIGN §5).
 *
 * Glossary:
 * - **record**: one stored job: its serialized payload plus queue, availability, priority, attempts.
 * - **reserve**: claim ready jobs for a while (the **lease**); attempts go up by one atomically.
 * - **token**: a fresh random string per reservation. Completing, releasing, failing or
 *   extending with a token that is no longer current is a no-op that reports `false`/0,
 *   so a worker that lost its lease can never ack a job someone else now runs.
 * - **ready**: available now and not reserved. **delayed**: available later. **reserved**: leased.
 *
 * A driver knows nothing of job classes, middleware or retry policy: it stores strings.
 * All times are epoch milliseconds unless a name says seconds.
 */

/** A job to store. `enqueue` takes many at once. */
export interface EnqueueRecord {
  /** Sortable unique id (kept through releases and retries). */
  id: string;
  /** Queue name. */
  queue: string;
  /** The serialized payload (a JSON document), stored and returned verbatim. */
  payload: string;
  /** When the job becomes ready (epoch ms). `<= Date.now()` means ready now. */
  availableAt: number;
  /** Higher is reserved first within a queue (default 0). */
  priority: number;
  /** Attempts already made (default 0); kept when a job is released from outside a handler. */
  attempts?: number;
}

/** A claimed job, held until its lease ends. */
export interface Reservation {
  id: string;
  queue: string;
  /** The payload exactly as stored (may be garbage if someone wrote garbage). */
  payload: string;
  /** Attempts including this one: 1 on the first reservation. */
  attempts: number;
  /** This reservation's token. */
  token: string;
  /** When the lease ends (epoch ms), as the driver set it. */
  leaseUntil: number;
}

/** How `release` returns a job. */
export interface ReleaseOptions {
  /**
   * The reservation never ran (a worker reserved it ahead and gives it back at stop): the
   * attempt it counted is taken back, so the next reservation has the same `attempts`.
   */
  refund?: boolean;
}

/** Why a job failed, as stored. */
export interface ErrorInfo {
  name: string;
  message: string;
  stack?: string | undefined;
}

/** What `fail` stores beside the payload. */
export interface FailureInput {
  /** Connection name, kept for the CLI and dashboard. */
  connection: string;
  error: ErrorInfo;
  /** Default `Date.now()`. */
  failedAt?: number;
}

/** A job in the failed store. */
export interface FailedJobRecord {
  id: string;
  connection: string;
  queue: string;
  /** The raw payload, as it was stored. */
  payload: string;
  error: ErrorInfo;
  failedAt: number;
  attempts: number;
}

/** Counts by state for one queue. */
export interface QueueSizes {
  ready: number;
  delayed: number;
  reserved: number;
}

/** Filter and page for `failed.list`. Newest first. */
export interface FailedListOptions {
  queue?: string;
  /** Default 50. */
  limit?: number;
  /** Default 0. */
  offset?: number;
}

/** The failed store. Every driver has one (a side store where the backend has none). */
export interface FailedStore {
  /** Newest first. */
  list(options?: FailedListOptions): Promise<FailedJobRecord[]>;
  count(queue?: string): Promise<number>;
  get(id: string): Promise<FailedJobRecord | null>;
  /** Atomically moves the job back to its queue, same id, attempts reset to 0, ready now. */
  retry(id: string): Promise<boolean>;
  forget(id: string): Promise<boolean>;
  /** Removes all failed jobs (of one queue when given); returns how many. */
  flush(queue?: string): Promise<number>;
  /** Removes failed jobs that failed more than `olderThanSeconds` ago; returns how many. */
  prune(olderThanSeconds: number): Promise<number>;
  /** Stores a record directly (a job failed from outside a worker); replaces one with the same id. */
  add(record: FailedJobRecord): Promise<void>;
}

/** Atomic helpers that back the built-in middleware (rate limits, overlap locks). */
export interface AtomicHelpers {
  /** Adds `by` to a counter, creating it with `ttlSeconds` if absent; returns the new value. */
  increment(key: string, by: number, ttlSeconds: number): Promise<number>;
  /** Reads a counter (0 when absent or expired). */
  counter(key: string): Promise<number>;
  /** Seconds until the counter expires (0 when absent). */
  counterTtl(key: string): Promise<number>;
  /** Takes the lock if free or expired; `true` when `owner` now holds it. */
  acquireLock(key: string, owner: string, ttlSeconds: number): Promise<boolean>;
  /** Frees the lock if `owner` holds it; `true` when freed. */
  releaseLock(key: string, owner: string): Promise<boolean>;
}

/** What a driver supports; the conformance suite skips by these, never by name. */
export interface DriverCapabilities {
  /** `availableAt` in the future is honoured. */
  delay: boolean;
  /** `priority` orders reservation within a queue. */
  priority: boolean;
  /** Reservations expire and the job returns to its queue. */
  leases: boolean;
  /** `waitForWork` returns as soon as work arrives (not only at its timeout). */
  notifications: boolean;
  /** Several processes may share the storage safely. */
  crossProcess: boolean;
  /** Push inside a caller's transaction. */
  transactions: boolean;
  /** Data survives a process restart. */
  durable: boolean;
}

/** The contract. Every method may be called concurrently. */
export interface Driver {
  /** Driver kind, e.g. `'sqlite'`. */
  readonly kind: string;
  readonly capabilities: DriverCapabilities;
  /** The failed store. */
  readonly failed: FailedStore;
  /** Counters and locks for middleware. */
  readonly atomic: AtomicHelpers;

  /** Opens connections and runs migrations; idempotent. Other methods call it lazily. */
  connect(): Promise<void>;
  /** Closes every connection; pending `waitForWork` calls return `false`. Idempotent. */
  close(): Promise<void>;
  /** Applies pending schema migrations now; returns the versions applied (SQL drivers; `conveyor migrate`). */
  migrate?(): Promise<number[]>;

  /** Stores jobs, in one round-trip where the backend allows. Existing ids are replaced. */
  enqueue(records: EnqueueRecord[]): Promise<void>;
  /**
   * Stores jobs through the caller's open transaction (a driver-specific client, e.g. a
   * `pg.PoolClient` after BEGIN), so they exist only if it commits. Present when
   * `capabilities.transactions` is true; absent otherwise.
   */
  enqueueWith?(transaction: unknown, records: EnqueueRecord[]): Promise<void>;
  /**
   * Claims up to `max` ready jobs, trying `queues` in strict order (all of the first before
   * any of the second), and within a queue: higher priority, then earlier availableAt, then
   * push order. Promotes due delayed jobs and reclaims expired leases first.
   */
  reserve(queues: string[], max: number, leaseSeconds: number): Promise<Reservation[]>;
  /** Deletes completed jobs whose tokens are current; returns how many it deleted. */
  complete(reservations: Reservation[]): Promise<number>;
  /**
   * Returns the job to its queue after `delaySeconds`, attempts kept (or given back with
   * `refund`); `false` if stale.
   */
  release(reservation: Reservation, delaySeconds: number, options?: ReleaseOptions): Promise<boolean>;
  /** Atomically removes the job and stores it in the failed store; `false` if stale. */
  fail(reservation: Reservation, failure: FailureInput): Promise<boolean>;
  /** Extends the leases of current reservations; returns how many it extended. */
  extend(reservations: Reservation[], leaseSeconds: number): Promise<number>;
  /**
   * Resolves `true` as soon as one of `queues` may have work, `false` at the timeout or on
   * abort. Drivers without notifications sleep `timeoutSeconds` (or until abort).
   */
  waitForWork(queues: string[], timeoutSeconds: number, signal?: AbortSignal): Promise<boolean>;

  sizes(queue: string): Promise<QueueSizes>;
  /** Queues that hold jobs or failed jobs. */
  queues(): Promise<string[]>;
  /** Removes every job of one queue (not its failed jobs). */
  clear(queue: string): Promise<void>;
  /** Removes every job of every queue (not the failed store). */
  clearAll(): Promise<void>;
}

/** Builds a driver from a URL or a driver-specific config object. */
export type DriverFactory = (config: string | Record<string, unknown>) => Driver;
