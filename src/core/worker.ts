/**
 * @module core/worker
 * The seed's `IWorker`: reserves as many jobs as it has free slots in one driver call, runs
 * them concurrently through the runner, acknowledges them in batches, extends every lease
 * with one heartbeat, blocks on `waitForWork` when idle, and stops gracefully (§4, §4b).
 *
 * With `prefetch`, it also reserves up to that many jobs ahead into a local buffer, so a freed
 * slot starts its next job at once while the next claim is in flight (the buffer is refilled
 * when it falls to half). Buffered jobs are leased and heartbeaten like running ones; at stop
 * they are given back with their attempt refunded, as they never ran.
 */
import { randomUUID } from 'node:crypto';
import type { IQueueManager } from '../contracts/queue-manager.js';
import type { IWorker } from '../contracts/worker.js';
import type { WorkerEventMap } from '../contracts/worker-events.js';
import type { Reservation } from '../drivers/driver.js';
import type { ActiveRun } from './active-run.js';
import { CompletionBatcher } from './completion-batcher.js';
import { QueueError } from './errors/queue-error.js';
import { WorkerStateError } from './errors/worker-state-error.js';
import { EventHub } from './event-hub.js';
import { ThreadPool } from './isolation/thread-pool.js';
import { JobRunner, type RunResult } from './job-runner.js';
import type { WorkerDefaults } from './job-settings.js';
import { LeaseKeeper } from './lease-keeper.js';
import { QueueConnection } from './queue-connection.js';
import { toError } from './to-error.js';

/** Worker options; every one has a default. */
export interface WorkerOptions {
  /** Connection name on the manager (default: the manager's default). */
  connection?: string | undefined;
  /** Queues in strict priority order (default: the connection's default queue). */
  queues?: string[] | undefined;
  /** Jobs run at once (default 1). */
  concurrency?: number | undefined;
  /**
   * Jobs reserved ahead of free slots and held in a local buffer (default 0: reserve only for
   * free slots). Raises throughput on network drivers, most at low concurrency; a buffered job
   * waits for a slot of this worker even when another worker is idle, so keep it small for
   * long-running jobs.
   */
  prefetch?: number | undefined;
  /** Attempt limit for jobs that set none (default 1; 0 = unlimited). */
  maxAttempts?: number | undefined;
  /** Seconds per attempt for jobs that set none (default 60; 0 = none). */
  timeout?: number | undefined;
  /** Seconds between retries for jobs that set none (default 0). */
  backoff?: number | number[] | undefined;
  /** Seconds an idle worker waits per poll when the driver cannot wake it (default 3). */
  sleep?: number | undefined;
  /** Seconds a reservation is leased; the heartbeat extends it at a third of that (default 30). */
  lease?: number | undefined;
  /** Seconds `stop()` lets running jobs finish before releasing them (default 30). */
  gracePeriod?: number | undefined;
  /** `'thread'` runs each handler in a worker thread, terminated on timeout (default `'none'`). */
  isolation?: 'none' | 'thread' | undefined;
  /** With `isolation: 'thread'`: the module that exports the registry (default export or `registry`/`jobs`). */
  jobsModule?: string | URL | undefined;
  /** Stop after this many jobs ran (default: no limit). */
  maxJobs?: number | undefined;
  /** Stop after this many seconds (default: no limit). */
  maxTime?: number | undefined;
  /** Stop once the queues are empty (default false). */
  stopWhenEmpty?: boolean | undefined;
  /** Completions sent per driver call at most (default: concurrency + prefetch, at most 500). */
  completeBatchSize?: number | undefined;
  /**
   * Milliseconds to wait for more completions before a flush (default 0: next event-loop turn;
   * while one batch is in flight the next gathers until it returns).
   */
  completeBatchDelay?: number | undefined;
  /** The worker's id (default: a random UUID). */
  id?: string | undefined;
}

/** One worker loop over one connection. */
export class Worker implements IWorker {
  private readonly events: EventHub<WorkerEventMap>;
  private readonly connection: QueueConnection;
  private readonly queues: string[];
  private readonly defaults: WorkerDefaults;
  private readonly runner: JobRunner;
  private readonly keeper: LeaseKeeper;
  private readonly batcher: CompletionBatcher;
  private readonly active = new Map<Reservation, ActiveRun>();
  /** Reserved ahead, not started yet (with `prefetch`). */
  private readonly buffer: Reservation[] = [];
  private readonly prefetch: number;
  private readonly id: string;
  private readonly pool: ThreadPool | undefined;
  private status: 'created' | 'starting' | 'running' | 'stopping' | 'stopped' = 'created';
  private concurrency: number;
  private sleep: number;
  private running = 0;
  private processed = 0;
  private failedCount = 0;
  private ran = 0;
  private wake: AbortController = new AbortController();
  private slotWaiter: (() => void) | undefined;
  private loopDone: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;
  private maxTimeTimer: NodeJS.Timeout | undefined;

