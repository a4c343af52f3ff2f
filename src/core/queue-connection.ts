/**
 * @module core/queue-connection
 * The seed's `IQueueConnection` over one driver: builds payloads on push, and runs jobs
 * through the same runner as the worker in `process()`.
 */
import type { IJobOptions } from '../contracts/job-options.js';
import type { IQueueConnection } from '../contracts/queue-connection.js';
import type { IQueueable } from '../contracts/queueable.js';
import type { WorkerEventMap } from '../contracts/worker-events.js';
import type { Driver, EnqueueRecord, Reservation } from '../drivers/driver.js';
import { activeRuns, jobAttempts } from './active-run.js';
import { buildRecord } from './build-record.js';
import { type ConnectionRuntime, createRuntime, type RuntimeOptions } from './connection-runtime.js';
import { QueueError } from './errors/queue-error.js';
import { EventHub } from './event-hub.js';
import { JobRunner } from './job-runner.js';
import { LeaseKeeper } from './lease-keeper.js';
import { runInline } from './run-inline.js';
import { toErrorInfo } from './to-error.js';

/** Options of one connection. */
export interface ConnectionOptions extends RuntimeOptions {
  /** The connection's name (default: the driver kind, e.g. `'sqlite'`). */
  name?: string | undefined;
  /** The queue used when none is given (default `'default'`). */
  defaultQueue?: string | undefined;
}

/** Extra dispatch options beyond the seed's `IJobOptions`. */
export interface DispatchOptions extends IJobOptions {
  /** A driver transaction handle (PostgreSQL/MySQL client inside BEGIN): the push commits with it. */
  transaction?: unknown;
}

/** A driver that can enqueue inside a caller's transaction. */
interface TransactionalDriver extends Driver {
  enqueueWith(transaction: unknown, records: EnqueueRecord[]): Promise<void>;
}

const PROCESS_LEASE_SECONDS = 60;

/** One named connection: the seed's API plus `dispatch`. */
export class QueueConnection implements IQueueConnection {
  /** Events of jobs run through `process()`. */
  readonly events = new EventHub<WorkerEventMap>();
  private name: string;
  private defaultQueue: string;
  private ownRuntime: ConnectionRuntime | undefined;
  private sharedRuntime: ConnectionRuntime | undefined;
  private processRunner: JobRunner | undefined;

  constructor(
    readonly driver: Driver,
    private readonly options: ConnectionOptions = {},
  ) {
    this.name = options.name ?? driver.kind;
    this.defaultQueue = options.defaultQueue ?? 'default';
    if (options.registry || options.encryption || options.signing || options.middleware) {
      this.ownRuntime = createRuntime(options);
    }
  }

  /** Used by a manager: its name for this connection and its shared runtime (unless this has its own). */
  attach(name: string, runtime: ConnectionRuntime): void {
    this.name = name;
    this.sharedRuntime = runtime;
  }

  /** The registry, codec and middleware this connection uses. */
  runtime(): ConnectionRuntime {
    if (this.ownRuntime) return this.ownRuntime;
    if (!this.sharedRuntime) this.sharedRuntime = createRuntime(this.options);
    return this.sharedRuntime;
  }

  on<E extends keyof WorkerEventMap>(event: E, handler: WorkerEventMap[E]): () => void {
    return this.events.on(event, handler);
  }

  push(job: IQueueable, data: any, queue?: string): Promise<void> {
    return this.dispatch(job, data, {}, queue);
  }

  later(delay: number, job: IQueueable, data: any, queue?: string): Promise<void> {
    return this.dispatch(job, data, {}, queue, delay);
  }

  /** The rich form of `push`: `IJobOptions` (and a driver transaction) for one job. */
  async dispatch(
    job: IQueueable,
    data: any,
    options: DispatchOptions = {},
    queue?: string | null,
    delay?: number,
  ): Promise<void> {
    if (!job.shouldQueue()) {
      await runInline(this, job, data, queue || job.queue?.() || options.queue || this.defaultQueue);
      return;
    }
    const record = buildRecord(this.runtime(), job, data, options, this.target(queue, delay));
    if (options.transaction !== undefined) {
      const driver = this.driver as Partial<TransactionalDriver>;
      if (typeof driver.enqueueWith !== 'function') {
        throw new QueueError(
          'ERR_TRANSACTIONS_UNSUPPORTED',
          `The ${this.driver.kind} driver cannot push inside a transaction: drop the transaction option or use PostgreSQL/MySQL`,
        );
      }
      await driver.enqueueWith(options.transaction, [record]);
      return;
    }
    await this.driver.enqueue([record]);
  }

