/**
 * @module drivers/sqlite/sqlite-driver
 * The embedded default driver: one SQLite file in WAL mode, shared safely by every driver
 * instance and every process that opens it. See `schema.ts` for the table layout,
 * `sqlite-jobs.ts` for the operations, `group-commit.ts` for how writes share transactions
 * and `work-waiter.ts` for how idle workers wake up.
 */
import { EventEmitter } from 'node:events';
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
import { SqliteAtomic } from './sqlite-atomic.js';
import { SqliteFailedStore } from './sqlite-failed-store.js';
import { openHandle, type SqliteHandle } from './sqlite-handle.js';
import { SqliteJobs } from './sqlite-jobs.js';
import type { ResolvedSqliteOptions } from './sqlite-options.js';
import { wakeBus } from './wake-bus.js';
import { WorkWaiter } from './work-waiter.js';

interface Opened {
  handle: SqliteHandle;
  jobs: SqliteJobs;
  waiter: WorkWaiter;
  wake: (queue: string) => void;
}

/** A Conveyor driver over one SQLite database (better-sqlite3, loaded on `connect()`). */
export class SqliteDriver implements Driver {
  readonly kind = 'sqlite';
  readonly capabilities: DriverCapabilities;
  readonly failed: SqliteFailedStore;
  readonly atomic: SqliteAtomic;

  private opened: Opened | undefined;
  private opening: Promise<Opened> | undefined;
  private closed = false;

  constructor(readonly options: ResolvedSqliteOptions) {
    this.capabilities = {
      delay: true,
      priority: true,
      leases: true,
      notifications: true,
      crossProcess: !options.memory,
      transactions: false,
      durable: !options.memory,
    };
    const handle = async () => (await this.open()).handle;
    const wake = (queue: string) => this.opened?.wake(queue);
    this.failed = new SqliteFailedStore(handle, wake);
    this.atomic = new SqliteAtomic(handle);
  }

  /** The database file (absolute), or `:memory:`. */
  get filename(): string {
    return this.options.filename;
  }

  async connect(): Promise<void> {
    await this.open();
  }

  /** Connects (which migrates) and returns the schema versions this driver applied; `[]` when up to date. */
  async migrate(): Promise<number[]> {
    return [...(await this.open()).handle.applied];
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const opened = this.opened ?? (await this.opening?.catch(() => undefined));
    this.opened = undefined;
    if (!opened) return;
    opened.waiter.cancelAll();
    if (!opened.handle.db.open) return;
    // Writes already issued still commit (their callers are awaiting them).
    opened.handle.commit.drain();
    opened.handle.db.close();
  }

  async enqueue(records: EnqueueRecord[]): Promise<void> {
    return (this.opened ?? (await this.open())).jobs.enqueue(records);
  }

  async reserve(queues: string[], max: number, leaseSeconds: number): Promise<Reservation[]> {
    return (this.opened ?? (await this.open())).jobs.reserve(queues, max, leaseSeconds);
  }

  async complete(reservations: Reservation[]): Promise<number> {
    return (this.opened ?? (await this.open())).jobs.complete(reservations);
  }

  async release(reservation: Reservation, delaySeconds: number, options?: ReleaseOptions): Promise<boolean> {
    return (this.opened ?? (await this.open())).jobs.release(reservation, delaySeconds, options);
  }

  async fail(reservation: Reservation, failure: FailureInput): Promise<boolean> {
    return (this.opened ?? (await this.open())).jobs.fail(reservation, failure);
  }

  async extend(reservations: Reservation[], leaseSeconds: number): Promise<number> {
    return (this.opened ?? (await this.open())).jobs.extend(reservations, leaseSeconds);
  }

  /** In-process wake-ups are instant; other processes' work is seen within `pollInterval` ms. */
  async waitForWork(queues: string[], timeoutSeconds: number, signal?: AbortSignal): Promise<boolean> {
    if (signal?.aborted || this.closed) return false;
    const { handle, waiter } = this.opened ?? (await this.open());
    const hasWork = () => {
      const now = Date.now();
      return queues.some((queue) => handle.jobs.hasWork.get({ queue, now }) === 1);
    };
    return waiter.wait(queues, timeoutSeconds, signal, hasWork);
  }

  async sizes(queue: string): Promise<QueueSizes> {
    const { handle } = this.opened ?? (await this.open());
    return handle.jobs.sizes.get({ queue, now: Date.now() }) as QueueSizes;
  }

  async queues(): Promise<string[]> {
    const { handle } = this.opened ?? (await this.open());
    return handle.jobs.queues.all() as string[];
  }

  async clear(queue: string): Promise<void> {
    return (this.opened ?? (await this.open())).jobs.clear(queue);
  }

  async clearAll(): Promise<void> {
    return (this.opened ?? (await this.open())).jobs.clearAll();
  }

  private open(): Promise<Opened> {
    if (this.closed) {
      return Promise.reject(
        new QueueError(
          'ERR_DRIVER_CLOSED',
          `The SQLite driver for ${this.filename} is closed: create a new one`,
        ),
      );
    }
    if (this.opened) return Promise.resolve(this.opened);
    this.opening ??= openHandle(this.options).then((handle) => {
      // Each :memory: connection is its own database, so it gets its own bus.
      const bus = this.options.memory ? new EventEmitter().setMaxListeners(0) : wakeBus(handle.realPath);
      const wake = (queue: string) => {
        bus.emit('wake', queue);
      };
      const opened: Opened = {
        handle,
        jobs: new SqliteJobs(handle, wake),
        waiter: new WorkWaiter(bus, this.options.pollInterval),
        wake,
      };
      if (this.closed) {
        handle.db.close();
      } else {
        this.opened = opened;
      }
      return opened;
    });
    this.opening.catch(() => {
      this.opening = undefined;
    });
    return this.opening;
  }
}