  constructor(
    source: IQueueManager | QueueConnection,
    private readonly options: WorkerOptions = {},
  ) {
    const connection = source instanceof QueueConnection ? source : source.connection(options.connection);
    if (!(connection instanceof QueueConnection)) {
      throw new QueueError(
        'ERR_UNSUPPORTED_CONNECTION',
        'A Worker needs a connection made by createConnection()',
      );
    }
    this.connection = connection;
    this.id = options.id ?? randomUUID();
    this.queues = options.queues?.length ? options.queues : [connection.getDefaultQueue()];
    this.concurrency = Math.max(1, options.concurrency ?? 1);
    this.prefetch = Math.max(0, Math.floor(options.prefetch ?? 0));
    this.sleep = options.sleep ?? 3;
    this.defaults = { maxAttempts: options.maxAttempts, timeout: options.timeout, backoff: options.backoff };
    this.events = new EventHub<WorkerEventMap>((error) => this.events.emit('error', toError(error)));
    if (options.isolation === 'thread') {
      if (options.jobsModule === undefined) {
        throw new QueueError(
          'ERR_ISOLATION_MODULE',
          "isolation: 'thread' needs jobsModule: the module that exports your JobRegistry, e.g. new URL('./jobs.js', import.meta.url)",
        );
      }
      this.pool = new ThreadPool(options.jobsModule, connection.runtime().codecOptions);
    }
    this.runner = new JobRunner(connection, {
      defaults: this.defaults,
      events: this.events,
      isolated: this.pool,
    });
    this.runner.onStart = (run) => this.active.set(run.reservation, run);
    this.runner.onEnd = (run) => this.active.delete(run.reservation);
    const lease = options.lease ?? 30;
    this.keeper = new LeaseKeeper(connection.driver, lease, (error) => this.reportError(error));
    const batch = options.completeBatchSize ?? Math.min(this.concurrency + this.prefetch, 500);
    this.batcher = new CompletionBatcher(
      connection.driver,
      batch,
      options.completeBatchDelay ?? 0,
      (results) => this.completed(results),
      (error) => this.reportError(error),
    );
  }

  async start(): Promise<void> {
    if (this.status === 'running' || this.status === 'starting') return;
    if (this.status === 'stopping')
      throw new WorkerStateError('The worker is stopping: wait for stop() first');
    this.status = 'starting';
    await this.connection.driver.connect();
    this.status = 'running';
    this.wake = new AbortController();
    this.stopping = undefined;
    if (this.options.maxTime) {
      this.maxTimeTimer = setTimeout(() => void this.stop(), this.options.maxTime * 1000);
    }
    this.loopDone = this.loop();
  }

  /** Stops reserving, lets running jobs finish for `gracePeriod` seconds, then releases them. */
  stop(options: { force?: boolean } = {}): Promise<void> {
    if (this.status === 'created' || this.status === 'stopped') return Promise.resolve();
    if (options.force) this.forced = true;
    if (this.stopping) {
      if (options.force) this.forceNow?.();
      return this.stopping;
    }
    this.status = 'stopping';
    this.events.emit('stopping');
    this.wake.abort();
    this.slotWaiter?.();
    this.stopping = this.drain();
    return this.stopping;
  }

  private forced = false;
  private forceNow: (() => void) | undefined;

  private async drain(): Promise<void> {
    clearTimeout(this.maxTimeTimer);
    await this.loopDone;
    await this.giveBack(this.buffer.splice(0));
    const grace = this.forced ? 0 : (this.options.gracePeriod ?? 30) * 1000;
    if (this.running > 0 && grace > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, grace);
        this.forceNow = () => {
          clearTimeout(timer);
          resolve();
        };
        this.whenIdle = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    this.whenIdle = undefined;
    // Whatever still runs is released so another worker takes it at once (rule 14).
    const leftovers = [...this.active.entries()];
    for (const [reservation, run] of leftovers) {
      this.releasedAtStop.add(reservation);
      run.abort(new WorkerStateError('The worker stopped before the job finished'));
      try {
        await this.connection.driver.release(reservation, 0);
      } catch (error) {
        this.reportError(error);
      }
    }
    await this.batcher.flush();
    this.keeper.stop();
    await this.pool?.close();
    this.status = 'stopped';
    this.events.emit('stopped');
  }

  private whenIdle: (() => void) | undefined;
  /** Ends the idle wait in progress, if any. */
  private endWait: (() => void) | undefined;
  /** Reservations given back at stop: whatever their handler does later is not recorded. */
  private readonly releasedAtStop = new Set<Reservation>();

  async processNext(queue?: string): Promise<boolean> {
    const reserved = await this.connection.driver.reserve(
      queue ? [queue] : this.queues,
      1,
      this.options.lease ?? 30,
    );
    const reservation = reserved[0];
    if (reservation === undefined) return false;
    this.keeper.hold(reservation);
    try {
      const result = await this.runner.run(reservation);
      this.count(result);
      if (result.outcome === 'completed') {
        await this.connection.driver.complete([reservation]);
        this.completed([result]);
      }
    } finally {
      this.keeper.letGo(reservation);
    }
    return true;
  }

  getStatus(): string {
    return this.status;
  }