  async bulk(jobs: IQueueable[], data: any, queue?: string): Promise<void> {
    const runtime = this.runtime();
    const records: EnqueueRecord[] = [];
    const inline: IQueueable[] = [];
    // Every job shares `data`: encode it once, not once per job.
    const shared = jobs.length > 1 ? runtime.codec.prepareData(data) : data;
    for (const job of jobs) {
      if (job.shouldQueue()) records.push(buildRecord(runtime, job, shared, {}, this.target(queue)));
      else inline.push(job);
    }
    if (records.length > 0) await this.driver.enqueue(records);
    for (const job of inline) await runInline(this, job, data, queue || job.queue?.() || this.defaultQueue);
  }

  async process(queue?: string, count = 1): Promise<number> {
    const runner = this.processRunner ?? new JobRunner(this, { defaults: {}, events: this.events });
    this.processRunner = runner;
    const keeper = new LeaseKeeper(this.driver, PROCESS_LEASE_SECONDS, (error) =>
      this.events.emit('error', error as Error),
    );
    let ran = 0;
    try {
      while (ran < count) {
        const reserved = await this.driver.reserve(
          [queue ?? this.defaultQueue],
          count - ran,
          PROCESS_LEASE_SECONDS,
        );
        if (reserved.length === 0) break;
        for (const reservation of reserved) keeper.hold(reservation);
        const completed: Reservation[] = [];
        const processed: Array<() => void> = [];
        for (const reservation of reserved) {
          const result = await runner.run(reservation);
          keeper.letGo(reservation);
          ran++;
          if (result.outcome === 'completed') {
            completed.push(reservation);
            processed.push(() => this.events.emit('processed', result.job, result.info));
          }
        }
        if (completed.length > 0) await this.driver.complete(completed);
        for (const emit of processed) emit();
      }
    } finally {
      keeper.stop();
    }
    return ran;
  }

  async size(queue?: string): Promise<number> {
    const sizes = await this.driver.sizes(queue ?? this.defaultQueue);
    return sizes.ready + sizes.delayed + sizes.reserved;
  }

  async delayedSize(queue?: string): Promise<number> {
    return (await this.driver.sizes(queue ?? this.defaultQueue)).delayed;
  }

  clear(queue?: string): Promise<void> {
    return this.driver.clear(queue ?? this.defaultQueue);
  }

  clearAll(): Promise<void> {
    return this.driver.clearAll();
  }

  /** Inside `handle`: releases the running reservation when the handler returns. Outside: pushes anew, attempts kept. */
  async release(job: IQueueable, data: any, delay = 0, queue?: string): Promise<void> {
    const run = activeRuns.get(job);
    if (run !== undefined) {
      run.release(delay);
      return;
    }
    const record = buildRecord(this.runtime(), job, data, {}, this.target(queue, delay));
    record.attempts = attemptsOf(job);
    await this.driver.enqueue([record]);
  }

  /** Inside `handle`: fails the running job when the handler returns. Outside: stores it as failed and calls `failed()`. */
  async failed(job: IQueueable, data: any, error: Error): Promise<void> {
    const run = activeRuns.get(job);
    if (run !== undefined) {
      run.fail(error);
      return;
    }
    const record = buildRecord(this.runtime(), job, data, {}, this.target(undefined));
    const add = this.driver.failed.add;
    if (add === undefined) {
      throw new QueueError(
        'ERR_UNSUPPORTED',
        `The ${this.driver.kind} driver cannot store a job as failed directly`,
      );
    }
    await add.call(this.driver.failed, {
      id: record.id,
      connection: this.name,
      queue: record.queue,
      payload: record.payload,
      error: toErrorInfo(error),
      failedAt: Date.now(),
      attempts: attemptsOf(job),
    });
    await job.failed?.(error);
  }

  getName(): string {
    return this.name;
  }

  getDefaultQueue(): string {
    return this.defaultQueue;
  }

  setDefaultQueue(queue: string): void {
    this.defaultQueue = queue;
  }

  /** Closes the driver's connections. */
  close(): Promise<void> {
    return this.driver.close();
  }

  private target(queue: string | null | undefined, delay?: number) {
    return { connection: this.name, defaultQueue: this.defaultQueue, queue, delay };
  }
}

/** Attempts a job instance has made, when it came out of a queue. */
function attemptsOf(job: IQueueable): number {
  return activeRuns.get(job)?.attempts ?? jobAttempts.get(job) ?? 0;
}