  setMaxAttempts(maxAttempts: number): void {
    this.defaults.maxAttempts = maxAttempts;
  }

  setTimeout(timeout: number): void {
    this.defaults.timeout = timeout;
  }

  setSleep(sleep: number): void {
    this.sleep = sleep;
  }

  /** Changes how many jobs run at once; takes effect at the next reservation. */
  setConcurrency(concurrency: number): void {
    this.concurrency = Math.max(1, concurrency);
  }

  getId(): string {
    return this.id;
  }

  getProcessedCount(): number {
    return this.processed;
  }

  getFailedCount(): number {
    return this.failedCount;
  }

  /** Jobs running now. */
  getRunningCount(): number {
    return this.running;
  }

  on<E extends keyof WorkerEventMap>(event: E, handler: WorkerEventMap[E]): () => void;
  on(event: string, handler: Function): () => void;
  on(event: string, handler: Function): () => void {
    return this.events.on(event, handler);
  }

  private async loop(): Promise<void> {
    const { driver } = this.connection;
    let idleReported = false;
    while (this.status === 'running') {
      const { maxJobs } = this.options;
      if (maxJobs !== undefined && this.ran >= maxJobs) {
        void this.stop();
        break;
      }
      this.startBuffered();
      const held = this.running + this.buffer.length;
      // never claim past maxJobs: what would not run would only be given back
      const room = Math.min(
        this.concurrency + this.prefetch - held,
        maxJobs === undefined ? Number.POSITIVE_INFINITY : maxJobs - this.ran - held,
      );
      // with a buffer: claim again once it is down to half, for every free place at once
      if (room <= 0 || this.buffer.length > this.prefetch / 2) {
        await new Promise<void>((resolve) => {
          this.slotWaiter = resolve;
        });
        this.slotWaiter = undefined;
        continue;
      }
      let reserved: Reservation[];
      try {
        reserved = await driver.reserve(this.queues, room, this.options.lease ?? 30);
      } catch (error) {
        this.reportError(error);
        await driver.waitForWork([], Math.min(this.sleep, 1), this.wake.signal).catch(() => false);
        continue;
      }
      if (this.status !== 'running') {
        await this.giveBack(reserved);
        break;
      }
      if (reserved.length === 0) {
        if (this.running === 0 && this.buffer.length === 0 && this.batcher.pending === 0) {
          if (!idleReported) this.events.emit('idle');
          idleReported = true;
          if (this.options.stopWhenEmpty) {
            void this.stop();
            break;
          }
        }
        // A wait of its own, so the last running job finishing can end it (stopWhenEmpty).
        const wait = new AbortController();
        this.endWait = () => wait.abort();
        const stop = () => wait.abort();
        this.wake.signal.addEventListener('abort', stop, { once: true });
        try {
          await driver.waitForWork(this.queues, this.sleep, wait.signal);
        } catch (error) {
          this.reportError(error);
        } finally {
          this.endWait = undefined;
          this.wake.signal.removeEventListener('abort', stop);
        }
        continue;
      }
      idleReported = false;
      for (const reservation of reserved) {
        this.keeper.hold(reservation);
        this.buffer.push(reservation);
      }
    }
  }

  /** Starts buffered jobs in the free slots. */
  private startBuffered(): void {
    while (this.running < this.concurrency && this.status === 'running') {
      const reservation = this.buffer.shift();
      if (reservation === undefined) return;
      this.runOne(reservation);
    }
  }

  /** Returns jobs that never started, their attempts refunded. */
  private async giveBack(reservations: Reservation[]): Promise<void> {
    const { driver } = this.connection;
    await Promise.all(
      reservations.map(async (reservation) => {
        this.keeper.letGo(reservation);
        try {
          await driver.release(reservation, 0, { refund: true });
        } catch (error) {
          this.reportError(error);
        }
      }),
    );
  }

  private runOne(reservation: Reservation): void {
    this.running++;
    this.runner.run(reservation).then(
      (result) => this.finished(reservation, result),
      (error: unknown) => {
        this.reportError(error);
        this.finished(reservation, undefined);
      },
    );
  }

  private finished(reservation: Reservation, result: RunResult | undefined): void {
    this.keeper.letGo(reservation);
    this.running--;
    if (this.releasedAtStop.delete(reservation)) result = undefined;
    if (result !== undefined) {
      this.count(result);
      if (result.outcome === 'completed') this.batcher.add(reservation, result);
    }
    if (this.options.maxJobs !== undefined && this.ran >= this.options.maxJobs) void this.stop();
    this.startBuffered();
    this.slotWaiter?.();
    if (this.running === 0) {
      this.whenIdle?.();
      if (this.options.stopWhenEmpty) this.endWait?.();
    }
  }

  private count(result: RunResult): void {
    this.ran++;
    if (result.outcome === 'failed') this.failedCount++;
  }

  private completed(results: RunResult[]): void {
    this.processed += results.length;
    if (!this.events.has('processed')) return;
    for (const { job, info } of results) this.events.emit('processed', job, info);
  }

  private reportError(error: unknown): void {
    if (this.events.has('error')) this.events.emit('error', toError(error));
  }
}
